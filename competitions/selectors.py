"""Read side of competitions: a round's entries and ranking, what a judge sees, public results, winners' follow-up."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Avg, Count, Q, Sum

from registration.models import TechnologyContract

from .models import Competition, Entry, JudgeAssignment, Result, Round, Score


def round_entries(round: Round):
    """The entries a round judges: every active entry in the preliminary, the finalists in the final."""
    entries = Entry.objects.active().filter(competition_id=round.competition_id).select_related("organisation")
    if round.kind == Round.Kind.FINAL:
        entries = entries.filter(is_finalist=True)
    return entries.order_by("pk")


@dataclass
class RankRow:
    entry: Entry
    score: Decimal
    judges: int
    rank: int


def round_ranking(round: Round) -> list[RankRow]:
    """The round's entries by the mean of the weighted scores of the judges who scored them, best first; ties
    share a rank; unscored entries come last with 0."""
    rows = round_entries(round).annotate(
        mean=Avg("scores__weighted_score", filter=Q(scores__round=round)),
        judge_count=Count("scores", filter=Q(scores__round=round)),
    )
    scored = []
    for entry in rows:
        mean = Decimal(entry.mean or 0).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        scored.append((mean, entry.judge_count, entry))
    scored.sort(key=lambda item: (item[1] == 0, -item[0], item[2].pk))
    result: list[RankRow] = []
    previous = None
    rank = 0
    for position, (mean, count, entry) in enumerate(scored, 1):
        key = (mean, count == 0)
        if key != previous:
            rank, previous = position, key
        result.append(RankRow(entry=entry, score=mean, judges=count, rank=rank))
    return result


def entries_owned(user):
    return Entry.objects.owned_by(user).select_related("competition", "organisation").order_by("-created_at")


@dataclass
class JudgeRow:
    entry: Entry
    score: Score | None


def entries_for_judge(judge, round: Round) -> list[JudgeRow]:
    """The entries a judge is assigned to in a round, without any they are conflicted on, with their own score."""
    from .permissions import conflicted_entry_ids

    conflicted = conflicted_entry_ids(judge, round.competition_id)
    assigned = (
        JudgeAssignment.objects.filter(round=round, judge=judge, entry__status=Entry.Status.SUBMITTED)
        .exclude(entry_id__in=conflicted)
        .select_related("entry", "entry__organisation")
        .order_by("entry_id")
    )
    mine = {s.entry_id: s for s in Score.objects.filter(round=round, judge=judge).prefetch_related("items")}
    return [JudgeRow(entry=a.entry, score=mine.get(a.entry_id)) for a in assigned]


def judge_rounds(judge):
    """Rounds a judge has assignments in, open ones first."""
    ids = JudgeAssignment.objects.filter(judge=judge).values_list("round_id", flat=True)
    return Round.objects.filter(pk__in=ids).select_related("competition").order_by("status", "-pk")


def public_results(competition: Competition) -> list[Result]:
    """The published ranking and awards; nothing before staff publish."""
    if competition.results_published_at is None:
        return []
    return list(
        competition.results.select_related("entry", "entry__organisation", "award").order_by("rank", "entry_id")
    )


def published_competitions():
    return Competition.objects.published().order_by("-results_published_at")


# --- Winners followed afterwards ----------------------------------------------------------------------


@dataclass
class WinnerRow:
    result: Result
    company_name: str = ""
    credit_code: str = ""
    company_derived: bool = False
    region_code: str = ""
    settled_in_city: bool | None = None
    contracts: int = 0
    contract_amount: Decimal = Decimal("0.00")
    contract_numbers: list[str] = field(default_factory=list)


def _in_city(region_code: str) -> bool | None:
    if not region_code:
        return None
    city = settings.HOME_CITY_CODE
    return region_code[:4] == city[:4]


def winner_rows(competition: Competition | None = None) -> list[WinnerRow]:
    """Each awarded entry with its company (recorded by staff, or the entrant organisation when it has a credit
    code), the registered technology contracts whose parties include that company since the results, and
    whether it is registered in the city (HOME_CITY_CODE)."""
    results = Result.objects.filter(award__isnull=False).select_related(
        "competition", "award", "entry", "entry__organisation", "entry__organisation__region", "follow_up",
        "follow_up__company", "follow_up__company__region",
    )  # fmt: skip
    if competition is not None:
        results = results.filter(competition=competition)
    rows = []
    for result in results.order_by("-competition__results_published_at", "rank"):
        row = WinnerRow(result=result)
        follow_up = getattr(result, "follow_up", None)
        company = None
        if follow_up is not None and follow_up.company_id:
            company = follow_up.company
        elif result.entry.organisation_id and result.entry.organisation.credit_code:
            company = result.entry.organisation
            row.company_derived = True
        if company is not None:
            row.company_name, row.credit_code = company.name, company.credit_code or ""
            row.region_code = company.region.code if company.region_id else ""
        if follow_up is not None:
            row.company_name = follow_up.company_name or row.company_name
            row.credit_code = follow_up.credit_code or row.credit_code
            row.region_code = follow_up.region_code or row.region_code
        row.settled_in_city = _in_city(row.region_code)
        contracts = TechnologyContract.objects.registered()
        party = Q()
        if company is not None:
            party |= Q(seller_organisation=company) | Q(parties__organisation=company)
        if row.credit_code:
            party |= Q(parties__credit_code=row.credit_code)
        if party:
            since = result.competition.results_published_at.date()
            matched = contracts.filter(party, registered_on__gte=since).distinct()
            row.contract_numbers = sorted(matched.values_list("registration_number", flat=True))
            row.contracts = len(row.contract_numbers)
            row.contract_amount = TechnologyContract.objects.filter(pk__in=matched.values("pk")).aggregate(
                total=Sum("effective_technology_amount_cny")
            )["total"] or Decimal("0.00")
        rows.append(row)
    return rows


def event_page_context(*, event, user) -> dict:
    """What a 大赛 event's public page shows of its competition: the entry link while entries are open and the
    published ranking and awards. Empty for events without a competition."""
    from common import clock

    from .permissions import can_enter

    competition = Competition.objects.filter(event=event).prefetch_related("awards").first()
    if competition is None:
        return {}
    return {
        "competition": competition,
        "competition_entries_open": clock.now() < competition.entry_deadline and can_enter(user),
        "results": public_results(competition),
        "competition_template": "competitions/_event_panel.html",
    }
