"""The match request's own work kept small without changing its answer: a need's text is scanned for glossary
concepts once, and a candidate's text only when a bridge to it is possible (docs/search.md, "API overhead")."""

import pytest

from search.matching.facts import reasons_for
from search.profiles import need_profile, profile_from_source
from taxonomy import glossary
from tests.factories import NeedFactory

pytestmark = pytest.mark.django_db

BRIDGE = "术语对照"


def _achievement(text: str):
    return profile_from_source(
        {
            "kind": "achievement",
            "object_id": 7,
            "title": "覆膜滤料",
            "summary": text,
            "technical_field": "materials",
            # Tagged, so no chain is inferred from its text (inference scans the text for concepts too).
            "industry_chains": ["FLU.02.02"],
            "industry_chain_codes": ["FLU", "FLU.02", "FLU.02.02"],
        }
    )


def _need(title: str, problem: str):
    return need_profile(NeedFactory(title=title, problem=problem))


@pytest.fixture
def scanned(monkeypatch):
    """The texts the glossary scans (search forms and lay forms), in order."""
    texts = []
    mentions, lay_mentions = glossary.Glossary.mentions, glossary.Glossary.lay_mentions

    def spy(original):
        def wrapped(self, text):
            texts.append(text)
            return original(self, text)

        return wrapped

    monkeypatch.setattr(glossary.Glossary, "mentions", spy(mentions))
    monkeypatch.setattr(glossary.Glossary, "lay_mentions", spy(lay_mentions))
    return texts


def test_a_need_profile_scans_its_text_once_for_expansion_and_mentions(scanned):
    profile = _need("PTFE 覆膜滤料与锂电池隔膜", "需要耐高温的 PTFE 滤料,并提高锂电池的循环寿命。")
    found = profile.mention().found
    assert len(found) >= 2  # PTFE and the lithium battery: more than one concept
    assert scanned.count(profile.full_text) == 1
    assert found == glossary.mentions(profile.full_text).found
    assert profile.expansion == glossary.expand(profile.full_text)


def test_a_candidate_is_scanned_and_bridged_when_the_need_names_a_concept(scanned):
    need = _need("PTFE 覆膜滤料", "需要耐高温的 PTFE 滤料。")
    target = _achievement("采用聚四氟乙烯微孔膜,与玻纤基布复合。")
    reasons = reasons_for(need, target, set(), [])
    assert target.full_text in scanned
    assert any(BRIDGE in r and "PTFE" in r and "聚四氟乙烯" in r for r in reasons)


def test_a_candidate_is_not_scanned_when_the_need_names_no_concept(scanned):
    need = _need("员工食堂排队管理", "希望缩短午餐排队的时间。")
    assert not need.mention().found and not glossary.current().lay_mentions(need.full_text).found
    target = _achievement("采用聚四氟乙烯微孔膜,与玻纤基布复合。")
    reasons = reasons_for(need, target, set(), [])
    assert target.full_text not in scanned
    assert not any(BRIDGE in r for r in reasons)
    # The answer the full scan gives: no concept on the need's side, so no bridge either way.
    assert glossary.current().bridges(need.mention(), glossary.mentions(target.full_text)) == []


@pytest.mark.parametrize(
    ("title", "problem", "expanded"),
    [
        ("PTFE 覆膜滤料", "需要耐高温的 PTFE 滤料,过滤效率 99.9%,温度 260℃。", True),
        (
            "Lithium-ion battery recycling",
            "We need to recover cobalt from spent lithium-ion batteries; 锂电池回收。",
            True,
        ),
        ("员工食堂排队管理", "希望缩短午餐排队的时间。", False),
    ],
)
def test_the_body_clause_words_are_those_of_the_whole_query_text(title, problem, expanded):
    """The body clause's words come from the need's text and its expansion cut apart: the same words, in the same
    order, as cutting the joined text (jieba never cuts across the space between them)."""
    from search.text import segment_query

    profile = _need(title, problem)
    assert bool(profile.expansion) is expanded
    assert profile.full_query_words == segment_query(profile.full_query)
    assert profile.full_query_words.split()  # not trivially empty


def _indicator_queries(queries) -> int:
    return sum("marketplace_achievementindicator" in q["sql"] for q in queries)


@pytest.mark.engine
def test_candidates_indicators_are_read_only_when_the_need_states_a_target(institution_page):
    """Reasons compare a need's targets with an achievement's indicators; a need without targets has nothing to
    compare, so its match does not read the candidates' indicators — and a need with one still gets the comparison."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from marketplace.models import AchievementIndicator, NeedIndicator
    from search.matching import matches_for_need
    from tests.factories import make_achievement
    from tests.search.test_engine import drain

    pages = [
        make_achievement(institution_page, title=f"长效防腐涂料{i}", summary="海上风电塔筒用长效防腐涂料,耐盐雾。")
        for i in range(3)
    ]
    for page in pages:
        AchievementIndicator.objects.create(page=page, name="耐中性盐雾", value="3200", unit="h", sort_order=0)
    plain = NeedFactory(title="塔筒防腐涂料", problem="海上风电塔筒需要长效防腐涂料,耐盐雾。")
    with_target = NeedFactory(title="塔筒防腐涂料(指标)", problem="海上风电塔筒需要长效防腐涂料,耐盐雾。")
    NeedIndicator.objects.create(need=with_target, name="耐中性盐雾", target="≥ 3000", unit="h", sort_order=0)
    drain()

    with CaptureQueriesContext(connection) as queries:
        matches = matches_for_need(plain)
    assert matches.mode == "engine" and {m.object_id for m in matches} >= {p.pk for p in pages}
    assert _indicator_queries(queries.captured_queries) == 0
    assert not any("指标" in r for m in matches for r in m.reasons)

    with CaptureQueriesContext(connection) as queries:
        matches = matches_for_need(with_target)
    assert _indicator_queries(queries.captured_queries) == 1  # one query for every candidate
    compared = [m for m in matches if m.object_id in {p.pk for p in pages}]
    assert len(compared) == 3 and all(any("指标达标" in r and "3200" in r for r in m.reasons) for m in compared)


def _listing_document(**texts) -> dict:
    from search.documents import MENTIONS_FIELD, text_document, text_mentions

    doc = {"kind": "achievement", "object_id": 9, "technical_field": "materials", **text_document(**texts)}
    doc["industry_chains"], doc["industry_chain_codes"] = ["FLU.02.02"], ["FLU", "FLU.02", "FLU.02.02"]
    doc[MENTIONS_FIELD] = text_mentions(doc)
    return doc


LISTING = {
    "title": "PTFE 覆膜滤料",
    "keywords_text": "聚四氟乙烯 锂电池",
    "summary": "采用聚四氟乙烯微孔膜,解决漏水与发黄问题,用于 lithium-ion batteries 隔膜。",
    "description": "<p>耐高温 260℃,过滤效率 99.9%。</p>",
}


def test_a_candidate_read_from_the_index_carries_its_mentions_and_is_not_scanned(scanned):
    """The concepts a listing's text names are worked out when its document is built; a candidate's profile reads
    them from ``_source``: the same mentions a scan of its text gives, and no scan per match."""
    from search.documents import MENTIONS_FIELD, source_full_text

    doc = _listing_document(**LISTING)
    scanned.clear()
    target = profile_from_source(doc)
    assert source_full_text(doc) == target.full_text  # the mentions are of the text the profile reads
    need = _need("锂离子电池隔膜防漏水", "电池隔膜漏水,材料发黄,需要替代方案。")
    assert need.mention().found and glossary.current().lay_mentions(need.full_text).found
    scanned.clear()
    from search.matching.facts import lay_mention, match_row

    row = match_row(need, target, 50.0, {"body_text"})
    assert target.full_text not in scanned  # neither search forms nor lay forms scanned for the candidate
    assert target.mention().found == glossary.mentions(target.full_text).found
    assert len(target.mention().found) >= 2  # PTFE / 聚四氟乙烯 and the lithium battery
    assert lay_mention(target).found == glossary.current().lay_mentions(target.full_text).found

    # A document indexed before the field existed: its text is scanned, and the row is the same.
    old = profile_from_source({k: v for k, v in doc.items() if k != MENTIONS_FIELD})
    assert row == match_row(need, old, 50.0, {"body_text"})
    assert old.full_text in scanned
    assert any(BRIDGE in r for r in row.reasons)
