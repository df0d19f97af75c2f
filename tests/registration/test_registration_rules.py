"""The registration rules a registrar must be able to apply (registration-rules.md §3 amounts, §5 refusals)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from common.errors import Conflict
from registration import services
from registration.amounts import carrier_excess, technology_amount
from registration.precheck import precheck
from registration.rules import ruleset

from .factories import parties_for, ready_draft, submitted
from .test_refusals_and_types import _submitted_under

pytestmark = pytest.mark.django_db


def codes(contract, severity=None):
    return {f.code for f in precheck(contract) if severity is None or f.severity == severity}


# --- §5 refusals --------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["2000", "2026"])
def test_both_rule_sets_refuse_as_not_a_technology_contract(
    key, monkeypatch, user_enterprise_a, enterprise_b, registry, user_registrar
):
    rules = ruleset(key)
    code = rules.not_technology_contract_reason
    assert "不属于技术合同" in rules.refusal_label(code)
    contract = _submitted_under(key, monkeypatch, user_enterprise_a, enterprise_b)
    services.contract_refuse(
        user=user_registrar, contract=contract, reason_codes=[code], explanation="常规检测", issue_certificate=False
    )
    assert contract.decisions.get().reasons.get().code == code


def test_2026_keeps_name_mismatch_and_missing_approval_beside_the_six():
    labels = {label for _code, label in ruleset("2026").refusal_reasons}
    assert "合同名称与权利义务不符且未予更正" in labels
    assert "依法应当办理批准手续而未提交批准文件" in labels
    assert len(ruleset("2026").refusal_reasons) == 9


@pytest.mark.parametrize("key", ["2000", "2026"])
def test_each_recognition_check_maps_to_a_reason_of_its_rule_set(key):
    rules = ruleset(key)
    for rule in rules.types:
        rows = rules.recognition_checks_with_reasons(rule.code)
        assert len(rows) == len(rule.recognition_checks) >= 2
        for row in rows:
            assert rules.refusal_label(row["refusal_code"]) == row["refusal_label"]
    by_code = {r["code"]: r["refusal_code"] for r in rules.recognition_checks_with_reasons("service")}
    # Training to use a sold product is not 技术培训: the contract is not a technology contract.
    assert by_code["not_general_training"] == rules.not_technology_contract_reason
    transfer = {r["code"]: r["refusal_code"] for r in rules.recognition_checks_with_reasons("transfer")}
    assert transfer["clear_ownership"] != rules.not_technology_contract_reason  # proofs, not the type


# --- §3 amounts ---------------------------------------------------------------------------------------


def test_carriers_beyond_the_reasonable_quantity_are_deducted_at_cost(settings):
    settings.REGISTRATION_CARRIER_MAX_SETS = 2
    six_sets = {"amount_cny": Decimal("600000.00"), "quantity": 6, "category": "equipment"}
    assert carrier_excess(**six_sets, is_reasonable_carrier=True) == Decimal("400000.00")
    assert technology_amount(
        total_amount_cny=Decimal("3000000.00"), deductions=[(Decimal("600000.00"), True, 6, "equipment")]
    ) == Decimal("2600000.00")
    # Two sets are the reasonable quantity: nothing deducted; a documents carrier never is.
    assert (
        carrier_excess(amount_cny=Decimal("200000"), quantity=2, category="equipment", is_reasonable_carrier=True) == 0
    )
    assert carrier_excess(amount_cny=Decimal("9000"), quantity=9, category="other", is_reasonable_carrier=True) == 0
    settings.REGISTRATION_CARRIER_MAX_SETS = 3
    assert carrier_excess(**six_sets, is_reasonable_carrier=True) == Decimal("300000.00")


def test_contract_with_six_carrier_sets_records_the_deduction(settings, user_enterprise_a, enterprise_b, registry):
    settings.REGISTRATION_CARRIER_MAX_SETS = 2
    carrier = {
        "category": "equipment",
        "description": "试验装置",
        "amount_cny": Decimal("600000.00"),
        "quantity": 6,
        "is_reasonable_carrier": True,
    }
    contract = ready_draft(
        user_enterprise_a, enterprise_b, total_amount_cny=Decimal("3000000.00"), deductions=[carrier]
    )
    contract.refresh_from_db()
    assert contract.technology_amount_cny == Decimal("2600000.00")
    assert "carrier_quantity" in codes(contract, "warning")


def test_bundled_price_needs_correction_and_leaves_technology_amount_undetermined(
    user_enterprise_a, enterprise_b, registry, user_registrar
):
    terms = "合同总价 200 万元,包括设备、材料等全部费用。"
    contract = ready_draft(user_enterprise_a, enterprise_b, total_amount_cny=Decimal("2000000.00"), price_terms=terms)
    contract.refresh_from_db()
    assert contract.technology_amount_cny == Decimal("0.00")  # never 成交额
    assert contract.effective_technology_amount_cny == Decimal("0.00")
    finding = next(f for f in precheck(contract) if f.code == "price_not_itemised")
    assert finding.is_blocking and finding.refusal_code == "R2026-3"
    # Itemising the non-technical costs (补正) determines it.
    services.contract_update_draft(
        user=user_enterprise_a,
        contract=contract,
        deductions=[{"category": "equipment", "description": "设备", "amount_cny": Decimal("500000.00")}],
    )
    contract.refresh_from_db()
    assert contract.technology_amount_cny == Decimal("1500000.00")
    assert "price_not_itemised" not in codes(contract)


def test_technical_part_of_a_contract_of_another_kind_registers_only_that_part(
    user_enterprise_a, enterprise_b, registry, user_registrar
):
    contract = submitted(
        user_enterprise_a,
        enterprise_b,
        project_name="铸件采购合同中的工艺技术服务",
        contract_type="service",
        sub_type="technical_service",
        total_amount_cny=Decimal("5000000.00"),  # the castings and the service
        is_mixed=True,
        separable_technical_amount_cny=Decimal("800000.00"),
        parties=parties_for(user_enterprise_a.organisation, enterprise_b, seller_role="consultant"),
    )
    services.contract_register(user=user_registrar, contract=contract, issue_certificate=False)
    contract.refresh_from_db()
    assert contract.effective_total_amount_cny == Decimal("800000.00")
    assert contract.effective_technology_amount_cny == Decimal("800000.00")


# --- Pre-check plumbing -------------------------------------------------------------------------------


def test_expired_patent_maps_to_the_public_domain_reason(user_enterprise_a, enterprise_b, registry):
    from datetime import timedelta

    from django.utils import timezone

    contract = ready_draft(
        user_enterprise_a,
        enterprise_b,
        contract_type="licence",
        sub_type="patent_licence",
        licence_scope="ordinary",
        attachments=("signed_contract", "ip_proof"),
        parties=None,
    )
    services.contract_update_draft(
        user=user_enterprise_a,
        contract=contract,
        ip_records=[
            {
                "ip_type": "invention",
                "number": "ZL200310000001.1",
                "status": "granted",
                "expires_on": timezone.localdate() - timedelta(days=1),
            }
        ],
    )
    finding = next(f for f in precheck(contract) if f.code == "patent_expired")
    rules = ruleset("2026")
    assert finding.refusal_code == rules.not_technology_contract_reason
    checks = {r["code"]: r["refusal_code"] for r in rules.recognition_checks_with_reasons("licence")}
    assert finding.refusal_code == checks["not_public_domain"]


def test_unclear_parties_map_to_the_parties_reason(user_enterprise_a, enterprise_b, registry):
    contract = ready_draft(user_enterprise_a, enterprise_b, parties=[])
    finding = next(f for f in precheck(contract) if f.code == "parties_unclear")
    assert finding.refusal_code == "R2026-1"


def test_seller_roles_of_the_rule_set_are_enforced(user_enterprise_a, enterprise_b, registry):
    wrong = parties_for(user_enterprise_a.organisation, enterprise_b, seller_role="licensor")
    contract = ready_draft(user_enterprise_a, enterprise_b, parties=wrong)  # a development contract
    finding = next(f for f in precheck(contract) if f.code == "seller_role_mismatch")
    assert finding.is_blocking and finding.refusal_code == "R2026-8"
    right = parties_for(user_enterprise_a.organisation, enterprise_b, seller_role="developer")
    services.contract_update_draft(user=user_enterprise_a, contract=contract, parties=right)
    assert "seller_role_mismatch" not in codes(contract)


def test_separately_registered_parts_share_the_contract_number(user_enterprise_a, enterprise_b, registry):
    first = submitted(user_enterprise_a, enterprise_b, contract_number="HT-PARTS", contract_part="技术开发部分")
    assert first.status == "submitted"
    second = ready_draft(
        user_enterprise_a,
        enterprise_b,
        contract_number="HT-PARTS",
        contract_part="技术服务部分",
        contract_type="service",
        sub_type="technical_service",
        parties=parties_for(user_enterprise_a.organisation, enterprise_b, seller_role="consultant"),
    )
    assert "duplicate" not in codes(second)
    same_part = ready_draft(user_enterprise_a, enterprise_b, contract_number="HT-PARTS", contract_part="技术开发部分")
    assert "duplicate" in codes(same_part, "blocking")
    whole = ready_draft(user_enterprise_a, enterprise_b, contract_number="HT-PARTS")
    assert "duplicate" in codes(whole, "blocking")


def test_undetermined_technology_amount_cannot_be_registered(user_enterprise_a, enterprise_b, registry, user_registrar):
    contract = ready_draft(
        user_enterprise_a, enterprise_b, price_terms="总价包括设备、材料等全部费用", total_amount_cny=Decimal("900000")
    )
    # Submitted before the pre-check knew the rule (as an older application would be).
    type(contract).objects.filter(pk=contract.pk).update(status="submitted", rule_set_key="2026")
    contract.refresh_from_db()
    with pytest.raises(Conflict):
        services.contract_register(user=user_registrar, contract=contract, issue_certificate=False)
