"""Cheaper hot ORM reads: prepared statements on PostgreSQL (``prepared_statements``), compile once (``CompiledQueries``).

Why: the public achievement listing runs one rows query per request whose SQL is the same every time (the values,
such as today's date or a filter's code, are parameters). PostgreSQL planned it afresh on every request: about
0.7 ms on a quiet server, several on the shared one, which was half of the listing's time above its empty-queryset
floor at 100,000 achievements (issue 12, docs/benchmarks.md). Prepared once per connection, it is planned by the
server only until PostgreSQL settles on a generic plan (after five executions, ``plan_cache_mode = auto``).

Why only inside ``prepared_statements()`` and not for every query (``OPTIONS: {"server_side_binding": True}`` with a
``prepare_threshold``): Django binds parameters in the client by default because some SQL is not valid with
server-side parameters (a parameter in both SELECT and GROUP BY, Django ticket #34255; ``SET`` commands; several
statements in one execute). The code here has raw SQL of each kind; the listing's rows query has none, and the
benchmark and ``tests/common/test_db.py`` run it both ways.

``DATABASE_PREPARED_STATEMENTS=0`` turns it off: needed behind a connection pooler in transaction mode that does not
track protocol-level prepared statements (PgBouncer before 1.21, or 1.21+ with ``max_prepared_statements = 0``),
where the next request may land on a server connection that never saw the statement. Django's own pooling
(``OPTIONS: {"pool": …}``) and persistent connections (``DATABASE_CONN_MAX_AGE``) are fine: psycopg keeps track of
what each connection has prepared, and forgets it all on a rollback.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import ModelIterable
from django.utils.functional import cached_property

try:
    from django.db.backends.postgresql.base import ServerBindingCursor
except ImportError:  # psycopg 2 or no PostgreSQL driver: nothing to prepare with
    ServerBindingCursor = None

# psycopg prepares a statement after it has run this many times on the connection when it is not asked to at once;
# with prepare=True (below) it is prepared on its first run, so this only has to be a number (None disables it).
_PREPARE_THRESHOLD = 5


class _QueryText:
    """The statement with its values in, composed only when read (Django's query log reads ``cursor._query.query``:
    ``CaptureQueriesContext``, ``DEBUG``), as client-side binding would have sent it."""

    def __init__(self, connection, sql, params):
        self._connection, self._sql, self._params = connection, sql, params

    @cached_property
    def query(self) -> bytes:
        return psycopg.ClientCursor(self._connection).mogrify(self._sql, self._params).encode()


if ServerBindingCursor is not None:
    import psycopg

    class PreparingCursor(ServerBindingCursor):
        """Django's cursor with server-side parameters that prepares every statement it runs."""

        def execute(self, query, params=None, *, prepare=None, binary=None):
            super().execute(query, params, prepare=True if prepare is None else prepare, binary=binary)
            if self._query is None:  # psycopg keeps no statement text when it runs a prepared one
                self._query = _QueryText(self.connection, query, params)
            return self

else:  # pragma: no cover - the project requires psycopg 3 for PostgreSQL
    PreparingCursor = None


def prepared_statements_enabled(using: str = DEFAULT_DB_ALIAS) -> bool:
    connection = connections[using]
    return (
        getattr(settings, "DATABASE_PREPARED_STATEMENTS", True)
        and connection.vendor == "postgresql"
        and PreparingCursor is not None
    )


@contextmanager
def prepared_statements(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Run the queries inside as prepared statements on ``using`` (PostgreSQL with psycopg 3; elsewhere, or with the
    setting off, nothing changes). Use it only around ORM reads whose SQL is valid with server-side parameters."""
    if not prepared_statements_enabled(using):
        yield
        return
    connection = connections[using]
    connection.ensure_connection()
    raw = connection.connection
    previous_factory, previous_threshold = raw.cursor_factory, raw.prepare_threshold
    raw.cursor_factory = PreparingCursor
    if previous_threshold is None:  # Django's default: psycopg prepares nothing, even when asked
        raw.prepare_threshold = _PREPARE_THRESHOLD
    try:
        yield
    finally:
        raw.cursor_factory, raw.prepare_threshold = previous_factory, previous_threshold


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    select: list
    klass_info: dict
    annotation_col_map: dict
    col_count: int
    has_extra_select: bool


class CompiledQueries:
    """A per-process memory of how chosen ORM reads compile to SQL, for reads whose SQL a short key determines.

    Why: compiling the listing's rows query (the rows, two joined relations and two JSON term subqueries) cost
    Django ~1.5-2 ms per request at 100,000 achievements, as much as the database's work for it, and for the
    unfiltered listing the result only changes with the day (the expiry filter's date) and the page's slice
    (issue 12). ``rows()`` compiles a queryset once per key and afterwards hands Django's row reader the remembered
    SQL and column layout; the rows themselves are always read fresh.

    The caller's key must name everything the SQL depends on other than the model's code and the queryset's slice
    (added here): filter values, dates, ordering. Anything a request can vary that is not in the key must not reach
    the queryset. An empty queryset (``.none()``) is always evaluated the usual way.
    """

    def __init__(self, max_entries: int = 64):
        self.max_entries = max_entries
        self._entries: OrderedDict[tuple, _Compiled] = OrderedDict()
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)

    def rows(self, queryset, key: tuple) -> list:
        """``list(queryset)``, compiled at most once per ``key`` (model instances only: no ``values()``)."""
        query = queryset.query
        if (
            queryset._result_cache is not None
            or queryset._iterable_class is not ModelIterable
            or queryset._prefetch_related_lookups
            or query.is_empty()
        ):
            return list(queryset)
        connection = connections[queryset.db]
        key = (queryset.db, connection.settings_dict["NAME"], *key, query.low_mark, query.high_mark)
        compiler = query.get_compiler(using=queryset.db)
        with self._lock:
            compiled = self._entries.get(key)
            if compiled is not None:
                self._entries.move_to_end(key)
        if compiled is None:
            try:
                sql, params = compiler.as_sql()
            except EmptyResultSet:
                return list(queryset)
            compiled = _Compiled(
                sql,
                tuple(params),
                compiler.select,
                compiler.klass_info,
                compiler.annotation_col_map,
                compiler.col_count,
                compiler.has_extra_select,
            )
            with self._lock:
                self._entries[key] = compiled
                while len(self._entries) > self.max_entries:
                    self._entries.popitem(last=False)
        else:
            compiler.select, compiler.klass_info = compiled.select, compiled.klass_info
            compiler.annotation_col_map, compiler.col_count = compiled.annotation_col_map, compiled.col_count
            compiler.has_extra_select = compiled.has_extra_select
        # Django's ModelIterable asks the query for a compiler, runs its as_sql() and reads the column layout the
        # compilation left on it (select, klass_info, annotation_col_map, col_count): hand it this one, compiled.
        compiler.as_sql = lambda with_limits=True, with_col_aliases=False: (compiled.sql, compiled.params)
        query.get_compiler = lambda using=None, connection=None, elide_empty=True: compiler
        try:
            return list(queryset)
        finally:
            del query.get_compiler
