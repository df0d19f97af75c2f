"""API v1 totals: pagination and the cached counts of large tables, on data each test builds itself (no other
achievement may exist here, unlike in test_api.py whose catalogue is built once per module)."""

from __future__ import annotations

import pytest
from django.db import connection
from rest_framework.test import APIClient

from tests.factories import make_achievement

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _forget_large_tables():
    """Which tables are large is remembered per process for minutes; a test that made the achievements' table
    large (test_large_table_estimate_reads_postgresql_statistics) must not make another's small table large."""
    from common import pagination

    pagination._large_tables.clear()
    yield
    pagination._large_tables.clear()


@pytest.fixture
def client():
    return APIClient()


def test_pagination(client, institution_page):
    for n in range(5):
        make_achievement(institution_page, title=f"成果{n}")
    first = client.get("/api/v1/achievements/?page_size=2").json()
    assert first["count"] == 5 and len(first["results"]) == 2 and first["next"]
    last = client.get("/api/v1/achievements/?page_size=2&page=3").json()
    assert len(last["results"]) == 1 and last["next"] is None
    assert client.get("/api/v1/achievements/?page=9").status_code == 404


def test_counts_of_large_tables_are_cached_briefly_and_small_ones_are_exact(monkeypatch, institution_page):
    from django.core.cache import cache

    from common import pagination

    cache.clear()
    make_achievement(institution_page)
    client = APIClient()
    assert client.get("/api/v1/achievements/").json()["count"] == 1
    make_achievement(institution_page)
    assert client.get("/api/v1/achievements/").json()["count"] == 2  # small: always exact
    monkeypatch.setattr(pagination, "is_large_table", lambda queryset: True)
    assert client.get("/api/v1/achievements/").json()["count"] == 2  # now cached
    newest = make_achievement(institution_page, title="最新成果")
    assert client.get("/api/v1/achievements/").json()["count"] == 2  # the cached total, for a minute
    first = client.get("/api/v1/achievements/?page_size=1").json()["results"]
    assert first[0]["id"] == newest.pk  # the rows themselves are always fresh
    cache.clear()


@pytest.mark.postgres
def test_large_table_estimate_reads_postgresql_statistics(monkeypatch, institution_page):
    from common import pagination
    from marketplace.models import AchievementPage

    make_achievement(institution_page)
    make_achievement(institution_page)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE marketplace_achievementpage")
    assert pagination.is_large_table(AchievementPage.objects.all()) is False
    monkeypatch.setattr(pagination, "LARGE_TABLE_ROWS", 2)
    assert pagination.is_large_table(AchievementPage.objects.all()) is True
