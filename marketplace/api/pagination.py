"""Pagination for the API lists: page numbers, with the exact row count cached briefly on large tables.

An exact COUNT(*) over the listed achievements is a join over every row: at 100,000 achievements it
is ~90 ms of a ~150 ms request on PostgreSQL (benchmarks/marketplace_perf.py). Below
``EXACT_COUNT_BELOW`` rows the count is always exact; above it the count of the same query is reused
for ``COUNT_CACHE_SECONDS``, so a popular listing pays for it once a minute. The page's rows are
always fresh; only the total shown may lag a newly published listing by that long.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination

EXACT_COUNT_BELOW = 10_000
COUNT_CACHE_SECONDS = 60


class CachedCountPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        query = getattr(self.object_list, "query", None)
        if query is None:
            return super().count
        try:
            sql, params = query.sql_with_params()
        except EmptyResultSet:  # e.g. a filter on an empty list: nothing to cache, count normally
            return super().count
        key = "api-count:" + hashlib.sha256(f"{sql}|{params!r}".encode()).hexdigest()
        cached = cache.get(key)
        if cached is not None:
            return cached
        total = super().count
        if total >= EXACT_COUNT_BELOW:
            cache.set(key, total, COUNT_CACHE_SECONDS)
        return total


class StandardPagination(PageNumberPagination):
    django_paginator_class = CachedCountPaginator
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
