"""The one clock every challenge deadline is checked against (Asia/Shanghai via Django's time zone).

``at()`` sets the clock for a block: the demo loader uses it to write a challenge's history (applied while
open, reviewed after the close) through the same services, and tests use it to cross a deadline.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime

from django.utils import timezone

_fixed: list[datetime] = []


def now() -> datetime:
    return _fixed[-1] if _fixed else timezone.now()


def today() -> date:
    return timezone.localdate(now())


@contextmanager
def at(moment: datetime):
    if timezone.is_naive(moment):
        raise ValueError("clock.at() needs an aware datetime")
    _fixed.append(moment)
    try:
        yield
    finally:
        _fixed.pop()
