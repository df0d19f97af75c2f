"""Write-side operations on the index: create, zero-downtime rebuild, consistency check, dead letters."""

from __future__ import annotations

import gc
import logging
import multiprocessing
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from itertools import islice

import orjson
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from marketplace import permissions

from . import docstore, kinds, listings
from .documents import (
    ACHIEVEMENT,
    NEED,
    achievement_document,
    alias_name,
    built_settings,
    index_body,
    need_document,
)
from .engine import EngineUnavailable, get_engine
from .indices import INDEX_KINDS, index_create_missing, index_kinds
from .indices import new_index_name as _new_index_name
from .models import SearchOutbox
from .profiles import profile_from_shape
from .sync import outbox_high_water_mark, replay_since

__all__ = ["INDEX_KINDS", "index_check", "index_create_missing", "index_rebuild"]

logger = logging.getLogger(__name__)

CHUNK = 1000  # listings per load: a few flat queries each
STREAM_CHUNK = 2000  # stored documents per read (about 8 MB of bytes)
BULK = 500  # documents per bulk request of the outbox replay (search.sync sends its own, smaller batches)
BULK_BYTES = 2 * 2**20  # a rebuild's bulk request body is cut at this size (documents vary in length)
# A rebuild is offline work: a bulk request the loaded engine answers slowly is waited for, not abandoned (which
# would abort the whole rebuild). SEARCH_TIMEOUT_SECONDS still applies when it is longer.
BULK_TIMEOUT_SECONDS = 60
SENDERS = 2  # bulk requests in flight during a rebuild: the engine indexes one while it parses the next
# Only what a rebuild reads back from a bulk response: whether anything failed, and each item's status and error.
BULK_FILTER = "errors,items.*.status,items.*.error"


def _achievement_ids() -> list[int]:
    from marketplace.models import AchievementPage

    return list(AchievementPage.objects.live().order_by("pk").values_list("pk", flat=True))


def _achievement_count() -> int:
    from marketplace.models import AchievementPage

    return AchievementPage.objects.live().count()


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
    # Documents built again (their stored copy was missing or stale) per kind; the rest were sent as stored.
    built: dict[str, int] = field(default_factory=dict)


def _id_filter(queryset, chunk: list[int]):
    """This chunk of sorted ids: as an id range when it is dense (one flat query), by the ids when it is sparse."""
    if chunk[-1] - chunk[0] < 2 * len(chunk):
        return queryset.filter(pk__gte=chunk[0], pk__lte=chunk[-1])
    return queryset.filter(pk__in=chunk)


def _load_achievements(chunk: list[int]) -> dict:
    """pk → matching shape of the live achievements among these sorted ids (flat queries)."""
    from marketplace.models import AchievementPage

    wanted = set(chunk)
    loaded = listings.shapes(ACHIEVEMENT, queryset=_id_filter(AchievementPage.objects.live(), chunk))
    return {pk: shape for pk, shape in loaded.items() if pk in wanted}


def _load_needs(chunk: list[int]) -> dict:
    from marketplace.models import TechnologyNeed

    wanted = set(chunk)
    loaded = listings.shapes(NEED, queryset=_id_filter(TechnologyNeed.objects.published(), chunk))
    return {pk: shape for pk, shape in loaded.items() if pk in wanted}


def _achievement_documents(chunk: list[int], stamp: str | None = None, *, pending: list | None = None):
    """Documents of a chunk from the stored texts (only listings changed since they were stored are segmented)."""
    shapes = {pk: shape for pk, shape in _load_achievements(chunk).items() if shape.indexable}
    texts = listings.stored_texts(ACHIEVEMENT, shapes, stamp=stamp, pending=pending)
    return [(pk, achievement_document(shape, texts=texts[pk])) for pk, shape in sorted(shapes.items())]


def _meta_prefix(index: str) -> bytes:
    return b'{"index":{"_index":' + orjson.dumps(index) + b',"_id":'


def raw_bodies(index: str, sources, version: int) -> list[bytes]:
    """NDJSON bulk bodies (at most BULK_BYTES each, unless one document is larger) that index these (pk, document
    bytes) pairs into ``index`` with ``version`` as an external_gte version. The action line is the one
    ``orjson.dumps`` writes for ``{"index": {"_index", "_id", "version", "version_type"}}``, put together from
    bytes: a rebuild sends stored documents without decoding them."""
    prefix = _meta_prefix(index)
    suffix = b',"version":%d,"version_type":"external_gte"}}\n' % version
    bodies: list[bytes] = []
    parts: list[bytes] = []
    size = 0
    for pk, source in sources:
        line = b"%s%d%s%s\n" % (prefix, pk, suffix, source)
        if parts and size + len(line) > BULK_BYTES:
            bodies.append(b"".join(parts))
            parts, size = [], 0
        parts.append(line)
        size += len(line)
    if parts:
        bodies.append(b"".join(parts))
    return bodies


def bulk_bodies(index: str, documents, version: int) -> list[bytes]:
    """NDJSON bulk bodies for these (pk, document) pairs (``raw_bodies``), serialised here once with orjson: the
    engine client would otherwise encode every line again with the standard json module."""
    return raw_bodies(index, ((pk, docstore.serialise(document)) for pk, document in documents), version)


@dataclass
class _Batch:
    """One chunk of listings built again, ready to send: how many documents, their bulk bodies, the stored-text
    rows computed on the way (listings changed since their text was stored) and the documents to keep, for the
    parent process to write."""

    count: int
    bodies: list[bytes]
    pending: list
    documents: list


def _achievement_batch(chunk: list[int], *, stamp: str, index: str, version: int, stamps: dict) -> _Batch:
    pending: list = []
    sources = [(pk, docstore.serialise(doc)) for pk, doc in _achievement_documents(chunk, stamp, pending=pending)]
    keep = [(pk, stamps[pk], source) for pk, source in sources if pk in stamps]
    return _Batch(len(sources), raw_bodies(index, sources, version), pending, keep)


def _store(batch: _Batch) -> None:
    listings.write_rows(ACHIEVEMENT, batch.pending)
    docstore.write(ACHIEVEMENT, batch.documents)


def _achievement_batches(
    ids: list[int], workers: int, stamp: str, *, index: str = "", version: int = 1, stamps: dict | None = None
):
    """(chunk, batch) pairs of achievements built from their stored texts (segmenting those whose text changed);
    documents with a stamp in ``stamps`` are kept. With workers > 1 the batches (documents built and serialised)
    come from forked processes, which hand back bytes; this process writes the texts they had to segment and the
    documents to keep before yielding (SQLite gets one writer). Without workers, this process builds them while
    the senders wait on the engine."""
    stamps = stamps or {}
    chunks = list(_chunks(ids))

    def build(chunk):
        return _achievement_batch(
            chunk, stamp=stamp, index=index, version=version, stamps={pk: stamps[pk] for pk in chunk if pk in stamps}
        )

    if workers <= 1 or len(chunks) < 2:
        for chunk in chunks:
            batch = build(chunk)
            _store(batch)
            yield chunk, batch
        return
    from django.db import connections

    connections.close_all()  # each forked worker opens its own connection
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        # A bounded look-ahead (Pool.imap would run ahead of the sender and hold every built body in memory).
        def submit(chunk):
            keep = {pk: stamps[pk] for pk in chunk if pk in stamps}
            task = partial(_achievement_batch, stamp=stamp, index=index, version=version, stamps=keep)
            return pool.apply_async(task, (chunk,))

        waiting = iter(chunks)
        ahead = deque((chunk, submit(chunk)) for chunk in islice(waiting, 2 * workers))
        while ahead:
            chunk, result = ahead.popleft()
            batch = result.get()
            following = next(waiting, None)
            if following is not None:
                ahead.append((following, submit(following)))
            _store(batch)
            yield chunk, batch


def _stale(kind: str, current: dict[int, str], *also: str) -> list[int]:
    """Sorted ids whose stored document (and, for needs, stored percolator query) is missing or stale."""
    stale = set()
    for stored_kind in (kind, *also):
        stored = docstore.stored_stamps(stored_kind)
        stale.update(pk for pk, stamp in current.items() if stored.get(pk) != stamp)
        # Documents of listings no longer in the index (withdrawn while no worker ran) are forgotten on the way.
        gone = [pk for pk in stored if pk not in current]
        for chunk in _chunks(gone, 500):
            docstore.discard(stored_kind, chunk)
    return sorted(stale)


def _stored_sources(kind: str, ids: list[int], current: dict[int, str]) -> tuple[list, list[int]]:
    """(pk, stored bytes) of these ids whose stored stamp is the current one, and the ids that were not (a
    listing changed after the stamps were read: built again by the caller)."""
    rows = docstore.read(kind, ids)
    fresh, missed = [], []
    for pk in ids:
        row = rows.get(pk)
        if row is not None and row[0] == current[pk]:
            fresh.append((pk, row[1]))
        else:
            missed.append(pk)
    return fresh, missed


def _achievement_parts(names: dict[str, str], version: int, workers: int, fresh: bool):
    """(documents, bodies, built) per step of the achievements: first those built again (missing or stale stored
    documents, in ``workers`` processes), then the stored ones streamed chunk by chunk."""
    from marketplace.models import AchievementPage

    index = names[ACHIEVEMENT]
    current = docstore.stamps(ACHIEVEMENT, AchievementPage.objects.live())
    stale = sorted(current) if fresh else _stale(ACHIEVEMENT, current)
    stamp = listings.glossary_stamp()
    for _chunk, batch in _achievement_batches(stale, workers, stamp, index=index, version=version, stamps=current):
        yield batch.count, batch.bodies, batch.count
    built = set(stale)
    for chunk in _chunks([pk for pk in sorted(current) if pk not in built], STREAM_CHUNK):
        sources, missed = _stored_sources(ACHIEVEMENT, chunk, current)
        bodies = raw_bodies(index, sources, version)
        count = len(sources)
        if missed:
            batch = _achievement_batch(missed, stamp=stamp, index=index, version=version, stamps=current)
            _store(batch)
            bodies += batch.bodies
            count += batch.count
        yield count, bodies, len(missed)


def _need_sources(chunk: list[int], stamp: str, current: dict[int, str]) -> tuple[list, list]:
    """(pk, need document bytes) and (pk, percolator query bytes) of these needs, built from their stored texts
    (the percolator query reads the need's profile from them: nothing segmented again), and kept."""
    from .percolator import need_percolator_document

    needs = _load_needs(chunk)
    texts = listings.stored_texts(NEED, needs, stamp=stamp)
    ordered = sorted(needs.items())
    documents = [(pk, docstore.serialise(need_document(need, texts=texts[pk]))) for pk, need in ordered]
    queries = [
        (pk, docstore.serialise(need_percolator_document(need, profile=profile_from_shape(need, texts[pk]))))
        for pk, need in ordered
    ]
    docstore.write(NEED, [(pk, current[pk], source) for pk, source in documents if pk in current])
    docstore.write(docstore.PERCOLATOR, [(pk, current[pk], source) for pk, source in queries if pk in current])
    return documents, queries


def _need_parts(names: dict[str, str], version: int, fresh: bool):
    """(documents, need bodies, percolator bodies, built) per chunk of published needs: stored documents and
    queries sent as they are, the missing or stale ones built from the stored texts."""
    from marketplace.models import TechnologyNeed

    current = docstore.stamps(NEED, TechnologyNeed.objects.published())
    stale = set(sorted(current) if fresh else _stale(NEED, current, docstore.PERCOLATOR))
    stamp = listings.glossary_stamp()
    for chunk in _chunks(sorted(current), STREAM_CHUNK):
        documents, queries, built = [], [], [pk for pk in chunk if pk in stale]
        kept = [pk for pk in chunk if pk not in stale]
        if kept:
            documents, missed = _stored_sources(NEED, kept, current)
            queries, missed_queries = _stored_sources(docstore.PERCOLATOR, kept, current)
            if missed or missed_queries:  # changed after the stamps were read: build the pair again
                again = set(missed) | set(missed_queries)
                documents = [(pk, source) for pk, source in documents if pk not in again]
                queries = [(pk, source) for pk, source in queries if pk not in again]
                built = sorted({*built, *again})
        if built:
            new_documents, new_queries = _need_sources(built, stamp, current)
            documents += new_documents
            queries += new_queries
        yield (
            len(documents),
            raw_bodies(names[NEED], documents, version),
            raw_bodies(names[docstore.PERCOLATOR], queries, version),
            len(built),
        )


def rebuild_requests(*, names: dict[str, str], version: int, workers: int = 1, fresh: bool = False) -> Iterator[bytes]:
    """Every bulk body a rebuild into these indices sends, in order (the benchmark sends them again, already
    serialised, to time the engine's share of a rebuild). Like the rebuild, it builds and keeps the documents
    whose stored copy is missing or stale."""
    for _count, bodies, _built in _achievement_parts(names, version, workers, fresh):
        yield from bodies
    for _count, need_bodies, query_bodies, _built in _need_parts(names, version, fresh):
        yield from need_bodies
        yield from query_bodies


class BulkSender:
    """Sends bulk bodies from threads, at most ``senders`` requests at the engine and as many queued, so the next
    chunk is read and serialised while the engine indexes this one. A failed document fails the whole load (raised
    by ``send`` or ``close``); a version conflict (409) is not a failure: a newer write won."""

    def __init__(self, engine, senders: int = SENDERS):
        self.engine = engine
        self.pool = ThreadPoolExecutor(max_workers=senders, thread_name_prefix="bulk")
        self.limit = 2 * senders
        self.inflight: deque = deque()

    def send(self, body: bytes) -> None:
        while len(self.inflight) >= self.limit:
            self._settle(self.inflight.popleft())
        timeout = max(settings.SEARCH_TIMEOUT_SECONDS, BULK_TIMEOUT_SECONDS)
        self.inflight.append(self.pool.submit(self.engine.bulk_raw, body, filter_path=BULK_FILTER, timeout=timeout))

    def close(self) -> None:
        try:
            while self.inflight:
                self._settle(self.inflight.popleft())
        finally:
            for future in self.inflight:
                future.cancel()
            self.pool.shutdown(wait=True)

    @staticmethod
    def _settle(future) -> None:
        response = future.result()
        if not response.get("errors"):
            return
        items = [next(iter(item.values())) for item in response.get("items", [])]
        failures = [item for item in items if item.get("status", 500) >= 300 and item.get("status") != 409]
        if failures:
            raise RuntimeError(f"bulk load failed for {len(failures)} documents, e.g. {failures[0]}")


def create_indices(engine, bodies: dict[str, dict]) -> None:
    """Create these indices (name → body) at once: each creation waits for the cluster to allocate its shard."""
    with ThreadPoolExecutor(max_workers=max(len(bodies), 1), thread_name_prefix="create") as pool:
        list(pool.map(lambda item: engine.create_index(*item), bodies.items()))


def finish_loading(engine, names: list[str]) -> None:
    """Give loaded indices their normal settings back and make everything in them searchable (one request each
    for all of them)."""
    engine.update_settings(",".join(names), {"index": built_settings()})
    engine.refresh(",".join(names))


# After the swap, the new listing indices are merged to one segment in the engine's background (the command does
# not wait). A bulk load leaves four segments at 100,000 achievements (two of ~48,000 documents, two small), and
# a match query pays each segment's share of its ~800 term lookups and more_like_this rewrites: on one segment it
# took 32 % less (p50 66 → 45 ms, identical rows; docs/search.md, "Match latency"). The merge takes some 5–8 s of
# one core at 100,000; until it ends the index answers from the loaded segments. Merging before the swap would add
# that to the rebuild (≤ 1.5× the pure bulk load, issue 13). Incremental updates after it add small segments that
# the engine's merge policy folds in as usual.
MERGE_AFTER_REBUILD = (ACHIEVEMENT, NEED)


def index_rebuild(*, progress: bool = False, workers: int = 1, fresh: bool = False) -> RebuildReport:
    """Build new versioned indices from the database, swap the aliases at once, replay, drop the old ones.

    The aliases point at complete indices at every moment, so search keeps answering. Changes made while
    loading are drained into the old indices as usual and replayed into the new ones after the swap; the
    bulk load uses the outbox high-water mark as its version, so a replayed newer change always wins.
    The new indices are built without refreshes or replicas and with an asynchronous translog (nobody reads
    them yet, and a failed build is simply started again); their normal settings return before the swap.
    Listings' documents are sent as stored (search.docstore) while their stamp matches the database; the
    missing and stale ones are built (in ``workers`` processes) and kept. ``fresh`` builds every one again.
    """
    engine = get_engine(background=True)
    mark = outbox_high_water_mark()
    version = max(mark, 1)
    all_kinds = index_kinds()
    names = {kind: _new_index_name(kind) for kind in all_kinds}
    create_indices(engine, {name: index_body(kind=kind, building=True) for kind, name in names.items()})
    counts = {kind: 0 for kind in all_kinds}
    built = {ACHIEVEMENT: 0, NEED: 0}

    # Long-lived objects (Django, jieba's dictionary, the glossary) are left out of the collector's full passes:
    # with them, every pass walked a few million objects while documents were being built.
    gc.collect()
    gc.freeze()
    sender = BulkSender(engine)
    try:
        with tqdm(
            total=len(_achievement_ids()) if progress else 0, desc="成果", unit="条", disable=not progress
        ) as bar:
            for count, bodies, rebuilt in _achievement_parts(names, version, workers, fresh):
                for body in bodies:
                    sender.send(body)
                counts[ACHIEVEMENT] += count
                built[ACHIEVEMENT] += rebuilt
                bar.update(count)
        for count, need_bodies, query_bodies, rebuilt in _need_parts(names, version, fresh):
            for body in need_bodies + query_bodies:
                sender.send(body)
            counts[NEED] += count
            counts["percolator"] += count
            built[NEED] += rebuilt
        for kind_name, kind in kinds.registered().items():
            # Kinds registered by apps above search (challenges): their public ids, documents built by the app.
            for chunk in _chunks(sorted(kind.public_titles())):
                documents = sorted(kind.documents(chunk).items())
                for body in bulk_bodies(names[kind_name], documents, version):
                    sender.send(body)
                counts[kind_name] += len(documents)
    finally:
        try:
            sender.close()
        finally:
            gc.unfreeze()

    finish_loading(engine, list(names.values()))
    old = {kind: engine.indices_for_alias(alias_name(kind)) for kind in all_kinds}
    engine.swap_aliases({alias_name(kind): (names[kind], old[kind]) for kind in all_kinds})
    replayed = replay_since(mark, index_names=names)
    if MERGE_AFTER_REBUILD:
        try:
            engine.merge_in_background(",".join(names[kind] for kind in MERGE_AFTER_REBUILD))
        except EngineUnavailable as exc:  # housekeeping: the new indices already answer
            logger.warning("search rebuild: background merge not started: %s", exc)
    dropped = [name for kind in all_kinds for name in old[kind] if name != names[kind]]
    # Indices left behind by an interrupted rebuild are not behind any alias: drop them too.
    for kind in all_kinds:
        for name in engine.list_indices(f"{alias_name(kind)}-*"):
            if name != names[kind] and name not in dropped and _is_versioned(kind, name):
                dropped.append(name)
    if dropped:
        engine.delete_index(",".join(dropped))
    return RebuildReport(indices=names, documents=counts, replayed=replayed, dropped=dropped, built=built)


def _is_versioned(kind: str, name: str) -> bool:
    suffix = name[len(alias_name(kind)) + 1 :]
    return suffix.isdigit()


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
        _forget_stored_documents(kind, [*report.missing[kind], *report.stale[kind]])
    return report


def _forget_stored_documents(kind: str, ids: list[int]) -> None:
    """Drop the stored documents of listings the check found missing or stale, so the ``--rebuild`` it prescribes
    builds them from the database again. A row changed behind the application's back (a queryset ``update()``, a
    hand-edited table) keeps its stamp, and the rebuild would otherwise resend the same stale document. The stored
    documents are a cache of derived bytes: forgetting some costs only their next build."""
    stored_kinds = {ACHIEVEMENT: (ACHIEVEMENT,), NEED: (NEED, docstore.PERCOLATOR)}.get(kind, ())
    for stored_kind in stored_kinds:
        docstore.discard(stored_kind, ids)


# --- Dead letters ----------------------------------------------------------------------------------------


def _dead_rows(*, user, ids: list[int] | None):
    from common.errors import NotAllowed

    # user=None is the operator at the command line (manage.py search_outbox --retry/--discard).
    if user is not None and not permissions.can_oversee_search(user):
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
