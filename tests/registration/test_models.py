from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from registration.models import CalendarDay, ContractParty, Registry, TechnologyContract
from registration.working_days import package_exceptions

pytestmark = pytest.mark.django_db


def test_data_migration_seeds_calendar_exceptions_and_city_registry():
    # 2026-10-01 is National Day (a Thursday): a holiday on a weekday.
    assert CalendarDay.objects.get(date=date(2026, 10, 1)).is_working_day is False
    # 2026-01-04 is a Sunday worked in lieu (调休).
    adjusted = CalendarDay.objects.get(date=date(2026, 1, 4))
    assert adjusted.is_working_day is True and "调休" in adjusted.name
    assert CalendarDay.objects.filter(date__year=2025).count() == len(package_exceptions(2025))
    assert Registry.objects.filter(code="350400", region__code="350400").exists()


def test_technology_amount_above_total_is_rejected_by_the_database(enterprise_a):
    registry = Registry.objects.get(code="350400")
    with pytest.raises(IntegrityError), transaction.atomic():
        TechnologyContract.objects.create(
            registry=registry,
            project_name="测试",
            seller_organisation=enterprise_a,
            total_amount_cny=Decimal("100.00"),
            technology_amount_cny=Decimal("100.01"),
        )


def test_party_province_code_follows_region_code(enterprise_a):
    contract = TechnologyContract.objects.create(
        registry=Registry.objects.get(code="350400"), project_name="测试", seller_organisation=enterprise_a
    )
    party = ContractParty.objects.create(contract=contract, side="buyer", name="乙", region_code="110105")
    assert party.province_code == "110000"
