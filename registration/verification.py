"""Public verification with rate limiting of failed attempts (django-ratelimit, cache-backed).

Only failures count, per client IP: a tax office checking many genuine certificates is not slowed,
while guessing codes is. Once the limit is reached every attempt from that IP is refused until
the window passes, correct or not, so the limit cannot be used as an oracle.
"""

from __future__ import annotations

from django.conf import settings
from django_ratelimit import ALL
from django_ratelimit.core import get_usage

from .selectors import VerificationResult, contract_verify

GROUP = "registration.verify"


def _usage(request, *, increment: bool):
    return get_usage(
        request,
        group=GROUP,
        key="ip",
        rate=settings.REGISTRATION_VERIFY_FAILURE_RATE,
        method=ALL,
        increment=increment,
    )


def _limited(request) -> bool:
    # Peek without counting: limited once the failures so far reach the limit.
    usage = _usage(request, increment=False)
    return usage is not None and usage["count"] >= usage["limit"]


def verify_attempt(request, *, number: str, code: str) -> tuple[VerificationResult | None, bool]:
    """(result, limited). ``result`` is None for any unknown number or wrong code."""
    if _limited(request):
        return None, True
    result = contract_verify(number=number, code=code)
    if result is None:
        _usage(request, increment=True)
    return result, False
