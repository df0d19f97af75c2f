"""Each refusal code of each rule set, and each sub-type's pre-check requirements."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from registration import services
from registration.precheck import precheck
from registration.rules import ruleset

from .factories import ready_draft

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
SUBMITTED_AT = {"2000": datetime(2026, 2, 10, 10, tzinfo=SHANGHAI), "2026": datetime(2026, 9, 1, 10, tzinfo=SHANGHAI)}


def _submitted_under(key, monkeypatch, user, buyer):
    monkeypatch.setattr(services._base, "_now", lambda: SUBMITTED_AT[key])
    contract = ready_draft(
        user, buyer, signed_on=date(2026, 1, 5), effective_on=date(2026, 1, 5), term_start=date(2026, 1, 5)
    )
    services.contract_submit(user=user, contract=contract)
    assert contract.rule_set_key == key
    return contract


@pytest.mark.parametrize(
    ("key", "code"), [(key, code) for key in ("2000", "2026") for code, _label in ruleset(key).refusal_reasons]
)
def test_each_refusal_code_is_recorded_with_its_label(
    key, code, monkeypatch, user_enterprise_a, enterprise_b, registry, user_registrar
):
    contract = _submitted_under(key, monkeypatch, user_enterprise_a, enterprise_b)
    services.contract_refuse(
        user=user_registrar, contract=contract, reason_codes=[code], explanation="说明", issue_certificate=False
    )
    decision = contract.decisions.get()
    assert decision.rule_set_key == key
    reason = decision.reasons.get()
    assert (reason.code, reason.label) == (code, ruleset(key).refusal_label(code))


def test_codes_of_the_other_rule_set_are_refused(
    monkeypatch, user_enterprise_a, enterprise_b, registry, user_registrar
):
    from common.errors import DomainError

    contract = _submitted_under("2000", monkeypatch, user_enterprise_a, enterprise_b)
    with pytest.raises(DomainError):
        services.contract_refuse(user=user_registrar, contract=contract, reason_codes=["R2026-1"], explanation="x")


def test_2000_contract_is_classified_under_2000_even_after_the_switch(
    monkeypatch, user_enterprise_a, enterprise_b, registry, user_registrar
):
    from common.errors import DomainError

    contract = _submitted_under("2000", monkeypatch, user_enterprise_a, enterprise_b)
    with pytest.raises(DomainError):  # 技术许可 is a 2026 type
        services.contract_classify(
            user=user_registrar, contract=contract, contract_type="licence", sub_type="patent_licence"
        )
    services.contract_classify(
        user=user_registrar, contract=contract, contract_type="transfer", sub_type="patent_licence"
    )
    services.contract_register(user=user_registrar, contract=contract, issue_certificate=False)
    assert contract.decisions.get().rule_set_key == "2000"


@pytest.mark.parametrize(
    ("type_code", "sub_type"),
    [(t.code, s.code) for t in ruleset("2026").types for s in t.sub_types],
)
def test_each_2026_sub_type_pre_check(type_code, sub_type, user_enterprise_a, enterprise_b, registry):
    rules = ruleset("2026")
    sub = rules.sub_type_rule(type_code, sub_type)
    scope = "ordinary" if sub.licence else ""
    contract = ready_draft(
        user_enterprise_a, enterprise_b, contract_type=type_code, sub_type=sub_type, licence_scope=scope
    )
    codes = {f.code for f in precheck(contract) if f.is_blocking}
    assert ("ip_proof_missing" in codes) == sub.requires_ip_proof
    services.contract_attach(user=user_enterprise_a, contract=contract, kind="ip_proof", uploaded_file=_pdf())
    if sub.patent:
        expired = {
            "ip_type": "invention",
            "number": "ZL1",
            "status": "granted",
            "expires_on": timezone.localdate() - timedelta(days=1),
        }
        services.contract_update_draft(user=user_enterprise_a, contract=contract, ip_records=[expired])
        assert "patent_expired" in {f.code for f in precheck(contract)}
    else:
        assert {f.code for f in precheck(contract) if f.is_blocking} == set()


def _pdf():
    from .factories import pdf_upload

    return pdf_upload("proof.pdf")
