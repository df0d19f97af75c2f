"""The decline measures a listing in English against what it could show: a Chinese need's answer written in
English is recommended through the glossary even when Chinese neighbours share more of the need's other words,
while needs that share only everyday words with the pool stay declined."""

import pytest

from search.matching import matches_for_need
from search.matching.facts import MIN_EVIDENCE, RECOMMEND_SHARE, reachable_terms, translatable_terms
from search.profiles import achievement_profile, need_profile
from taxonomy.models import TechnicalField
from tests.factories import make_achievement, make_institution_page
from tests.search.factories import built_once, fresh, published_need

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _pool(django_db_setup, django_db_blocker):
    """The four listings, built once for the module's tests (docs/test-speed.md); each test reads them again."""
    with built_once(django_db_blocker, _build_pool) as out:
        yield out


@pytest.fixture
def pool(_pool, db):
    return fresh(_pool)


def _build_pool():
    parent = make_institution_page()
    environment = TechnicalField.objects.get(code="environment")
    return {
        "wetland": make_achievement(
            parent,
            title="Unpowered constructed wetland for village sewage",
            summary="A gravity-fed vertical-flow constructed wetland treats rural sewage with no pumps to maintain.",
            keywords=["constructed wetland", "rural sewage"],
            technical_field=environment,
            external_id="ach-wetland",
        ),
        "tank_truck": make_achievement(
            parent,
            title="窄巷化粪池清掏车",
            summary="小型化粪池清掏车,车宽 1.3 米,能进村里窄巷,一次吸粪 3 吨,配套化粪池满溢报警,适合村委统一清掏。",
            keywords=["化粪池", "清掏", "吸粪车"],
            technical_field=environment,
            external_id="ach-tank-truck",
        ),
        "digester": make_achievement(
            parent,
            title="农村生活污水一体化处理设备",
            summary="地埋式一体化设备处理农村生活污水,出水达一级 A,适合 20–200 户的村庄集中处理。",
            keywords=["农村生活污水", "一体化设备"],
            technical_field=environment,
            external_id="ach-digester",
        ),
        "coating": make_achievement(
            parent,
            title="石墨烯改性防腐涂料",
            summary="石墨烯片层阻隔腐蚀介质,用于钢结构防腐,耐中性盐雾 3000 小时。",
            keywords=["石墨烯", "防腐涂料"],
            external_id="ach-coating",
        ),
    }


def _need(title, problem, *, field="environment"):
    return published_need(title, problem, field=field)


WETLAND_NEED = (
    "村里的污水和化粪池都没人管",
    "中标几个村的农村生活污水治理,想用人工湿地,不用水泵和风机;村委说各家化粪池也满了,吸粪车进不了窄巷清掏。",
)


def test_an_english_listing_can_only_show_the_words_the_glossary_carries(pool):
    need = need_profile(_need(*WETLAND_NEED))
    wetland = achievement_profile(pool["wetland"])
    truck = achievement_profile(pool["tank_truck"])
    carried = translatable_terms(need)
    assert {
        "湿地",
        "污水",
    } <= carried  # words of glossary terms (人工湿地 constructed wetland, 农村生活污水 rural sewage)
    assert not {"化粪池", "清掏", "窄巷"} & carried  # no glossary term: an English text cannot show them
    assert reachable_terms(need, wetland) >= carried
    assert "化粪池" not in reachable_terms(need, wetland)
    assert reachable_terms(need, truck) is None  # a Chinese listing can show any of the need's words


def test_a_need_answered_only_through_a_glossary_bridge_stays_recommended(pool):
    # The Chinese tank-truck listing shares more of the need's words (化粪池, 清掏, 吸粪车, 窄巷, 村委) than the English
    # wetland shares with it through the glossary; measured against the whole vocabulary the wetland would cover
    # under half of it. Measured against what an English text could show, it covers all of that.
    matches = matches_for_need(_need(*WETLAND_NEED))
    wetland = next(m for m in matches if m.external_id == "ach-wetland")
    assert wetland.recommended and wetland.coverage >= RECOMMEND_SHARE and wetland.evidence >= MIN_EVIDENCE
    assert any("术语对照" in r and "constructed wetland" in r for r in wetland.reasons)
    # The graphene coating shares nothing the need asks for and stays below the line.
    assert not any(m.recommended for m in matches if m.external_id == "ach-coating")


def test_two_answers_in_two_languages_are_both_recommended(pool):
    matches = matches_for_need(
        _need("村里生活污水要处理", "几个村的农村生活污水要集中处理,想比较人工湿地和一体化设备,出水要达标。")
    )
    recommended = sorted(m.external_id for m in matches if m.recommended)
    assert recommended == ["ach-digester", "ach-wetland"]


@pytest.mark.parametrize(
    "title, problem",
    [
        ("寻求新技术合作", "公司希望引进新技术、新工艺,提高产品质量,降低生产成本,欢迎高校院所合作开发。"),
        ("想找技术改造项目", "我们工厂想做技术改造,提高效率和质量,减少人工和成本,需要专家帮忙出方案。"),
    ],
)
def test_needs_sharing_only_everyday_words_are_declined(pool, title, problem):
    matches = matches_for_need(_need(title, problem, field="materials"))
    assert [m.external_id for m in matches if m.recommended] == []
    assert all(m.evidence < MIN_EVIDENCE for m in matches)


def test_a_listing_in_chinese_is_not_measured_against_an_english_needs_prose(pool):
    need = need_profile(
        _need(
            "Village sewage",
            "We operate village sewage plants and want a constructed wetland without pumps or blowers.",
        )
    )
    digester = achievement_profile(pool["digester"])
    reachable = reachable_terms(need, digester)
    assert {"sewage", "wetland"} <= reachable  # glossary terms: 农村生活污水, 人工湿地
    assert not {"pumps", "blowers", "operate"} & reachable  # English prose a Chinese text cannot contain
    assert reachable_terms(need, achievement_profile(pool["wetland"])) is None  # written in English: every word
