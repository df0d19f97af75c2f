"""A listing that states no TRL, field, chain, IP type or transfer mode is shown honestly as "not stated" on its
page, its card, the API (null, nullable in the schema), sorting and the contract bridge; search tolerates it."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
import yaml
from django.core.management import call_command
from django.utils import translation

from marketplace.models import AchievementPage
from search.documents import achievement_document
from search.matching.facts import trl_factor
from search.profiles import achievement_profile
from tests.factories import make_achievement
from tests.module_data import fresh, institution_with_page, module_transaction

pytestmark = pytest.mark.django_db


def _build_unstated(institution_page):
    return make_achievement(
        institution_page,
        title="未说明就绪度的成果",
        trl=None,
        technical_field=None,
        pricing=AchievementPage.Pricing.NEGOTIABLE,
        price_cny=None,
    )


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker):
    """The suite's institution page and the listing that states nothing, built once for the module inside a
    transaction rolled back after it; each test's writes roll back to a savepoint. The fixtures below hand each test
    fresh copies."""
    with module_transaction(django_db_blocker):
        institution, page = institution_with_page()
        yield institution, page, _build_unstated(page)


@pytest.fixture
def institution(_built, db):
    return fresh(_built[0])


@pytest.fixture
def institution_page(_built, db):
    return fresh(_built[1])


@pytest.fixture
def unstated(_built, db):
    return fresh(_built[2])


def test_the_page_says_not_stated(client, unstated):
    html = client.get(unstated.url).content.decode()
    assert "成果单位未说明技术就绪度" in html and "TRL None" not in html and "TRL </span>" not in html
    facts = html[html.index("转化条件") :]
    assert facts.count("未填写") >= 3  # transfer modes, technical field, industry chain
    assert "未登记知识产权信息" in html


def test_the_page_says_not_stated_in_english(client, unstated):
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        html = client.get(unstated.url, headers={"accept-language": "en"}).content.decode()
    assert "has not stated a readiness level" in html


def test_the_listing_card_says_not_stated_and_the_listing_still_filters(client, institution_page, unstated):
    make_achievement(institution_page, title="就绪度七级的成果", trl=7)
    html = client.get("/achievements/").content.decode()
    assert "技术领域未填写" in html and "TRL 未填写" in html
    filtered = client.get("/achievements/?trl_min=6").content.decode()
    assert "就绪度七级的成果" in filtered and "未说明就绪度的成果" not in filtered  # unknown does not meet "≥ 6"


@pytest.mark.parametrize("sort", ["-trl", "trl"])
def test_unknown_trl_sorts_last_both_ways(client, institution_page, unstated, sort):
    for trl in (3, 8):
        make_achievement(institution_page, title=f"TRL{trl} 成果", trl=trl)
    rows = client.get(f"/api/v1/achievements/?sort={sort}").json()["results"]
    assert [row["trl"] for row in rows] == ([8, 3, None] if sort == "-trl" else [3, 8, None])


def test_the_api_gives_null_not_a_default(client, unstated):
    data = client.get(f"/api/v1/achievements/{unstated.pk}/").json()
    assert data["trl"] is None and data["technical_field"] is None
    assert data["industry_chains"] == [] and data["transfer_modes"] == [] and data["ip_types"] == []
    listed = client.get("/api/v1/achievements/").json()["results"]
    assert [row["trl"] for row in listed] == [None]


def test_the_schema_marks_trl_and_field_nullable():
    out = io.StringIO()
    call_command("spectacular", "--format", "openapi", stdout=out)
    schema = yaml.safe_load(out.getvalue())
    listing = schema["components"]["schemas"]["AchievementListOut"]["properties"]
    assert listing["trl"].get("nullable") is True
    field = listing["technical_field"]
    assert field.get("nullable") is True or any(
        option.get("nullable") for option in field.get("oneOf", []) + field.get("allOf", [])
    )


def test_search_documents_and_profiles_tolerate_unknown(unstated):
    document = achievement_document(unstated)
    assert document["trl"] is None and document["technical_field"] is None
    profile = achievement_profile(unstated)
    assert profile.trl is None and profile.technical_field == ""


def test_matching_does_not_punish_unknown_trl_below_a_stated_shortfall():
    # Reported, not changed here: unknown is neutral (1.0); a listing that meets the need gets 1.1.
    assert trl_factor(None, 6) == 1.0 > trl_factor(5, 6)


def test_a_contract_can_be_drafted_from_a_listing_that_states_nothing(
    unstated, user_institution_editor, enterprise_b, user_registrar
):
    from registration import services
    from tests.registration.factories import city_registry

    city_registry(user_registrar)
    contract = services.contract_prefill_from_achievement(
        achievement=unstated, buyer_organisation=enterprise_b, seller_user=user_institution_editor
    )
    assert contract.technical_field is None and contract.total_amount_cny == Decimal("0.00")
    assert list(contract.achievements.all()) == [unstated]
