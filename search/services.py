"""Write-side operations on the index: create, zero-downtime rebuild, consistency check, dead letters."""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from . import kinds, listings
from .documents import ACHIEVEMENT, NEED, achievement_document, alias_name, index_body, need_document
from .engine import get_engine
from .indices import INDEX_KINDS, index_create_missing, index_kinds
from .indices import new_index_name as _new_index_name
from .models import SearchOutbox
from .sync import outbox_high_water_mark, replay_since

__all__ = ["INDEX_KINDS", "index_check", "index_create_missing", "index_rebuild"]

logger = logging.getLogger(__name__)

CHUNK = 1000  # listings per load: a few flat queries each
BULK = 500  # documents per bulk request (about 2.5 MB: well inside the engine's timeout on a loaded machine)


def _achievement_ids() -> list[int]:
    from marketplace.models import AchievementPage

    return list(AchievementPage.objects.live().order_by("pk").values_list("pk", flat=True))


def _need_ids() -> list[int]:
    from marketplace.models import TechnologyNeed

    return list(TechnologyNeed.objects.published().order_by("pk").values_list("pk", flat=True))


def _chunks(ids: list[int], size: int = CHUNK) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


@dataclass
class RebuildReport:
    indices: dict[str, str]
    documents: dict[str, int]
    replayed: int
    dropped: list[str] = field(default_factory=list)


def _load_achievements(chunk: list[int]) -> dict:
    """pk → matching shape of the live achievements in this run of ids (flat queries over an id range)."""
    from marketplace.models import AchievementPage

    return listings.shapes(
        ACHIEVEMENT, queryset=AchievementPage.objects.live().filter(pk__gte=chunk[0], pk__lte=chunk[-1])
    )


def _load_needs(chunk: list[int]) -> dict:
    from marketplace.models import TechnologyNeed

    return listings.shapes(
        NEED, queryset=TechnologyNeed.objects.published().filter(pk__gte=chunk[0], pk__lte=chunk[-1])
    )


def _achievement_documents(chunk: list[int], stamp: str | None = None, *, pending: list | None = None):
    """Documents of a chunk from the stored texts (only listings changed since they were stored are segmented)."""
    shapes = {pk: shape for pk, shape in _load_achievements(chunk).items() if shape.indexable}
    texts = listings.stored_texts(ACHIEVEMENT, shapes, stamp=stamp, pending=pending)
    return [(pk, achievement_document(shape, texts=texts[pk])) for pk, shape in sorted(shapes.items())]


def _documents_in_worker(chunk: list[int], stamp: str) -> tuple[list[tuple[int, dict]], list]:
    """A forked worker's part: documents, and the stored rows it computed, for the parent to write."""
    pending: list = []
    return _achievement_documents(chunk, stamp, pending=pending), pending


def _achievement_batches(ids: list[int], workers: int, stamp: str):
    """(chunk, documents) pairs; with workers > 1, documents are built in forked processes while this one
    sends the previous chunk (worth it when many listings changed since their text was stored: jieba is pure
    Python). Workers only read; this process writes the texts they segmented, so SQLite has one writer."""
    chunks = list(_chunks(ids))
    if workers <= 1 or len(chunks) < 2:
        for chunk in chunks:
            yield chunk, _achievement_documents(chunk, stamp)
        return
    from functools import partial

    from django.db import connections

    connections.close_all()  # each forked worker opens its own connection
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for chunk, (documents, pending) in zip(
            chunks, pool.imap(partial(_documents_in_worker, stamp=stamp), chunks), strict=True
        ):
            listings.write_rows(ACHIEVEMENT, pending)
            yield chunk, documents


def index_rebuild(*, progress: bool = False, workers: int = 1) -> RebuildReport:
    """Build new versioned indices from the database, swap the aliases at once, replay, drop the old ones.

    The aliases point at complete indices at every moment, so search keeps answering. Changes made while
    loading are drained into the old indices as usual and replayed into the new ones after the swap; the
    bulk load uses the outbox high-water mark as its version, so a replayed newer change always wins.
    """
    from .percolator import need_percolator_document

    engine = get_engine(background=True)
    mark = outbox_high_water_mark()
    version = max(mark, 1)
    all_kinds = index_kinds()
    names = {kind: _new_index_name(kind) for kind in all_kinds}
    for kind, name in names.items():
        # No refreshes while loading (much faster bulk); the normal interval is restored before the swap.
        engine.create_index(name, index_body(kind=kind, refresh_interval="-1"))
    counts = {kind: 0 for kind in all_kinds}

    stamp = listings.glossary_stamp()
    achievement_ids = _achievement_ids()
    with tqdm(total=len(achievement_ids), desc="成果", unit="条", disable=not progress) as bar:
        for chunk, documents in _achievement_batches(achievement_ids, workers, stamp):
            actions = [
                {
                    "_op_type": "index",
                    "_index": names[ACHIEVEMENT],
                    "_id": pk,
                    "version": version,
                    "version_gte": True,
                    "_source": document,
                }
                for pk, document in documents
            ]
            _bulk_checked(engine, actions)
            counts[ACHIEVEMENT] += len(actions)
            bar.update(len(chunk))

    need_ids = _need_ids()
    with tqdm(total=len(need_ids), desc="需求", unit="条", disable=not progress) as bar:
        for chunk in _chunks(need_ids):
            needs = _load_needs(chunk)
            texts = listings.stored_texts(NEED, needs, stamp=stamp)
            actions = []
            for pk, need in sorted(needs.items()):
                actions.append(
                    {
                        "_op_type": "index",
                        "_index": names[NEED],
                        "_id": pk,
                        "version": version,
                        "version_gte": True,
                        "_source": need_document(need, texts=texts[pk]),
                    }
                )
                actions.append(
                    {
                        "_op_type": "index",
                        "_index": names["percolator"],
                        "_id": pk,
                        "version": version,
                        "version_gte": True,
                        "_source": need_percolator_document(need),
                    }
                )
            _bulk_checked(engine, actions)
            counts[NEED] += len(needs)
            counts["percolator"] += len(needs)
            bar.update(len(chunk))

    for kind_name, kind in kinds.registered().items():
        # Kinds registered by apps above search (challenges): their public ids, documents built by the app.
        for chunk in _chunks(sorted(kind.public_titles())):
            documents = kind.documents(chunk)
            actions = [
                {
                    "_op_type": "index",
                    "_index": names[kind_name],
                    "_id": pk,
                    "version": version,
                    "version_gte": True,
                    "_source": document,
                }
                for pk, document in sorted(documents.items())
            ]
            _bulk_checked(engine, actions)
            counts[kind_name] += len(actions)

    for name in names.values():
        engine.update_settings(name, {"index": {"refresh_interval": "1s"}})
        engine.refresh(name)
    old = {kind: engine.indices_for_alias(alias_name(kind)) for kind in all_kinds}
    for kind in all_kinds:
        engine.swap_alias(alias_name(kind), names[kind], old[kind])
    replayed = replay_since(mark, index_names=names)
    dropped = []
    for kind in all_kinds:
        for name in old[kind]:
            engine.delete_index(name)
            dropped.append(name)
    # Indices left behind by an interrupted rebuild are not behind any alias: drop them too.
    for kind in all_kinds:
        for name in engine.list_indices(f"{alias_name(kind)}-*"):
            if name != names[kind] and name not in dropped and _is_versioned(kind, name):
                engine.delete_index(name)
                dropped.append(name)
    return RebuildReport(indices=names, documents=counts, replayed=replayed, dropped=dropped)


def _is_versioned(kind: str, name: str) -> bool:
    suffix = name[len(alias_name(kind)) + 1 :]
    return suffix.isdigit()


def _bulk_checked(engine, actions: list[dict]) -> None:
    results = [item for start in range(0, len(actions), BULK) for item in engine.bulk(actions[start : start + BULK])]
    failures = [item for item in results if item.get("status", 500) >= 300 and item.get("status") != 409]
    if failures:
        raise RuntimeError(f"bulk load failed for {len(failures)} documents, e.g. {failures[0]}")


def _indexed(kind: str) -> dict[int, dict]:
    """object_id → {version, title} for every document behind the alias (search_after paging)."""
    engine = get_engine(background=True)
    out: dict[int, dict] = {}
    if not engine.indices_for_alias(alias_name(kind)):
        return out  # a kind registered after the indices were created: everything is missing until --create
    after = None
    while True:
        body = {
            "size": 1000,
            "version": True,
            "_source": ["object_id", "title"],
            "sort": [{"object_id": "asc"}],
            "query": {"match_all": {}},
        }
        if after is not None:
            body["search_after"] = after
        hits = engine.search(alias_name(kind), body)["hits"]["hits"]
        if not hits:
            return out
        for hit in hits:
            out[hit["_source"]["object_id"]] = {"version": hit.get("_version"), "title": hit["_source"]["title"]}
        after = hits[-1]["sort"]


@dataclass
class CheckReport:
    missing: dict[str, list[int]]
    extra: dict[str, list[int]]
    stale: dict[str, list[int]]
    pending: int
    # Of the objects reported above, those with an outbox row still waiting (they may heal by themselves).
    awaiting: dict[str, list[int]] = field(default_factory=dict)
    dead: int = 0

    @property
    def ok(self) -> bool:
        return not any(self.missing.values()) and not any(self.extra.values()) and not any(self.stale.values())


def index_check() -> CheckReport:
    """Compare the index with the database: documents missing, left over, or older than the latest change.

    Every difference is reported, also when an outbox row for it is waiting: a row can wait forever (a dead
    letter, a stopped worker), and "consistent" must mean the index answers like the database now.
    """
    from django.db.models import Max

    from marketplace.models import AchievementPage, TechnologyNeed

    expected = {
        ACHIEVEMENT: dict(AchievementPage.objects.live().values_list("pk", "title")),
        NEED: dict(TechnologyNeed.objects.published().values_list("pk", "title")),
        **{name: kind.public_titles() for name, kind in kinds.registered().items()},
    }
    report = CheckReport(
        missing={},
        extra={},
        stale={},
        pending=SearchOutbox.objects.unprocessed().count(),
        dead=SearchOutbox.objects.dead().count(),
    )
    pending_ids = set(SearchOutbox.objects.unprocessed().values_list("kind", "object_id"))
    for kind in expected:
        indexed = _indexed(kind)
        latest = dict(
            SearchOutbox.objects.filter(kind=kind, processed_at__isnull=False)
            .values("object_id")
            .annotate(top=Max("pk"))
            .values_list("object_id", "top")
        )
        report.missing[kind] = sorted(pk for pk in expected[kind] if pk not in indexed)
        report.extra[kind] = sorted(pk for pk in indexed if pk not in expected[kind])
        report.stale[kind] = sorted(
            pk
            for pk, doc in indexed.items()
            if pk in expected[kind]
            and (doc["title"] != expected[kind][pk] or (doc["version"] or 0) < latest.get(pk, 0))
        )
        reported = set(report.missing[kind]) | set(report.extra[kind]) | set(report.stale[kind])
        report.awaiting[kind] = sorted(pk for pk in reported if (kind, pk) in pending_ids)
    return report


# --- Dead letters ----------------------------------------------------------------------------------------


def _dead_rows(*, user, ids: list[int] | None):
    from common.errors import NotAllowed

    # user=None is the operator at the command line (manage.py search_outbox --retry/--discard).
    if user is not None and not (user.is_authenticated and (user.is_bureau_staff or user.is_superuser)):
        raise NotAllowed(_("只有科技局工作人员可以处理索引死信。"))
    rows = SearchOutbox.objects.dead()
    return rows if ids is None else rows.filter(pk__in=ids)


@transaction.atomic
def outbox_dead_letters_retry(*, user=None, ids: list[int] | None = None) -> int:
    """Give dead letters (all, or these ids) a fresh set of attempts; the worker takes them next."""
    return _dead_rows(user=user, ids=ids).update(dead_at=None, attempts=0, next_attempt_at=timezone.now())


@transaction.atomic
def outbox_dead_letters_discard(*, user=None, ids: list[int] | None = None) -> int:
    """Give up on dead letters (kept as processed, with who discarded them); the index stays as it is until
    the object changes again or ``search_index --rebuild``."""
    return _dead_rows(user=user, ids=ids).update(
        processed_at=timezone.now(), discarded_by=user if user is not None else None
    )
