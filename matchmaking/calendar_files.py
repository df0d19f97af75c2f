"""iCalendar (.ics) files for event confirmations and personal meeting schedules (the `icalendar` package)."""

from __future__ import annotations

from django.conf import settings
from icalendar import Calendar, Event

PRODUCT_ID = "-//Science and Technology Bureau//Matchmaking events//ZH"


def _calendar() -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    return calendar


def _base_url() -> str:
    return settings.SITE_BASE_URL.rstrip("/")


def event_ics(event, *, meetings=()) -> bytes:
    """The event itself, plus one entry per scheduled meeting of the recipient (times are aware, stored in UTC)."""
    calendar = _calendar()
    entry = Event()
    entry.add("uid", f"event-{event.pk}@matchmaking")
    entry.add("summary", event.title)
    entry.add("dtstart", event.starts_at)
    entry.add("dtend", event.ends_at)
    entry.add("dtstamp", event.latest_revision_created_at or event.starts_at)
    location = event.place or event.online_url
    if location:
        entry.add("location", location)
    entry.add("url", _base_url() + event.url if event.url else _base_url())
    if event.summary:
        entry.add("description", event.summary)
    calendar.add_component(entry)
    for meeting in meetings:
        if not meeting.is_scheduled:
            continue
        item = Event()
        item.add("uid", f"meeting-{meeting.pk}@matchmaking")
        item.add(
            "summary",
            f"{meeting.enterprise_signup.organisation.name} × {meeting.institution_signup.organisation.name}",
        )
        item.add("dtstart", event.slot_starts(meeting.slot))
        item.add("dtend", event.slot_ends(meeting.slot))
        item.add("dtstamp", event.starts_at)
        item.add("location", f"{event.place} · {meeting.table + 1}")
        calendar.add_component(item)
    return calendar.to_ical()
