"""Read-side of events: what the public sees, an organisation's own sign-ups, meetings and schedule (the public list
and page build their context on the pages themselves, in models.py, which never import this module)."""

from __future__ import annotations

from django.db.models import Q

from . import permissions
from .models import EventPage, Meeting, MeetingOutcome, Signup


def events_listed():
    """What the public sees: published events (Wagtail's live pages)."""
    return EventPage.objects.listed()


def signup_of(*, event: EventPage, organisation_id: int | None) -> Signup | None:
    return Signup.objects.of(event=event, organisation_id=organisation_id)


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
