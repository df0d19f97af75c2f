"""Read-side of events: the public list and page, an organisation's own sign-ups, meetings and schedule."""

from __future__ import annotations

from django.db.models import Q

from common import clock
from common.pagination import CachedCountPaginator

from . import permissions
from .models import EventIndexPage, EventPage, Meeting, MeetingOutcome, Signup

PAGE_SIZE = 12


def events_listed():
    """What the public sees: published events (Wagtail's live pages)."""
    return EventPage.objects.live().public()


def event_index():
    """The public event list page (``/events/``), if it is published."""
    return EventIndexPage.objects.live().public().first()


def _paginate(queryset, number) -> object:
    return CachedCountPaginator(queryset, PAGE_SIZE).get_page(number)


def event_index_context(*, index_page, request) -> dict:
    now = clock.now()
    query = (request.GET.get("q") or "").strip()[:100]
    kind = request.GET.get("kind") or ""
    base = events_listed().child_of(index_page)
    if kind in EventPage.Kind.values:
        base = base.filter(kind=kind)
    context = {"query": query, "kind": kind, "kinds": EventPage.Kind.choices}
    if query:
        # Events are found with Wagtail's page search (the jieba-segmenting database backend); the site-wide
        # engine search indexes achievements and needs only.
        context["results"] = list(base.search(query)[:50])
        return context
    context["upcoming"] = _paginate(base.upcoming(now).order_by("starts_at", "pk"), request.GET.get("page"))
    context["past"] = _paginate(base.past(now).order_by("-starts_at", "-pk"), request.GET.get("past"))
    return context


def signup_of(*, event: EventPage, organisation_id: int | None) -> Signup | None:
    if organisation_id is None:
        return None
    return Signup.objects.filter(event=event, organisation_id=organisation_id).first()


def event_page_context(*, event: EventPage, user) -> dict:
    context = {
        "signup_open": clock.now() <= event.signup_deadline,
        "approved_count": Signup.objects.filter(event=event, status=Signup.Status.APPROVED).count(),
        "roadshows": [block for block in event.agenda if block.block_type == "roadshow"],
        "is_staff": permissions.is_staff(user),
        "can_sign_up": permissions.is_party_user(user),
    }
    context["places_left"] = max(event.capacity - context["approved_count"], 0)
    if permissions.is_party_user(user):
        context["own_signup"] = signup_of(event=event, organisation_id=user.organisation_id)
    return context


def signups_of_organisation(organisation_id: int):
    return (
        Signup.objects.filter(organisation_id=organisation_id)
        .select_related("event")
        .order_by("-event__starts_at", "-pk")
    )


def signups_for_staff(event: EventPage):
    return (
        Signup.objects.filter(event=event)
        .select_related("organisation")
        .prefetch_related("needs", "achievements")
        .order_by("status", "waiting_since", "created_at", "pk")
    )


def _meetings():
    return Meeting.objects.select_related(
        "event", "enterprise_signup__organisation", "institution_signup__organisation", "need", "achievement"
    )


def meetings_of_organisation(*, event: EventPage, organisation_id: int):
    return (
        _meetings()
        .filter(event=event)
        .filter(
            Q(enterprise_signup__organisation_id=organisation_id)
            | Q(institution_signup__organisation_id=organisation_id)
        )
        .order_by("slot", "table", "-score", "pk")
    )


def meetings_for_user(user):
    """Every meeting the user's organisation is a side of (API)."""
    if not permissions.is_party_user(user):
        return Meeting.objects.none()
    organisation_id = user.organisation_id
    return (
        _meetings()
        .filter(
            Q(enterprise_signup__organisation_id=organisation_id)
            | Q(institution_signup__organisation_id=organisation_id)
        )
        .order_by("event", "slot", "table", "pk")
    )


def schedule_for_organisation(*, event: EventPage, organisation_id: int) -> list[Meeting]:
    return list(
        meetings_of_organisation(event=event, organisation_id=organisation_id)
        .filter(slot__isnull=False, status__in=[Meeting.Status.ACCEPTED, Meeting.Status.HELD])
        .order_by("slot", "table")
    )


def schedule_grid(event: EventPage) -> list[dict]:
    """The whole event's schedule, slot by slot (staff view and the full PDF)."""
    meetings = list(
        _meetings()
        .filter(event=event, slot__isnull=False, status__in=[Meeting.Status.ACCEPTED, Meeting.Status.HELD])
        .order_by("slot", "table")
    )
    rows = []
    for slot in range(event.meeting_slots):
        rows.append(
            {
                "slot": slot,
                "starts": event.slot_starts(slot) if event.first_slot_at else None,
                "meetings": [m for m in meetings if m.slot == slot],
            }
        )
    return rows


def outcomes_by_side(meetings) -> dict[tuple[int, int], MeetingOutcome]:
    outcomes = MeetingOutcome.objects.filter(meeting__in=[m.pk for m in meetings])
    return {(o.meeting_id, o.organisation_id): o for o in outcomes}
