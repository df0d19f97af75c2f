"""Basic mode's stored text: segment a listing once when it changes, retrieve with the database's full-text index.

``refresh`` rewrites the ListingTerms rows whose version no longer matches the listing (one query finds them, so
nothing is re-read that has not changed); ``retrieve`` asks SQLite FTS5 (BM25, headline weighted 3:1) or
PostgreSQL full-text search for the best candidates; ``TableCorpus`` gives the database matcher its BM25
statistics from the same table (document frequencies from FTS5's vocabulary or GIN-indexed counts), so the
top candidates are scored with the same clauses as before without reading every listing.
"""

from __future__ import annotations

import math
import re
import time

from django.db import connection
from django.db.models import Avg, Count, Exists, OuterRef

from .. import listings
from ..documents import ACHIEVEMENT, NEED
from ..listings import bigrams
from ..models import ListingTerms
from ..profiles import Profile
from ..text import query_terms

RETRIEVE = 100  # candidates the full-text index hands to the clause scoring
_FTS_SAFE = re.compile(r'["\s]+')


def _listed(kind: str):
    return listings.listed(kind)


def stale(kind: str):
    """Listed objects whose stored terms are missing or older than the listing (one query)."""
    from django.db.models import CharField
    from django.db.models.functions import Cast

    listed = _listed(kind)
    version = Cast("latest_revision_id", CharField()) if kind == ACHIEVEMENT else None
    if version is not None:
        current = ListingTerms.objects.filter(kind=kind, object_id=OuterRef("pk"), version=OuterRef("_version"))
        return listed.annotate(_version=version).exclude(Exists(current))
    # Needs: compare updated_at in Python only for rows whose stored version could differ (few: most are fresh).
    known = dict(ListingTerms.objects.filter(kind=kind).values_list("object_id", "version"))
    ids = [pk for pk, updated in listed.values_list("pk", "updated_at") if known.get(pk) != updated.isoformat()]
    return listed.filter(pk__in=ids)


REFRESH_CHUNK = 1000


def refresh(kind: str, *, ids=None) -> int:
    """(Re)segment the stale listings of this kind (or these ids) and store their terms; returns how many."""
    objects = stale(kind)
    if ids is not None:
        objects = objects.filter(pk__in=list(ids))
    pks = sorted(objects.values_list("pk", flat=True))
    stamp = listings.glossary_stamp() if pks else ""
    for start in range(0, len(pks), REFRESH_CHUNK):
        listings.stored_texts(kind, listings.shapes(kind, pks[start : start + REFRESH_CHUNK]), stamp=stamp)
    return len(pks)


def _stamp(kind: str):
    from django.db.models import Max

    listed = _listed(kind)
    field = "latest_revision_id" if kind == ACHIEVEMENT else "updated_at"
    stored = ListingTerms.objects.filter(kind=kind).aggregate(n=Count("id"), top=Max("id"))
    return (*listed.aggregate(n=Count("pk"), top=Max(field)).values(), *stored.values())


def ensure_fresh(kind: str, *, quick: bool = False) -> int:
    """Refresh stale terms, skipping the search for them when nothing listed has changed since the last time
    (one aggregate query). The outbox drain refreshes changed listings as they change, too.

    ``quick`` (every basic-mode match): even those aggregates over the listings are skipped while the change
    stamp (``change_stamp``, one query on keys) is the one seen at the last full check and that check is under
    FRESH_RECHECK_SECONDS old."""
    if quick:
        changes = change_stamp(kind)
        seen = _STATS.get(("changes", kind))
        if seen is not None and seen[0] == changes and time.monotonic() - seen[1] < FRESH_RECHECK_SECONDS:
            return 0
        count = ensure_fresh(kind)
        _STATS[("changes", kind)] = (change_stamp(kind) if count else changes, time.monotonic())
        return count
    stamp = _stamp(kind)
    if _STATS.get(("fresh", kind)) == stamp:
        return 0
    count = refresh(kind)
    _STATS[("fresh", kind)] = _stamp(kind) if count else stamp
    return count


def fresh_corpus(kind: str) -> TableCorpus:
    """``ensure_fresh(kind, quick=True)``, then the kind's BM25 statistics keyed on the stamp it just read (so a
    match asks the table whether it changed once, not once per use)."""
    ensure_fresh(kind, quick=True)
    return corpus(kind, stamp=_STATS[("changes", kind)][0])


# A change no stamp below sees (a bulk load that announces nothing and writes no revision, a listing edited with
# a raw UPDATE) reaches basic mode's retrieval within this many seconds, as glossary edits do (taxonomy.glossary).
FRESH_RECHECK_SECONDS = 30.0


def change_stamp(kind: str) -> tuple:
    """What moves whenever a listing of this kind may need new terms, in one query that reads keys, not the
    listings: the kind's stored rows (count and newest id, on their unique index) and this process's write
    generation first (``corpus`` keys on those three), then the newest outbox row (every announced change
    writes one in its own transaction) and the newest page revision (every achievement edit, bulk loads
    included) or, for needs (saved without revisions, and few), the newest ``updated_at``."""
    from wagtail.models import Revision

    from ..models import SearchOutbox

    quote = connection.ops.quote_name
    if kind == ACHIEVEMENT:
        latest = f"SELECT max(id) FROM {quote(Revision._meta.db_table)}"  # noqa: S608 (fixed names)
    else:
        latest = f"SELECT max(updated_at) FROM {quote(listings.model(kind)._meta.db_table)}"  # noqa: S608
    terms = quote(ListingTerms._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT count(*) FROM {terms} WHERE kind = %s), (SELECT max(id) FROM {terms} WHERE kind = %s), "  # noqa: S608 (fixed names)
            f"(SELECT max(id) FROM {quote(SearchOutbox._meta.db_table)}), ({latest})",
            [kind, kind],
        )
        n, top, outbox, last = cursor.fetchone()
    return (n, top, listings.generation[0], outbox, last)


def _fts_query(terms: list[str]) -> str:
    quoted = []
    for term in dict.fromkeys(terms):
        clean = _FTS_SAFE.sub(" ", term).strip()
        if clean:
            quoted.append(f'"{clean}"')
    return " OR ".join(quoted)


QUERY_WORDS = 32  # the rarest words of a long need are enough to find its candidates; more only costs time
QUERY_BIGRAM_CHARS = 60


def query_tokens(text: str) -> list[str]:
    """What a query looks for in the full-text index: its QUERY_WORDS most distinctive words (general-language
    IDF) and the bigrams of its first QUERY_BIGRAM_CHARS characters (the text is glossary-expanded)."""
    from .facts import idf

    words = sorted(query_terms(text), key=lambda w: -idf(w))[:QUERY_WORDS]
    return list(dict.fromkeys([*words, *bigrams(text[:QUERY_BIGRAM_CHARS])]))


def _sqlite_retrieve(kind: str, tokens: list[str], limit: int) -> list[int]:
    with connection.cursor() as cursor:
        fts = _fts_table(kind)
        # The best ``limit`` rows are picked inside the index first and only they are joined to their listings
        # (joining before the LIMIT looked up every row that matches any token: a third more time at 10,000).
        cursor.execute(
            f"SELECT t.object_id FROM (SELECT rowid AS row, bm25({fts}, 3.0, 1.0) AS score FROM {fts} "  # noqa: S608 (fixed names)
            f"WHERE {fts} MATCH %s ORDER BY score LIMIT %s) f JOIN search_listingterms t ON t.id = f.row "
            "ORDER BY f.score",
            [_fts_query(tokens), limit],
        )
        return [row[0] for row in cursor.fetchall()]


def _fts_table(kind: str) -> str:
    """The kind's FTS5 index (one per kind, so BM25 statistics count only the listings being ranked)."""
    return f"search_listingterms_fts_{ACHIEVEMENT if kind == ACHIEVEMENT else NEED}"


# From this many listings on, candidates are first sought with the tokens in under a tenth of them (the common
# tokens' low IDF moves few listings into the top RETRIEVE, while scoring them costs most of the query's time);
# the clause scoring then ranks those candidates exactly. Smaller corpora use every token FTS5 can rank by.
PRUNE_FROM = 2000
PRUNE_SHARE = 0.1


def _distinctive(kind: str, tokens: list[str], stats: TableCorpus | None = None) -> list[str]:
    """The tokens worth asking first. A token in half the rows or more gets FTS5's floor IDF (1e-6): it adds
    nothing to the order but makes the index score every row that has it; in a large corpus, tokens in a tenth of
    the rows are left for the fallback too."""
    stats = stats if stats is not None else corpus(kind)
    stats.prefetch(tokens)
    share = PRUNE_SHARE if stats.total >= PRUNE_FROM else 0.5
    return [t for t in tokens if stats.df.get(t, 0) < share * stats.total]


def retrieve(kind: str, text: str, *, limit: int | None = None, stats: TableCorpus | None = None) -> list[int]:
    """Ids of the listings of this kind the full-text index ranks best for this text (best first).

    On SQLite the distinctive tokens are asked first; when they already fill ``limit`` candidates, those are the
    candidates (below PRUNE_FROM listings, the order the whole query gives: the other tokens only add FTS5's 1e-6
    floor), at a fraction of the cost. Otherwise (a vague query) the whole query runs, as before. ``stats``: the
    kind's corpus, when the caller has it already (``fresh_corpus``)."""
    limit = RETRIEVE if limit is None else limit
    tokens = query_tokens(text)
    if not tokens:
        return []
    if connection.vendor == "sqlite":
        distinctive = _distinctive(kind, tokens, stats)
        if distinctive and len(distinctive) < len(tokens):
            found = _sqlite_retrieve(kind, distinctive, limit)
            if len(found) >= limit:
                return found
        return _sqlite_retrieve(kind, tokens, limit)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            query = " | ".join(_pg_lexeme(t) for t in tokens if _pg_lexeme(t))
            cursor.execute(
                "SELECT object_id FROM search_listingterms "
                "WHERE kind = %s AND to_tsvector('simple', headline || ' ' || body) @@ to_tsquery('simple', %s) "
                "ORDER BY ts_rank(to_tsvector('simple', headline || ' ' || body), to_tsquery('simple', %s)) DESC, "
                "object_id LIMIT %s",
                [kind, query, query, limit],
            )
        else:  # another database: no full-text index, so every listing of the kind is a candidate
            return list(ListingTerms.objects.filter(kind=kind).values_list("object_id", flat=True))
        return [row[0] for row in cursor.fetchall()]


def _pg_lexeme(term: str) -> str:
    clean = re.sub(r"[^\w]+", " ", term).strip()
    if not clean:
        return ""
    parts = clean.split()
    return "(" + " <-> ".join(f"'{p}'" for p in parts) + ")" if len(parts) > 1 else f"'{parts[0]}'"


_STATS: dict = {}


class TableCorpus:
    """BM25 statistics of the stored achievement terms, fetched for the terms a match needs (the same interface
    as database._Corpus)."""

    K1, B = 1.2, 0.75

    def __init__(self, kind: str = ACHIEVEMENT):
        self.kind = kind
        row = ListingTerms.objects.filter(kind=kind).aggregate(
            n=Count("id"), headline=Avg("headline_length"), body=Avg("body_length")
        )
        self.n = max(row["n"] or 0, 1)
        self.total = row["n"] or 0  # what the kind's FTS5 index counts (its BM25's N)
        self.avg = {"headline": max(row["headline"] or 1.0, 1.0), "body": max(row["body"] or 1.0, 1.0)}
        self.df: dict[str, int] = {}
        self._idf: dict[str, float] = {}

    def prefetch(self, terms) -> None:
        missing = [t for t in dict.fromkeys(terms) if t not in self.df]
        if not missing:
            return
        for term in missing:
            self.df[term] = 0
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                for start in range(0, len(missing), 500):
                    chunk = missing[start : start + 500]
                    marks = ",".join(["%s"] * len(chunk))
                    vocab = f"search_listingterms_vocab_{ACHIEVEMENT if self.kind == ACHIEVEMENT else NEED}"
                    sql = f"SELECT term, doc FROM {vocab} WHERE term IN ({marks})"  # noqa: S608 (fixed names, placeholders)
                    cursor.execute(sql, chunk)
                    for term, doc in cursor.fetchall():
                        self.df[term] = doc
            elif connection.vendor == "postgresql":
                for term in missing:
                    lexeme = _pg_lexeme(term)
                    if not lexeme:
                        continue
                    cursor.execute(
                        "SELECT count(*) FROM search_listingterms WHERE kind = %s AND "
                        "to_tsvector('simple', headline || ' ' || body) @@ to_tsquery('simple', %s)",
                        [self.kind, lexeme],
                    )
                    self.df[term] = cursor.fetchone()[0]

    def idf(self, term: str) -> float:
        value = self._idf.get(term)
        if value is None:
            if term not in self.df:
                self.prefetch([term])
            df = min(self.df.get(term, 0), self.n)
            value = self._idf[term] = math.log(1 + (self.n - df + 0.5) / (df + 0.5))
        return value

    def bm25(self, terms, profile: Profile, group: str) -> float:
        counts = profile.terms(group)
        norm = self.K1 * (1 - self.B + self.B * profile.length(group) / self.avg[group])
        score = 0.0
        for term in terms:
            tf = counts.get(term, 0)
            if tf:
                score += self.idf(term) * tf * (self.K1 + 1) / (tf + norm)
        return score


_CORPORA: dict[str, tuple[tuple, TableCorpus]] = {}
MAX_CACHED_TERMS = 200_000


def corpus(kind: str = ACHIEVEMENT, *, stamp: tuple | None = None) -> TableCorpus:
    """The BM25 statistics of the stored terms, kept per process while the kind's rows are unchanged (one cheap
    aggregate tells, or the ``change_stamp`` the caller has just read): document counts, average lengths and the
    document frequencies fetched so far are reused by every match instead of being counted again per request."""
    from django.db.models import Max

    if stamp is None:
        row = ListingTerms.objects.filter(kind=kind).aggregate(n=Count("id"), top=Max("id"))
        key = (row["n"], row["top"], listings.generation[0])
    else:
        key = stamp[:3]
    cached = _CORPORA.get(kind)
    if cached is not None and cached[0] == key and len(cached[1].df) < MAX_CACHED_TERMS:
        return cached[1]
    fresh = TableCorpus(kind)
    _CORPORA[kind] = (key, fresh)
    return fresh


__all__ = [
    "NEED",
    "RETRIEVE",
    "TableCorpus",
    "bigrams",
    "change_stamp",
    "corpus",
    "ensure_fresh",
    "fresh_corpus",
    "query_tokens",
    "refresh",
    "retrieve",
    "stale",
]
