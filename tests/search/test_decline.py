"""The decline: "recommended" comes from text evidence (the need's distinctive words found in the achievement,
glossary forms included, as a share of the vocabulary its best candidates know), so a lay need with an answer
keeps it and a need that only shares a word with the pool gets none; and a listing without chain codes loses
nothing to codes."""

import pytest

from search.matching import evidence, matches_for_need, multipliers
from search.matching.facts import MIN_EVIDENCE, RECOMMEND_SHARE, term_weight
from search.profiles import achievement_profile, need_profile
from taxonomy.models import TechnicalField
from tests.factories import make_achievement, make_institution_page
from tests.search.factories import built_once, fresh, published_need

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _pool(django_db_setup, django_db_blocker):
    """The three listings, built once for the module's tests (docs/test-speed.md); each test reads them again."""
    with built_once(django_db_blocker, _build_pool) as out:
        yield out


@pytest.fixture
def pool(_pool, db):
    return fresh(_pool)


def _build_pool():
    parent = make_institution_page()
    materials = TechnicalField.objects.get(code="materials")
    return {
        "spreader": make_achievement(
            parent,
            title="高取向石墨烯导热膜",
            summary="氧化石墨烯涂布后石墨化,面内导热系数 1500 W/(m·K),用于 5G 终端和手机均热散热,芯片热点降低 12 ℃。",
            keywords=["石墨烯", "导热膜", "散热"],
            technical_field=materials,
            industry_chains=["GRA.02.01"],
            external_id="ach-spreader",
        ),
        "heater": make_achievement(
            parent,
            title="石墨烯远红外电热膜",
            summary="石墨烯浆料印刷电热膜,升温快、温度均匀,用于地暖和理疗垫。",
            keywords=["石墨烯", "电热膜", "采暖"],
            technical_field=materials,
            industry_chains=["GRA.02.01"],
            external_id="ach-heater",
        ),
        "wetland": make_achievement(
            parent,
            title="Unpowered constructed wetland for village sewage",
            summary="A gravity-fed vertical-flow constructed wetland treats rural sewage with no pumps to maintain.",
            keywords=["constructed wetland", "rural sewage"],
            technical_field=TechnicalField.objects.get(code="environment"),
            external_id="ach-wetland",
        ),
    }


def _need(title, problem, *, chain=None, field="materials"):
    return published_need(title, problem, field=field, chain=chain)


def test_a_lay_need_with_an_answer_keeps_its_recommended_row(pool):
    need = _need(
        "5G 小盒子夏天烫手还自己重启",
        "车间里的 5G 终端夏天外壳烫得不敢摸,芯片散热不好,隔几天就重启,想找导热好的散热材料。",
    )
    matches = matches_for_need(need)
    assert matches[0].external_id == "ach-spreader" and matches[0].recommended
    assert matches[0].coverage >= RECOMMEND_SHARE and matches[0].evidence >= MIN_EVIDENCE


def test_a_need_that_only_shares_a_word_gets_no_recommended_row(pool):
    # 石墨烯 appears in two listings, but neither makes graphene fishing rods: the rows stay below the line.
    need = _need("石墨烯钓鱼竿", "想做一款石墨烯碳纤维钓鱼竿,竿身更轻更韧,抛投不易断。")
    matches = matches_for_need(need)
    assert matches and [m for m in matches if m.recommended] == []
    assert all(m.coverage < RECOMMEND_SHARE or m.evidence < MIN_EVIDENCE for m in matches)


def test_glossary_forms_count_as_evidence_across_languages(pool):
    need = _need("村里污水没人管", "中标几个村的农村生活污水治理,想用人工湿地,不用水泵和风机。", field="environment")
    wetland = achievement_profile(pool["wetland"])
    assert evidence(need_profile(need), wetland) >= MIN_EVIDENCE  # 农村生活污水, 人工湿地 from the English text
    matches = matches_for_need(need)
    assert matches[0].external_id == "ach-wetland" and matches[0].recommended
    assert any("术语对照" in r and "constructed wetland" in r for r in matches[0].reasons)


def test_everyday_and_english_filler_words_carry_no_evidence():
    assert term_weight("设备") == 0 and term_weight("客户") < 0.1
    assert term_weight("looking") == 0 and term_weight("our") == 0
    assert term_weight("涂层") == 1 and term_weight("PTFE") == 1


def test_a_listing_without_chain_codes_loses_nothing_to_codes(pool):
    need = need_profile(_need("污水处理", "农村污水处理设施", chain="ENV.01.02", field="environment"))
    uncoded = achievement_profile(pool["wetland"])
    other_chain = achievement_profile(pool["heater"])
    # Without a code the listing counts as of the need's chain (its text would only guess it at less).
    assert multipliers(need, uncoded)["chain_unknown"] > 1
    assert not {"chain", "chain_root", "chain_unknown"} & set(multipliers(need, other_chain))


def test_a_need_in_the_listings_own_terms_is_recommended(pool):
    need = _need("地暖用石墨烯电热膜", "新建小区做低温辐射采暖,想用石墨烯远红外电热膜铺地暖,要求升温快、温度均匀。")
    matches = matches_for_need(need)
    assert matches[0].external_id == "ach-heater" and matches[0].recommended
    # The other graphene listing shares the material but not the use: it stays below the line.
    spreader = next(m for m in matches if m.external_id == "ach-spreader")
    assert not spreader.recommended


def test_a_need_sharing_only_generic_words_gets_no_recommended_row(pool):
    # 材料, 技术, 提高, 性能, 温度 … are shared with the pool, but they are everyday words (weight 0 or nearly):
    # nothing the need distinctively asks for is in any listing.
    need = _need(
        "寻求新材料新技术合作",
        "公司希望引进新材料、新技术,提高产品性能和质量,降低生产成本,温度适应性更好,欢迎高校院所合作开发。",
    )
    matches = matches_for_need(need)
    assert matches, "the need shares words with the pool, so it has candidates"
    assert [m for m in matches if m.recommended] == []
    assert all(m.evidence < MIN_EVIDENCE for m in matches)


@pytest.mark.engine
def test_both_matchers_decide_the_same_way(pool):
    """The engine and the database matcher rank with different statistics but recommend through one rule
    (facts.decide): a clear answer is recommended by both, a generic need by neither."""
    from search.matching import db_matches, engine_matches
    from search.services import index_rebuild

    clear = _need("地暖用石墨烯电热膜", "新建小区做低温辐射采暖,想用石墨烯远红外电热膜铺地暖,要求升温快、温度均匀。")
    generic = _need("寻求新材料新技术合作", "希望引进新材料、新技术,提高产品性能和质量,降低生产成本,欢迎合作开发。")
    index_rebuild()
    for need, recommended in ((clear, ["ach-heater"]), (generic, [])):
        profile = need_profile(need)
        by_engine = engine_matches(profile, limit=10)
        by_database = db_matches(profile, limit=10)
        assert by_engine.mode == "engine" and by_database.mode == "database"
        assert [m.external_id for m in by_engine if m.recommended] == recommended
        assert [m.external_id for m in by_database if m.recommended] == recommended
