"""Rule sets as data: every type/sub-type pairing, refusal codes, time limits, the switch date."""

from datetime import date
from decimal import Decimal

import pytest

from common.errors import DomainError
from registration.rules import all_rulesets, ruleset, ruleset_for_date

EXPECTED_SUB_TYPES = {
    "2000": {
        "development": {"commissioned_development", "cooperative_development"},
        "transfer": {
            "patent_transfer",
            "patent_application_transfer",
            "patent_licence",
            "technical_secret_transfer",
            "plant_variety_transfer",
            "ic_layout_transfer",
        },
        "consulting": {"technical_consulting"},
        "service": {"technical_service", "technical_training", "technical_intermediary"},
    },
    "2026": {
        "development": {"commissioned_development", "cooperative_development"},
        "transfer": {"patent_transfer", "patent_application_transfer", "technical_secret_transfer", "other_transfer"},
        "licence": {"patent_licence", "technical_secret_licence", "other_licence"},
        "consulting": {"technical_consulting"},
        "service": {"technical_service", "technical_training", "technical_intermediary"},
    },
}


@pytest.mark.parametrize("key", ["2000", "2026"])
def test_types_and_sub_types_match_the_rules(key):
    rules = ruleset(key)
    assert {t.code: {s.code for s in t.sub_types} for t in rules.types} == EXPECTED_SUB_TYPES[key]
    for type_rule in rules.types:
        assert type_rule.recognition_checks, f"{key}/{type_rule.code} has no recognition checks"


@pytest.mark.parametrize(
    ("key", "contract_type", "sub_type"),
    [(key, t, s) for key, types in EXPECTED_SUB_TYPES.items() for t, subs in types.items() for s in sorted(subs)],
)
def test_every_listed_pairing_is_accepted_and_no_other_type_takes_the_sub_type(key, contract_type, sub_type):
    rules = ruleset(key)
    scope = "ordinary" if rules.sub_type_rule(contract_type, sub_type).licence else ""
    rules.validate_classification(contract_type=contract_type, sub_type=sub_type, licence_scope=scope)
    for other in EXPECTED_SUB_TYPES[key]:
        if other != contract_type and sub_type not in EXPECTED_SUB_TYPES[key][other]:
            with pytest.raises(DomainError) as exc:
                rules.validate_classification(contract_type=other, sub_type=sub_type)
            assert "sub_type" in exc.value.field_errors


def test_licence_type_exists_only_in_2026():
    with pytest.raises(DomainError) as exc:
        ruleset("2000").validate_classification(contract_type="licence", sub_type="patent_licence")
    assert "contract_type" in exc.value.field_errors


def test_licence_scope_only_on_licences():
    with pytest.raises(DomainError) as exc:
        ruleset("2026").validate_classification(
            contract_type="development", sub_type="commissioned_development", licence_scope="exclusive"
        )
    assert "licence_scope" in exc.value.field_errors


def test_ip_proof_and_patent_flags():
    rules = ruleset("2026")
    assert rules.sub_type_rule("transfer", "patent_transfer").requires_ip_proof
    assert rules.sub_type_rule("licence", "patent_licence").patent
    assert not rules.sub_type_rule("transfer", "technical_secret_transfer").requires_ip_proof
    assert not rules.sub_type_rule("service", "technical_service").requires_ip_proof


def test_refusal_reason_codes_nine_and_six():
    assert len(ruleset("2000").refusal_reasons) == 9
    assert len(ruleset("2026").refusal_reasons) == 9  # art. 39 lists six "等"; three kept beside them (rules §5)
    assert ruleset("2026").validate_refusal_codes(["R2026-1", "R2026-1"]) == [("R2026-1", "合同当事人不明确")]


@pytest.mark.parametrize(
    ("on", "key"),
    [(date(2025, 12, 31), "2000"), (date(2026, 2, 28), "2000"), (date(2026, 3, 1), "2026"), (date(2027, 1, 1), "2026")],
)
def test_rule_set_chosen_by_application_date(on, key):
    assert ruleset_for_date(on).key == key


def test_time_limits():
    old, new = ruleset("2000"), ruleset("2026")
    assert (old.time_limit.days, old.time_limit.kind) == (30, "calendar")
    assert not old.needs_expert_review(technology_amount_cny=Decimal("9000000"), is_disputed=True)
    assert (new.time_limit.days, new.time_limit.kind) == (15, "working")
    assert new.needs_expert_review(technology_amount_cny=Decimal("5000000.00"), is_disputed=False)
    assert not new.needs_expert_review(technology_amount_cny=Decimal("4999999.99"), is_disputed=False)
    assert new.needs_expert_review(technology_amount_cny=Decimal("1"), is_disputed=True)
    limit = new.time_limit_for(technology_amount_cny=Decimal("5000000"), is_disputed=False, expert_review=False)
    assert (limit.days, limit.kind, limit.expert_review) == (30, "working", True)


def test_objective_list_is_loaded_from_configuration():
    assert all(r.socio_economic_objectives for r in all_rulesets().values())
