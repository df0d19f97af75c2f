"""PostgreSQL-only: the covering indexes exist and the dashboard's grouped scans use them index-only."""

from __future__ import annotations

import os

import pytest
from django.db import connection

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


def test_covering_indexes_hold_every_column_the_grouped_scans_read():
    """So the grouped scans can be index-only (the benchmark's EXPLAIN shows them used at scale;
    on a test-sized table the planner's choice is not stable enough to assert)."""
    require_postgres()
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'reg_stats_%%cover'")
        definitions = dict(cursor.fetchall())
    contract = definitions["reg_stats_registered_cover"]
    for column in (
        "contract_type",
        "sub_type",
        "is_equity_contribution",
        "technical_field_id",
        "ip_type_id",
        "programme_source",
        "effective_total_amount_cny",
        "effective_technology_amount_cny",
    ):
        assert column in contract
    assert "WHERE ((status)::text = 'registered'::text)" in contract
    facts = definitions["reg_stats_facts_cover"]
    for column in ("seller_entity_type_id", "buyer_entity_type_id", "seller_places", "buyer_places"):
        assert column in facts


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_benchmark_vacuum_reports_the_visibility_map():
    """The benchmark vacuums after its load commits (never inside a transaction, where VACUUM fails or is
    skipped) and reports how many pages are all-visible, so a figure measured with heap fetches shows it."""
    require_postgres()
    from datetime import date, timedelta

    from django.db import transaction

    from benchmarks.registration_perf import vacuum_for_index_only_scans
    from registration.models import CalendarDay

    CalendarDay.objects.bulk_create(
        CalendarDay(date=date(2030, 1, 1) + timedelta(days=i), is_working_day=bool(i % 2)) for i in range(3000)
    )
    visible, pages = vacuum_for_index_only_scans(["registration_calendarday"])["registration_calendarday"]
    assert pages > 1 and 0 <= visible <= pages
    with transaction.atomic(), pytest.raises(RuntimeError):
        vacuum_for_index_only_scans(["registration_calendarday"])
