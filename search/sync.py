"""Keeping the index in step with the database: outbox rows written in the caller's transaction (one per
change the marketplace announces), drained by the outbox worker (``manage.py search_outbox --loop``).

Nothing here can fail a save: writing the outbox row is a plain INSERT, and index writes happen in the
worker, off the request path. A row the engine rejects fails alone: it is retried with a backoff and after
``SEARCH_OUTBOX_MAX_ATTEMPTS`` becomes a dead letter for staff to retry or discard; the other rows go on.
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from . import docstore, kinds, listings
from .alerts import alert_for_achievement
from .demo import after_demo_loaded
from .documents import (
    ACHIEVEMENT,
    NEED,
    achievement_document,
    alias_name,
    kind_of_alias,
    need_document,
    need_is_indexable,
)
from .engine import EngineUnavailable, engine_enabled, get_engine
from .indices import _ENSURED, ensure_indices  # noqa: F401 (tests reset _ENSURED through this module)
from .matching import terms
from .models import SearchOutbox
from .percolator import need_percolator_document

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
    if settings.SEARCH_SYNC_DRAIN_AFTER_COMMIT:
        # Off by default: the request only commits the row, the worker writes the index (a hung engine must
        # not hold a save). Kept for single-process setups that run no worker.
        transaction.on_commit(drain_quietly)
    return row


def achievement_changed(page, *, alert: bool = False) -> SearchOutbox | None:
    """Record that an achievement page was published, unpublished or deleted (call inside the transaction)."""
    return _enqueue(ACHIEVEMENT, page.pk, alert=alert)


def need_changed(need) -> SearchOutbox | None:
    """Record that a need's status or content changed (called in the changing transaction)."""
    return _enqueue(NEED, need.pk)


def document_changed(kind: str, object_id: int, *, alert: bool = False) -> SearchOutbox | None:
    """Record that an object of a kind registered by an app above search (search.kinds) changed; call it once
    per change, inside the changing transaction. ``alert`` asks the worker to call the kind's ``after_indexed``
    hook once the document is written (a published challenge's alerts)."""
    if kinds.get(kind) is None:
        raise ValueError(f"{kind!r} is not a registered search document kind")
    return _enqueue(kind, object_id, alert=alert)


def drain_quietly() -> None:
    """on_commit hook (only with SEARCH_SYNC_DRAIN_AFTER_COMMIT): an outage only leaves rows for the worker."""
    try:
        drain(limit=BATCH)
    except EngineUnavailable as exc:
        logger.warning("search outbox not drained (engine unavailable): %s", exc)
    except Exception:
        logger.exception("search outbox drain failed after commit")


# --- Draining ---------------------------------------------------------------------------------------


def _load_achievements(ids) -> dict:
    """pk → matching shape of these achievements, whatever their state (flat queries)."""
    return listings.shapes(ACHIEVEMENT, ids)


def _load_needs(ids) -> dict:
    return listings.shapes(NEED, ids)


def _texts(kind: str, shapes: dict) -> dict[int, dict]:
    """The stored texts of the indexable listings among ``shapes`` (segmenting, and storing, the changed ones).
    A listing whose text cannot be computed is left out: building its document then fails alone."""
    indexable = {pk: shape for pk, shape in shapes.items() if shape.indexable}
    try:
        return listings.stored_texts(kind, indexable)
    except Exception:
        logger.warning("stored texts of a %s batch failed; computing them one by one", kind, exc_info=True)
    out = {}
    for pk, shape in indexable.items():
        try:
            out.update(listings.stored_texts(kind, {pk: shape}))
        except Exception:
            logger.exception("stored text of %s %s could not be computed", kind, pk)
    return out


def achievement_actions(pages: dict, versions: dict[int, int], texts: dict | None = None) -> list[dict]:
    """Bulk actions for these achievement ids: index the live ones, delete the rest (unpublished, deleted)."""
    index = alias_name(ACHIEVEMENT)
    texts = texts or {}
    actions = []
    for object_id, version in versions.items():
        page = pages.get(object_id)
        if page is not None and page.indexable:
            actions.append(
                {
                    "_op_type": "index",
                    "_index": index,
                    "_id": object_id,
                    "version": version,
                    "_source": achievement_document(page, texts=texts.get(object_id)),
                }
            )
        else:
            actions.append({"_op_type": "delete", "_index": index, "_id": object_id, "version": version})
    return actions


def need_actions(needs: dict, versions: dict[int, int], texts: dict | None = None) -> list[dict]:
    """Bulk actions for needs: the needs index and the percolator index (saved-need queries)."""
    index, queries = alias_name(NEED), alias_name("percolator")
    texts = texts or {}
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
                    "_source": need_document(need, texts=texts.get(object_id)),
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


def kind_actions(kind: str, documents: dict[int, dict], versions: dict[int, int]) -> list[dict]:
    """Bulk actions for a registered kind: index the ids it built a document for (the public ones), delete the rest."""
    index = alias_name(kind)
    actions = []
    for object_id, version in versions.items():
        document = documents.get(object_id)
        if document is not None:
            actions.append(
                {"_op_type": "index", "_index": index, "_id": object_id, "version": version, "_source": document}
            )
        else:
            actions.append({"_op_type": "delete", "_index": index, "_id": object_id, "version": version})
    return actions


def _versions(rows: list[SearchOutbox]) -> dict[str, dict[int, int]]:
    """Rows coalesced per object: the newest row id is the version. Rows of a kind no longer registered are
    left out (they are marked processed: nothing can index them)."""
    versions: dict[str, dict[int, int]] = {ACHIEVEMENT: {}, NEED: {}, **{name: {} for name in kinds.registered()}}
    for row in rows:
        if row.kind not in versions:
            continue
        current = versions[row.kind].get(row.object_id, 0)
        versions[row.kind][row.object_id] = max(current, row.pk)
    return versions


def actions_for_rows(rows: list[SearchOutbox]) -> list[dict]:
    """Coalesce rows per object (the newest row id is the version) and build the bulk actions."""
    versions = _versions(rows)
    pages = _load_achievements(versions[ACHIEVEMENT])
    needs = _load_needs(versions[NEED])
    actions = achievement_actions(pages, versions[ACHIEVEMENT], _texts(ACHIEVEMENT, pages))
    actions += need_actions(needs, versions[NEED], _texts(NEED, needs))
    for name, kind in kinds.registered().items():
        if versions[name]:
            actions += kind_actions(name, kind.documents(sorted(versions[name])), versions[name])
    return actions


def _failed(item: dict) -> bool:
    status = item.get("status", 500)
    if status < 300:
        return False
    # 409: a newer version is already indexed (stale write lost, as intended); 404: deleting what is absent.
    return status not in (404, 409)


def _object_of(action: dict) -> tuple[str, int]:
    """Which outbox object a bulk action belongs to (the percolator copy belongs to its need)."""
    return kind_of_alias(action["_index"]) or NEED, int(action["_id"])


def _actions_per_object(rows: list[SearchOutbox]) -> tuple[list[dict], dict[tuple[str, int], str]]:
    """Bulk actions for these rows, built object by object so a document that cannot be built (bad data)
    fails alone; returns the actions and the objects that already failed, with their error."""
    versions = _versions(rows)
    # Stamps first, then the listings: a change landing in between leaves a kept document with an older stamp.
    stamps = {kind: _stamps(kind, versions[kind]) for kind in (ACHIEVEMENT, NEED)}
    pages = _load_achievements(versions[ACHIEVEMENT])
    needs = _load_needs(versions[NEED])
    actions: list[dict] = []
    failed: dict[tuple[str, int], str] = {}
    for kind, build, loaded in ((ACHIEVEMENT, achievement_actions, pages), (NEED, need_actions, needs)):
        texts = _texts(kind, loaded)
        for object_id, version in versions[kind].items():
            try:
                actions += build(loaded, {object_id: version}, texts)
            except Exception as exc:
                logger.exception("search document for %s %s could not be built", kind, object_id)
                failed[(kind, object_id)] = f"{type(exc).__name__}: {exc}"
    _keep_documents(actions, stamps)
    for name, kind in kinds.registered().items():
        ids = sorted(versions[name])
        if not ids:
            continue
        try:
            documents = kind.documents(ids)
        except Exception:
            logger.warning("%s documents of a batch failed; building them one by one", name, exc_info=True)
            documents = {}
            for object_id in ids:
                try:
                    documents.update(kind.documents([object_id]))
                except Exception as exc:
                    logger.exception("search document for %s %s could not be built", name, object_id)
                    failed[(name, object_id)] = f"{type(exc).__name__}: {exc}"
        built = {pk: version for pk, version in versions[name].items() if (name, pk) not in failed}
        actions += kind_actions(name, documents, built)
    return actions, failed


def _stamps(kind: str, ids) -> dict[int, str]:
    if not ids:
        return {}
    return docstore.stamps(kind, listings.model(kind).objects.filter(pk__in=list(ids)))


def _keep_documents(actions: list[dict], stamps: dict[str, dict[int, str]]) -> None:
    """Keep the documents just built, serialised, with their stamps (a rebuild then sends them as they are), and
    forget those of listings that left the index. The percolator query is kept under the need's stamp."""
    stored_kind = {alias_name(ACHIEVEMENT): ACHIEVEMENT, alias_name(NEED): NEED, alias_name("percolator"): "percolator"}
    keep: dict[str, list] = {kind: [] for kind in stored_kind.values()}
    gone: dict[str, list] = {kind: [] for kind in stored_kind.values()}
    for action in actions:
        kind = stored_kind.get(action["_index"])
        if kind is None:
            continue
        stamp = stamps[NEED if kind == "percolator" else kind].get(int(action["_id"]))
        if action["_op_type"] == "index" and stamp is not None:
            keep[kind].append((int(action["_id"]), stamp, docstore.serialise(action["_source"])))
        else:
            gone[kind].append(int(action["_id"]))
    for kind in keep:
        docstore.write(kind, keep[kind])
        docstore.discard(kind, gone[kind])


def _claim(limit: int) -> list[SearchOutbox]:
    """Due rows, oldest first. On PostgreSQL the rows are locked and rows another worker holds are
    skipped, so parallel workers process each row once; SQLite serialises writers anyway."""
    return list(SearchOutbox.objects.pending().select_for_update(skip_locked=True).order_by("pk")[:limit])


def drain(*, limit: int = BATCH) -> int:
    """Process up to ``limit`` due rows; returns how many were taken (indexed, retried later or dead).

    Raises EngineUnavailable when the engine cannot be reached at all; the rows are then left untouched
    (an outage is nobody's fault, so it does not count towards a row's attempts).
    """
    with transaction.atomic():
        rows = _claim(limit)
        if not rows:
            return 0
        failed: dict[tuple[str, int], str] = {}
        if engine_enabled():
            ensure_indices()
            actions, failed = _actions_per_object(rows)
            results = get_engine(background=True).bulk(actions)
            if len(results) != len(actions):
                raise EngineUnavailable(f"bulk answered {len(results)} items for {len(actions)} actions")
            for action, item in zip(actions, results, strict=True):
                if _failed(item):
                    failed.setdefault(_object_of(action), f"{item.get('status')}: {item.get('error')}")
        done = [row for row in rows if (row.kind, row.object_id) not in failed]
        bad = [row for row in rows if (row.kind, row.object_id) in failed]
        SearchOutbox.objects.filter(pk__in=[r.pk for r in done]).update(processed_at=timezone.now(), last_error="")
        if bad:
            _postpone(bad, failed)
    _refresh_terms(done)
    _run_alerts([row for row in done if row.alert and row.kind == ACHIEVEMENT])
    _run_kind_hooks([row for row in done if row.alert])
    return len(rows)


def _refresh_terms(rows: list[SearchOutbox]) -> None:
    """Segment changed listings for basic mode now, so the first match after a change does not pay for it (with
    the engine, building the documents stored them already; this then only confirms they are fresh)."""
    for kind in (ACHIEVEMENT, NEED):
        ids = {row.object_id for row in rows if row.kind == kind}
        if ids:
            terms.refresh(kind, ids=ids)


def _postpone(rows: list[SearchOutbox], errors: dict[tuple[str, int], str]) -> None:
    """Count a failed attempt; back off exponentially; after the limit, set the row aside as a dead letter."""
    now = timezone.now()
    limit = settings.SEARCH_OUTBOX_MAX_ATTEMPTS
    for row in rows:
        row.attempts += 1
        row.last_error = errors[(row.kind, row.object_id)][:2000]
        row.next_attempt_at = now + timedelta(seconds=min(2**row.attempts, MAX_BACKOFF_SECONDS))
        if row.attempts >= limit:
            row.dead_at = now
            logger.error(
                "search outbox row %s is a dead letter after %s attempts: %s", row, row.attempts, row.last_error
            )
        else:
            logger.warning("search outbox row %s failed (attempt %s): %s", row, row.attempts, row.last_error)
    SearchOutbox.objects.bulk_update(rows, ["attempts", "next_attempt_at", "last_error", "dead_at"])


def _run_alerts(rows: list[SearchOutbox]) -> None:
    for object_id in sorted({row.object_id for row in rows}):
        try:
            alert_for_achievement(object_id)
        except EngineUnavailable as exc:
            # The index write succeeded; alerts will be retried when the page is next published.
            logger.warning("match alerts for achievement %s skipped: %s", object_id, exc)


def _run_kind_hooks(rows: list[SearchOutbox]) -> None:
    """Registered kinds' ``after_indexed`` hooks (a published challenge's alerts), once their documents are
    searchable. A hook's failure is logged: the index write already succeeded."""
    for name, kind in kinds.registered().items():
        ids = sorted({row.object_id for row in rows if row.kind == name})
        if not ids or kind.after_indexed is None:
            continue
        if engine_enabled():
            try:
                get_engine(background=True).refresh(alias_name(name))
            except EngineUnavailable as exc:
                logger.warning("refreshing %s before its hook failed: %s", name, exc)
        try:
            kind.after_indexed(ids)
        except Exception:
            logger.exception("after_indexed hook of %s failed for %s", name, ids)


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
    get_engine(background=True).bulk(actions)
    return len(rows)


# --- Receivers of the marketplace's announcements (wired in apps.py) ------------------------------------


def on_achievement_published(sender, page, **kwargs):
    achievement_changed(page, alert=True)


def on_achievement_withdrawn(sender, page, **kwargs):
    """Unpublished or deleted: the drain finds it not live and deletes its document."""
    achievement_changed(page)


def on_need_changed(sender, need, **kwargs):
    need_changed(need)


def on_listings_bulk_loaded(sender, **kwargs):
    return after_demo_loaded()
