"""Statistics selectors: counting rules, breakdowns, flows, effective amounts, year-on-year."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone

from common.errors import DomainError
from registration import services, statistics
from registration.models import Place
from tests.factories import make_achievement

from .statistics_factories import FOREIGN, IN_PROVINCE, LOCAL, OUT_OF_PROVINCE, registered

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Figures are cached by a version that lives in the cache; each test starts from an empty one.
    cache.clear()


YEAR = timezone.localdate().year
# Dates inside the current year that are never in the future, whatever day the suite runs.
JAN = date(YEAR, 1, 5)
PREVIOUS = date(YEAR - 1, 1, 1)  # inside the comparison period whatever day it is


@pytest.fixture
def make(user_registrar, registry):
    def build(**kwargs):
        kwargs.setdefault("registered_on", JAN)
        return registered(user_registrar, registry, **kwargs)

    return build


def row(stats, breakdown: str, key: str):
    return next(r for r in stats.breakdown(breakdown).rows if r.key == key)


# --- Commercialised achievements ------------------------------------------------------------------


def test_each_achievement_counts_once_per_year(make):
    first, second = make_achievement(), make_achievement()
    make(contract_type="transfer", sub_type="patent_transfer", achievements=[first])
    make(contract_type="transfer", sub_type="patent_transfer", achievements=[first, second])
    assert statistics.commercialisation_progress(YEAR).count == 2
    assert set(statistics.commercialised_achievements(YEAR)) == {first, second}


def test_only_transfer_licence_and_equity_contracts_commercialise(make):
    development, consulting, equity = make_achievement(), make_achievement(), make_achievement()
    make(contract_type="development", achievements=[development])
    make(contract_type="consulting", sub_type="technical_consulting", achievements=[consulting])
    # 技术入股 flagged on a contract (here classed as development) still counts.
    make(contract_type="development", is_equity_contribution=True, achievements=[equity])
    assert list(statistics.commercialised_achievements(YEAR)) == [equity]


def test_cancelled_contracts_and_other_years_are_excluded(make, user_registrar):
    cancelled, last_year, amended = make_achievement(), make_achievement(), make_achievement()
    contract = make(contract_type="transfer", sub_type="patent_transfer", achievements=[cancelled])
    services.contract_cancel(user=user_registrar, contract=contract, reason="合同解除")
    make(contract_type="transfer", sub_type="patent_transfer", registered_on=PREVIOUS, achievements=[last_year])
    make(contract_type="transfer", sub_type="patent_transfer", achievements=[amended])
    progress = statistics.commercialisation_progress(YEAR)
    assert list(statistics.commercialised_achievements(YEAR)) == [amended]
    assert (progress.count, progress.previous_count) == (1, 1)


def test_amended_contract_still_counts(make, user_enterprise_a, user_registrar):
    achievement = make_achievement()
    contract = make(contract_type="transfer", sub_type="patent_transfer", achievements=[achievement])
    contract.amended_at = timezone.now()  # as contract_decide_amendment leaves it
    contract.save()
    assert statistics.commercialisation_progress(YEAR).count == 1


def test_licence_type_counts_under_the_2026_rule_set(make):
    achievement = make_achievement()
    make(
        contract_type="licence",
        sub_type="patent_licence",
        licence_scope="ordinary",
        registered_on=max(JAN, date(2026, 3, 2)) if YEAR == 2026 else JAN,
        achievements=[achievement],
    )
    assert statistics.commercialisation_progress(YEAR).count == 1


def test_progress_against_target(settings, make):
    settings.COMMERCIALISATION_TARGET_PER_YEAR = 4
    for _ in range(3):
        make(contract_type="transfer", sub_type="patent_transfer", achievements=[make_achievement()])
    progress = statistics.commercialisation_progress(YEAR)
    assert (progress.count, progress.target, progress.percent) == (3, 4, 75)
    settings.COMMERCIALISATION_TARGET_PER_YEAR = 2
    assert statistics.commercialisation_progress(YEAR).percent == 100  # capped; the count shows the excess


def test_home_summary(settings, make):
    settings.COMMERCIALISATION_TARGET_PER_YEAR = 50
    make(contract_type="transfer", sub_type="patent_transfer", total="800000.00", achievements=[make_achievement()])
    make(total="200000.00")
    make(total="999.00", registered_on=PREVIOUS)
    summary = statistics.home_summary()
    assert summary == {
        "year": YEAR,
        "count": 1,
        "target": 50,
        "percent": 2,
        "contracts_registered": 2,
        "technology_amount_cny": Decimal("1000000.00"),
    }


# --- Breakdowns -----------------------------------------------------------------------------------


def test_totals_months_types_and_yoy(make):
    make(total="1000000.00")
    make(total="500000.00", contract_type="consulting", sub_type="technical_consulting")
    make(total="300000.00", registered_on=PREVIOUS)
    stats = statistics.year_statistics(YEAR)
    assert (stats.totals.count, stats.totals.total, stats.totals.previous_count) == (2, Decimal("1500000.00"), 1)
    assert stats.totals.count_yoy_display == "+100.0%"
    assert stats.totals.total_yoy_display == "+400.0%"
    january = row(stats, "month", "01")
    assert (january.count, january.technology) == (2, Decimal("1500000.00"))
    development = row(stats, "contract_type", "development")
    assert (development.count, development.previous_count, development.count_yoy_display) == (1, 1, "0.0%")
    consulting = row(stats, "contract_type", "consulting")
    assert consulting.count_yoy_display == "—"  # no base last year
    assert row(stats, "sub_type", "consulting/technical_consulting").count == 1


def test_yoy_with_zero_base_and_decrease():
    assert statistics.format_yoy(statistics.yoy_percent(5, 0)) == "—"
    assert statistics.format_yoy(statistics.yoy_percent(0, 0)) == "—"
    assert statistics.format_yoy(statistics.yoy_percent(3, 4)) == "-25.0%"
    assert statistics.format_yoy(statistics.yoy_percent(Decimal("150.00"), Decimal("100.00"))) == "+50.0%"


def test_effective_amounts_after_correction(make, user_registrar):
    contract = make(
        total="1000000.00",
        deductions=[{"category": "equipment", "description": "生产线设备", "amount_cny": Decimal("300000.00")}],
    )
    assert contract.effective_technology_amount_cny == Decimal("700000.00")
    # An approved amendment records a correction; the effective amounts change, the declared stay.
    amendment = services.contract_request_amendment(
        user=_seller_user(contract),
        contract=contract,
        changes={"total_amount_cny": "1200000.00", "technology_amount_cny": "900000.00"},
        reason="补充协议增加价款",
    )
    services.contract_decide_amendment(user=user_registrar, amendment=amendment, approve=True)
    stats = statistics.year_statistics(YEAR)
    assert (stats.totals.total, stats.totals.technology) == (Decimal("1200000.00"), Decimal("900000.00"))
    assert stats.totals.count == 1  # amended contracts count


def _seller_user(contract):
    from accounts.models import User
    from tests.factories import UserFactory

    return UserFactory(role=User.Role.ENTERPRISE_MEMBER, organisation=contract.seller_organisation)


def test_field_ip_and_programme(make):
    from taxonomy.models import IPType

    invention = IPType.objects.get(code="invention")
    make(field="electronics", ip_type=invention, programme_source="national")
    make(field="electronics", ip_type=IPType.objects.get(code="none"))
    make(field="agriculture")
    stats = statistics.year_statistics(YEAR)
    fields = {r.label: r.count for r in stats.breakdown("technical_field").rows}
    assert fields == {"电子信息": 2, "农业": 1}
    assert row(stats, "ip", "with_ip").count == 1
    assert row(stats, "ip", "invention").count == 1
    assert row(stats, "ip", "without_ip").count == 2  # "无" and no type both mean no IP
    assert row(stats, "programme_source", "national").count == 1
    assert row(stats, "programme_source", "none").count == 2


def test_party_entity_types_count_each_contract_once_per_type(make):
    seller = {**LOCAL, "entity_type": "022"}
    make(seller=seller)
    # Two sellers of the same type on one contract: still one contract for that type.
    make(seller=seller, extra_parties=[{"side": "seller", "name": "第二卖方", "entity_type": "022", **LOCAL}])
    stats = statistics.year_statistics(YEAR)
    universities = next(r for r in stats.breakdown("seller_entity_type").rows if r.label.startswith("022"))
    assert (universities.count, universities.total) == (2, Decimal("2000000.00"))
    buyers = stats.breakdown("buyer_entity_type").rows
    assert [r.label for r in buyers] == ["150 有限责任公司"] and buyers[0].count == 2


def test_flows_output_and_absorption(make):
    make(seller=LOCAL, buyer=LOCAL, total="100000.00")
    make(seller=LOCAL, buyer=IN_PROVINCE, total="200000.00")
    make(seller=LOCAL, buyer=OUT_OF_PROVINCE, total="300000.00")
    make(seller=LOCAL, buyer=FOREIGN, total="400000.00")
    make(seller=OUT_OF_PROVINCE, buyer=LOCAL, total="500000.00", is_import=False)
    make(seller=FOREIGN, buyer=LOCAL, total="600000.00", is_import=True)
    make(seller=IN_PROVINCE, buyer=OUT_OF_PROVINCE, total="700000.00")  # neither side local
    stats = statistics.year_statistics(YEAR)
    output = {r.key: (r.count, r.total) for r in stats.breakdown("flow_output").rows}
    assert output["in_province"] == (2, Decimal("300000.00"))
    assert output["local"] == (1, Decimal("100000.00"))
    assert output["province"] == (1, Decimal("200000.00"))
    assert output["other_province"] == (1, Decimal("300000.00"))
    assert output["foreign"] == (1, Decimal("400000.00"))
    absorption = {r.key: (r.count, r.total) for r in stats.breakdown("flow_absorption").rows}
    assert absorption["in_province"] == (1, Decimal("100000.00"))  # the local-to-local contract
    assert absorption["other_province"] == (1, Decimal("500000.00"))
    assert absorption["foreign"] == (1, Decimal("600000.00"))


def test_flows_count_previous_year_separately(make):
    make(seller=LOCAL, buyer=FOREIGN, registered_on=PREVIOUS)
    stats = statistics.year_statistics(YEAR)
    foreign = row(stats, "flow_output", "foreign")
    assert (foreign.count, foreign.previous_count, foreign.count_yoy_display) == (0, 1, "-100.0%")


# --- Year parameter -------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["abc", "20x6", "1999", str(YEAR + 1), "26", "-2026", " "])
def test_bad_year_is_refused_with_a_clear_message(value):
    with pytest.raises(DomainError) as info:
        statistics.parse_year(value if value.strip() else "0")
    assert "年份应为" in info.value.message
    assert "year" in info.value.field_errors


def test_year_defaults_to_current():
    assert statistics.parse_year(None) == YEAR
    assert statistics.parse_year("") == YEAR
    assert statistics.parse_year(str(YEAR - 1)) == YEAR - 1


def test_wan_formatting():
    assert statistics.format_wan(Decimal("12345678.90")) == "1,234.57"
    assert statistics.format_wan(Decimal("0")) == "0.00"


# --- Party facts (derived cache) ------------------------------------------------------------------


def test_party_facts_follow_cancellation_and_amendment(make, user_registrar):
    from registration.models import ContractStatisticsFacts

    contract = make(seller=LOCAL, buyer=FOREIGN, total="400000.00")
    stats = statistics.year_statistics(YEAR)
    assert row(stats, "flow_output", "foreign").count == 1
    services.contract_cancel(user=user_registrar, contract=contract, reason="合同解除")
    stats = statistics.year_statistics(YEAR)
    assert row(stats, "flow_output", "foreign").count == 0
    assert ContractStatisticsFacts.objects.get(contract=contract).status == "cancelled"

    amended = make(seller=LOCAL, buyer=FOREIGN, total="400000.00")
    statistics.year_statistics(YEAR)
    amendment = services.contract_request_amendment(
        user=_seller_user(amended), contract=amended, changes={"total_amount_cny": "600000.00"}, reason="补充协议"
    )
    services.contract_decide_amendment(user=user_registrar, amendment=amendment, approve=True)
    stats = statistics.year_statistics(YEAR)
    assert row(stats, "flow_output", "foreign").total == Decimal("600000.00")


def test_full_rebuild_in_sql_matches_the_facts_the_services_wrote(make, user_registrar):
    from registration.models import ContractStatisticsFacts

    make(
        seller=LOCAL,
        buyer=OUT_OF_PROVINCE,
        extra_parties=[
            {"side": "buyer", "name": "境外买方", "entity_type": "330", **FOREIGN},
            {"side": "seller", "name": "地区未填卖方", "entity_type": "021", "region_code": "", "country_code": "156"},
        ],
    )
    make(seller=OUT_OF_PROVINCE, buyer=LOCAL, registered_on=PREVIOUS)
    cancelled = make(seller=IN_PROVINCE, buyer=LOCAL)
    services.contract_cancel(user=user_registrar, contract=cancelled, reason="合同解除")
    incremental_stats = statistics.year_statistics(YEAR).as_dict()
    columns = (
        "contract_id",
        "status",
        "seller_entity_type_id",
        "buyer_entity_type_id",
        "seller_places",
        "buyer_places",
    )
    incremental = sorted(ContractStatisticsFacts.objects.values_list(*columns))
    assert statistics.facts_rebuild() == 3
    assert sorted(ContractStatisticsFacts.objects.values_list(*columns)) == incremental
    first = incremental[0]
    assert first[4] == Place.LOCAL | Place.UNKNOWN and first[5] == Place.OTHER_PROVINCE | Place.FOREIGN
    rebuilt_stats = statistics.year_statistics(YEAR).as_dict()
    incremental_stats.pop("generated_at"), rebuilt_stats.pop("generated_at")
    assert incremental_stats == rebuilt_stats


def test_current_year_is_compared_with_the_same_period_last_year(make, monkeypatch):
    monkeypatch.setattr(statistics.periods, "_today", lambda: date(YEAR, 6, 30))
    make(registered_on=date(YEAR, 2, 1))
    make(registered_on=date(YEAR - 1, 6, 30))  # same day last year: in the base
    make(registered_on=date(YEAR - 1, 7, 1))  # after it: not in the base of this year's figures
    stats = statistics.year_statistics(YEAR)
    assert (stats.totals.count, stats.totals.previous_count) == (1, 1)
    assert not stats.compares_whole_year
    # A closed year is compared with the whole year before it.
    monkeypatch.setattr(statistics.periods, "_today", lambda: date(YEAR + 1, 1, 10))
    assert statistics.year_statistics(YEAR).totals.previous_count == 2


def test_previous_period_end_on_29_february(monkeypatch):
    monkeypatch.setattr(statistics.periods, "_today", lambda: date(2028, 2, 29))
    assert statistics.previous_period_end(2028) == date(2027, 2, 28)
    assert statistics.previous_period_end(2027) == date(2026, 12, 31)


def test_figures_are_cached_until_a_counted_contract_changes(make, user_registrar, django_capture_on_commit_callbacks):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = make(total="100000.00")
    # The version moves when the registering transaction commits; in a
    # test transaction that happens at the end of this block, so the next call computes once more.
    with django_capture_on_commit_callbacks(execute=True):
        assert statistics.year_statistics(YEAR).totals.count == 1
    statistics.year_statistics(YEAR)
    with CaptureQueriesContext(connection) as warm:
        statistics.year_statistics(YEAR)
    # Only the version (no facts refresh on a read any more).
    assert len(warm) <= 3, [q["sql"][:70] for q in warm]
    make(total="200000.00")
    assert statistics.year_statistics(YEAR).totals.count == 2
    # A cancellation through the services writes the facts in its transaction: the figures follow at once.
    services.contract_cancel(user=user_registrar, contract=first, reason="合同解除")
    assert statistics.year_statistics(YEAR).totals.count == 1


def test_commercialisation_follows_link_changes_at_once(make, django_capture_on_commit_callbacks):
    first, second = make_achievement(), make_achievement()
    contract = make(contract_type="transfer", sub_type="patent_transfer", achievements=[first])
    with django_capture_on_commit_callbacks(execute=True):
        assert statistics.commercialisation_progress(YEAR).count == 1
    assert statistics.commercialisation_progress(YEAR).count == 1  # cached now
    with django_capture_on_commit_callbacks(execute=True):
        contract.achievements.add(second)  # no contract save: the m2m signal moves the version
    assert statistics.commercialisation_progress(YEAR).count == 2
    with django_capture_on_commit_callbacks(execute=True):
        contract.achievements.remove(first)
    assert statistics.commercialisation_progress(YEAR).count == 1
    assert statistics.home_summary()["count"] == 1
