"""Every pre-check finding: blocking ones stop submission, warnings are recorded with it."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.models import AchievementIPRecord
from registration import services
from registration.precheck import precheck
from taxonomy.models import IPType
from tests.factories import make_achievement

from .factories import ready_draft

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def codes(contract, severity=None):
    return {f.code for f in precheck(contract) if severity is None or f.severity == severity}


def test_complete_application_has_no_blocking_finding(user_enterprise_a, enterprise_b, registry):
    assert codes(ready_draft(user_enterprise_a, enterprise_b), "blocking") == set()


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"is_written": False}, "not_written"),
        ({"effective_on": None}, "not_in_effect"),
        ({"signed_on": None}, "not_in_effect"),
        ({"effective_on": TODAY() + timedelta(days=3)}, "not_in_effect"),
        ({"term_end": TODAY() - timedelta(days=1)}, "not_in_effect"),
        ({"total_amount_cny": Decimal("0")}, "price_unclear"),
        ({"payment_method": ""}, "price_unclear"),
        ({"payment_method": "royalty", "price_terms": ""}, "price_unclear"),
        ({"contract_type": "", "sub_type": ""}, "type_missing"),
        ({"contract_type": "development", "sub_type": "patent_transfer"}, "type_invalid"),
        ({"technical_field": None}, "field_missing"),
        ({"language": "en"}, "chinese_version_missing"),
        ({"language": "en", "has_chinese_version": True}, "chinese_version_missing"),
        ({"is_mixed": True}, "mixed_amount_unclear"),
        ({"contract_type": "transfer", "sub_type": "patent_transfer"}, "ip_proof_missing"),
        ({"contract_type": "licence", "sub_type": "patent_licence"}, "licence_scope_missing"),
    ],
)
def test_blocking_findings(overrides, code, user_enterprise_a, enterprise_b, registry):
    contract = ready_draft(user_enterprise_a, enterprise_b, **overrides)
    assert code in codes(contract, "blocking")
    with pytest.raises(services.PrecheckFailed) as exc:
        services.contract_submit(user=user_enterprise_a, contract=contract)
    finding = next(f for f in exc.value.findings if f.code == code)
    assert finding.message and finding.field


def test_findings_name_the_refusal_code_of_the_rule_set(user_enterprise_a, enterprise_b, registry):
    contract = ready_draft(user_enterprise_a, enterprise_b, payment_method="")
    finding = next(f for f in precheck(contract) if f.code == "price_unclear")
    assert finding.refusal_code == "R2026-3"


def test_foreign_language_with_chinese_version_and_statement_passes(user_enterprise_a, enterprise_b, registry):
    contract = ready_draft(
        user_enterprise_a,
        enterprise_b,
        language="en",
        has_chinese_version=True,
        consistency_statement=True,
        attachments=("signed_contract", "chinese_version"),
    )
    assert codes(contract, "blocking") == set()


def test_missing_parties_and_wrong_registering_side(user_enterprise_a, enterprise_b, registry):
    contract = ready_draft(user_enterprise_a, enterprise_b, parties=[])
    assert "parties_unclear" in codes(contract, "blocking")
    swapped = [
        {"side": "seller", "organisation": enterprise_b, "name": ""},
        {"side": "buyer", "organisation": user_enterprise_a.organisation, "name": ""},
    ]
    contract = ready_draft(user_enterprise_a, enterprise_b, parties=swapped)
    assert "wrong_registering_side" in codes(contract, "blocking")
    # A technology import is registered by the domestic buyer.
    contract = ready_draft(user_enterprise_a, enterprise_b, parties=swapped, is_import=True)
    assert "wrong_registering_side" not in codes(contract)


def test_patent_transfer_with_proof_passes_but_expired_patent_blocks(user_enterprise_a, enterprise_b, registry):
    patent = {
        "ip_type": "invention",
        "number": "ZL201910000001.X",
        "status": "granted",
        "expires_on": TODAY() + timedelta(days=900),
    }
    contract = ready_draft(
        user_enterprise_a,
        enterprise_b,
        contract_type="transfer",
        sub_type="patent_transfer",
        attachments=("signed_contract", "ip_proof"),
        parties=None,
    )
    services.contract_update_draft(user=user_enterprise_a, contract=contract, ip_records=[patent])
    assert codes(contract, "blocking") == set()
    expired = dict(patent, expires_on=TODAY() - timedelta(days=1))
    services.contract_update_draft(user=user_enterprise_a, contract=contract, ip_records=[expired])
    assert "patent_expired" in codes(contract, "blocking")


def test_expired_patent_on_linked_achievement_blocks(user_enterprise_a, enterprise_b, registry, institution_page):
    achievement = make_achievement(institution_page)
    AchievementIPRecord.objects.create(
        page=achievement, ip_type=IPType.objects.get(code="invention"), number="ZL200510000002.3", status="expired"
    )
    contract = ready_draft(
        user_enterprise_a,
        enterprise_b,
        contract_type="licence",
        sub_type="patent_licence",
        licence_scope="ordinary",
        attachments=("signed_contract", "ip_proof"),
    )
    services.contract_update_draft(user=user_enterprise_a, contract=contract, achievements=[achievement])
    found = [f for f in precheck(contract) if f.code == "patent_expired"]
    assert found and "ZL200510000002.3" in found[0].message


def test_expert_review_and_carrier_quantity_are_warnings(user_enterprise_a, enterprise_b, registry):
    contract = ready_draft(
        user_enterprise_a,
        enterprise_b,
        total_amount_cny=Decimal("8000000"),
        deductions=[
            {
                "category": "equipment",
                "description": "试验装置",
                "amount_cny": Decimal("100000"),
                "quantity": 3,
                "is_reasonable_carrier": True,
            }
        ],
    )
    warnings = codes(contract, "warning")
    assert {"expert_review", "carrier_quantity"} <= warnings
    assert codes(contract, "blocking") == set()
    findings = services.contract_submit(user=user_enterprise_a, contract=contract)
    assert {f.code for f in findings} >= {"expert_review"}
    contract.refresh_from_db()
    assert any(f["code"] == "expert_review" for f in contract.precheck_findings)


def test_same_contract_number_is_registered_once(user_enterprise_a, enterprise_b, registry, user_registrar):
    first = ready_draft(user_enterprise_a, enterprise_b, contract_number="HT-DUP")
    services.contract_submit(user=user_enterprise_a, contract=first)
    second = ready_draft(user_enterprise_a, enterprise_b, contract_number="HT-DUP")
    assert "duplicate" in codes(second, "blocking")
    services.contract_refuse(
        user=user_registrar, contract=first, reason_codes=["R2026-1"], explanation="x", issue_certificate=False
    )
    assert "duplicate" not in codes(second)
