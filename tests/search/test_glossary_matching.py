"""Matching across languages and vocabularies through the glossary, structure as a bonus only, the decline, and
reasons that compare indicators (basic mode; the engine twins are in test_engine.py)."""

import pytest

from marketplace.models import AchievementIndicator, NeedIndicator
from search.matching import matches_for_achievement, matches_for_need
from taxonomy.models import TechnicalField
from tests.factories import make_achievement, make_institution_page
from tests.search.factories import built_once, fresh, published_need

pytestmark = pytest.mark.django_db


def _build_listings() -> dict:
    parent = make_institution_page()
    materials = TechnicalField.objects.get(code="materials")
    pages = {
        "ptfe-zh": make_achievement(
            parent,
            title="耐高温聚四氟乙烯覆膜滤料",
            summary="采用双向拉伸工艺制备聚四氟乙烯微孔膜,与玻纤基布复合,用于钢铁和水泥窑炉烟气除尘。",
            keywords=["聚四氟乙烯", "滤料"],
            technical_field=materials,
            industry_chains=["FLU.02.02"],
            trl=7,
            external_id="ach-ptfe-zh",
        ),
        "lib-en": make_achievement(
            parent,
            title="Long-cycle lithium-ion battery for grid storage",
            summary="A lithium-ion battery cell design with 6000 cycles at 80% capacity retention for stationary storage.",
            keywords=["lithium-ion battery", "energy storage"],
            technical_field=TechnicalField.objects.get(code="energy"),
            industry_chains=["NEM.03.01"],
            trl=7,
            external_id="ach-lib-en",
        ),
        "carbide": make_achievement(
            parent,
            title="超细晶硬质合金刀具",
            summary="以超细碳化钨粉制备硬质合金刀片,耐磨性提高一倍,适合钛合金铣削。",
            keywords=["硬质合金", "刀具"],
            technical_field=materials,
            industry_chains=["TUN.02.01"],
            trl=6,
            external_id="ach-carbide",
        ),
        "coating": make_achievement(
            parent,
            title="石墨烯重防腐涂料",
            summary="石墨烯改性环氧防腐涂料,中性盐雾试验 3200 h 无起泡,用于海上风电塔筒。",
            keywords=["石墨烯", "防腐涂料"],
            technical_field=materials,
            industry_chains=["GRA.02.02"],
            trl=7,
            external_id="ach-coating",
        ),
    }
    AchievementIndicator.objects.create(page=pages["coating"], name="中性盐雾", value="3200", unit="h", sort_order=0)
    AchievementIndicator.objects.create(page=pages["carbide"], name="硬度", value="92.5", unit="HRA", sort_order=0)
    for page in pages.values():
        page.save_revision().publish()
    return pages


@pytest.fixture(scope="module")
def _listings(django_db_setup, django_db_blocker):
    """The four listings are built once for the module, in basic mode; each test's needs and indicators roll back to
    a savepoint, and the matcher's cached profiles and corpora are forgotten after every test (tests/conftest.py)."""
    with built_once(django_db_blocker, _build_listings) as out:
        yield out


@pytest.fixture
def listings(_listings, db):
    return fresh(_listings)


def _need(title, problem, *, chain=None, field="materials", **kwargs):
    return published_need(title, problem, field=field, chain=chain, **kwargs)


def test_an_english_need_finds_the_chinese_listing_and_says_which_term_bridged(listings):
    need = _need("PTFE filter media for kiln flue gas", "We need PTFE membrane filter bags for dust removal.")
    matches = matches_for_need(need)
    assert matches[0].external_id == "ach-ptfe-zh"
    assert matches[0].recommended
    assert any("术语对照" in r and "PTFE" in r and "聚四氟乙烯" in r for r in matches[0].reasons)


def test_a_chinese_need_finds_the_english_listing(listings):
    need = _need("储能电站锂电池", "储能电站需要长循环寿命的锂电池,循环次数 6000 次以上。", field="energy")
    matches = matches_for_need(need)
    assert matches[0].external_id == "ach-lib-en"
    assert any("术语对照" in r and "lithium-ion battery" in r for r in matches[0].reasons)


def test_an_achievement_finds_a_need_written_in_the_other_language(listings):
    _need("Cemented carbide inserts for titanium milling", "Looking for cemented carbide tools with longer life.")
    matches = matches_for_achievement(listings["carbide"])
    assert matches and matches[0].title.startswith("Cemented carbide")


def test_a_need_without_codes_is_matched_as_well_as_with_them(listings):
    text = ("硬质合金刀具寿命短", "钛合金零件铣削时硬质合金刀片磨损快,寻求耐磨性更好的刀具。")
    coded = matches_for_need(_need(*text, chain="TUN.02.01"))
    uncoded = matches_for_need(_need(*text, field="manufacturing"))
    assert coded[0].external_id == uncoded[0].external_id == "ach-carbide"
    assert [m.external_id for m in coded if m.recommended] == [m.external_id for m in uncoded if m.recommended]
    assert any("据文字推断" in r for r in uncoded[0].reasons)


def test_codes_alone_never_make_a_match(listings):
    need = _need("车间照明改造", "厂房灯具老化,想换一批节能灯具。", chain="GRA.02.02")
    assert "ach-coating" not in [m.external_id for m in matches_for_need(need)]


def test_weaker_candidates_come_below_the_recommended_ones(listings):
    need = _need("海上风电塔筒防腐", "海上风电塔筒涂层两年就起泡生锈,需要耐盐雾的防腐涂料。")
    matches = matches_for_need(need)
    assert matches[0].external_id == "ach-coating" and matches[0].recommended
    flags = [m.recommended for m in matches]
    assert flags == sorted(flags, reverse=True)


def test_a_need_nothing_answers_gets_no_recommended_match_but_sees_the_weak_ones(listings):
    need = _need("餐厅油烟净化", "饭店厨房油烟扰民,需要低成本油烟净化设备,安装在屋顶,处理风量两万立方。")
    assert [m for m in matches_for_need(need) if m.recommended] == []


def test_reasons_compare_a_target_with_an_indicator_of_the_same_unit(listings):
    need = _need("塔筒防腐涂料", "海上风电塔筒需要长效防腐涂料。")
    NeedIndicator.objects.create(need=need, name="耐中性盐雾", target="≥ 3000", unit="h", sort_order=0)
    reasons = " ".join(next(m for m in matches_for_need(need) if m.external_id == "ach-coating").reasons)
    assert "指标达标" in reasons and "3200" in reasons and "3000" in reasons
    stricter = _need("塔筒防腐涂料(严苛)", "海上风电塔筒需要长效防腐涂料。")
    NeedIndicator.objects.create(need=stricter, name="中性盐雾时间", target="不低于 5000", unit="小时", sort_order=0)
    reasons = " ".join(next(m for m in matches_for_need(stricter) if m.external_id == "ach-coating").reasons)
    assert "指标未达标" in reasons and "5000" in reasons


def test_an_english_search_query_finds_a_chinese_listing(listings):
    from search.searching import SearchParams, search_listings

    results = search_listings(SearchParams(q="PTFE"))
    assert "ach-ptfe-zh" in [hit.external_id for hit in results.hits]
