"""The decline's trade-off: where a need's list could draw its line, and what each place costs.

A point is (share, lead): a row is recommended when it covers ``share`` of the need's answerable vocabulary, has
MIN_EVIDENCE distinctive words' evidence and says ``lead`` words more than the typical candidate (``facts.decide``).
Over needs whose answer is known — nothing in the pool answers them, or a listing does — each point declines some
of the first (right) and some of the second (wrong). ``benchmarks/match_quality.py`` reads the curve on the
evaluation set's dev split; ``manage.py decline_review`` on the platform's own match judgements, so the line can be
moved on real needs rather than on a set its tuner wrote (docs/decline.md, "The line on real judgements").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from .facts import is_recommended, line

SHARES = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
LEADS = (0.0, 0.5, 1.0, 1.5, 2.0)
# "Answerable needs almost never declined" (issue 13): a wrongly declined answerable need weighs this many times a
# rightly declined unanswerable one, as when the dev split chose the line.
ANSWERABLE_WEIGHT = 3.0


@dataclass(frozen=True)
class CurvePoint:
    share: float
    lead: float
    no_answer_declined: int  # right: nothing in the pool answers them and nothing is recommended
    answerable_declined: int  # wrong: an answer exists and nothing is recommended
    answer_below_line: int  # answerable needs none of whose answers is recommended (declined ones included)

    @property
    def at(self) -> tuple[float, float]:
        return self.share, self.lead


def recommends(row, at: tuple[float, float]) -> bool:
    """Whether the row would be above the line at ``at`` (a sibling variant never is)."""
    return not row.variants and is_recommended(row.coverage, row.evidence, row.lead or 0.0, at=at)


def curve(
    lists: Mapping[object, list],
    no_answer: Iterable,
    answers: Mapping[object, set],
    *,
    shares: Iterable[float] = SHARES,
    leads: Iterable[float] = LEADS,
    row_id: Callable = lambda row: row.object_id,
) -> list[CurvePoint]:
    """One point per (share, lead), the deployment's own line included. ``lists``: need → its rows as the matcher
    returns them (``coverage``, ``evidence``, ``lead``, ``variants``); ``no_answer``: needs nothing answers;
    ``answers``: answerable need → the ids (``row_id`` of a row: its object id by default) of its relevant rows."""
    no_answer = set(no_answer)
    points = sorted({*((s, lead) for s in shares for lead in leads), line()})
    out = []
    for at in points:
        declined = {need for need, rows in lists.items() if not any(recommends(row, at) for row in rows)}
        below = sum(
            1
            for need, wanted in answers.items()
            if not any(recommends(row, at) for row in lists.get(need, ()) if row_id(row) in wanted)
        )
        out.append(CurvePoint(at[0], at[1], len(declined & no_answer), len(declined & set(answers)), below))
    return out


def suggestion(points: list[CurvePoint], *, no_answer: int, answerable: int) -> CurvePoint:
    """The point that declines most needs nothing answers at ANSWERABLE_WEIGHT times the share of answerable needs
    it declines; among equals, the one nearest the deployment's line (a move needs a reason)."""
    current = line()

    def gain(p: CurvePoint) -> float:
        right = p.no_answer_declined / no_answer if no_answer else 0.0
        wrong = p.answerable_declined / answerable if answerable else 0.0
        return right - ANSWERABLE_WEIGHT * wrong

    return max(points, key=lambda p: (round(gain(p), 9), -_distance(p, current)))


def frontier(points: list[CurvePoint]) -> list[CurvePoint]:
    """The points no other point beats: none declines as many needs nothing answers for fewer answerable ones."""
    return [
        p
        for p in points
        if not any(
            (q.no_answer_declined >= p.no_answer_declined and q.answerable_declined < p.answerable_declined)
            or (q.no_answer_declined > p.no_answer_declined and q.answerable_declined <= p.answerable_declined)
            for q in points
        )
    ]


def one_per_outcome(points, *, keep, near: CurvePoint) -> list[tuple[CurvePoint, int]]:
    """One point per outcome (the same three counts), the one nearest the line in force unless another is to be
    kept (the line itself, the suggestion); with how many other points share its outcome."""
    groups: dict[tuple, list[CurvePoint]] = {}
    for p in {*points, *(k for k in keep if k is not None)}:
        groups.setdefault((p.no_answer_declined, p.answerable_declined, p.answer_below_line), []).append(p)
    out = []
    for group in groups.values():
        kept = [p for p in group if p in keep] or [min(group, key=lambda p: (_distance(p, near.at), p.share, p.lead))]
        out += [(p, len(group) - len(kept) if i == 0 else 0) for i, p in enumerate(kept)]
    return out


def _distance(p: CurvePoint, at: tuple[float, float]) -> float:
    """How far a point is from another place of the line (share and lead steps alike)."""
    return abs(p.share - at[0]) + abs(p.lead - at[1])
