"""The dashboard's figures equal a plain recount of the contracts themselves, one by one in Python.

Independent of the facts, the running totals and their SQL: every counted contract (已登记, this year or last year
up to the same day) is read with its parties and added into each breakdown line it belongs to, straight from the
definitions in docs/registration-statistics.md. Every line has two or more contracts in it somewhere, so a figure
that is counted once too often or too rarely shows (SQLite and PostgreSQL).
"""

from __future__ import annotations

import pickle
from collections import defaultdict
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.cache import cache

from registration import services, statistics
from registration.models import TechnologyContract
from taxonomy.models import IPType

from .statistics_factories import FOREIGN, LOCAL, OUT_OF_PROVINCE, party, registered
from .test_statistics import _seller_user
from .test_statistics_postgres import require_postgres

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)  # mid-month: last June is compared only up to the 15th
YEAR = TODAY.year
FIGURES = ("count", "total", "technology", "previous_count", "previous_total", "previous_technology")


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch):
    cache.clear()
    monkeypatch.setattr(statistics.periods, "_today", lambda: TODAY)


def _build(registrar, registry) -> None:
    invention = IPType.objects.get(code="invention")

    def make(day: date, **kwargs) -> TechnologyContract:
        return registered(registrar, registry, registered_on=day, **kwargs)

    transfer = {"contract_type": "transfer", "sub_type": "patent_transfer"}
    consulting = {"contract_type": "consulting", "sub_type": "technical_consulting"}
    second_buyer = [party("buyer", FOREIGN, name="第二买方", entity_type="110")]
    # This year: three in January (two with the same field, type, IP and places), two in March, one in May.
    make(date(YEAR, 1, 5), total="300000.00", ip_type=invention)
    make(date(YEAR, 1, 9), total="450000.50", ip_type=invention, programme_source="national")
    amended = make(date(YEAR, 1, 20), total="120000.00", seller=OUT_OF_PROVINCE, buyer=LOCAL)
    make(date(YEAR, 3, 2), field="electronics", total="1250000.00", seller=LOCAL, buyer=FOREIGN, **transfer)
    make(date(YEAR, 3, 9), field="electronics", total="80000.00", extra_parties=second_buyer, **transfer)
    make(date(YEAR, 5, 31), field="agriculture", total="66000.00", seller={**LOCAL, "entity_type": "150"}, **consulting)
    cancelled = make(date(YEAR, 2, 2), total="999999.00", **transfer)
    # Last year: two in February, two in the partial month up to the 15th, and two after the compared period.
    make(date(YEAR - 1, 2, 10), total="700000.00", ip_type=invention)
    make(date(YEAR - 1, 2, 11), total="50000.00", field="electronics", programme_source="national", **transfer)
    make(date(YEAR - 1, 6, 10), total="210000.00", buyer=OUT_OF_PROVINCE, **consulting)
    make(date(YEAR - 1, 6, 15), total="190000.00", buyer=OUT_OF_PROVINCE, extra_parties=second_buyer)
    make(date(YEAR - 1, 6, 16), total="888000.00")
    make(date(YEAR - 1, 9, 1), total="555000.00", programme_source="city")
    make(date(YEAR - 2, 12, 31), total="123000.00")  # neither year
    amendment = services.contract_request_amendment(
        user=_seller_user(amended), contract=amended, changes={"total_amount_cny": "480000.25"}, reason="补充协议"
    )
    services.contract_decide_amendment(user=registrar, amendment=amendment, approve=True)
    services.contract_cancel(user=registrar, contract=cancelled, reason="合同解除")


def _place(party) -> str:
    """Where a party is (docs/registration-statistics.md): abroad, unknown, the home city, the province, elsewhere."""
    if (party.country_code or "156") != "156":
        return "foreign"
    if not party.region_code:
        return "unknown"
    if party.region_code.startswith(settings.HOME_CITY_CODE[:4]):
        return "local"
    if party.region_code[:2] + "0000" == settings.HOME_PROVINCE_CODE:
        return "province"
    return "other_province"


def _recount(year: int) -> dict[str, dict[str, list]]:
    """{breakdown key: {line key: [count, total, technology, previous count, previous total, previous technology]}}."""
    previous_end = TODAY.replace(year=year - 1) if year == TODAY.year else date(year - 1, 12, 31)
    lines: dict[str, dict[str, list]] = defaultdict(
        lambda: defaultdict(lambda: [0, Decimal("0.00"), Decimal("0.00"), 0, Decimal("0.00"), Decimal("0.00")])
    )
    contracts = TechnologyContract.objects.filter(status=TechnologyContract.Status.REGISTERED).select_related("ip_type")
    for contract in contracts.prefetch_related("parties"):
        day = contract.registered_on
        if day.year == year:
            offset = 0
        elif date(year - 1, 1, 1) <= day <= previous_end:
            offset = 3
        else:
            continue

        def add(breakdown: str, key: str, contract=contract, offset=offset) -> None:
            figures = lines[breakdown][key]
            figures[offset] += 1
            figures[offset + 1] += contract.effective_total_amount_cny
            figures[offset + 2] += contract.effective_technology_amount_cny

        add("totals", "all")
        add("month", f"{day.month:02d}")
        add("contract_type", contract.contract_type)
        add("sub_type", f"{contract.contract_type}/{contract.sub_type}")
        add("technical_field", str(contract.technical_field_id or ""))
        if contract.ip_type and contract.ip_type.code != "none":
            add("ip", "with_ip")
            add("ip", contract.ip_type.code)
        else:
            add("ip", "without_ip")
        add("programme_source", contract.programme_source or "none")
        parties = sorted(contract.parties.all(), key=lambda p: (p.sort_order, p.pk))
        sides = {side: [p for p in parties if p.side == side] for side in ("seller", "buyer")}
        for side in ("seller", "buyer"):
            first = sides[side][0] if sides[side] else None
            add(f"{side}_entity_type", str(first.entity_type_id or "") if first else "")
        places = {side: {_place(p) for p in sides[side]} for side in ("seller", "buyer")}
        for flow, local_side, other_side in (
            ("flow_output", "seller", "buyer"),
            ("flow_absorption", "buyer", "seller"),
        ):
            if "local" not in places[local_side]:
                continue
            for where in places[other_side]:  # once per place, however many parties are there
                add(flow, where)
            if places[other_side] & {"local", "province"}:
                add(flow, "in_province")
    return lines


def _shown(stats) -> dict[str, dict[str, list]]:
    shown = {"totals": {"all": [getattr(stats.totals, name) for name in FIGURES]}}
    for breakdown in stats.breakdowns:
        shown[breakdown.key] = {
            row.key: [getattr(row, name) for name in FIGURES]
            for row in breakdown.rows
            if row.count or row.previous_count  # the month and flow tables also list empty lines
        }
    return {key: lines for key, lines in shown.items() if lines}  # a breakdown with no line at all has no recount


def _check(registrar, registry) -> None:
    _build(registrar, registry)
    for year in (YEAR, YEAR - 1):
        expected = {key: dict(lines) for key, lines in _recount(year).items()}
        stats = statistics.year_statistics(year, use_cache=False)
        assert _shown(stats) == expected, year
    stats = statistics.year_statistics(YEAR)
    # Not a recount that is empty on both sides: six this year (one cancelled), four last year up to 15 June.
    assert (stats.totals.count, stats.totals.previous_count) == (6, 4)
    assert stats.totals.total == Decimal("2626000.75")
    assert {r.key: r.count for r in stats.breakdown("contract_type").rows} == {
        "development": 3,
        "transfer": 2,
        "consulting": 1,
    }
    assert {r.key: r.previous_count for r in stats.breakdown("month").rows if r.previous_count} == {"02": 2, "06": 2}
    # Cached figures come back from the cache exactly as computed (Row pickles its amounts as text).
    cached = statistics.year_statistics(YEAR)
    assert cached.as_dict() == stats.as_dict()
    assert isinstance(cached.totals.previous_technology, Decimal)
    again = pickle.loads(pickle.dumps(stats))  # noqa: S301 - our own bytes, as the cache stores them
    assert again.as_dict() == stats.as_dict()
    assert [r.bar_percent for r in again.breakdown("sub_type").rows] == [
        r.bar_percent for r in stats.breakdown("sub_type").rows
    ]


def test_dashboard_equals_a_plain_recount_of_the_contracts(user_registrar, registry):
    _check(user_registrar, registry)


@pytest.mark.postgres
def test_dashboard_equals_a_plain_recount_of_the_contracts_on_postgres(user_registrar, registry):
    require_postgres()
    _check(user_registrar, registry)
