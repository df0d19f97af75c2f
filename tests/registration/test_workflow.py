"""The seller → registrar workflow end to end, and every transition's guard."""

from decimal import Decimal

import pytest
from django.utils import timezone

from common.errors import Conflict, DomainError, NotAllowed, NotFoundError
from registration import services
from registration.models import Certificate, Decision, TechnologyContract, TransitionLog
from registration.services import PrecheckFailed

from .factories import ready_draft, submitted

pytestmark = pytest.mark.django_db
Status = TechnologyContract.Status


@pytest.mark.usefixtures("certificates_at_once")  # reads the issued certificate
def test_submit_register_assigns_number_rule_set_and_certificate(
    user_enterprise_a, enterprise_b, registry, user_registrar
):
    contract = ready_draft(user_enterprise_a, enterprise_b)
    assert contract.status == Status.DRAFT
    services.contract_submit(user=user_enterprise_a, contract=contract)
    assert contract.status == Status.SUBMITTED
    assert contract.rule_set_key == "2026"  # session date is after 2026-03-01
    assert contract.deadline is not None and contract.time_limit_kind == "working" and contract.time_limit_days == 15
    services.contract_register(user=user_registrar, contract=contract)
    contract.refresh_from_db()
    year = timezone.localdate().year
    assert contract.status == Status.REGISTERED
    assert contract.registration_number == f"{year}350400000001"
    assert len(contract.registration_number) == 16
    assert len(contract.verification_code) == 8
    decision = contract.decisions.get()
    assert decision.outcome == Decision.Outcome.REGISTERED and decision.rule_set_key == "2026"
    certificate = contract.certificates.get()
    assert certificate.kind == Certificate.Kind.REGISTERED and len(certificate.sha256) == 64
    actions = list(TransitionLog.objects.filter(contract=contract).values_list("action", flat=True))
    assert actions == ["create", "submit", "register"]


@pytest.mark.usefixtures("certificates_at_once")  # reads the issued certificate
def test_refuse_needs_codes_of_the_rule_set_and_an_explanation(
    user_enterprise_a, enterprise_b, registry, user_registrar
):
    contract = submitted(user_enterprise_a, enterprise_b)
    with pytest.raises(DomainError) as exc:
        services.contract_refuse(user=user_registrar, contract=contract, reason_codes=[], explanation="x")
    assert "reason_codes" in exc.value.field_errors
    with pytest.raises(DomainError) as exc:
        services.contract_refuse(user=user_registrar, contract=contract, reason_codes=["R2000-01"], explanation="x")
    assert "R2000-01" in exc.value.message
    with pytest.raises(DomainError) as exc:
        services.contract_refuse(user=user_registrar, contract=contract, reason_codes=["R2026-3"], explanation=" ")
    assert "explanation" in exc.value.field_errors
    contract.refresh_from_db()
    assert contract.status == Status.SUBMITTED and not contract.decisions.exists()
    services.contract_refuse(
        user=user_registrar, contract=contract, reason_codes=["R2026-3", "R2026-5"], explanation="价款约定不明。"
    )
    contract.refresh_from_db()
    assert contract.status == Status.REFUSED and contract.registration_number is None
    decision = contract.decisions.get()
    assert [r.code for r in decision.reasons.all()] == ["R2026-3", "R2026-5"]
    assert contract.certificates.get().kind == Certificate.Kind.REFUSED


def test_request_material_stops_clock_and_resubmission_restarts_it(
    user_enterprise_a, enterprise_b, registry, user_registrar
):
    contract = submitted(user_enterprise_a, enterprise_b)
    with pytest.raises(DomainError):
        services.contract_request_material(user=user_registrar, contract=contract, note="")
    services.contract_request_material(user=user_registrar, contract=contract, note="请补充专利证书。")
    assert contract.status == Status.MATERIAL_REQUESTED and contract.deadline is None
    services.contract_update_draft(user=user_enterprise_a, contract=contract, data={"contract_number": "HT-2"})
    services.contract_resubmit(user=user_enterprise_a, contract=contract)
    assert contract.status == Status.SUBMITTED and contract.restarted_at is not None
    assert contract.clock_started_on == timezone.localdate() and contract.deadline is not None


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        (Status.DRAFT, {"submit", "update"}),
        (Status.SUBMITTED, {"register", "refuse", "request_material", "classify", "correct", "withdraw"}),
        (Status.MATERIAL_REQUESTED, {"resubmit", "update", "withdraw"}),
        (Status.REGISTERED, {"cancel", "object", "amend"}),
        (Status.REFUSED, {"object"}),
        (Status.CANCELLED, set()),
        (Status.WITHDRAWN, set()),
        (Status.REDETERMINATION, {"classify", "correct", "redetermine"}),
    ],
)
def test_transition_matrix(
    status, allowed, user_enterprise_a, enterprise_b, registry, user_registrar, second_registrar
):
    """Every action from every status: legal ones succeed, illegal ones raise Conflict (never a no-op)."""
    actions = {
        "submit": lambda c: services.contract_submit(user=user_enterprise_a, contract=c),
        "update": lambda c: services.contract_update_draft(
            user=user_enterprise_a, contract=c, data={"contract_number": "X"}
        ),
        "resubmit": lambda c: services.contract_resubmit(user=user_enterprise_a, contract=c),
        "withdraw": lambda c: services.contract_withdraw(user=user_enterprise_a, contract=c),
        "register": lambda c: services.contract_register(user=user_registrar, contract=c, issue_certificate=False),
        "refuse": lambda c: services.contract_refuse(
            user=user_registrar,
            contract=c,
            reason_codes=["R2026-1"],
            explanation="当事人不明。",
            issue_certificate=False,
        ),
        "request_material": lambda c: services.contract_request_material(user=user_registrar, contract=c, note="补充"),
        "classify": lambda c: services.contract_classify(
            user=user_registrar, contract=c, contract_type="development", sub_type="cooperative_development"
        ),
        "correct": lambda c: services.contract_correct_amount(
            user=user_registrar,
            contract=c,
            field="technology_amount_cny",
            corrected_cny=Decimal("900000"),
            reason="核减",
        ),
        "cancel": lambda c: services.contract_cancel(user=user_registrar, contract=c, reason="当事人申请注销"),
        "object": lambda c: services.contract_object(user=user_enterprise_a, contract=c, grounds="认定有误"),
        "amend": lambda c: services.contract_request_amendment(
            user=user_enterprise_a, contract=c, changes={"contract_number": "HT-9"}, reason="补充协议"
        ),
        "redetermine": lambda c: services.contract_redetermine(
            user=second_registrar, contract=c, upheld=False, resolution="维持原认定"
        ),
    }
    for action, run in actions.items():
        contract = ready_draft(user_enterprise_a, enterprise_b)
        TechnologyContract.objects.filter(pk=contract.pk).update(
            status=status, rule_set_key="2026", registration_number=None
        )
        contract.refresh_from_db()
        if status == Status.REDETERMINATION:
            contested = contract.decisions.create(outcome="registered", rule_set_key="2026", decided_by=user_registrar)
            contract.objections.create(
                contested_decision=contested,
                previous_status=Status.REGISTERED,
                grounds="异议",
                filed_by=user_enterprise_a,
            )
        if status in (Status.REGISTERED, Status.REFUSED):
            contract.decisions.create(outcome=status, rule_set_key="2026", decided_by=user_registrar)
        before = TransitionLog.objects.filter(contract=contract).count()
        if action in allowed:
            run(contract)
        else:
            # A registrar cannot even see a draft: 404 rather than 409, so drafts stay private.
            registrar_action = action in {
                "register",
                "refuse",
                "request_material",
                "classify",
                "correct",
                "cancel",
                "redetermine",
            }
            expected = NotFoundError if status == Status.DRAFT and registrar_action else Conflict
            with pytest.raises(expected):
                run(contract)
            contract.refresh_from_db()
            assert contract.status == status
            assert TransitionLog.objects.filter(contract=contract).count() == before


def test_submit_with_blocking_findings_is_refused_and_saves_nothing(user_enterprise_a, enterprise_b, registry):
    contract = ready_draft(user_enterprise_a, enterprise_b, attachments=())
    with pytest.raises(PrecheckFailed) as exc:
        services.contract_submit(user=user_enterprise_a, contract=contract)
    assert any(f.code == "contract_text_missing" for f in exc.value.findings)
    contract.refresh_from_db()
    assert contract.status == Status.DRAFT and contract.submitted_at is None


@pytest.mark.usefixtures("certificates_at_once")  # reads the issued certificate
def test_amendment_keeps_number_records_old_values_and_issues_amended_certificate(
    user_enterprise_a, enterprise_b, registry, user_registrar
):
    contract = submitted(user_enterprise_a, enterprise_b)
    services.contract_register(user=user_registrar, contract=contract)
    number = contract.registration_number
    amendment = services.contract_request_amendment(
        user=user_enterprise_a,
        contract=contract,
        changes={"total_amount_cny": "1200000", "technology_amount_cny": "1100000", "term_end": "2030-12-31"},
        reason="签订补充协议,增加开发内容。",
    )
    with pytest.raises(Conflict):
        services.contract_request_amendment(
            user=user_enterprise_a, contract=contract, changes={"project_name": "x"}, reason="y"
        )
    services.contract_decide_amendment(user=user_registrar, amendment=amendment, approve=True)
    contract.refresh_from_db()
    assert contract.registration_number == number and contract.is_amended
    assert contract.effective_total_amount_cny == Decimal("1200000.00")
    assert contract.total_amount_cny == Decimal("1000000.00")  # the declared value is never overwritten
    assert contract.amount_corrections.count() == 2
    assert str(contract.term_end) == "2030-12-31"
    assert contract.certificates.filter(kind=Certificate.Kind.AMENDED).exists()
    with pytest.raises(Conflict):
        services.contract_decide_amendment(user=user_registrar, amendment=amendment, approve=True)


def test_amendment_rejects_fields_that_cannot_change_and_amounts_that_break_rules(
    user_enterprise_a, enterprise_b, registry, user_registrar
):
    contract = submitted(user_enterprise_a, enterprise_b)
    services.contract_register(user=user_registrar, contract=contract, issue_certificate=False)
    with pytest.raises(DomainError) as exc:
        services.contract_request_amendment(
            user=user_enterprise_a, contract=contract, changes={"status": "x"}, reason="y"
        )
    assert "status" in exc.value.field_errors
    with pytest.raises(DomainError):
        services.contract_request_amendment(
            user=user_enterprise_a, contract=contract, changes={"technology_amount_cny": "2000000"}, reason="y"
        )


def test_objection_against_refusal_upheld_registers_by_another_registrar(
    user_enterprise_a, enterprise_b, registry, user_registrar, second_registrar
):
    contract = submitted(user_enterprise_a, enterprise_b)
    services.contract_refuse(user=user_registrar, contract=contract, reason_codes=["R2026-2"], explanation="标的不明。")
    services.contract_object(user=user_enterprise_a, contract=contract, grounds="合同附件已写明技术指标。")
    assert contract.status == Status.REDETERMINATION
    with pytest.raises(NotAllowed):
        services.contract_redetermine(user=user_registrar, contract=contract, upheld=True, resolution="成立")
    objection = services.contract_redetermine(
        user=second_registrar, contract=contract, upheld=True, resolution="异议成立。"
    )
    contract.refresh_from_db()
    assert objection.status == "upheld" and contract.status == Status.REGISTERED and contract.registration_number


def test_objection_dismissed_restores_previous_status(
    user_enterprise_a, enterprise_b, registry, user_registrar, second_registrar
):
    contract = submitted(user_enterprise_a, enterprise_b)
    services.contract_register(user=user_registrar, contract=contract, issue_certificate=False)
    services.contract_object(user=user_enterprise_a, contract=contract, grounds="应认定为技术转让。")
    services.contract_redetermine(user=second_registrar, contract=contract, upheld=False, resolution="维持原认定。")
    contract.refresh_from_db()
    assert contract.status == Status.REGISTERED


def test_objection_against_registration_upheld_refuses_and_keeps_number(
    user_enterprise_a, enterprise_b, registry, user_registrar, second_registrar
):
    contract = submitted(user_enterprise_a, enterprise_b)
    services.contract_register(user=user_registrar, contract=contract, issue_certificate=False)
    number = contract.registration_number
    services.contract_object(user=user_enterprise_a, contract=contract, grounds="属于常规检测。")
    with pytest.raises(DomainError):
        services.contract_redetermine(
            user=second_registrar, contract=contract, upheld=True, resolution="成立", reason_codes=[]
        )
    services.contract_redetermine(
        user=second_registrar, contract=contract, upheld=True, resolution="不属于技术开发。", reason_codes=["R2026-2"]
    )
    contract.refresh_from_db()
    assert contract.status == Status.REFUSED and contract.registration_number == number


def test_cancel_keeps_number(user_enterprise_a, enterprise_b, registry, user_registrar):
    contract = submitted(user_enterprise_a, enterprise_b)
    services.contract_register(user=user_registrar, contract=contract, issue_certificate=False)
    services.contract_cancel(user=user_registrar, contract=contract, reason="合同解除。")
    contract.refresh_from_db()
    assert contract.status == Status.CANCELLED and contract.registration_number and contract.cancelled_at


def test_classify_checks_type_against_rule_set(user_enterprise_a, enterprise_b, registry, user_registrar):
    contract = submitted(user_enterprise_a, enterprise_b)
    with pytest.raises(DomainError) as exc:
        services.contract_classify(
            user=user_registrar, contract=contract, contract_type="development", sub_type="patent_transfer"
        )
    assert "sub_type" in exc.value.field_errors
    services.contract_classify(
        user=user_registrar,
        contract=contract,
        contract_type="licence",
        sub_type="technical_secret_licence",
        licence_scope="exclusive",
    )
    contract.refresh_from_db()
    assert (contract.contract_type, contract.sub_type, contract.licence_scope) == (
        "licence",
        "technical_secret_licence",
        "exclusive",
    )
    log = contract.transitions.get(action="classify")
    assert log.details["before"]["contract_type"] == "development"
