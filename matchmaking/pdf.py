"""The meeting schedule as a PDF (WeasyPrint with the CJK font the registry's certificates use)."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from . import selectors


def _url_fetcher():
    # Everything is embedded (fonts come from the system); never fetch over HTTP.
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"})


def schedule_context(*, event, organisation=None) -> dict:
    if organisation is not None:
        meetings = selectors.schedule_for_organisation(event=event, organisation_id=organisation.pk)
        rows = []
        for meeting in meetings:
            other = (
                meeting.institution_signup.organisation
                if meeting.enterprise_signup.organisation_id == organisation.pk
                else meeting.enterprise_signup.organisation
            )
            rows.append({"meeting": meeting, "starts": event.slot_starts(meeting.slot), "other": other})
        return {"event": event, "organisation": organisation, "rows": rows}
    grid = selectors.schedule_grid(event)
    rows = [
        {"meeting": meeting, "starts": line["starts"], "other": None} for line in grid for meeting in line["meetings"]
    ]
    return {"event": event, "organisation": None, "rows": rows}


def render_schedule_pdf(*, event, organisation=None) -> bytes:
    from weasyprint import HTML

    context = schedule_context(event=event, organisation=organisation)
    context["font_family"] = settings.REGISTRATION_CERTIFICATE_FONT_FAMILY
    context["printed_at"] = timezone.localtime()
    html = render_to_string("matchmaking/schedule_pdf.html", context)
    return HTML(string=html, url_fetcher=_url_fetcher()).write_pdf()
