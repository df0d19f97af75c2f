from decimal import Decimal

import pytest

from common.errors import DomainError
from registration.amounts import technology_amount, validate_amount_pair
from registration.models import TechnologyContract

from .factories import ready_draft

D = Decimal


def test_non_carrier_deductions_are_subtracted():
    assert technology_amount(total_amount_cny=D("1000000"), deductions=[(D("200000"), False)]) == D("800000.00")


def test_reasonable_carriers_are_not_deducted():
    deductions = [(D("200000"), False), (D("150000"), True)]
    assert technology_amount(total_amount_cny=D("1000000"), deductions=deductions) == D("800000.00")


def test_no_deductions_means_technology_amount_equals_total():
    assert technology_amount(total_amount_cny=D("123.45"), deductions=[]) == D("123.45")


def test_deductions_above_total_are_refused_with_a_clear_message():
    with pytest.raises(DomainError) as exc:
        technology_amount(total_amount_cny=D("100"), deductions=[(D("60"), False), (D("50"), False)])
    assert "deductions" in exc.value.field_errors and "技术交易额不能为负数" in exc.value.message


def test_deductions_equal_to_total_give_zero():
    assert technology_amount(total_amount_cny=D("100"), deductions=[(D("100"), False)]) == D("0.00")


def test_mixed_contract_uses_separable_technical_part():
    result = technology_amount(
        total_amount_cny=D("1000000"),
        deductions=[(D("100000"), False)],
        is_mixed=True,
        separable_technical_amount_cny=D("600000"),
    )
    assert result == D("500000.00")


@pytest.mark.parametrize("separable", [None, D("1000001"), D("-1")])
def test_mixed_contract_needs_a_clear_separable_amount_within_total(separable):
    with pytest.raises(DomainError) as exc:
        technology_amount(
            total_amount_cny=D("1000000"), deductions=[], is_mixed=True, separable_technical_amount_cny=separable
        )
    assert "separable_technical_amount_cny" in exc.value.field_errors


def test_negative_or_zero_deduction_is_refused():
    with pytest.raises(DomainError):
        technology_amount(total_amount_cny=D("100"), deductions=[(D("0"), False)])


def test_amount_pair_never_technology_above_total_nor_negative():
    validate_amount_pair(total_amount_cny=D("10"), technology_amount_cny=D("10"))
    with pytest.raises(DomainError):
        validate_amount_pair(total_amount_cny=D("10"), technology_amount_cny=D("10.01"))
    with pytest.raises(DomainError):
        validate_amount_pair(total_amount_cny=D("10"), technology_amount_cny=D("-1"))


@pytest.mark.django_db
def test_draft_stores_derived_technology_amount(user_enterprise_a, enterprise_b, registry):
    contract = ready_draft(
        user_enterprise_a,
        enterprise_b,
        total_amount_cny=D("2000000"),
        deductions=[
            {
                "category": "equipment",
                "description": "试验装置 1 套",
                "amount_cny": D("300000"),
                "is_reasonable_carrier": True,
            },
            {"category": "raw_material", "description": "原材料", "amount_cny": D("250000.50")},
        ],
    )
    contract.refresh_from_db()
    assert contract.technology_amount_cny == D("1749999.50")
    assert contract.effective_technology_amount_cny == D("1749999.50")
    assert contract.effective_total_amount_cny == D("2000000.00")


@pytest.mark.django_db
def test_draft_with_deductions_above_total_saves_nothing(user_enterprise_a, enterprise_b, registry):
    with pytest.raises(DomainError):
        ready_draft(
            user_enterprise_a,
            enterprise_b,
            total_amount_cny=D("100"),
            deductions=[{"category": "parts", "description": "零部件", "amount_cny": D("101")}],
        )
    assert not TechnologyContract.objects.exists()


@pytest.mark.django_db
def test_registrar_correction_is_recorded_beside_the_declared_amount(
    user_enterprise_a, enterprise_b, registry, user_registrar
):
    from registration import services

    from .factories import submitted

    contract = submitted(user_enterprise_a, enterprise_b)
    services.contract_correct_amount(
        user=user_registrar,
        contract=contract,
        field="technology_amount_cny",
        corrected_cny=D("700000"),
        reason="扣除设备费",
    )
    services.contract_correct_amount(
        user=user_registrar,
        contract=contract,
        field="technology_amount_cny",
        corrected_cny=D("650000"),
        reason="再次核减",
    )
    contract.refresh_from_db()
    assert contract.technology_amount_cny == D("1000000.00")
    assert contract.effective_technology_amount_cny == D("650000.00")
    first, second = contract.amount_corrections.all()
    assert (first.original_cny, first.corrected_cny) == (D("1000000.00"), D("700000.00"))
    assert (second.original_cny, second.corrected_cny) == (D("700000.00"), D("650000.00"))
    with pytest.raises(DomainError):
        services.contract_correct_amount(
            user=user_registrar, contract=contract, field="total_amount_cny", corrected_cny=D("600000"), reason="x"
        )
    with pytest.raises(DomainError):
        services.contract_correct_amount(
            user=user_registrar, contract=contract, field="technology_amount_cny", corrected_cny=D("1"), reason=""
        )
    assert contract.amount_corrections.count() == 2
