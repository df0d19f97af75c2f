"""Keeping the index in step with the database: outbox rows written in the caller's transaction, drained
after commit and by ``manage.py search_outbox``.

Nothing here can fail a save: writing the outbox row is a plain INSERT, and draining happens after the
commit, catching engine errors (the rows stay pending with a backoff and are retried later).
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from datetime import timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .documents import (
    ACHIEVEMENT,
    NEED,
    achievement_document,
    alias_name,
    need_document,
    need_is_indexable,
)
from .engine import EngineUnavailable, engine_enabled, get_engine
from .models import SearchOutbox

logger = logging.getLogger(__name__)

BATCH = 200
MAX_BACKOFF_SECONDS = 15 * 60


_suspended = threading.local()


@contextmanager
def suspended():
    """Write no outbox rows inside this block: for bulk loads that end with ``search_index --rebuild``
    (which reads everything from the database anyway) and must not send alerts for old content."""
    previous = getattr(_suspended, "on", False)
    _suspended.on = True
    try:
        yield
    finally:
        _suspended.on = previous


def _enqueue(kind: str, object_id: int, *, alert: bool = False) -> SearchOutbox | None:
    if getattr(_suspended, "on", False):
        return None
    row = SearchOutbox.objects.create(kind=kind, object_id=object_id, alert=alert)
    transaction.on_commit(drain_quietly)
    return row


def achievement_changed(page, *, alert: bool = False) -> SearchOutbox | None:
    """Record that an achievement page was published, unpublished or deleted (call inside the transaction)."""
    return _enqueue(ACHIEVEMENT, page.pk, alert=alert)


def need_changed(need) -> SearchOutbox | None:
    """Record that a need's status or content changed; marketplace services call this in their transaction."""
    return _enqueue(NEED, need.pk)


def drain_quietly() -> None:
    """on_commit hook: try to drain now; an outage only leaves rows pending for the worker."""
    try:
        drain(limit=BATCH)
    except EngineUnavailable as exc:
        logger.warning("search outbox not drained (engine unavailable): %s", exc)
    except Exception:  # the change is already committed; the rows stay pending for the worker to retry
        logger.exception("search outbox drain failed after commit")


# --- Draining ---------------------------------------------------------------------------------------


def _load_achievements(ids):
    from marketplace.models import AchievementPage

    return {
        page.pk: page
        for page in AchievementPage.objects.filter(pk__in=ids)
        .select_related("technical_field", "institution_organisation__region")
        .prefetch_related("industry_chains", "transfer_modes", "ip_records__ip_type", "indicators", "keywords")
    }


def _load_needs(ids):
    from marketplace.models import TechnologyNeed

    return {
        need.pk: need
        for need in TechnologyNeed.objects.filter(pk__in=ids)
        .select_related("technical_field", "industry_chain", "region", "enterprise__region", "cooperation_mode")
        .prefetch_related("indicators")
    }


def achievement_actions(pages: dict, versions: dict[int, int]) -> list[dict]:
    """Bulk actions for these achievement ids: index the live ones, delete the rest (unpublished, deleted)."""
    index = alias_name(ACHIEVEMENT)
    actions = []
    for object_id, version in versions.items():
        page = pages.get(object_id)
        if page is not None and page.live:
            actions.append(
                {
                    "_op_type": "index",
                    "_index": index,
                    "_id": object_id,
                    "version": version,
                    "_source": achievement_document(page),
                }
            )
        else:
            actions.append({"_op_type": "delete", "_index": index, "_id": object_id, "version": version})
    return actions


def need_actions(needs: dict, versions: dict[int, int]) -> list[dict]:
    """Bulk actions for needs: the needs index and the percolator index (saved-need queries)."""
    from .percolator import need_percolator_document

    index, queries = alias_name(NEED), alias_name("percolator")
    actions = []
    for object_id, version in versions.items():
        need = needs.get(object_id)
        if need is not None and need_is_indexable(need):
            actions.append(
                {
                    "_op_type": "index",
                    "_index": index,
                    "_id": object_id,
                    "version": version,
                    "_source": need_document(need),
                }
            )
            actions.append(
                {
                    "_op_type": "index",
                    "_index": queries,
                    "_id": object_id,
                    "version": version,
                    "_source": need_percolator_document(need),
                }
            )
        else:
            actions.append({"_op_type": "delete", "_index": index, "_id": object_id, "version": version})
            actions.append({"_op_type": "delete", "_index": queries, "_id": object_id, "version": version})
    return actions


def actions_for_rows(rows: list[SearchOutbox]) -> list[dict]:
    """Coalesce rows per object (the newest row id is the version) and build the bulk actions."""
    versions: dict[str, dict[int, int]] = {ACHIEVEMENT: {}, NEED: {}}
    for row in rows:
        current = versions[row.kind].get(row.object_id, 0)
        versions[row.kind][row.object_id] = max(current, row.pk)
    actions = achievement_actions(_load_achievements(versions[ACHIEVEMENT]), versions[ACHIEVEMENT])
    actions += need_actions(_load_needs(versions[NEED]), versions[NEED])
    return actions


_ENSURED: set[tuple[str, str]] = set()


def ensure_indices() -> None:
    """Create missing indices (with our mappings) before the first write, so a bulk write can never
    auto-create an index with dynamic mappings under an alias's name."""
    from django.conf import settings

    key = (settings.SEARCH_URL, settings.SEARCH_INDEX_PREFIX)
    if key in _ENSURED:
        return
    from .services import index_create_missing

    index_create_missing()
    _ENSURED.add(key)


def _failed(item: dict) -> bool:
    status = item.get("status", 500)
    if status < 300:
        return False
    # 409: a newer version is already indexed (stale write lost, as intended); 404: deleting what is absent.
    return status not in (404, 409)


def drain(*, limit: int = BATCH) -> int:
    """Process up to ``limit`` pending rows; returns how many were processed. Raises EngineUnavailable."""
    with transaction.atomic():
        rows = list(SearchOutbox.objects.pending().select_for_update(skip_locked=True).order_by("pk")[:limit])
        if not rows:
            return 0
        try:
            if engine_enabled():
                ensure_indices()
                results = get_engine().bulk(actions_for_rows(rows))
                failures = [item for item in results if _failed(item)]
                if failures:
                    raise EngineUnavailable(f"bulk rejected {len(failures)} actions, e.g. {failures[0]}")
        except EngineUnavailable as exc:
            # Record the failure and its backoff (committed with this block), then tell the caller.
            _postpone(rows, str(exc))
            error = exc
        else:
            error = None
            now = timezone.now()
            SearchOutbox.objects.filter(pk__in=[r.pk for r in rows]).update(processed_at=now, last_error="")
    if error is not None:
        raise error
    _refresh_terms(rows)
    _run_alerts([row for row in rows if row.alert and row.kind == ACHIEVEMENT])
    return len(rows)


def _refresh_terms(rows: list[SearchOutbox]) -> None:
    """Segment changed listings for basic mode now, so the first match after a change does not pay for it."""
    from .matching import terms

    for kind in (ACHIEVEMENT, NEED):
        ids = {row.object_id for row in rows if row.kind == kind}
        if ids:
            terms.refresh(kind, ids=ids)


def _postpone(rows: list[SearchOutbox], error: str) -> None:
    now = timezone.now()
    for row in rows:
        row.attempts += 1
        delay = min(2**row.attempts, MAX_BACKOFF_SECONDS)
        row.next_attempt_at = now + timedelta(seconds=delay)
        row.last_error = error[:2000]
    SearchOutbox.objects.bulk_update(rows, ["attempts", "next_attempt_at", "last_error"])


def _run_alerts(rows: list[SearchOutbox]) -> None:
    from .alerts import alert_for_achievement

    for object_id in sorted({row.object_id for row in rows}):
        try:
            alert_for_achievement(object_id)
        except EngineUnavailable as exc:
            # The index write succeeded; alerts will be retried when the page is next published.
            logger.warning("match alerts for achievement %s skipped: %s", object_id, exc)


def drain_all(*, limit: int = BATCH) -> int:
    total = 0
    while True:
        done = drain(limit=limit)
        total += done
        if done == 0:
            return total


def outbox_high_water_mark() -> int:
    return SearchOutbox.objects.aggregate(top=Max("pk"))["top"] or 0


def replay_since(mark: int, *, index_names: dict[str, str]) -> int:
    """Re-apply every outbox row newer than ``mark`` to the given (new) indices, processed or not."""
    rows = list(SearchOutbox.objects.filter(pk__gt=mark).order_by("pk"))
    if not rows:
        return 0
    actions = actions_for_rows(rows)
    aliases = {alias_name(k): v for k, v in index_names.items()}
    for action in actions:
        action["_index"] = aliases.get(action["_index"], action["_index"])
    get_engine().bulk(actions)
    return len(rows)


# --- Signal receivers (wired in apps.py) -------------------------------------------------------------


def on_page_published(sender, instance, **kwargs):
    achievement_changed(instance, alert=True)


def on_page_unpublished(sender, instance, **kwargs):
    achievement_changed(instance)


def on_page_deleted(sender, instance, **kwargs):
    achievement_changed(instance)


def on_need_saved(sender, instance, **kwargs):
    need_changed(instance)
