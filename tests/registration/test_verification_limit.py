"""The verification limit holds under concurrency and keys on the real client behind trusted proxies."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from registration import verification

pytestmark = pytest.mark.django_db


def _request(remote="10.0.0.1", forwarded=""):
    extra = {"REMOTE_ADDR": remote}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/registration/verify/", **extra)


def test_parallel_wrong_codes_get_no_more_answers_than_the_limit(settings, monkeypatch):
    """50 requests that all pass the limit check before any of them is counted (what parallel requests
    do): only as many as the limit get an answer, the rest 429."""
    settings.REGISTRATION_VERIFY_FAILURE_RATE = "10/h"
    real_verify = verification.contract_verify
    outcomes: list[bool] = []
    pending = list(range(49))

    def interleaving_verify(*, number, code):
        # While this request is "inside" the check, the others arrive and pass the same check.
        while pending:
            pending.pop()
            outcomes.append(verification.verify_attempt(_request(), number="2026350400000001", code="WRONG")[1])
        return real_verify(number=number, code=code)

    monkeypatch.setattr(verification, "contract_verify", interleaving_verify)
    outcomes.append(verification.verify_attempt(_request(), number="2026350400000001", code="WRONG")[1])
    assert len(outcomes) == 50
    answered = [limited for limited in outcomes if not limited]
    assert len(answered) == 10


def test_client_behind_a_trusted_proxy_is_keyed_on_the_forwarded_address(settings):
    settings.REGISTRATION_VERIFY_FAILURE_RATE = "3/h"
    settings.TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.TRUSTED_PROXY_IPS = ["10.9.9.9"]
    proxy = "10.9.9.9"
    for _ in range(3):
        assert verification.verify_attempt(_request(proxy, "203.0.113.7"), number="X", code="WRONG")[1] is False
    assert verification.verify_attempt(_request(proxy, "203.0.113.7"), number="X", code="WRONG")[1] is True
    # Another client behind the same proxy is not locked out by the first one.
    assert verification.verify_attempt(_request(proxy, "198.51.100.4"), number="X", code="WRONG")[1] is False
    # A client cannot escape by forging an extra entry: the trusted proxy's entry is the last one.
    forged = "1.2.3.4, 203.0.113.7"
    assert verification.verify_attempt(_request(proxy, forged), number="X", code="WRONG")[1] is True


def test_without_trusted_proxies_a_forwarded_header_is_ignored(settings):
    settings.REGISTRATION_VERIFY_FAILURE_RATE = "2/h"
    settings.TRUSTED_PROXY_HEADER = ""
    for forwarded in ("203.0.113.1", "203.0.113.2"):
        verification.verify_attempt(_request("10.0.0.5", forwarded), number="X", code="WRONG")
    assert verification.verify_attempt(_request("10.0.0.5", "203.0.113.3"), number="X", code="WRONG")[1] is True
    assert verification.client_address(_request("10.0.0.5", "203.0.113.3")) == "10.0.0.5"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_parallel_wrong_codes_on_postgresql(settings):
    """Real threads, real commits: 50 wrong codes at once with a limit of 10 get at most 10 answers."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection, connections

    from .test_statistics_postgres import require_postgres

    require_postgres()
    assert connection.vendor == "postgresql"
    settings.REGISTRATION_VERIFY_FAILURE_RATE = "10/h"

    def attempt(_index):
        try:
            return verification.verify_attempt(_request("10.7.7.7"), number="2026350400999999", code="WRONG")[1]
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=10) as pool:
        limited = list(pool.map(attempt, range(50)))
    assert limited.count(False) == 10 and limited.count(True) == 40


def test_a_forwarded_header_from_an_untrusted_address_is_ignored(settings):
    settings.TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.TRUSTED_PROXY_IPS = ["10.9.9.9"]
    assert verification.client_address(_request("10.0.0.5", "203.0.113.3")) == "10.0.0.5"
