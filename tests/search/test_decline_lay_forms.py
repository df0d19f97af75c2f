"""Lay forms in the glossary (taxonomy/0009): the buyer's symptom words (漏水, 费电, 生锈 …) are lay forms of the
technical concept that answers them, so they count as evidence for the decline where a listing names the remedy,
without becoming search terms."""

import importlib

import pytest
from django.apps import apps

from search.matching import evidence, matches_for_need
from search.matching.facts import found_terms
from search.profiles import achievement_profile, need_profile
from taxonomy import glossary
from taxonomy.models import GlossaryTerm, TechnicalField
from tests.factories import make_achievement, make_institution_page
from tests.search.factories import published_need

pytestmark = pytest.mark.django_db

lay_forms = importlib.import_module("taxonomy.migrations.0009_load_glossary_lay_forms")


@pytest.fixture
def pool():
    parent = make_institution_page()
    materials = TechnicalField.objects.get(code="materials")
    return {
        "membrane": make_achievement(
            parent,
            title="自粘型高分子防水卷材",
            summary="TPO 高分子片材与丁基自粘层复合,用于彩钢板屋面和地下室的防水防渗,搭接处冷粘不渗漏,耐候 20 年。",
            keywords=["防水卷材", "屋面防水", "自粘"],
            technical_field=materials,
            external_id="ach-membrane",
        ),
        "coating": make_achievement(
            parent,
            title="石墨烯改性环氧防腐涂料",
            summary="石墨烯片层阻隔腐蚀介质,钢结构耐盐雾 3000 h,用于桥梁、储罐和海上设施的重防腐。",
            keywords=["石墨烯", "防腐涂料", "钢结构"],
            technical_field=materials,
            external_id="ach-coating",
        ),
        "drive": make_achievement(
            parent,
            title="永磁同步变频驱动改造",
            summary="为空压机、水泵和风机换装永磁同步电机与变频控制,按需供气供水,综合节能 25% 以上。",
            keywords=["变频", "永磁同步电机", "节能改造"],
            technical_field=TechnicalField.objects.get(code="manufacturing"),
            external_id="ach-drive",
        ),
    }


def _need(title, problem, *, field="materials"):
    return published_need(title, problem, field=field)


def test_lay_forms_name_the_concept_but_do_not_expand_search():
    saving = GlossaryTerm.objects.get(term_zh="节能")
    assert "费电" in saving.lay_form_list and "费电" not in saving.synonym_list
    assert {"漏水", "渗水"} <= set(GlossaryTerm.objects.get(term_zh="防渗漏").lay_form_list)
    current = glossary.current()
    assert current.lay_mentions("空压机太费电,电费太高").found == {saving.pk: {"费电", "电费"}}
    # Search expansion is what it was without them, in both directions.
    assert "节能" not in glossary.expand("空压机太费电").split()
    assert "生锈" not in glossary.expand("储罐外壁做了防腐,耐腐蚀").split()


def test_a_symptom_word_counts_as_evidence_for_the_remedy(pool):
    need = need_profile(_need("厂房彩钢瓦屋顶一下雨就漏水", "车间屋顶是彩钢瓦,接缝处一下大雨就漏水渗水,机床都得盖上。"))
    membrane, coating = achievement_profile(pool["membrane"]), achievement_profile(pool["coating"])
    found = dict(found_terms(need, membrane))
    assert "漏水" in found and "渗水" in found  # the listing says 防水, 防渗, 渗漏
    assert "漏水" not in dict(found_terms(need, coating))
    assert evidence(need, membrane) > evidence(need, coating)


def test_a_lay_need_is_recommended_the_listing_that_names_the_remedy(pool):
    need = _need(
        "空压机和水泵太费电",
        "车间三台空压机和两台水泵一直满负荷转,电费一个月十几万,耗电太大,想改造一下省电。",
        field="manufacturing",
    )
    matches = matches_for_need(need)
    assert matches[0].external_id == "ach-drive" and matches[0].recommended
    assert {"费电", "耗电"} <= {term for term, _weight in matches[0].found_terms}
    assert any("术语对照" in reason and "节能" in reason for reason in matches[0].reasons)
    assert [m.external_id for m in matches if m.recommended] == ["ach-drive"]


def test_the_migration_adds_only_missing_forms_and_keeps_staff_edits():
    saving = GlossaryTerm.objects.get(term_zh="节能")
    saving.lay_forms = "省能源、费电"  # a staff edit: one form of its own, one lay form already there
    saving.synonyms = "耗能"  # staff made a lay form a search form: it is not repeated as a lay form
    saving.save()
    GlossaryTerm.objects.filter(term_zh="防渗漏").delete()
    lay_forms.load(apps, None)
    lay_forms.load(apps, None)  # re-running adds nothing twice
    saving.refresh_from_db()
    lay = saving.lay_form_list
    assert lay[:2] == ["省能源", "费电"] and lay.count("费电") == 1 and "耗电" in lay and "耗能" not in lay
    assert saving.synonym_list == ["耗能"]
    created = GlossaryTerm.objects.get(term_zh="防渗漏")
    assert created.synonyms == "" and created.term_en == "" and "漏水" in created.lay_form_list
    lay_forms.unload(apps, None)
    saving.refresh_from_db()
    assert saving.lay_form_list == ["省能源"] and saving.synonym_list == ["耗能"]
    assert not GlossaryTerm.objects.filter(term_zh="防渗漏").exists()
