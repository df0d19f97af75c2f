"""The one source of "now" for deadlines, notice periods and idle checks (Asia/Shanghai via Django's time zone).

Services call ``clock.now()``/``clock.today()`` through this module rather than ``timezone.now()`` so that
``at()`` can set the time for a block: demo loaders use it to write a history (applied while open, reviewed
after the close, a notice that has run out) through the same services, and tests use it to cross a deadline.
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
