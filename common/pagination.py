"""Pagination for every list, pages and API alike: page numbers, with the row count cached briefly on large tables.

An exact COUNT(*) over the listed achievements visits every matching row: at 100,000 achievements on
PostgreSQL it was 90–130 ms of a 150–200 ms request, filtered or not (benchmarks/marketplace_perf.py),
and it grows with the table. Once the table is large (PostgreSQL's planner estimate, free to read)
the count of a given query is reused for ``COUNT_CACHE_SECONDS``: a popular listing pays for it once a
minute. The rows of the page are always fresh; only the total shown may lag by that long. Small
tables, and SQLite, always count exactly.

The cache key is the SQL of the rows the count counts (ordering and selected annotations left out): compiling the
listing's full query, with its JSON term subqueries, cost about 4 ms per request at 100,000 achievements — a third
of the page's time above its empty-queryset floor (issue 12). A table found large is remembered for a few minutes
per process instead of asking the planner on every request.
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

LARGE_TABLE_ROWS = 10_000
COUNT_CACHE_SECONDS = 60
# Only "large" is remembered: a table rarely shrinks back, and a small one is cheap to ask about again (so a table
# that grows past the threshold is noticed on the next request).
LARGE_TABLE_REMEMBER_SECONDS = 300
_large_tables: dict[tuple[str, str, str], float] = {}


def is_large_table(queryset) -> bool:
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return False
    table = queryset.model._meta.db_table
    key = (connection.alias, connection.settings_dict["NAME"], table)
    now = time.monotonic()
    if now - _large_tables.get(key, -LARGE_TABLE_REMEMBER_SECONDS) < LARGE_TABLE_REMEMBER_SECONDS:
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table])
        row = cursor.fetchone()
    large = bool(row) and row[0] >= LARGE_TABLE_ROWS
    if large:
        _large_tables[key] = now
    return large


def _count_key(queryset) -> str:
    """The cache key of a queryset's count: the SQL of its rows without ordering or selected annotations, which
    change what is shown, never how many rows there are (filters on annotations stay in the WHERE clause)."""
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    return "list-count:" + hashlib.sha256(f"{sql}|{params!r}".encode()).hexdigest()


class CachedCountPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if not hasattr(queryset, "query") or not is_large_table(queryset):
            return super().count
        try:
            key = _count_key(queryset)
        except EmptyResultSet:  # e.g. a filter on an empty list: nothing to cache, count normally
            return super().count
        total = cache.get(key)
        if total is None:
            total = super().count
            cache.set(key, total, COUNT_CACHE_SECONDS)
        return total
