"""The dashboard's running totals: moved by the services with each facts write, equal to a recount from the facts,
and the dashboard read from them equal to the dashboard recomputed from the facts (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection

from registration import services, statistics
from registration.models import ContractStatisticsFacts, ContractStatisticsSummary, TechnologyContract
from registration.statistics import dashboard, summary
from registration.statistics.facts import contract_facts_write
from taxonomy.models import IPType, TechnicalField
from tests.factories import make_achievement

from .statistics_factories import FOREIGN, IN_PROVINCE, LOCAL, OUT_OF_PROVINCE, registered
from .test_statistics import _seller_user
from .test_statistics_postgres import require_postgres

pytestmark = pytest.mark.django_db

MILLION = Decimal("1000000.00")  # the builder's default amount
TODAY = date(2026, 6, 15)  # the dashboard's "today": mid-month, so last June is compared only up to the 15th
YEAR = TODAY.year


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch):
    cache.clear()
    monkeypatch.setattr(statistics.periods, "_today", lambda: TODAY)


def _build(registrar, registry) -> list[TechnologyContract]:
    """Contracts in several groups of every dimension, this year and last (inside and after the compared
    period, including both sides of the partial month), then an amendment, a revocation, a reclassification
    and a deletion."""
    invention = IPType.objects.get(code="invention")

    def make(day: date, **kwargs) -> TechnologyContract:
        return registered(registrar, registry, registered_on=day, **kwargs)

    contracts = [
        make(date(YEAR, 1, 5), seller=LOCAL, buyer=FOREIGN, total="300000.00", ip_type=invention),
        make(date(YEAR, 1, 20), seller=LOCAL, buyer=IN_PROVINCE, total="450000.50", programme_source="national"),
        make(
            date(YEAR, 3, 2),
            contract_type="transfer",
            sub_type="patent_transfer",
            field="electronics",
            seller={**OUT_OF_PROVINCE, "entity_type": "110"},
            buyer=LOCAL,
            total="1250000.00",
        ),
        make(date(YEAR, 5, 31), field="agriculture", total="80000.00", seller={**LOCAL, "entity_type": "150"}),
        make(date(YEAR - 1, 2, 10), total="700000.00", ip_type=invention),
        make(date(YEAR - 1, 6, 10), total="210000.00", field="electronics"),  # partial month, inside
        make(date(YEAR - 1, 6, 15), total="190000.00", buyer=OUT_OF_PROVINCE),  # partial month, the last day
        make(date(YEAR - 1, 6, 16), total="999000.00"),  # partial month, after the compared period
        make(date(YEAR - 1, 9, 1), total="555000.00", programme_source="city"),  # after it
        make(date(YEAR - 2, 12, 31), total="123000.00"),  # neither year
    ]
    amended = contracts[1]
    amendment = services.contract_request_amendment(
        user=_seller_user(amended), contract=amended, changes={"total_amount_cny": "480000.25"}, reason="补充协议"
    )
    services.contract_decide_amendment(user=registrar, amendment=amendment, approve=True)
    services.contract_cancel(user=registrar, contract=contracts[0], reason="合同解除")  # revoked: stops counting
    # A change of type, field and IP (as a correction outside the services would make), then the facts write the
    # services do: the running totals must take the old groups' share out, not only add the new ones.
    TechnologyContract.objects.filter(pk=contracts[3].pk).update(
        contract_type="consulting",
        sub_type="feasibility_study",
        technical_field=TechnicalField.objects.get(code="electronics"),
        ip_type=invention,
    )
    contract_facts_write([contracts[3].pk])
    ContractStatisticsFacts.objects.filter(contract=contracts[4]).delete()  # a deleted row takes its share out
    # Commercialised achievements: links added and removed from both sides, a cleared contract, a revoked one.
    first, second, third, fourth = (make_achievement() for _ in range(4))
    transfer = {"contract_type": "transfer", "sub_type": "patent_transfer"}
    contracts[2].achievements.add(first, second)
    inside = make(date(YEAR - 1, 6, 10), achievements=[first, third], **transfer)  # partial month, inside
    make(date(YEAR - 1, 6, 20), achievements=[second], **transfer)  # partial month, after the compared period
    revoked = make(date(YEAR, 2, 2), achievements=[fourth], **transfer)
    services.contract_cancel(user=registrar, contract=revoked, reason="合同解除")
    equity = make(date(YEAR, 4, 2), is_equity_contribution=True, achievements=[third, fourth])
    contracts[2].achievements.remove(second, third)  # third was never linked here: nothing to take out
    fourth.contracts.add(inside)  # from the achievement's side
    third.contracts.remove(equity)
    cleared = make(date(YEAR, 4, 9), achievements=[second], **transfer)
    cleared.achievements.clear()
    return contracts


def _assert_summary_matches_facts() -> None:
    assert summary.summary_differences() == []
    for year in (YEAR, YEAR - 1):
        from_summary = dashboard._compute_year_statistics(year).as_dict()
        from_facts = dashboard._compute_year_statistics(year, source="facts").as_dict()
        from_summary.pop("generated_at"), from_facts.pop("generated_at")
        assert from_summary == from_facts
        assert dashboard._commercialised_counts(year) == dashboard._commercialised_counts_from_contracts(year)


def _check_the_dashboard_equals_the_recomputation(registrar, registry) -> None:
    _build(registrar, registry)
    _assert_summary_matches_facts()
    stats = statistics.year_statistics(YEAR, use_cache=False)
    # Counted this year: five (two revoked); last year up to 15 June: three (the February one's row deleted).
    assert (stats.totals.count, stats.totals.previous_count) == (5, 3)
    assert stats.totals.total == Decimal("480000.25") + Decimal("1250000.00") + Decimal("80000.00") + 2 * MILLION
    assert stats.totals.previous_total == Decimal("400000.00") + MILLION
    assert isinstance(stats.totals.total, Decimal) and isinstance(stats.totals.previous_technology, Decimal)
    fields = {r.key: (r.count, r.previous_count) for r in stats.breakdown("technical_field").rows}
    electronics = str(TechnicalField.objects.get(code="electronics").pk)
    assert fields[electronics] == (2, 1)
    months = {r.key: (r.count, r.previous_count) for r in stats.breakdown("month").rows}
    assert months["06"] == (0, 3) and months["05"] == (1, 0) and months["04"] == (2, 0) and months["02"] == (0, 0)
    # Commercialised: first (transfer) and fourth (equity) this year; first, third and fourth up to 15 June last year.
    assert (stats.commercialisation.count, stats.commercialisation.previous_count) == (2, 3)
    # A closed year is compared with the whole year before it.
    closed = statistics.year_statistics(YEAR - 1, use_cache=False)
    assert (closed.totals.count, closed.totals.previous_count) == (6, 1)


def test_dashboard_from_running_totals_equals_the_recomputation_from_facts(user_registrar, registry):
    _check_the_dashboard_equals_the_recomputation(user_registrar, registry)


@pytest.mark.postgres
def test_dashboard_from_running_totals_equals_the_recomputation_from_facts_on_postgres(user_registrar, registry):
    require_postgres()
    _check_the_dashboard_equals_the_recomputation(user_registrar, registry)


def test_deleting_a_contract_takes_its_share_out(user_registrar, registry):
    keep = registered(user_registrar, registry, registered_on=date(YEAR, 2, 1), total="100000.00")
    gone = registered(user_registrar, registry, registered_on=date(YEAR, 2, 3), total="200000.00")
    assert statistics.year_statistics(YEAR, use_cache=False).totals.count == 2
    TechnologyContract.objects.filter(pk=gone.pk).delete()
    stats = statistics.year_statistics(YEAR, use_cache=False)
    assert (stats.totals.count, stats.totals.total) == (1, Decimal("100000.00"))
    assert summary.summary_differences() == []
    assert keep.pk


def test_running_totals_hold_one_row_per_month_and_group_not_per_contract(user_registrar, registry):
    for day in (3, 9, 17, 25):
        registered(user_registrar, registry, registered_on=date(YEAR, 4, day), total="100000.00")
    classes = ContractStatisticsSummary.objects.filter(dimension="class")
    assert classes.count() == 1
    assert classes.get().contracts == 4
    assert classes.get().month == date(YEAR, 4, 1)
    assert ContractStatisticsSummary.objects.count() == len(summary.DIMENSIONS)


def test_rebuild_check_finds_drift_and_the_rebuild_repairs_it(user_registrar, registry):
    for total in ("100000.00", "250000.00"):
        registered(user_registrar, registry, registered_on=date(YEAR, 3, 1), total=total)
    call_command("registration_statistics_facts", "--check")
    ContractStatisticsSummary.objects.filter(dimension="field").update(contracts=5)
    with pytest.raises(CommandError):
        call_command("registration_statistics_facts", "--check")
    call_command("registration_statistics_facts")
    call_command("registration_statistics_facts", "--check")
    assert ContractStatisticsSummary.objects.get(dimension="field").contracts == 2


def test_a_month_boundary_is_the_local_date(user_registrar, registry):
    """registered_on is the Asia/Shanghai date, so 1 January counts in the new year and 31 December in the old."""
    registered(user_registrar, registry, registered_on=date(YEAR, 1, 1), total="100000.00")
    registered(user_registrar, registry, registered_on=date(YEAR - 1, 12, 31), total="100000.00")
    registered(user_registrar, registry, registered_on=date(YEAR - 1, 12, 31) - timedelta(days=1), total="1000.00")
    closed = statistics.year_statistics(YEAR - 1, use_cache=False)
    current = statistics.year_statistics(YEAR, use_cache=False)
    assert closed.totals.count == 2 and current.totals.count == 1
    _assert_summary_matches_facts()
    assert connection.vendor in ("sqlite", "postgresql")


def test_the_migration_backfills_the_facts_columns_and_the_running_totals(user_registrar, registry):
    """Migration 0010 gives facts written before it their grouping columns and counts the running totals."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("registration.migrations.0010_statistics_running_totals")
    achievement = make_achievement()
    registered(
        user_registrar,
        registry,
        registered_on=date(YEAR, 2, 1),
        contract_type="transfer",
        sub_type="patent_transfer",
        achievements=[achievement],
    )
    registered(user_registrar, registry, registered_on=date(YEAR, 3, 1), field="electronics")
    expected = summary.summary_totals()
    columns = ("contract_type", "technical_field_id", "commercialising")
    facts = sorted(ContractStatisticsFacts.objects.values_list(*columns))
    ContractStatisticsFacts.objects.update(contract_type="", technical_field=None, commercialising=False)
    ContractStatisticsSummary.objects.all().delete()
    # The step only uses the editor's connection (SQLite refuses a real schema editor inside the test's transaction).
    migration.backfill_facts_and_running_totals(apps, SimpleNamespace(connection=connection))
    assert sorted(ContractStatisticsFacts.objects.values_list(*columns)) == facts
    assert summary.summary_totals() == expected
    assert len([key for key in expected if key[1] == "achievement"]) == 1


def test_deleting_an_achievement_page_takes_its_links_out(user_registrar, registry):
    kept, deleted = make_achievement(), make_achievement()
    for day in (2, 9):
        registered(
            user_registrar,
            registry,
            registered_on=date(YEAR, 3, day),
            contract_type="transfer",
            sub_type="patent_transfer",
            achievements=[kept, deleted],
        )
    assert dashboard._commercialised_counts(YEAR)[0] == 2
    deleted.delete()
    assert dashboard._commercialised_counts(YEAR)[0] == 1
    assert summary.summary_differences() == []
