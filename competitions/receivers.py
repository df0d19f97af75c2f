"""Receivers for what lower apps announce; they only call selectors and services."""

from __future__ import annotations

from . import selectors


def on_event_page_shown(sender, event, user, **kwargs) -> dict:
    """For matchmaking's ``event_page_shown``: the competition panel with its published results, merged into the
    event page's context."""
    return selectors.event_page_context(event=event, user=user)
