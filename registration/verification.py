"""Public verification with a limit on failed attempts per client, counted atomically.

Only failures count, per client address: a tax office checking many genuine certificates is not
slowed, while guessing codes is. Once the limit is reached every attempt from that client is refused
until the window passes, correct or not, so the limit cannot be used as an oracle.

The count is a database row incremented with ``UPDATE … SET failures = failures + 1`` *before* a
wrong answer is given, and a request whose increment passes the limit is answered 429: of 50
parallel wrong codes with a limit of 10, at most 10 get an answer (a cache's get-then-set counter, as
the database cache backend does it, let all 50 through).

The client address is the one every throttle on the site uses (``common.net.client_ip``): the
connecting address, or, behind a reverse proxy we trust (``TRUSTED_PROXY_IPS``), the address that proxy
reports in ``TRUSTED_PROXY_HEADER``. A forged header from anyone else is ignored, and behind the proxy one
client cannot lock verification for everyone.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

from common.net import client_ip

from .models import VerificationFailureCount
from .selectors import VerificationResult, contract_verify

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """'10/h' → (10, 3600); '5/15m' → (5, 900)."""
    count, _slash, period = rate.partition("/")
    multiplier = int(period[:-1] or 1) if len(period) > 1 else 1
    return int(count), multiplier * PERIODS[period[-1]]


def client_address(request) -> str:
    """The client's address, as every throttle on the site sees it (``common.net.client_ip``)."""
    return (client_ip(request) or "unknown")[:64]


def _window(period: int) -> int:
    return int(time.time()) // period


def _failures(client: str, window: int) -> int:
    row = VerificationFailureCount.objects.filter(client=client, window=window).values_list("failures", flat=True)
    return row.first() or 0


def _count_failure(client: str, window: int) -> int:
    """Add one failure and return the count including it (atomic: the increment is done by the database)."""
    with transaction.atomic():
        updated = VerificationFailureCount.objects.filter(client=client, window=window).update(
            failures=F("failures") + 1
        )
        if not updated:
            try:
                with transaction.atomic():
                    VerificationFailureCount.objects.create(client=client, window=window, failures=1)
            except IntegrityError:  # another request created the row first
                VerificationFailureCount.objects.filter(client=client, window=window).update(failures=F("failures") + 1)
        return _failures(client, window)


def verify_attempt(request, *, number: str, code: str) -> tuple[VerificationResult | None, bool]:
    """(result, limited). ``result`` is None for any unknown number or wrong code."""
    limit, period = parse_rate(settings.REGISTRATION_VERIFY_FAILURE_RATE)
    client, window = client_address(request), _window(period)
    if _failures(client, window) >= limit:
        return None, True
    result = contract_verify(number=number, code=code)
    if result is None and _count_failure(client, window) > limit:
        return None, True
    return result, False


def verification_counts_purge(*, older_than_windows: int = 2) -> int:
    """Delete counters of windows long past (a scheduled job may call this; they are never read again)."""
    _limit, period = parse_rate(settings.REGISTRATION_VERIFY_FAILURE_RATE)
    deleted, _details = VerificationFailureCount.objects.filter(
        window__lt=_window(period) - older_than_windows
    ).delete()
    return deleted
