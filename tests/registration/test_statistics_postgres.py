"""PostgreSQL-only: the covering indexes exist and the dashboard's grouped scans use them index-only."""

from __future__ import annotations

import os

import pytest
from django.db import connection
from django.utils import timezone

from registration import statistics

from .statistics_factories import FOREIGN, LOCAL, registered

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def require_postgres():
    if connection.vendor != "postgresql":
        message = "needs PostgreSQL: set DATABASE_URL=postgres://…"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)


def test_statistics_indexes_exist():
    require_postgres()
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE 'reg_stats_%%'")
        names = {row[0] for row in cursor.fetchall()}
    assert names == {"reg_stats_registered_cover", "reg_stats_facts_cover", "reg_stats_contract_updated"}


def test_grouped_scans_can_use_the_covering_indexes(user_registrar, registry):
    require_postgres()
    year = timezone.localdate().year
    registered(user_registrar, registry, registered_on=timezone.localdate(), seller=LOCAL, buyer=FOREIGN)
    statistics.facts_refresh()
    plans = []
    with connection.cursor() as cursor:
        # Tiny tables make sequential scans cheapest; forbid them to see which indexes the plans can use.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        for queryset in (
            statistics._two_years(year).values("technical_field_id").annotate(**statistics._split_aggregates(year)),
            statistics._counted_facts(year).values("seller_places").annotate(**statistics._split_aggregates(year)),
        ):
            plans.append(queryset.explain())
    assert "Index Only Scan using reg_stats_registered_cover" in plans[0]
    assert "reg_stats_facts_cover" in plans[1]
