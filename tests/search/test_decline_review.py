"""The line on real judgements: the decline's trade-off curve (search.matching.decline_curve), the settings that move
the line, the review over the platform's own match judgements and its command. Basic mode, on the small set."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from config.settings.base import env_number
from search import judgements
from search.judgements import decline_review, judged_answers, match_judgement_record
from search.matching import matches_for_need
from search.matching.decline_curve import CurvePoint, curve, frontier, one_per_outcome, suggestion
from search.matching.facts import Match
from search.models import MatchJudgement
from tests.factories import UserFactory
from tests.search.factories import built_once, fresh, fresh_users, published_need, small_set_with_roles


def _row(object_id, coverage, lead, evidence=2.0, variants=()):
    return Match(
        object_id=object_id, external_id=None, title="", url="", score=1.0, coverage=coverage, lead=lead,
        evidence=evidence, variants=variants,
    )  # fmt: skip


# Five needs: A and B have no answer, C, D and E have one (their answers' ids in ANSWERS).
LISTS = {
    # Topic only (lead below 1), and one row that says a lot but with a single rare word (evidence below 1.2).
    "A": [_row(1, 0.5, 0.8), _row(2, 0.9, 3.0, evidence=1.0)],
    "B": [_row(3, 0.9, 2.5)],  # a convincing wrong row
    "C": [_row(4, 0.6, 1.2)],
    "D": [_row(5, 0.45, 1.6), _row(6, 0.9, 3.0)],  # the answer (5) is the weaker row
    "E": [_row(7, 1.0, 4.0, variants=("a sibling",))],  # the answer names a sibling variant
}
ANSWERS = {"C": {4}, "D": {5}, "E": {7}}


def _point(points, share, lead) -> CurvePoint:
    return next(p for p in points if p.at == (share, lead))


def test_each_point_counts_the_needs_it_declines_rightly_and_wrongly():
    points = curve(LISTS, {"A", "B"}, ANSWERS)
    # The deployment's line: A is declined (right), E too (wrong: its only row is a sibling).
    assert _point(points, 0.4, 1.0) == CurvePoint(0.4, 1.0, 1, 1, 1)
    # Stricter: C and E declined, D keeps a recommended row but not its answer; B still gets its wrong row.
    assert _point(points, 0.5, 2.0) == CurvePoint(0.5, 2.0, 1, 2, 3)
    # Strictest: everything but B's row and D's strong row goes.
    assert _point(points, 0.7, 2.0) == CurvePoint(0.7, 2.0, 1, 2, 3)
    # Loosest: A's topic-only row passes too (its lead 0.8 ≥ 0.5); the one-rare-word row never does.
    assert _point(points, 0.3, 0.5) == CurvePoint(0.3, 0.5, 0, 1, 1)


def test_the_curve_includes_the_deployments_own_line(settings):
    settings.SEARCH_RECOMMEND_SHARE, settings.SEARCH_MIN_LEAD = 0.42, 1.3
    points = curve(LISTS, {"A", "B"}, ANSWERS)
    assert _point(points, 0.42, 1.3) == CurvePoint(0.42, 1.3, 1, 2, 2)  # C's lead 1.2 is short of 1.3
    assert len(points) == 9 * 5 + 1


def test_the_suggestion_weighs_a_wrong_decline_three_times_and_prefers_the_line_in_force(settings):
    settings.SEARCH_RECOMMEND_SHARE, settings.SEARCH_MIN_LEAD = 0.4, 1.0
    points = [
        CurvePoint(0.4, 1.0, 4, 1, 1),  # the line: 4/10 − 3 × 1/20 = 0.25
        CurvePoint(0.5, 1.0, 6, 3, 3),  # 0.6 − 0.45 = 0.15
        CurvePoint(0.5, 1.5, 7, 2, 2),  # 0.7 − 0.3 = 0.4: best
        CurvePoint(0.6, 1.5, 8, 4, 4),  # 0.8 − 0.6 = 0.2
    ]
    assert suggestion(points, no_answer=10, answerable=20).at == (0.5, 1.5)
    # A tie keeps the point nearest the line in force.
    tied = [CurvePoint(0.45, 1.0, 5, 1, 1), CurvePoint(0.7, 2.0, 5, 1, 1), CurvePoint(0.4, 1.0, 5, 1, 1)]
    assert suggestion(tied, no_answer=10, answerable=20).at == (0.4, 1.0)


@pytest.mark.parametrize(
    ("raw", "message"),
    [("abc", "须为数字"), ("1.5", "须在 0 到 1 之间"), ("-0.1", "须在 0 到 1 之间")],
)
def test_a_line_setting_that_is_not_a_share_is_refused_with_its_name(monkeypatch, raw, message):
    monkeypatch.setenv("SEARCH_RECOMMEND_SHARE", raw)
    with pytest.raises(ImproperlyConfigured, match=f"SEARCH_RECOMMEND_SHARE {message}"):
        env_number("SEARCH_RECOMMEND_SHARE", 0.4, low=0, high=1)
    monkeypatch.setenv("SEARCH_RECOMMEND_SHARE", " ")
    assert env_number("SEARCH_RECOMMEND_SHARE", 0.4, low=0, high=1) == 0.4  # empty: the default


# --- The review over the platform's judgements (database, basic mode) ---------------------------------------------


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker):
    def build():
        out = small_set_with_roles()
        # A second need nothing in the small set answers (the first is space-travel).
        out["listings"]["cat-food"] = published_need(
            "宠物猫粮适口性差", "猫粮换了配方以后猫不爱吃,想找提高适口性的诱食剂。", "猫粮,适口性", field="agriculture"
        )
        return out

    with built_once(django_db_blocker, build) as out:
        yield out


@pytest.fixture
def listings(_built, db):
    return fresh(_built["listings"])


@pytest.fixture
def bureau(_built, db):
    return fresh_users(_built["users"])["bureau"]


ANSWERABLE = ("phone-heat", "battery-life", "defect-detection")
UNANSWERED = ("space-travel", "cat-food")


@pytest.fixture
def judged(listings, bureau):
    """Staff judged the best row of each answerable need useful, and the two others' lists "nothing suitable"."""
    for key in ANSWERABLE:
        best = matches_for_need(listings[key])[0]
        match_judgement_record(user=bureau, need_id=listings[key].pk, verdict="useful", achievement_id=best.object_id)
    for key in UNANSWERED:
        match_judgement_record(user=bureau, need_id=listings[key].pk, verdict="none_suitable")
    return listings


def _declined(needs) -> int:
    return sum(1 for need in needs if not any(m.recommended for m in matches_for_need(need)))


def test_the_review_counts_the_same_needs_the_pages_show(judged):
    review = decline_review()
    assert (review.no_answer, review.answerable, review.modes) == (2, 3, frozenset({"database"}))
    # The line in force declines what the match pages decline today, need by need.
    assert review.current.at == (0.4, 1.0)
    assert review.current.no_answer_declined == _declined(judged[k] for k in UNANSWERED) == 2
    assert review.current.answerable_declined == _declined(judged[k] for k in ANSWERABLE)
    assert review.suggested is None  # five judged needs are too few to move the line on


def test_moving_the_line_in_the_settings_moves_the_pages_and_the_review(judged, settings):
    recommended_before = _declined(judged[k] for k in ANSWERABLE)
    settings.SEARCH_MIN_LEAD = 20.0  # no row says twenty words more than the typical candidate
    assert _declined(judged[k] for k in ANSWERABLE) == 3 > recommended_before
    review = decline_review()
    assert review.current.at == (0.4, 20.0) and review.current.answerable_declined == 3


def test_a_useful_row_outweighs_nothing_suitable_from_another_judge(judged):
    listings = judged
    no_answer, _answers, from_deals, from_closing = judged_answers()
    assert {listings[k].pk for k in UNANSWERED} == no_answer and from_deals == from_closing == set()
    # Someone else found a listing useful for the space need after all.
    MatchJudgement.objects.create(
        need=listings["space-travel"], achievement=listings["graphene-film"], verdict="useful"
    )
    no_answer, answers, _from_deals, _from_closing = judged_answers()
    assert no_answer == {listings["cat-food"].pk}
    assert answers[listings["space-travel"].pk] == {listings["graphene-film"].pk}


def test_the_command_prints_the_curve_and_says_when_judgements_are_too_few(judged):
    out = io.StringIO()
    call_command("decline_review", "--all", stdout=out)
    text = out.getvalue()
    assert (
        "回放 5 条评价过的需求(匹配方式:数据库匹配(基本模式)):评价为“没有合适的成果”的 2 条,有成果被评为“有用”的 3 条。"
        in text
    )
    assert len([line for line in text.splitlines() if line.rstrip().endswith("当前")]) == 1
    assert len([line for line in text.splitlines() if "/2" in line]) == 9 * 5  # every point with --all
    assert "评价还太少,不建议移动分界线" in text


def test_the_command_suggests_a_line_when_there_are_enough_judgements(judged, monkeypatch, settings):
    monkeypatch.setattr(judgements, "SUGGEST_FROM_NO_ANSWER", 1)
    monkeypatch.setattr(judgements, "SUGGEST_FROM_ANSWERABLE", 1)
    settings.SEARCH_MIN_LEAD = 20.0  # a line that declines every answerable need: the review must move it
    out = io.StringIO()
    call_command("decline_review", stdout=out)
    text = out.getvalue()
    assert "建议把分界线移到" in text and "SEARCH_MIN_LEAD=" in text and "SEARCH_MIN_LEAD=20" not in text


# --- Deals count as judgements: the parties' own actions say which achievements answer a need ---------------------


@pytest.fixture
def dealt(listings, _built):
    """Deals made through the deal flow's own services: an accepted enquiry (phone-heat, about graphene-film), an
    accepted proposal naming two achievements (battery-life), one lost because the technology fell short
    (defect-detection), and one about a need staff had judged "nothing suitable" (space-travel). cat-food stays
    judged "nothing suitable" and has no deal."""
    from dealflow import services
    from dealflow.models import LostReason, Timeline

    institution = fresh_users(_built["users"])["institution_editor"]
    buyers = {}

    def buyer(need):
        if need.enterprise_id not in buyers:
            buyers[need.enterprise_id] = UserFactory(role="enterprise_member", organisation=need.enterprise)
        return buyers[need.enterprise_id]

    def enquire(need_key, achievement_key):
        need = listings[need_key]
        enquiry = services.enquiry_send(
            user=buyer(need), achievement=listings[achievement_key], need=need, purpose="试用", intended_use="产线",
            timeline=Timeline.NOW,
        )  # fmt: skip
        return services.approach_accept(user=institution, approach=enquiry)

    enquire("phone-heat", "graphene-film")
    proposal = services.proposal_send(
        user=institution, need=listings["battery-life"], approach="正极材料与粘结剂一起改", duration="六个月",
        achievements=[listings["lfp-cathode"], listings["pvdf-binder"]],
    )  # fmt: skip
    services.approach_accept(user=buyer(listings["battery-life"]), approach=proposal)
    lost = enquire("defect-detection", "machine-vision")
    services.deal_mark_lost(user=institution, deal=lost, reason=LostReason.TECHNICAL)
    bureau = fresh_users(_built["users"])["bureau"]
    for key in ("space-travel", "cat-food", "defect-detection"):
        match_judgement_record(user=bureau, need_id=listings[key].pk, verdict="none_suitable")
    enquire("space-travel", "graphene-coating")
    return listings


def test_deals_about_a_need_are_its_answers_unless_lost_because_the_technology_fell_short(dealt):
    pk = {key: obj.pk for key, obj in dealt.items()}
    no_answer, answers, from_deals, _from_closing = judged_answers()
    assert answers == {
        pk["phone-heat"]: {pk["graphene-film"]},
        pk["battery-life"]: {pk["lfp-cathode"], pk["pvdf-binder"]},
        pk["space-travel"]: {pk["graphene-coating"]},  # a deal outweighs "nothing suitable", as a useful row does
    }
    assert from_deals == set(answers)
    # The deal lost on technical grounds is no answer: its need stays as staff judged it.
    assert no_answer == {pk["cat-food"], pk["defect-detection"]}
    # A row judged useful as well is still counted once, and no longer "only from deals".
    MatchJudgement.objects.create(need=dealt["phone-heat"], achievement=dealt["graphene-film"], verdict="useful")
    _no_answer, answers, from_deals, _from_closing = judged_answers()
    assert answers[pk["phone-heat"]] == {pk["graphene-film"]} and pk["phone-heat"] not in from_deals


def test_the_review_and_its_command_count_the_deals(dealt):
    review = decline_review()
    assert (review.no_answer, review.answerable, review.from_deals) == (2, 3, 3)
    out = io.StringIO()
    call_command("decline_review", stdout=out)
    assert (
        "回放 5 条评价过的需求(匹配方式:数据库匹配(基本模式)):评价为“没有合适的成果”的 2 条,"
        "有成果被评为“有用”或已就其达成转化项目的 3 条(其中 3 条只有转化项目)。"
    ) in out.getvalue()


def test_a_need_closed_as_nothing_suitable_has_no_answer_unless_a_deal_says_otherwise(dealt):
    """Closing with 平台上没有合适的技术 is the owner's "nothing suitable"; a deal about the need still outweighs it."""
    from marketplace import services as marketplace_services

    pk = {key: obj.pk for key, obj in dealt.items()}
    for key in ("battery-life", "cat-food"):  # cat-food was judged "nothing suitable" before: counted once
        need = dealt[key]
        owner = UserFactory(role="enterprise_member", organisation=need.enterprise)
        marketplace_services.need_close(user=owner, need=need, reason="nothing_suitable")
    extra = published_need("车间噪音扰民", "冲压车间噪音太大,周边居民投诉。", "噪音", field="manufacturing")
    marketplace_services.need_close(
        user=UserFactory(role="enterprise_member", organisation=extra.enterprise), need=extra, reason="nothing_suitable"
    )
    no_answer, answers, _from_deals, from_closing = judged_answers()
    assert no_answer == {pk["cat-food"], pk["defect-detection"], extra.pk}
    assert from_closing == {extra.pk}
    assert pk["battery-life"] in answers  # its deal outweighs the closing
    review = decline_review()
    assert (review.no_answer, review.from_closing, review.answerable) == (3, 1, 3)
    out = io.StringIO()
    call_command("decline_review", stdout=out)
    assert "评价为“没有合适的成果”的 3 条(其中 1 条是关闭时说明“平台上没有合适的技术”)" in out.getvalue()


def test_the_command_without_judgements_says_what_it_needs(db):
    out = io.StringIO()
    call_command("decline_review", stdout=out)
    assert "还没有可用的匹配评价" in out.getvalue()


def test_the_default_table_keeps_one_point_per_outcome_on_the_frontier():
    line = CurvePoint(0.4, 1.0, 3, 1, 2)
    points = [
        line,
        CurvePoint(0.45, 1.0, 5, 2, 2),  # same outcome as the next two: shown once, nearest the line
        CurvePoint(0.55, 1.5, 5, 2, 2),
        CurvePoint(0.6, 2.0, 5, 2, 2),
        CurvePoint(0.5, 1.0, 4, 3, 3),  # beaten by (0.45, 1.0): fewer declined rightly, more wrongly
        CurvePoint(0.7, 2.0, 9, 8, 8),
    ]
    assert [p.at for p in frontier(points)] == [(0.4, 1.0), (0.45, 1.0), (0.55, 1.5), (0.6, 2.0), (0.7, 2.0)]
    rows = sorted(one_per_outcome(frontier(points), keep={line, None}, near=line), key=lambda r: r[0].share)
    assert [(p.at, alike) for p, alike in rows] == [((0.4, 1.0), 0), ((0.45, 1.0), 2), ((0.7, 2.0), 0)]
