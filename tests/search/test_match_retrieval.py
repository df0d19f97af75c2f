"""The match query retrieves with a bounded probe and scores exactly in a rescorer (search.matching.engine):
the body clause over the whole index reads a few distinctive terms, and a returned row's score is the one the
full clauses give."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from search.documents import ACHIEVEMENT, alias_name
from search.engine import EngineUnavailable, get_engine
from search.matching import engine as matching
from search.matching import matches_for_need
from search.profiles import need_profile
from tests.factories import NeedFactory, make_achievement
from tests.search.factories import build_small_set
from tests.search.test_engine import drain


def _named(clauses: list[dict]) -> dict[str, dict]:
    return {next(iter(c.values())).get("_name"): c for c in clauses}


@pytest.mark.django_db
def test_retrieval_reads_a_bounded_probe_and_the_rescorer_every_clause():
    need = NeedFactory(
        title="高盐废水零排放",
        problem="化工园区高盐废水处理成本高,蒸发结晶能耗大,膜浓缩易结垢,亟需低能耗零排放工艺与成套装备。" * 3,
    )
    profile = need_profile(need)
    body = matching.match_search(profile, size=10).to_dict()
    retrieval = _named(body["query"]["bool"]["should"])
    assert set(retrieval) == {"title_text", "body_text"}
    probes = retrieval["body_text"]["bool"]["should"]
    assert len(probes) == 2
    assert all(p["more_like_this"]["max_query_terms"] == matching.PROBE_TERMS for p in probes)
    assert len(body["rescore"]) == 1  # the exact clauses and the multipliers in one pass over the window
    exact = body["rescore"][0]["query"]
    assert exact["query_weight"] == 0.0
    full = [c.to_dict() for c in matching.match_clauses(profile)]
    scored = exact["rescore_query"]["function_score"]
    assert scored["query"]["bool"]["should"] == full
    assert (scored["score_mode"], scored["boost_mode"]) == ("multiply", "multiply")
    assert scored["functions"] == matching._functions(profile)
    assert _named(full)["body_text"] != retrieval["body_text"]  # the full body clause runs only in the window


@pytest.mark.engine
@pytest.mark.django_db
def test_rows_carry_the_full_query_score_and_a_body_only_match_is_found(institution_page):
    data = build_small_set(institution_page)
    page = make_achievement(
        institution_page,
        title="测试成果甲",
        summary="一种钛酸锶钡陶瓷介质滤波器的低温共烧工艺,插入损耗低于零点五分贝。",
        external_id="ach-body-only",
    )
    need = NeedFactory(title="寻求新工艺合作", problem="我们的基站需要钛酸锶钡陶瓷介质滤波器,要求插入损耗低。")
    drain()
    matches = matches_for_need(need)
    found = next(m for m in matches if m.object_id == page.pk)
    assert "body_text" in found.clauses

    for source in (need_profile(need), need_profile(data["phone-heat"])):
        hits = get_engine().search(alias_name(ACHIEVEMENT), matching.match_search(source, size=5).to_dict())
        got = {h["_source"]["object_id"]: h["_score"] for h in hits["hits"]["hits"]}
        assert len(got) > 1
        # The same ids scored with every clause over the whole query (no probe, no window).
        full = matching.match_search(source, size=5, only_ids=list(got)).to_dict()
        direct = get_engine().search(alias_name(ACHIEVEMENT), full)
        assert {h["_source"]["object_id"]: h["_score"] for h in direct["hits"]["hits"]} == pytest.approx(got)


class _CountingEngine:
    def __init__(self, size):
        self.size, self.calls = size, []

    def count(self, index, body=None):
        self.calls.append(index)
        return self.size


def _probe_bounds(profile) -> list:
    body = matching.match_search(profile, size=10).to_dict()
    probes = _named(body["query"]["bool"]["should"])["body_text"]["bool"]["should"]
    return [p["more_like_this"].get("max_doc_freq") for p in probes]


@pytest.mark.django_db
def test_the_probe_leaves_out_terms_most_listings_share_once_it_knows_the_index_size(monkeypatch):
    need = NeedFactory(title="高盐废水零排放", problem="化工园区高盐废水处理成本高,蒸发结晶能耗大,亟需零排放工艺。")
    large, small = _CountingEngine(100_000), _CountingEngine(300)
    monkeypatch.setattr(matching, "_index_sizes", {})
    assert _probe_bounds(need_profile(need)) == [None, None]  # size not read yet: unbounded, as before
    matching.note_index_size(large, ACHIEVEMENT)
    assert _probe_bounds(need_profile(need)) == [10_000, 10_000]  # PROBE_MAX_DOC_SHARE of 100,000
    matching.note_index_size(large, ACHIEVEMENT)
    assert large.calls == [alias_name(ACHIEVEMENT)]  # read once within LISTINGS_COUNT_SECONDS

    monkeypatch.setattr(matching, "_index_sizes", {})
    matching.note_index_size(small, ACHIEVEMENT)
    assert _probe_bounds(need_profile(need)) == [matching.PROBE_MAX_DOC_FREQ_FLOOR] * 2  # a small index: every term

    sick = _CountingEngine(0)

    def unavailable(index, body=None):
        sick.calls.append(index)
        raise EngineUnavailable("down")

    sick.count = unavailable
    monkeypatch.setattr(matching, "_index_sizes", {})
    matching.note_index_size(sick, ACHIEVEMENT)
    matching.note_index_size(sick, ACHIEVEMENT)
    assert _probe_bounds(need_profile(need)) == [None, None]
    assert len(sick.calls) == 1  # a failure is remembered: no retry per match against a sick engine


@pytest.mark.engine
@pytest.mark.django_db
def test_listed_filter_keeps_open_ended_and_current_listings_and_drops_expired_ones(institution_page):
    today = timezone.localdate()
    text = "一种钛酸锶钡陶瓷介质滤波器的低温共烧工艺,插入损耗低于零点五分贝。"
    pages = {
        when: make_achievement(institution_page, title=f"介质滤波器{when}", summary=text, valid_until=until)
        for when, until in {
            "open": None,
            "today": today,
            "later": today + dt.timedelta(days=30),
            "expired": today - dt.timedelta(days=1),
            "long-expired": today - dt.timedelta(days=400),
        }.items()
    }
    need = NeedFactory(title="钛酸锶钡介质滤波器", problem=text)
    drain()
    found = {m.object_id for m in matches_for_need(need, limit=10)}
    assert found & {p.pk for p in pages.values()} == {pages[w].pk for w in ("open", "today", "later")}


@pytest.mark.django_db
def test_listed_filters_are_a_post_filter_and_pair_scores_keep_them_in_the_query():
    need = NeedFactory(title="高盐废水零排放", problem="化工园区高盐废水处理成本高,蒸发结晶能耗大,亟需零排放工艺。")
    body = matching.match_search(need_profile(need), size=10).to_dict()
    assert "filter" not in body["query"]["bool"]  # a filter clause beside the retrieval disjunction costs time
    listed = [f.to_dict() for f in matching.listed_filters(ACHIEVEMENT)]
    assert body["post_filter"] == {"bool": {"filter": listed}}
    pair = matching.match_search(need_profile(need), size=1, only_ids=[1, 2]).to_dict()
    assert "post_filter" not in pair
    assert pair["query"]["bool"]["filter"] == [*listed, {"terms": {"object_id": [1, 2]}}]


@pytest.mark.engine
@pytest.mark.django_db
def test_unlisted_best_matches_do_not_fill_the_rescore_window(institution_page, monkeypatch):
    # Three expired listings answer the need better than the current one; with a window of one, the current
    # listing is still found because the post_filter applies while the top hits are collected, before the window.
    today = timezone.localdate()
    text = "一种钛酸锶钡陶瓷介质滤波器的低温共烧工艺,插入损耗低于零点五分贝,温度稳定性好。"
    expired = [
        make_achievement(
            institution_page, title=f"钛酸锶钡介质滤波器{i}", summary=text, valid_until=today - dt.timedelta(days=i)
        )
        for i in (1, 2, 3)
    ]
    current = make_achievement(institution_page, title="介质滤波器", summary="一种陶瓷介质滤波器的低温共烧工艺。")
    need = NeedFactory(title="钛酸锶钡介质滤波器", problem=text)
    drain()
    monkeypatch.setattr(matching, "RESCORE_WINDOW", 1)
    hits = get_engine().search(alias_name(ACHIEVEMENT), matching.match_search(need_profile(need), size=1).to_dict())
    assert [h["_source"]["object_id"] for h in hits["hits"]["hits"]] == [current.pk]
    # Without the listed filters the expired listings lead: the test sees the filter's effect, not an empty index.
    unfiltered = matching.match_search(need_profile(need), size=3).to_dict()
    del unfiltered["post_filter"]
    hits = get_engine().search(alias_name(ACHIEVEMENT), unfiltered)
    assert {h["_source"]["object_id"] for h in hits["hits"]["hits"]} == {p.pk for p in expired}
