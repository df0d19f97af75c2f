"""The funnel's running totals (``FunnelCounter``): counted by the services as each step happens, recounted in full as a repair.

A step is counted once per approach or deal, in the month (Asia/Shanghai) it first happened:

- ``sent`` / ``answered``: an enquiry or proposal sent / answered (accepted or declined);
- ``accepted``: a deal created;
- ``nda`` / ``notice`` / ``signed`` / ``registered``: a deal's first NDA acceptance / first price notice / first
  move into 签约 / first move into 登记 (a deal sent back to 签约 by a refusal and registered later counts once).

The institution is the enquiry's recipient, the proposal's sender, the deal's seller. ``funnel_recount`` derives the
same figures from the source tables; ``funnel_counters_rebuild`` replaces the counters with it (after bulk loads,
raw SQL edits or restored backups that bypassed the services).
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.db.models import Min
from django.utils import timezone

from ..models import (
    AnswerTimeCounter,
    Deal,
    DealTransition,
    Enquiry,
    FunnelCounter,
    NdaAcceptance,
    PriceNotice,
    SolutionProposal,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
FIRST_STAGE_STEPS = {Deal.Stage.SIGNING: "signed", Deal.Stage.REGISTERED: "registered"}
ANSWER_HOURS = "answer_hours"  # first element of an AnswerTimeCounter key in the recount


def _month(moment: datetime) -> date:
    return timezone.localtime(moment, SHANGHAI).date().replace(day=1)


def _key(step: str, at: datetime, technical_field_id: int | None, chain_code: str, institution_id: int | None):
    return (_month(at), technical_field_id or 0, chain_code or "", institution_id or 0, step)


def funnel_count(
    step: str, *, at: datetime, technical_field_id: int | None, chain_code: str, institution_id: int | None
) -> None:
    """Add one to a counter inside the caller's transaction (an upsert: concurrent steps add up, never overwrite)."""
    month, field, chain, institution, step = _key(step, at, technical_field_id, chain_code, institution_id)
    table = connection.ops.quote_name(FunnelCounter._meta.db_table)
    # Identifiers come from model meta; every value is a bound parameter.
    sql = (
        f'INSERT INTO {table} (month, technical_field_id, chain_code, institution_id, step, "count") '  # noqa: S608
        "VALUES (%s, %s, %s, %s, %s, 1) "
        "ON CONFLICT (month, technical_field_id, chain_code, institution_id, step) "
        f'DO UPDATE SET "count" = {table}."count" + 1'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [month, field, chain, institution, step])


def _answer_key(created_at: datetime, answered_at: datetime, institution_id: int | None):
    hours = max(0, round((answered_at - created_at).total_seconds() / 3600))
    return (ANSWER_HOURS, timezone.localtime(created_at, SHANGHAI).year, institution_id or 0, hours)


def _count_answer_time(created_at: datetime, answered_at: datetime, institution_id: int | None) -> None:
    _step, year, institution, hours = _answer_key(created_at, answered_at, institution_id)
    table = connection.ops.quote_name(AnswerTimeCounter._meta.db_table)
    sql = (
        f'INSERT INTO {table} (year, institution_id, hours, "count") VALUES (%s, %s, %s, 1) '  # noqa: S608
        f'ON CONFLICT (year, institution_id, hours) DO UPDATE SET "count" = {table}."count" + 1'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [year, institution, hours])


def funnel_count_approach(step: str, approach, *, at: datetime) -> None:
    institution_id = (
        approach.recipient_organisation_id if isinstance(approach, Enquiry) else approach.sender_organisation_id
    )
    if step == "answered":
        _count_answer_time(approach.created_at, at, institution_id)
    funnel_count(
        step,
        at=at,
        technical_field_id=approach.technical_field_id,
        chain_code=approach.chain_code,
        institution_id=institution_id,
    )


def funnel_count_deal(step: str, deal: Deal, *, at: datetime) -> None:
    funnel_count(
        step,
        at=at,
        technical_field_id=deal.technical_field_id,
        chain_code=deal.chain_code,
        institution_id=deal.seller_organisation_id,
    )


def funnel_count_stage(deal: Deal, *, from_stage: str, to_stage: str, at: datetime) -> None:
    """Called before a move's audit row is written: count 签约 / 登记 the first time a deal gets there."""
    step = FIRST_STAGE_STEPS.get(to_stage)
    if step is None or from_stage == to_stage:
        return
    if DealTransition.objects.filter(deal=deal, to_stage=to_stage).exclude(from_stage=to_stage).exists():
        return
    funnel_count_deal(step, deal, at=at)


def funnel_recount() -> Counter:
    """Every counter, derived from the enquiries, proposals, deals, NDA acceptances, notices and the audit trail.

    Keys are ``(month, field, chain, institution, step)`` for ``FunnelCounter`` rows and
    ``("answer_hours", year, institution, hours)`` for ``AnswerTimeCounter`` rows."""
    counts: Counter = Counter()
    for model, institution in ((Enquiry, "recipient_organisation_id"), (SolutionProposal, "sender_organisation_id")):
        rows = model.objects.order_by().values_list(
            "created_at", "answered_at", "technical_field_id", "chain_code", institution
        )
        for created_at, answered_at, field, chain, inst in rows.iterator(chunk_size=5000):
            counts[_key("sent", created_at, field, chain, inst)] += 1
            if answered_at is not None:
                counts[_key("answered", answered_at, field, chain, inst)] += 1
                counts[_answer_key(created_at, answered_at, inst)] += 1
    deals = Deal.objects.order_by().values_list(
        "created_at", "technical_field_id", "chain_code", "seller_organisation_id"
    )
    for created_at, field, chain, inst in deals.iterator(chunk_size=5000):
        counts[_key("accepted", created_at, field, chain, inst)] += 1
    firsts = [
        ("nda", NdaAcceptance.objects.filter(deal__isnull=False), "accepted_at"),
        ("notice", PriceNotice.objects.all(), "published_at"),
    ] + [
        (step, DealTransition.objects.filter(to_stage=stage).exclude(from_stage=stage), "at")
        for stage, step in FIRST_STAGE_STEPS.items()
    ]
    for step, queryset, moment in firsts:
        rows = (
            queryset.order_by()
            .values("deal_id", "deal__technical_field_id", "deal__chain_code", "deal__seller_organisation_id")
            .annotate(first=Min(moment))
            .values_list("first", "deal__technical_field_id", "deal__chain_code", "deal__seller_organisation_id")
        )
        for first, field, chain, inst in rows.iterator(chunk_size=5000):
            counts[_key(step, first, field, chain, inst)] += 1
    return counts


def funnel_counters() -> Counter:
    """The counters as stored (zero rows left out), in ``funnel_recount``'s shape, for comparing the two."""
    rows = FunnelCounter.objects.exclude(count=0).values_list(
        "month", "technical_field_id", "chain_code", "institution_id", "step", "count"
    )
    counts = Counter({(m, f, c, i, s): n for m, f, c, i, s, n in rows})
    answers = AnswerTimeCounter.objects.exclude(count=0).values_list("year", "institution_id", "hours", "count")
    counts.update({(ANSWER_HOURS, y, i, h): n for y, i, h, n in answers})
    return counts


@transaction.atomic
def funnel_counters_rebuild() -> int:
    """Replace every counter with a recount. On PostgreSQL the table is locked first, so a step counted by a
    transaction running meanwhile is either in the recount (it committed before) or added after (it waits)."""
    if connection.vendor == "postgresql":
        tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in (FunnelCounter, AnswerTimeCounter))
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")
    counts = funnel_recount()
    FunnelCounter.objects.all().delete()
    AnswerTimeCounter.objects.all().delete()
    FunnelCounter.objects.bulk_create(
        [
            FunnelCounter(
                month=key[0], technical_field_id=key[1], chain_code=key[2], institution_id=key[3], step=key[4], count=n
            )
            for key, n in counts.items()
            if key[0] != ANSWER_HOURS
        ],
        batch_size=5000,
    )
    AnswerTimeCounter.objects.bulk_create(
        [
            AnswerTimeCounter(year=key[1], institution_id=key[2], hours=key[3], count=n)
            for key, n in counts.items()
            if key[0] == ANSWER_HOURS
        ],
        batch_size=5000,
    )
    from ..selectors import funnel_touch

    transaction.on_commit(funnel_touch)
    return len(counts)
