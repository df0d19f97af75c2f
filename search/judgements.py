"""Match judgements: a need's owner (or bureau staff) says a row of its match list was useful or not relevant, or
that nothing in the list suits the need. The service keeps what the list showed at that moment; the export writes
the judgements out as evaluation data (docs/search.md, "Match judgements")."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from common.errors import Conflict, DomainError, NotAllowed
from marketplace import events, permissions
from marketplace.models import TechnologyNeed

from .matching import matches_for_need
from .matching.decline_curve import CurvePoint, curve, suggestion
from .matching.facts import line
from .models import MatchJudgement
from .selectors import need_for_matches

Verdict = MatchJudgement.Verdict
ROW_VERDICTS = frozenset({Verdict.USEFUL, Verdict.NOT_RELEVANT})


def match_judgement_record(
    *, user, need_id: int, verdict: str, achievement_id: int | None = None
) -> tuple[MatchJudgement, bool]:
    """Record (or change) this user's judgement of a need's match list; returns (judgement, created).

    Only who may see the list may judge it (the need's enterprise, bureau staff). A row's verdict must name an
    achievement the list shows now, so a judgement always refers to something its author saw; the list is matched
    again here, never taken from the request."""
    need = need_for_matches(user=user, need_id=need_id)
    if verdict not in Verdict.values:
        raise DomainError(_("请选择评价:有用、不相关或没有合适的成果。"), field_errors={"verdict": [_("评价无效。")]})
    if achievement_id is None and verdict in ROW_VERDICTS:
        raise DomainError(_("“有用”和“不相关”须针对某一项成果。"), field_errors={"achievement": [_("请选择成果。")]})
    if achievement_id is not None and verdict == Verdict.NONE_SUITABLE:
        raise DomainError(
            _("“没有合适的成果”针对整个匹配列表,不针对某一项成果。"),
            field_errors={"achievement": [_("不应选择成果。")]},
        )
    match_list = matches_for_need(need)
    matches = list(match_list)
    snapshot = {
        "recommended_count": sum(1 for m in matches if m.recommended),
        "listed_count": len(matches),
        "mode": match_list.mode,
        "rank": None,
        "recommended": None,
        "score": None,
    }
    if achievement_id is not None:
        shown = next(((rank, m) for rank, m in enumerate(matches, start=1) if m.object_id == achievement_id), None)
        if shown is None:
            raise Conflict(_("该成果已不在匹配结果中(结果已更新),请刷新页面后再评价。"))
        rank, match = shown
        snapshot.update(rank=rank, recommended=match.recommended, score=round(match.score, 1))
    now = timezone.now()
    fields = {"verdict": verdict, "judged_by_staff": user.is_bureau_staff, "updated_at": now, **snapshot}
    # One statement, atomic by itself (update_or_create locks the row or creates it under the unique constraint).
    judgement, created = MatchJudgement.objects.update_or_create(
        need=need,
        achievement_id=achievement_id,
        judged_by=user,
        defaults=fields,
        create_defaults={**fields, "created_at": now},
    )
    return judgement, created


def judgements_by(*, user, need: TechnologyNeed) -> dict[int | None, str]:
    """This user's verdicts on a need's list: achievement id (None for the whole list) → verdict."""
    if not user.is_authenticated:
        return {}
    return dict(MatchJudgement.objects.filter(need=need, judged_by=user).values_list("achievement_id", "verdict"))


def judgements_overview(*, user, verdict: str = "") -> tuple[QuerySet, dict[str, int]]:
    """Bureau staff's view of every judgement: the rows (newest first, optionally of one verdict) and the counts,
    including the three that say where the line was drawn wrong — a useful row below it, a not-relevant row above
    it, and "nothing suitable" on a list that recommended rows."""
    if not permissions.can_oversee_search(user):
        raise NotAllowed(_("只有科技局工作人员可以查看匹配评价。"))
    counts = MatchJudgement.objects.aggregate(
        total=Count("pk"),
        useful=Count("pk", filter=Q(verdict=Verdict.USEFUL)),
        not_relevant=Count("pk", filter=Q(verdict=Verdict.NOT_RELEVANT)),
        none_suitable=Count("pk", filter=Q(verdict=Verdict.NONE_SUITABLE)),
        useful_below_line=Count("pk", filter=Q(verdict=Verdict.USEFUL, recommended=False)),
        not_relevant_above_line=Count("pk", filter=Q(verdict=Verdict.NOT_RELEVANT, recommended=True)),
        none_suitable_with_recommended=Count("pk", filter=Q(verdict=Verdict.NONE_SUITABLE, recommended_count__gt=0)),
    )
    # Owners who closed a need as "nothing suitable on the platform" said the same as the button, without pressing it.
    counts["closed_nothing_suitable"] = TechnologyNeed.objects.filter(
        close_reason=TechnologyNeed.CloseReason.NOTHING_SUITABLE
    ).count()
    rows = MatchJudgement.objects.select_related("need__enterprise", "achievement").order_by("-updated_at", "-pk")
    if verdict in Verdict.values:
        rows = rows.filter(verdict=verdict)
    return rows, counts


def judgements_for_export() -> Iterator[dict]:
    """Every judgement as a flat record, oldest first, with the need's text as its owner wrote it."""
    rows = (
        MatchJudgement.objects.select_related("need", "achievement")
        .order_by("created_at", "pk")
        .iterator(chunk_size=500)
    )
    for j in rows:
        yield {
            "need_id": j.need_id,
            "need_external_id": j.need.external_id or None,
            "need_title": j.need.title,
            "need_text": j.need.problem,
            "achievement_id": j.achievement_id,
            "achievement_external_id": (j.achievement.external_id or None) if j.achievement else None,
            "achievement_title": j.achievement.title if j.achievement else None,
            "verdict": j.verdict,
            "rank": j.rank,
            "recommended": j.recommended,
            "score": j.score,
            "recommended_count": j.recommended_count,
            "listed_count": j.listed_count,
            "mode": j.mode,
            "judged_by_staff": j.judged_by_staff,
            "judged_at": timezone.localtime(j.updated_at).isoformat(),
        }


# Below this many judged needs of either kind the review shows the curve but suggests no other line: a handful of
# needs moves a rate by tens of percent (the dev split's 13 unanswerable needs were too few, docs/decline.md).
SUGGEST_FROM_NO_ANSWER = 10
SUGGEST_FROM_ANSWERABLE = 20


class JudgedNeeds(NamedTuple):
    """Which needs have an answer in the pool, as users showed it (``judged_answers``)."""

    no_answer: set[int]  # judged "nothing suitable" or closed so, and no row of theirs useful, no deal about them
    answers: dict[int, set[int]]  # answerable need → achievements judged useful or dealt in for it
    from_deals: set[int]  # the answerable needs known only from deals (no row of theirs judged useful)
    from_closing: set[int]  # the needs without an answer known only from how their owner closed them


@dataclass(frozen=True)
class DeclineReview:
    """Where the line could be drawn, read on the platform's own judgements (``decline_review``)."""

    no_answer: int  # needs someone judged "nothing suitable" (or closed so) and nobody found an answer for
    answerable: int  # needs with a row judged useful or a deal about them
    from_deals: int  # of which known only from deals
    from_closing: int  # of the needs without an answer, known only from how their owner closed them
    points: list[CurvePoint]
    current: CurvePoint
    suggested: CurvePoint | None  # None: too few judged needs to move the line on
    modes: frozenset[str]  # the matchers that produced the lists (engine, or basic mode during an outage)


def judged_answers() -> JudgedNeeds:
    """The needs nothing answers and the answerable ones with their answers, from every match judgement, every
    need its owner closed as "nothing suitable on the platform", and every deal about a need (an accepted enquiry
    or proposal: the parties' own judgement, read through ``marketplace.events.needs_answered_by_outcomes``). A
    useful row or a deal outweighs "nothing suitable" from a judge or a closing: it shows that an answer exists."""
    useful: dict[int, set[int]] = {}
    none_suitable: set[int] = set()
    for need_id, achievement_id, verdict in MatchJudgement.objects.values_list("need_id", "achievement_id", "verdict"):
        if verdict == Verdict.USEFUL:
            useful.setdefault(need_id, set()).add(achievement_id)
        elif verdict == Verdict.NONE_SUITABLE:
            none_suitable.add(need_id)
    closed_unanswered = set(
        TechnologyNeed.objects.filter(close_reason=TechnologyNeed.CloseReason.NOTHING_SUITABLE).values_list(
            "pk", flat=True
        )
    )
    dealt = events.needs_answered_by_outcomes()
    answers = {need_id: set(ids) for need_id, ids in useful.items()}
    for need_id, ids in dealt.items():
        answers.setdefault(need_id, set()).update(ids)
    no_answer = (none_suitable | closed_unanswered) - set(answers)
    return JudgedNeeds(no_answer, answers, set(dealt) - set(useful), no_answer - none_suitable)


def decline_review(
    *, judged: JudgedNeeds | None = None, progress: Callable[[int], None] | None = None
) -> DeclineReview:
    """Replay today's matcher over every judged need and count, for each place the line could be drawn, the needs
    it declines rightly (judged "nothing suitable", or closed so) and wrongly (a row was judged useful, or a deal
    was made about the need). ``progress(n)`` is called after each need; ``judged``: ``judged_answers()`` when the
    caller has read it already. For operators (``manage.py decline_review``); the figures are the evidence for
    moving SEARCH_RECOMMEND_SHARE and SEARCH_MIN_LEAD."""
    no_answer, answers, from_deals, from_closing = judged if judged is not None else judged_answers()
    needs = TechnologyNeed.objects.filter(pk__in=no_answer | set(answers)).order_by("pk")
    lists, modes = {}, set()
    for need in needs.iterator(chunk_size=200):
        rows = matches_for_need(need, limit=10)
        lists[need.pk] = list(rows)
        modes.add(rows.mode)
        if progress:
            progress(1)
    points = curve(lists, no_answer, answers)
    current = next(p for p in points if p.at == line())
    enough = len(no_answer) >= SUGGEST_FROM_NO_ANSWER and len(answers) >= SUGGEST_FROM_ANSWERABLE
    suggested = suggestion(points, no_answer=len(no_answer), answerable=len(answers)) if enough else None
    return DeclineReview(
        len(no_answer), len(answers), len(from_deals), len(from_closing), points, current, suggested, frozenset(modes)
    )
