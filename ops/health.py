"""Liveness (/healthz: the process answers) and readiness (/readyz: database, cache, engine, outbox lag).

A load balancer or systemd watchdog polls these; they never need a session, a language or a template, and they
say which check failed so an operator reading the JSON knows where to look.
"""

from __future__ import annotations

import logging
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

log = logging.getLogger(__name__)


def _database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True, "vendor": connection.vendor}


def _cache() -> dict:
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    ok = cache.get(key) == "1"
    cache.delete(key)
    return {"ok": ok}


def _engine() -> dict:
    if not settings.SEARCH_URL:
        return {"ok": True, "mode": "basic"}  # the database matcher serves; nothing to wait for
    from search.engine import get_engine

    health = get_engine().health()
    status = health.get("status")
    # yellow (a replica missing) still answers every query; red means some shard has no copy at all.
    return {"ok": status in ("green", "yellow"), "status": status, "nodes": health.get("number_of_nodes")}


def _outbox() -> dict:
    from search.models import SearchOutbox

    oldest = (
        SearchOutbox.objects.filter(processed_at__isnull=True)
        .order_by("created_at")
        .values_list("created_at", flat=True)
    ).first()
    lag = (timezone.now() - oldest).total_seconds() if oldest else 0.0
    limit = settings.READYZ_OUTBOX_MAX_LAG_SECONDS
    return {"ok": lag <= limit, "lag_seconds": round(lag, 1), "limit_seconds": limit}


CHECKS = {"database": _database, "cache": _cache, "engine": _engine, "outbox": _outbox}


@never_cache
@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request):
    results = {}
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            result = check()
        except Exception as error:  # noqa: BLE001 - any failure of a dependency means "not ready", with its reason
            log.warning("readiness check %s failed: %s", name, error)
            result = {"ok": False, "error": f"{type(error).__name__}: {error}"[:300]}
        result["ms"] = round((time.monotonic() - started) * 1000, 1)
        results[name] = result
    ready = all(result["ok"] for result in results.values())
    return JsonResponse({"status": "ok" if ready else "unavailable", "checks": results}, status=200 if ready else 503)
