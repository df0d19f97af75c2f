"""The listing filters' select lists: built once and cached, rebuilt when a term or an institution is written."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Organisation
from taxonomy.models import IndustryChainNode, Region, TechnicalField, TransferMode
from tests.factories import InstitutionFactory, make_achievement

pytestmark = pytest.mark.django_db

TAXONOMY_TABLES = ("taxonomy_technicalfield", "taxonomy_industrychainnode", "taxonomy_iptype", "taxonomy_transfermode")


def _taxonomy_queries(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    # A select list reads a term table alone; the cards' own terms come joined to the listed rows (marketplace_*).
    return [
        q["sql"]
        for q in queries.captured_queries
        if any(f'FROM "{table}"' in q["sql"] for table in (*TAXONOMY_TABLES, "taxonomy_region"))
        and "marketplace_" not in q["sql"]
    ]


def _options(response, name: str) -> str:
    return str(response.context["filter"].form[name])


@pytest.mark.parametrize("url", ["/achievements/", "/needs/"])
def test_second_view_reads_no_taxonomy_table(client, institution_page, url):
    make_achievement(institution_page, title="石墨烯散热膜")
    make_achievement(institution_page, title="氟化物固态电解质")
    first = _taxonomy_queries(client, url)
    assert len(first) >= 3  # the selects were built from the tables once
    assert _taxonomy_queries(client, url) == []


def test_second_view_reads_no_institution_list(client, institution_page):
    make_achievement(institution_page, title="石墨烯散热膜")

    def institution_lists():
        with CaptureQueriesContext(connection) as queries:
            client.get("/achievements/")
        return [
            q
            for q in queries.captured_queries
            if 'FROM "accounts_organisation"' in q["sql"] and "marketplace_" not in q["sql"]
        ]

    assert len(institution_lists()) == 1
    assert institution_lists() == []


def test_a_new_renamed_or_deleted_term_shows_at_once(client, institution_page):
    response = client.get("/achievements/")
    assert "量子信息" not in _options(response, "field")

    quantum = TechnicalField.objects.create(code="quantum", name="量子信息", name_en="Quantum information")
    mode = TransferMode.objects.order_by("code").first()
    old_name = mode.name
    mode.name = "改名后的转化方式"
    mode.save()
    response = client.get("/achievements/")
    assert 'value="quantum"' in _options(response, "field")
    assert "量子信息" in _options(response, "field")
    assert "改名后的转化方式" in _options(response, "mode")
    assert old_name not in _options(response, "mode")

    quantum.delete()
    response = client.get("/achievements/")
    assert "量子信息" not in _options(response, "field")


def test_a_new_chain_node_and_region_show_on_the_need_listing(client):
    client.get("/needs/")
    parent = IndustryChainNode.objects.filter(level=1).order_by("code").first()
    IndustryChainNode.objects.create(
        code=f"{parent.code}.99", name="新增产业环节", level=2, parent=parent, sort_order=99
    )
    province = Region.objects.filter(level=Region.Level.PROVINCE).order_by("code").first()
    Region.objects.create(code=province.code[:2] + "9900", name="新设城市", level=Region.Level.CITY, parent=province)
    response = client.get("/needs/")
    assert "新增产业环节" in _options(response, "chain")
    assert "新设城市" in _options(response, "region")


def test_an_approved_institution_appears_and_a_suspended_one_leaves(client, institution_page):
    client.get("/achievements/")
    newcomer = InstitutionFactory(name="新成立的量子研究院")
    response = client.get("/achievements/")
    assert "新成立的量子研究院" in _options(response, "institution")
    newcomer.status = Organisation.Status.PENDING
    newcomer.save()
    response = client.get("/achievements/")
    assert "新成立的量子研究院" not in _options(response, "institution")


def test_each_language_has_its_own_labels(client, institution_page):
    chinese = client.get("/achievements/")
    client.post("/i18n/setlang/", {"language": "en", "next": "/achievements/"})
    english = client.get("/achievements/")
    energy = TechnicalField.objects.get(code="energy")
    assert energy.name in _options(chinese, "field")
    assert energy.name_en and energy.name_en in _options(english, "field")
    assert energy.name not in _options(english, "field")


def test_a_chosen_filter_is_still_checked_against_the_table(client, institution_page):
    client.get("/achievements/")  # cache the lists
    TechnicalField.objects.filter(code="energy").update(is_active=False)  # no signal: the cached list still has it
    response = client.get("/achievements/?field=energy")
    assert "field" in response.context["filter"].form.errors  # validation reads the table, not the cached options


@pytest.mark.parametrize("value", [None, "", "b", "<x>"])
def test_plain_select_writes_what_django_select_writes(value):
    from django import forms

    from marketplace.widgets import PlainSelect

    choices = [("", "全部"), ("a", "甲 & 乙"), ("b", "<b>"), ("组", [("<x>", "x"), ("y", '"y"')])]
    attrs = {"id": "id_f", "required": True, "disabled": False, "data-x": 'a"b'}
    expected = forms.Select(attrs=attrs, choices=choices).render("f", value)
    assert PlainSelect(attrs=attrs, choices=choices).render("f", value) == expected
