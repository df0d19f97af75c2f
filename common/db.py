"""Prepared statements for a few hot read queries on PostgreSQL, chosen where they are run (``prepared_statements``).

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

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
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
