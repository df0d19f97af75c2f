"""Pagination for every list, pages and API alike: page numbers, with the row count cached briefly on large tables.

An exact COUNT(*) over the listed achievements visits every matching row: at 100,000 achievements on
PostgreSQL it was 90–130 ms of a 150–200 ms request, filtered or not (benchmarks/marketplace_perf.py),
and it grows with the table. Once the table is large (PostgreSQL's planner estimate, free to read)
the count of a given query is reused for ``COUNT_CACHE_SECONDS``: a popular listing pays for it once a
minute. The rows of the page are always fresh; only the total shown may lag by that long. Small
tables, and SQLite, always count exactly.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

LARGE_TABLE_ROWS = 10_000
COUNT_CACHE_SECONDS = 60


def is_large_table(queryset) -> bool:
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [queryset.model._meta.db_table])
        row = cursor.fetchone()
    return bool(row) and row[0] >= LARGE_TABLE_ROWS


class CachedCountPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if not hasattr(queryset, "query") or not is_large_table(queryset):
            return super().count
        try:
            sql, params = queryset.query.sql_with_params()
        except EmptyResultSet:  # e.g. a filter on an empty list: nothing to cache, count normally
            return super().count
        key = "list-count:" + hashlib.sha256(f"{sql}|{params!r}".encode()).hexdigest()
        total = cache.get(key)
        if total is None:
            total = super().count
            cache.set(key, total, COUNT_CACHE_SECONDS)
        return total
