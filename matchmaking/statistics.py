"""What the bureau reads about its events: sign-ups, attendance, meetings, outcomes, and what they led to.

The trail from an event to money: a meeting's outcome opened a dealflow enquiry tagged with the event
(``EventEnquiry``); the enquiry's conversation became a ``Deal`` when accepted; the deal links the registered
``TechnologyContract``, whose 认定技术交易额 is the figure the registry reports. Each figure counts distinct
objects, so a contract reached from two meetings of one event counts once for that event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from dealflow.models import Deal
from registration.models import TechnologyContract
from taxonomy.models import IndustryChainNode

from .models import EventEnquiry, EventPage, Meeting, MeetingOutcome, Signup

ZERO = Decimal("0.00")

# (key, label) in the order tables, charts and the export show them.
COLUMNS = [
    ("signups", _("报名")),
    ("approved", _("通过")),
    ("attended", _("到场")),
    ("proposed", _("推荐/邀约洽谈")),
    ("accepted", _("双方接受")),
    ("held", _("已洽谈")),
    ("no_interest", _("无意向")),
    ("follow_up", _("继续跟进")),
    ("enquiry", _("已发起洽谈")),
    ("deal", _("达成合作")),
    ("enquiries", _("带来的洽谈")),
    ("deals", _("转化项目")),
    ("contracts", _("登记合同")),
]
MONEY_COLUMN = ("technology_amount", _("技术交易额(元)"))


@dataclass
class Figures:
    counts: dict[str, int] = field(default_factory=dict)
    technology_amount: Decimal = ZERO

    def get(self, key: str):
        return self.technology_amount if key == "technology_amount" else self.counts.get(key, 0)

    def add(self, other: Figures) -> None:
        for key, value in other.counts.items():
            self.counts[key] = self.counts.get(key, 0) + value
        self.technology_amount += other.technology_amount


def event_figures(event: EventPage) -> Figures:
    return figures_for([event.pk])[event.pk]


def figures_for(event_ids: list[int]) -> dict[int, Figures]:
    """Figures per event, each from a handful of grouped queries over all the events at once."""
    result = {pk: Figures(counts={key: 0 for key, _label in COLUMNS}) for pk in event_ids}
    active = ~Q(status__in=[Signup.Status.CANCELLED])
    signup_rows = (
        Signup.objects.filter(event_id__in=event_ids)
        .values("event_id")
        .annotate(
            signups=Count("pk", filter=active),
            approved=Count("pk", filter=Q(status=Signup.Status.APPROVED)),
            # Attendance: approved sign-ups marked attended (staff, or a held meeting's outcome marks both sides).
            attended=Count("pk", filter=Q(status=Signup.Status.APPROVED, attended=True)),
        )
    )
    for row in signup_rows:
        counts = result[row["event_id"]].counts
        for key in ("signups", "approved", "attended"):
            counts[key] = row[key]
    meeting_rows = (
        Meeting.objects.filter(event_id__in=event_ids)
        .values("event_id")
        .annotate(
            proposed=Count("pk"),
            accepted=Count("pk", filter=Q(status__in=[Meeting.Status.ACCEPTED, Meeting.Status.HELD])),
            held=Count("pk", filter=Q(status=Meeting.Status.HELD)),
        )
    )
    for row in meeting_rows:
        counts = result[row["event_id"]].counts
        for key in ("proposed", "accepted", "held"):
            counts[key] = row[key]
    # Outcomes count per side: both sides recording "follow-up" are two answers.
    for row in (
        MeetingOutcome.objects.filter(meeting__event_id__in=event_ids)
        .values("meeting__event_id", "result")
        .annotate(n=Count("pk"))
    ):
        result[row["meeting__event_id"]].counts[row["result"]] = row["n"]
    for row in EventEnquiry.objects.filter(event_id__in=event_ids).values("event_id").annotate(n=Count("pk")):
        result[row["event_id"]].counts["enquiries"] = row["n"]
    deal_rows = (
        Deal.objects.filter(conversation__enquiry__event_tag__event_id__in=event_ids)
        .values("conversation__enquiry__event_tag__event_id", "pk", "contract_id")
        .distinct()
    )
    contracts_by_event: dict[int, set[int]] = {}
    for row in deal_rows:
        event_id = row["conversation__enquiry__event_tag__event_id"]
        result[event_id].counts["deals"] += 1
        if row["contract_id"]:
            contracts_by_event.setdefault(event_id, set()).add(row["contract_id"])
    registered = dict(
        TechnologyContract.objects.filter(
            pk__in={pk for pks in contracts_by_event.values() for pk in pks},
            status=TechnologyContract.Status.REGISTERED,
        ).values_list("pk", "effective_technology_amount_cny")
    )
    for event_id, contract_ids in contracts_by_event.items():
        kept = [pk for pk in contract_ids if pk in registered]
        result[event_id].counts["contracts"] = len(kept)
        result[event_id].technology_amount = sum((registered[pk] or ZERO for pk in kept), ZERO)
    return result


def filters_from(params) -> dict:
    year = params.get("year") or ""
    return {
        "year": int(year) if year.isdigit() else None,
        "chain": (params.get("chain") or "").strip().upper()[:32] or None,
        "kind": params.get("kind") if params.get("kind") in EventPage.Kind.values else None,
    }


def filter_choices() -> dict:
    years = sorted({timezone.localtime(d).year for d in EventPage.objects.live().values_list("starts_at", flat=True)})
    return {
        "years": years,
        "chains": list(IndustryChainNode.objects.chains().order_by("code").values_list("code", "name")),
        "kinds": EventPage.Kind.choices,
    }


BAR_ROW = 24  # SVG user units per bar
BAR_SPACE = 220  # the longest bar's length


def _chart(groups: list[tuple[str, Figures]], key: str) -> dict:
    """A server-rendered SVG bar chart: per bar its label, value, y offset and length (the largest is BAR_SPACE)."""
    values = [(label, figures.get(key)) for label, figures in groups]
    top = max((value for _label, value in values), default=0) or 1
    bars = [
        {
            "label": label,
            "value": value,
            "y": index * BAR_ROW,
            "text_y": index * BAR_ROW + 15,
            "length": round(float(value) * BAR_SPACE / float(top), 1),
            "value_x": round(150 + float(value) * BAR_SPACE / float(top) + 4, 1),
        }
        for index, (label, value) in enumerate(values)
    ]
    return {"bars": bars, "height": max(len(bars), 1) * BAR_ROW}


def cells(figures: Figures) -> list:
    return [figures.get(key) for key, _label in COLUMNS] + [figures.technology_amount]


def _chain_labels(codes) -> dict[str, str]:
    """Industry chains' names in the reader's language, in one query (the bureau reads names, not codes); a code
    without a node (the "—" of events with no chain) stays as it is."""
    english = (translation.get_language() or "").startswith("en")
    names = {
        code: (name_en if english else "") or name
        for code, name, name_en in IndustryChainNode.objects.filter(code__in=list(codes)).values_list(
            "code", "name", "name_en"
        )
    }
    return {code: names.get(code, code) for code in codes}


def _chain_label(code: str) -> str:
    return _chain_labels([code])[code]


def figures_report(*, year: int | None = None, chain: str | None = None, kind: str | None = None) -> dict:
    events = EventPage.objects.live().order_by("-starts_at", "pk")
    if kind:
        events = events.filter(kind=kind)
    if chain:
        events = events.filter(industry_chains__code__startswith=chain).distinct()
    events = list(events.prefetch_related("industry_chains"))
    if year:
        events = [e for e in events if timezone.localtime(e.starts_at).year == year]
    figures = figures_for([e.pk for e in events])
    total = Figures(counts={key: 0 for key, _label in COLUMNS})
    by_year: dict[str, Figures] = {}
    by_kind: dict[str, Figures] = {}
    by_chain: dict[str, Figures] = {}
    for event in events:
        own = figures[event.pk]
        total.add(own)
        by_year.setdefault(str(timezone.localtime(event.starts_at).year), Figures()).add(own)
        by_kind.setdefault(str(event.get_kind_display()), Figures()).add(own)
        # An event focused on two chains counts under each of them (so chain rows may add up to more than the total).
        for code in sorted({node.code.split(".")[0] for node in event.industry_chains.all()}) or ["—"]:
            by_chain.setdefault(code, Figures()).add(own)
    rows = [{"event": event, "figures": figures[event.pk], "cells": cells(figures[event.pk])} for event in events]
    labels = _chain_labels(by_chain)
    groups = {
        "year": sorted(by_year.items()),
        "kind": sorted(by_kind.items()),
        "chain": [(labels[code], f) for code, f in sorted(by_chain.items())],
    }
    return {
        "columns": COLUMNS,
        "money_column": MONEY_COLUMN,
        "rows": rows,
        "total": total,
        "total_cells": cells(total),
        "groups": groups,
        "group_tables": [
            (_("按年度"), [(label, cells(f)) for label, f in groups["year"]]),
            (_("按类型"), [(label, cells(f)) for label, f in groups["kind"]]),
            (_("按产业链"), [(label, cells(f)) for label, f in groups["chain"]]),
        ],
        "charts": {
            "meetings_by_event": _chart([(e.title, figures[e.pk]) for e in events][:20], "held"),
            "contracts_by_year": _chart(groups["year"], "contracts"),
            "amount_by_year": _chart(groups["year"], "technology_amount"),
            "enquiries_by_kind": _chart(groups["kind"], "enquiries"),
        },
    }
