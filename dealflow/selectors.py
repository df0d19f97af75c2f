"""Read-side of the deal flow: what each user may see (404 for what is not theirs), the board, and the funnel."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from accounts.models import Organisation
from common import clock
from common.errors import NotAllowed, NotFoundError
from taxonomy.names import localised_name

from . import permissions
from .models import (
    AnswerTimeCounter,
    Approach,
    Conversation,
    Deal,
    DeclineReason,
    Enquiry,
    FunnelCounter,
    LostReason,
    Notification,
    PriceNotice,
    SolutionProposal,
)

BOARD_PER_STAGE = 20
SHANGHAI = ZoneInfo("Asia/Shanghai")
FUNNEL_CACHE_SECONDS = 600
FUNNEL_VERSION_KEY = "dealflow:funnel:version"


def funnel_version() -> int:
    version = cache.get(FUNNEL_VERSION_KEY)
    if version is None:
        version = 1
        cache.add(FUNNEL_VERSION_KEY, version, None)
    return version


def funnel_touch() -> None:
    """Called (after commit) by every service that changes a funnel figure: cached figures are then recomputed.

    Figures also expire after FUNNEL_CACHE_SECONDS, so changes made outside the services (registrar amount
    corrections, imports) show within minutes.
    """
    try:
        cache.incr(FUNNEL_VERSION_KEY)
    except ValueError:
        cache.set(FUNNEL_VERSION_KEY, 2, None)


def _cached(name: str, compute, *parts):
    # Labels (fields, chains, reasons) are in the reader's language: one entry per language.
    key = f"dealflow:{name}:{funnel_version()}:{get_language()}:" + ":".join(str(p) for p in parts)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, FUNNEL_CACHE_SECONDS)
    return value


# --- visibility ----------------------------------------------------------------------------------------


def conversations_for(user):
    """Parties: their organisation's threads. Bureau staff: every thread's metadata (never the messages)."""
    base = Conversation.objects.select_related(
        "seller_organisation", "buyer_organisation", "enquiry", "proposal", "deal"
    ).order_by("-last_message_at", "-id")
    if permissions.is_party_user(user):
        return base.filter(
            Q(seller_organisation_id=user.organisation_id) | Q(buyer_organisation_id=user.organisation_id)
        )
    if user.is_authenticated and user.is_bureau_staff:
        return base
    raise NotAllowed(_("请以企业或机构账号登录。"))


def conversation_for_reading(user, pk: int) -> Conversation:
    conversation = (
        Conversation.objects.select_related("seller_organisation", "buyer_organisation").filter(pk=pk).first()
    )
    if conversation is None:
        raise NotFoundError(_("洽谈不存在。"))
    if permissions.can_read_thread(user, conversation):
        return conversation
    if user.is_authenticated and user.is_bureau_staff:
        raise NotAllowed(_("科技局工作人员只能查看洽谈概况;受邀担任技术经纪人后才能阅读会话内容。"))
    raise NotFoundError(_("洽谈不存在。"))


def deals_visible_to(user):
    if permissions.is_party_user(user):
        return Deal.objects.filter(
            Q(seller_organisation_id=user.organisation_id) | Q(buyer_organisation_id=user.organisation_id)
        )
    if user.is_authenticated and user.is_bureau_staff:
        return Deal.objects.all()
    raise NotAllowed(_("请以企业或机构账号登录。"))


def deal_for(user, pk: int) -> Deal:
    deal = (
        deals_visible_to(user)
        .select_related(
            "seller_organisation",
            "buyer_organisation",
            "transfer_mode",
            "technical_field",
            "contract",
            "refusal_decision",
            "conversation",
        )
        .filter(pk=pk)
        .first()
    )
    if deal is None:
        raise NotFoundError(_("项目不存在。"))
    return deal


@dataclass
class BoardColumn:
    stage: str
    label: str
    count: int
    deals: list


def deals_board(user, *, status: str = Deal.Status.OPEN) -> list[BoardColumn]:
    """Columns by stage: the count and the most recently active deals of each (one query per column)."""
    visible = deals_visible_to(user).filter(status=status)
    counts = dict(visible.order_by().values_list("stage").annotate(n=Count("id")))
    columns = []
    for stage in Deal.Stage:
        deals = []
        if counts.get(stage.value):
            deals = list(
                visible.filter(stage=stage.value)
                .select_related("seller_organisation", "buyer_organisation")
                .order_by("-last_activity_at", "-id")[:BOARD_PER_STAGE]
            )
        columns.append(BoardColumn(stage.value, stage.label, counts.get(stage.value, 0), deals))
    return columns


def approaches_waiting_for(user) -> list:
    """Enquiries and proposals this organisation still has to answer."""
    if not permissions.is_party_user(user):
        return []
    waiting = []
    for model in (Enquiry, SolutionProposal):
        waiting.extend(
            model.objects.filter(recipient_organisation_id=user.organisation_id, status=Approach.Status.SENT)
            .select_related("sender_organisation", "conversation")
            .order_by("created_at")
        )
    return sorted(waiting, key=lambda a: a.created_at)


def notifications_for(user):
    if permissions.is_party_user(user):
        return Notification.objects.filter(organisation_id=user.organisation_id)
    if user.is_authenticated and user.is_bureau_staff:
        return Notification.objects.filter(for_bureau=True)
    return Notification.objects.none()


def notices_public(*, on: date | None = None) -> tuple[list[PriceNotice], list[PriceNotice]]:
    """Current and past notices (withdrawn ones are listed as past, marked withdrawn)."""
    on = on or clock.today()
    notices = PriceNotice.objects.order_by("-starts_on", "-id")
    current = list(notices.filter(withdrawn_at__isnull=True, starts_on__lte=on, ends_on__gte=on))
    past = list(notices.filter(Q(ends_on__lt=on) | Q(withdrawn_at__isnull=False))[:200])
    return current, past


def notice_public(pk: int) -> PriceNotice:
    notice = PriceNotice.objects.filter(pk=pk).first()
    if notice is None:
        raise NotFoundError(_("公示不存在。"))
    return notice


# --- the funnel ------------------------------------------------------------------------------------------


FUNNEL_STEPS = [
    ("sent", gettext_lazy("发出咨询/方案")),
    ("answered", gettext_lazy("已答复")),
    ("accepted", gettext_lazy("已接受(立项)")),
    ("nda", gettext_lazy("签署保密协议")),
    ("notice", gettext_lazy("价格公示")),
    ("signed", gettext_lazy("签约")),
    ("registered", gettext_lazy("登记")),
]
DIMENSIONS = {
    "month": gettext_lazy("月份"),
    "field": gettext_lazy("技术领域"),
    "chain": gettext_lazy("产业链"),
    "institution": gettext_lazy("机构"),
}


# The counter column each grouping reads (see ``FunnelCounter``).
COUNTER_COLUMNS = {
    "month": "month",
    "field": "technical_field_id",
    "chain": "chain_code",
    "institution": "institution_id",
}


def _dim(dimension: str, *, prefix: str = "", time_field: str, institution_field: str):
    if dimension == "month":
        return TruncMonth(time_field, tzinfo=SHANGHAI)
    if dimension == "field":
        return F(f"{prefix}technical_field_id")
    if dimension == "chain":
        return F(f"{prefix}chain_code")
    return F(institution_field)


def _add(table: dict, key, step: str, value) -> None:
    if key is None:
        key = ""
    if hasattr(key, "date"):
        key = key.date().replace(day=1)
    row = table.setdefault(key, {s: 0 for s, _label in FUNNEL_STEPS})
    row[step] = row.get(step, 0) + (value or 0)


def _year_range(year: int):
    from datetime import datetime

    start = datetime(year, 1, 1, tzinfo=SHANGHAI)
    end = datetime(year + 1, 1, 1, tzinfo=SHANGHAI)
    return start, end


def funnel(*, year: int, dimension: str = "month", institution: Organisation | None = None) -> dict:
    """The funnel (see ``funnel_compute``), cached under a version every deal-flow write bumps."""
    if dimension not in DIMENSIONS:
        dimension = "month"
    return _cached(
        "funnel",
        lambda: funnel_compute(year=year, dimension=dimension, institution=institution),
        year,
        dimension,
        institution.pk if institution is not None else "",
    )


def funnel_compute(*, year: int, dimension: str = "month", institution: Organisation | None = None) -> dict:
    """The bureau's funnel for one year, grouped by month, field, chain or institution.

    Steps are counted when they first happen (a deal accepted in March and registered in May counts in each
    month), read from the running totals the services keep (``dealflow.services.funnel``); conversions are
    step-to-step ratios of the totals. The amount (技术交易额) is read from the registered contracts, because
    the registry may correct it after the deal-flow step.
    """
    if dimension not in DIMENSIONS:
        dimension = "month"
    table: dict = {}
    counters = FunnelCounter.objects.filter(month__gte=date(year, 1, 1), month__lte=date(year, 12, 1))
    if institution is not None:
        counters = counters.filter(institution_id=institution.pk)
    column = COUNTER_COLUMNS[dimension]
    for row in counters.order_by().values(column, "step").annotate(n=Sum("count")):
        key = row[column]
        if dimension == "field" and key == 0:
            key = ""
        _add(table, key, row["step"], row["n"])

    def scoped(qs, field):
        return qs.filter(**{field: institution}) if institution is not None else qs

    amounts: dict = {}
    registered = scoped(Deal.objects.filter(registered_on__year=year, contract__isnull=False), "seller_organisation")
    key = (
        TruncMonth("registered_on")
        if dimension == "month"
        else _dim(dimension, time_field="registered_on", institution_field="seller_organisation_id")
    )
    for row in (
        registered.order_by().annotate(k=key).values("k").annotate(s=Sum("contract__effective_technology_amount_cny"))
    ):
        k = row["k"]
        if hasattr(k, "replace") and dimension == "month":
            k = k.replace(day=1) if isinstance(k, date) else k
        amounts[k] = amounts.get(k, 0) + (row["s"] or 0)

    labels = _labels(dimension, [k for k in table] + [k for k in amounts])
    rows = []
    for k in sorted(set(table) | set(amounts), key=lambda v: (str(type(v)), v if v is not None else "")):
        counts = table.get(k, {s: 0 for s, _label in FUNNEL_STEPS})
        rows.append({"key": k, "label": labels.get(k, str(k) or "—"), "counts": counts, "amount": amounts.get(k, 0)})
    totals = {s: sum(r["counts"][s] for r in rows) for s, _label in FUNNEL_STEPS}
    conversions = []
    for (a, a_label), (b, b_label) in itertools.pairwise(FUNNEL_STEPS):
        rate = (totals[b] / totals[a]) if totals[a] else None
        conversions.append({"from": a_label, "to": b_label, "rate": rate})
    return {
        "year": year,
        "dimension": dimension,
        "dimension_label": DIMENSIONS[dimension],
        "steps": FUNNEL_STEPS,
        "rows": rows,
        "totals": totals,
        "amount_total": sum(r["amount"] for r in rows),
        "conversions": conversions,
        "median_answer_hours": median_answer_hours(year=year, institution=institution),
    }


def _labels(dimension: str, keys: list) -> dict:
    from taxonomy.models import IndustryChainNode, TechnicalField

    if dimension == "month":
        return {k: k.strftime("%Y-%m") for k in keys if hasattr(k, "strftime")}
    ids = [k for k in keys if k not in (None, "")]
    if dimension == "field":
        return {t.pk: localised_name(t) for t in TechnicalField.objects.filter(pk__in=ids)}
    if dimension == "chain":
        return {n.code: localised_name(n) for n in IndustryChainNode.objects.filter(code__in=ids)}
    return {o.pk: o.name for o in Organisation.objects.filter(pk__in=ids)}


def median_answer_hours(*, year: int, institution: Organisation | None = None) -> float | None:
    """Median time from an enquiry or proposal sent in ``year`` to its first answer, in hours (to the hour),
    read from the histogram the services keep (``AnswerTimeCounter``): a few hundred rows, not every answer."""
    rows = AnswerTimeCounter.objects.filter(year=year)
    if institution is not None:
        rows = rows.filter(institution_id=institution.pk)
    histogram = [(r["hours"], r["n"]) for r in rows.order_by("hours").values("hours").annotate(n=Sum("count"))]
    total = sum(n for _hours, n in histogram)
    if not total:
        return None

    def value_at(index: int) -> int:
        seen = 0
        for hours, n in histogram:
            seen += n
            if index < seen:
                return hours
        return histogram[-1][0]

    # As percentile_cont(0.5): the middle value, or the mean of the two middle values.
    return round((value_at((total - 1) // 2) + value_at(total // 2)) / 2, 1)


def declines_by_reason(*, year: int, dimension: str | None = None) -> list[dict]:
    """Declines counted by reason (and institution/field/chain if asked) — never the private text."""
    return _cached("declines", lambda: _declines_by_reason(year=year, dimension=dimension), year, dimension)


def _declines_by_reason(*, year: int, dimension: str | None = None) -> list[dict]:
    start, end = _year_range(year)
    out: dict = {}
    for model, inst_field in ((Enquiry, "recipient_organisation_id"), (SolutionProposal, "sender_organisation_id")):
        qs = model.objects.filter(status=Approach.Status.DECLINED, answered_at__gte=start, answered_at__lt=end)
        fields = ["decline_reason"]
        if dimension == "institution":
            qs = qs.annotate(dim=F(inst_field))
            fields.append("dim")
        elif dimension == "field":
            qs = qs.annotate(dim=F("technical_field_id"))
            fields.append("dim")
        elif dimension == "chain":
            qs = qs.annotate(dim=F("chain_code"))
            fields.append("dim")
        for row in qs.order_by().values(*fields).annotate(n=Count("id")):
            key = (row["decline_reason"], row.get("dim"))
            out[key] = out.get(key, 0) + row["n"]
    labels = _labels(dimension, [k[1] for k in out]) if dimension else {}
    return sorted(
        (
            {
                "reason": DeclineReason(reason).label if reason in DeclineReason.values else reason,
                "dimension": labels.get(dim, dim) if dimension else "",
                "count": n,
            }
            for (reason, dim), n in out.items()
        ),
        key=lambda r: -r["count"],
    )


def needs_answered_by_deals() -> dict[int, set[int]]:
    """need id → the achievements of its deals. A deal exists because an institution accepted the enterprise's
    enquiry about these achievements for this need, or the enterprise accepted the institution's proposal naming
    them: both parties judged that they answer it. A deal ended because the technology did not meet the
    requirements (``LostReason.TECHNICAL``) says the opposite and is left out; one lost over price, terms or time
    still had the right technology. Search's decline review reads it (``marketplace.events.need_answers_requested``)."""
    rows = (
        Deal.objects.filter(need__isnull=False, achievements__isnull=False)
        .exclude(status=Deal.Status.LOST, lost_reason=LostReason.TECHNICAL)
        .order_by()
        .values_list("need_id", "achievements")
    )
    answers: dict[int, set[int]] = {}
    for need_id, achievement_id in rows:
        answers.setdefault(need_id, set()).add(achievement_id)
    return answers


def lost_by_reason(*, year: int) -> list[dict]:
    return _cached("lost", lambda: _lost_by_reason(year=year), year)


def _lost_by_reason(*, year: int) -> list[dict]:
    start, end = _year_range(year)
    rows = (
        Deal.objects.filter(status=Deal.Status.LOST, closed_at__gte=start, closed_at__lt=end)
        .order_by()
        .values("lost_reason", "stage")
        .annotate(n=Count("id"))
    )
    return sorted(
        (
            {
                "reason": LostReason(r["lost_reason"]).label
                if r["lost_reason"] in LostReason.values
                else r["lost_reason"],
                "stage": Deal.Stage(r["stage"]).label,
                "count": r["n"],
            }
            for r in rows
        ),
        key=lambda r: -r["count"],
    )


def interest_without_deal(*, year: int, limit: int = 10) -> list[dict]:
    """Achievements most asked about this year that have no deal at all."""
    return _cached("interest", lambda: _interest_without_deal(year=year, limit=limit), year, limit)


def _interest_without_deal(*, year: int, limit: int) -> list[dict]:
    from marketplace.models import AchievementPage

    start, end = _year_range(year)
    with_deal = Deal.objects.values("achievements")
    rows = (
        Enquiry.objects.filter(created_at__gte=start, created_at__lt=end)
        .exclude(achievement_id__in=with_deal)
        .order_by()
        .values("achievement_id")
        .annotate(n=Count("id"))
        .order_by("-n", "achievement_id")[:limit]
    )
    rows = list(rows)
    pages = AchievementPage.objects.filter(pk__in=[r["achievement_id"] for r in rows]).select_related(
        "institution_organisation"
    )
    by_id = {p.pk: p for p in pages}
    return [
        {
            "achievement": by_id.get(r["achievement_id"]),
            "title": by_id[r["achievement_id"]].title if r["achievement_id"] in by_id else "—",
            "institution": (
                by_id[r["achievement_id"]].institution_organisation.name
                if r["achievement_id"] in by_id and by_id[r["achievement_id"]].institution_organisation_id
                else "—"
            ),
            "enquiries": r["n"],
        }
        for r in rows
    ]


def target_projection(*, year: int, today: date | None = None) -> dict:
    """Registered contracts so far this year against the yearly target, and where the current pace ends up."""
    from registration.models import TechnologyContract

    today = today or clock.today()
    target = settings.COMMERCIALISATION_TARGET_PER_YEAR
    registered = TechnologyContract.objects.registered().filter(registered_on__year=year).count()
    from_deals = Deal.objects.filter(registered_on__year=year).count()
    days_in_year = (date(year + 1, 1, 1) - date(year, 1, 1)).days
    if today.year > year:
        elapsed = days_in_year
    elif today.year < year:
        elapsed = 0
    else:
        elapsed = (today - date(year, 1, 1)).days + 1
    projected = round(registered * days_in_year / elapsed) if elapsed else 0
    return {
        "target": target,
        "registered": registered,
        "from_deals": from_deals,
        "projected": projected,
        "on_track": projected >= target,
        "percent": round(100 * registered / target) if target else None,
    }


def institution_dashboard(*, organisation: Organisation, year: int) -> dict:
    enquiries = Enquiry.objects.filter(recipient_organisation=organisation)
    return {
        "funnel": funnel(year=year, dimension="month", institution=organisation),
        "waiting": enquiries.filter(status=Approach.Status.SENT).count(),
        "deals_by_stage": dict(
            Deal.objects.filter(seller_organisation=organisation, status=Deal.Status.OPEN)
            .order_by()
            .values_list("stage")
            .annotate(n=Count("id"))
        ),
        "lost": Deal.objects.filter(seller_organisation=organisation, status=Deal.Status.LOST).count(),
    }
