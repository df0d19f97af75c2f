"""/healthz and /readyz: what each says, and that each failing dependency makes readiness fail."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import pytest
from django.utils import timezone

from ops.logs import JsonFormatter
from search.models import SearchOutbox

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_touching_anything(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_is_ready_in_basic_mode(client, settings):
    settings.SEARCH_URL = ""
    response = client.get("/readyz")
    assert response.status_code == 200
    checks = response.json()["checks"]
    assert set(checks) == {"database", "cache", "engine", "outbox"}
    assert all(check["ok"] for check in checks.values())
    assert checks["engine"]["mode"] == "basic"


def test_readyz_fails_when_the_outbox_lags(client, settings):
    settings.SEARCH_URL = ""
    settings.READYZ_OUTBOX_MAX_LAG_SECONDS = 60
    old = timezone.now() - timedelta(minutes=10)
    SearchOutbox.objects.create(kind="need", object_id=1, created_at=old)
    SearchOutbox.objects.create(kind="need", object_id=2, created_at=timezone.now())
    SearchOutbox.objects.create(kind="need", object_id=3, created_at=old - timedelta(hours=1), processed_at=old)
    response = client.get("/readyz")
    assert response.status_code == 503
    outbox = response.json()["checks"]["outbox"]
    assert outbox["ok"] is False
    assert 590 <= outbox["lag_seconds"] <= 700  # the oldest *unprocessed* row, not the processed one


def test_readyz_fails_when_the_engine_is_unreachable(client, settings):
    settings.SEARCH_URL = "http://127.0.0.1:9"  # discard port: nothing listens
    settings.SEARCH_TIMEOUT_SECONDS = 1
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["engine"]["ok"] is False
    assert response.json()["checks"]["database"]["ok"] is True


def test_readyz_fails_when_the_cache_fails(client, settings, monkeypatch):
    settings.SEARCH_URL = ""
    from django.core.cache import cache

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "set", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "cache down" in response.json()["checks"]["cache"]["error"]


def test_readyz_fails_when_the_database_fails(client, settings, monkeypatch):
    settings.SEARCH_URL = ""
    from ops import health

    def broken():
        raise RuntimeError("connection refused")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    database = response.json()["checks"]["database"]
    assert database["ok"] is False
    assert database["error"] == "RuntimeError: connection refused"


def test_json_log_lines_carry_the_extra_fields():
    record = logging.LogRecord("security.login", logging.WARNING, __file__, 1, "login locked out", (), None)
    record.event = "login_locked_out"
    record.client_ip = "203.0.113.7"
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "WARNING"
    assert line["logger"] == "security.login"
    assert line["message"] == "login locked out"
    assert line["event"] == "login_locked_out"
    assert line["client_ip"] == "203.0.113.7"
    assert line["time"].endswith("+00:00")
