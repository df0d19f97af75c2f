"""The API lists' page-number pagination: the shared paginator that caches the row count on large tables."""

from __future__ import annotations

from rest_framework.pagination import PageNumberPagination

from common.pagination import CachedCountPaginator


class StandardPagination(PageNumberPagination):
    django_paginator_class = CachedCountPaginator
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
