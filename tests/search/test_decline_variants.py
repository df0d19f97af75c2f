"""Variant families (taxonomy/0010–0011): a need about one variant of a kind is not recommended a listing about a
sibling variant, however many words they share; the row stays listed under the line and says why."""

import importlib

import pytest
from django.apps import apps
from django.utils import translation

from search.matching import matches_for_achievement, matches_for_need
from taxonomy import glossary
from taxonomy.models import GlossaryTerm, TechnicalField
from tests.factories import make_achievement, make_institution_page
from tests.search.factories import built_once, fresh, published_need

pytestmark = pytest.mark.django_db

families = importlib.import_module("taxonomy.migrations.0011_load_glossary_variant_families")
families_en = importlib.import_module("taxonomy.migrations.0012_glossary_variant_families_english")


def _build_pool() -> dict:
    parent = make_institution_page()
    agriculture = TechnicalField.objects.get(code="agriculture")
    pages = {
        "enoki": make_achievement(
            parent,
            title="金针菇工厂化瓶栽出菇管理技术",
            summary="针对瓶栽金针菇出菇不齐、产量低、杂菌污染多,优化菌种和培养料配方,菇房温度、湿度和二氧化碳分段控制,"
            "杂菌污染率降到1%以下,单瓶产量提高15%。",
            keywords=["金针菇", "出菇", "菇房"],
            technical_field=agriculture,
            external_id="ach-enoki",
        ),
        "ptfe": make_achievement(
            parent,
            title="聚四氟乙烯微孔膜除尘滤料",
            summary="双向拉伸聚四氟乙烯微孔膜与玻纤基布复合,用于水泥窑和垃圾焚烧烟气除尘。",
            keywords=["聚四氟乙烯", "滤料"],
            technical_field=TechnicalField.objects.get(code="materials"),
            external_id="ach-ptfe",
        ),
    }
    for page in pages.values():
        page.save_revision().publish()
    return pages


@pytest.fixture(scope="module")
def _pool(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker, _build_pool) as out:
        yield out


@pytest.fixture
def pool(_pool, db):
    return fresh(_pool)


def _need(title, problem, keywords=""):
    return published_need(title, problem, keywords, field="agriculture")


SHIITAKE_NEED = (
    "香菇出菇不齐产量低",
    "我们的香菇菇房出菇高高矮矮不齐,杂菌污染多,产量上不去,想找菇房温度、湿度和二氧化碳控制以及培养料配方优化的技术。",
    "香菇、出菇、菇房",
)
ENOKI_NEED = (
    "金针菇瓶栽产量低",
    "新上的金针菇瓶栽线出菇不齐,一瓶才收三百多克,杂菌污染也多,想请专家优化菇房温湿度和二氧化碳控制。",
    "金针菇、出菇、菇房",
)


def _row(matches, external_id):
    return next(m for m in matches if m.external_id == external_id)


def test_the_shipped_families_make_two_mushrooms_siblings():
    shiitake, enoki = GlossaryTerm.objects.get(term_zh="香菇"), GlossaryTerm.objects.get(term_zh="金针菇")
    assert shiitake.variant_family and shiitake.variant_family == enoki.variant_family


def test_a_sibling_variant_is_listed_below_the_line_with_the_reason(pool):
    row = _row(matches_for_need(_need(*SHIITAKE_NEED)), "ach-enoki")
    assert not row.recommended and row.evidence >= 1.2  # it says most of the need's words
    family = GlossaryTerm.objects.get(term_zh="香菇").variant_family
    assert row.reasons[0] == f"注意:需求针对“香菇”,该成果针对“金针菇”(同类不同种:{family})"  # why it is under the line
    with translation.override("en"):
        row = _row(matches_for_need(_need(*SHIITAKE_NEED)), "ach-enoki")
    assert any(r.startswith("Note: the need is about “香菇”, this achievement about “金针菇”") for r in row.reasons)


def test_without_the_family_the_same_listing_is_recommended(pool):
    GlossaryTerm.objects.filter(term_zh__in=["香菇", "金针菇"]).update(variant_family="")
    glossary.invalidate()
    row = _row(matches_for_need(_need(*SHIITAKE_NEED)), "ach-enoki")
    assert row.recommended and not any(r.startswith("注意:需求针对") for r in row.reasons)


def test_the_variant_asked_for_is_still_recommended(pool):
    matches = matches_for_need(_need(*ENOKI_NEED))
    assert matches[0].external_id == "ach-enoki" and matches[0].recommended
    # A buyer who names the listing's variant (moving from it) is not declined it either.
    need = _need(
        "香菇出菇不齐产量低",
        "菇房原来种金针菇,今年改种香菇,出菇高高矮矮不齐,杂菌污染多,想找温度、湿度和二氧化碳控制的技术。",
        "香菇、出菇、菇房",
    )
    assert _row(matches_for_need(need), "ach-enoki").recommended


def test_an_achievements_list_of_needs_keeps_the_sibling_below_the_line(pool):
    shiitake, enoki = _need(*SHIITAKE_NEED), _need(*ENOKI_NEED)
    rows = {m.object_id: m for m in matches_for_achievement(pool["enoki"])}
    assert rows[enoki.pk].recommended and not rows[shiitake.pk].recommended


def test_alerts_do_not_announce_a_sibling(pool):
    from search.matching.facts import pair_recommended
    from search.profiles import achievement_profile, need_profile

    enoki = achievement_profile(pool["enoki"])
    assert pair_recommended(need_profile(_need(*ENOKI_NEED)), enoki)
    assert not pair_recommended(need_profile(_need(*SHIITAKE_NEED)), enoki)


def test_the_migration_keeps_staff_families_and_unloads_what_it_added():
    shiitake = GlossaryTerm.objects.get(term_zh="香菇")
    shipped = shiitake.variant_family
    shiitake.variant_family = "香菇类(自定)"  # a staff edit
    shiitake.save()
    added = [m for f in families._families() for m in f["members"]]
    earlier = {row["term_zh"] for name in families.EARLIER for row in _json(name)}
    created = [m for m in added if m not in earlier]
    families.unload(apps, None)
    shiitake.refresh_from_db()
    assert shiitake.variant_family == "香菇类(自定)"  # not the shipped family: left alone
    assert not GlossaryTerm.objects.filter(term_zh__in=created).exists()
    assert GlossaryTerm.objects.get(term_zh="金针菇").variant_family == ""
    families.load(apps, None)
    families.load(apps, None)  # re-running creates nothing twice
    shiitake.refresh_from_db()
    assert shiitake.variant_family == "香菇类(自定)"
    assert GlossaryTerm.objects.get(term_zh="金针菇").variant_family == shipped
    assert GlossaryTerm.objects.filter(term_zh__in=created).count() == len(created)
    assert set(GlossaryTerm.objects.filter(term_zh__in=created).values_list("synonyms", "term_en").distinct()) <= {
        ("", "")
    }


def test_created_members_carry_english_and_the_migration_keeps_staff_edits():
    rice = GlossaryTerm.objects.get(term_zh="水稻")  # created by 0011 with its Chinese term only
    assert rice.term_en == "rice" and "paddy rice" in rice.synonym_list
    assert glossary.current().mentions("Paddy rice seedlings in Fujian").concept_ids == {rice.pk}
    rice.term_en = "rice crop"  # a staff edit
    rice.save()
    families_en.unload(apps, None)
    rice.refresh_from_db()
    assert rice.term_en == "rice crop" and rice.synonyms == ""
    families_en.load(apps, None)
    families_en.load(apps, None)  # re-running adds nothing twice
    rice.refresh_from_db()
    assert rice.term_en == "rice crop" and rice.synonym_list == ["Oryza sativa", "paddy rice"]


def _json(name):
    import json

    return json.loads(families.DATA.with_name(name).read_text(encoding="utf-8"))


@pytest.mark.engine
def test_both_matchers_keep_the_sibling_below_the_line(pool):
    from search.matching import db_matches, engine_matches
    from search.profiles import need_profile
    from search.services import index_rebuild

    need = _need(*SHIITAKE_NEED)
    index_rebuild()
    profile = need_profile(need)
    for rows in (engine_matches(profile, limit=10), db_matches(profile, limit=10)):
        row = _row(rows, "ach-enoki")
        assert not row.recommended and any(r.startswith("注意:需求针对“香菇”") for r in row.reasons)
