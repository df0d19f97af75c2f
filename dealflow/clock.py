"""The deal flow's one source of "now", so tests can move time (notice periods, idle deals) by patching it."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()


def today() -> date:
    return timezone.localdate(now())
