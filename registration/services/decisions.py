"""The registrar's decisions: classification, amount corrections, 补正 requests, registration, refusal,
cancellation, and recording contracts registered elsewhere (demo data, imports)."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts.models import Organisation, User
from common.errors import Conflict, DomainError, NotAllowed

from .. import permissions, signals
from ..amounts import money, price_not_itemised, validate_amount_pair
from ..certificates import certificate_request
from ..models import (
    AmountCorrection,
    Attachment,
    Certificate,
    Decision,
    RefusalReason,
    Registry,
    TechnologyContract,
)
from ..numbering import registration_number_allocate, verification_code_new
from ..rules import RuleSet, ruleset, ruleset_for_date
from . import _base
from ._base import (
    DRAFT_FIELDS,
    PDF_MAGIC,
    Status,
    _full_clean,
    _lock,
    _log,
    _recompute_declared_amounts,
    _refresh_effective_amounts,
    _replace_children,
    _require_status,
    _set_fields,
    _start_clock,
    registry_for_organisation,
)

# --- Registrar side --------------------------------------------------------------------------------

DECIDABLE = (Status.SUBMITTED, Status.REDETERMINATION)


@transaction.atomic
def contract_classify(
    *,
    user: User,
    contract: TechnologyContract,
    contract_type: str,
    sub_type: str,
    licence_scope: str = "",
    is_equity_contribution: bool | None = None,
    reason: str = "",
) -> TechnologyContract:
    """The registrar's classification (认定类别), checked against the contract's rule set."""
    permissions.require_decide(user, contract)
    locked = _lock(contract)
    _require_status(locked, DECIDABLE, pgettext("transition", "认定合同类别"))
    rules = ruleset(locked.rule_set_key)
    rules.validate_classification(contract_type=contract_type, sub_type=sub_type, licence_scope=licence_scope)
    before = {"contract_type": locked.contract_type, "sub_type": locked.sub_type, "licence_scope": locked.licence_scope}
    locked.contract_type, locked.sub_type, locked.licence_scope = contract_type, sub_type, licence_scope
    if is_equity_contribution is not None:
        locked.is_equity_contribution = is_equity_contribution
    locked.save()
    _log(
        locked,
        action="classify",
        actor=user,
        from_status=locked.status,
        reason=reason,
        details={
            "before": before,
            "after": {"contract_type": contract_type, "sub_type": sub_type, "licence_scope": licence_scope},
        },
    )
    contract.refresh_from_db()
    return locked


@transaction.atomic
def contract_correct_amount(
    *, user: User, contract: TechnologyContract, field: str, corrected_cny: Decimal, reason: str
) -> AmountCorrection:
    """Record a correction beside the declared amount; the effective amount becomes the corrected one."""
    permissions.require_decide(user, contract)
    locked = _lock(contract)
    _require_status(locked, DECIDABLE, pgettext("transition", "更正金额"))
    if field not in AmountCorrection.Field.values:
        message = _("只能更正合同成交额或技术交易额。")
        raise DomainError(message, field_errors={"field": [message]})
    if not (reason or "").strip():
        message = _("请写明更正理由。")
        raise DomainError(message, field_errors={"reason": [message]})
    corrected = money(corrected_cny)
    total = corrected if field == AmountCorrection.Field.TOTAL else locked.effective_total_amount_cny
    tech = corrected if field == AmountCorrection.Field.TECHNOLOGY else locked.effective_technology_amount_cny
    validate_amount_pair(total_amount_cny=total, technology_amount_cny=tech)
    original = (
        locked.effective_total_amount_cny
        if field == AmountCorrection.Field.TOTAL
        else locked.effective_technology_amount_cny
    )
    correction = AmountCorrection.objects.create(
        contract=locked, field=field, original_cny=original, corrected_cny=corrected, reason=reason, corrected_by=user
    )
    _refresh_effective_amounts(locked)
    # A larger 技术交易额 may now need expert review and the longer limit (counted from the same start).
    rules = ruleset(locked.rule_set_key)
    if (
        locked.status == Status.SUBMITTED
        and locked.clock_started_on
        and not locked.expert_review_required
        and rules.needs_expert_review(
            technology_amount_cny=locked.effective_technology_amount_cny, is_disputed=locked.is_disputed
        )
    ):
        _start_clock(locked, rules, on=locked.clock_started_on)
    locked.save()
    _log(
        locked,
        action="correct_amount",
        actor=user,
        from_status=locked.status,
        reason=reason,
        details={"field": field, "original": str(original), "corrected": str(corrected)},
    )
    contract.refresh_from_db()
    return correction


@transaction.atomic
def contract_request_material(*, user: User, contract: TechnologyContract, note: str) -> TechnologyContract:
    """补正: send the application back for more material; the clock stops until it is resubmitted."""
    permissions.require_decide(user, contract)
    locked = _lock(contract)
    _require_status(locked, (Status.SUBMITTED,), pgettext("transition", "要求补正"))
    if not (note or "").strip():
        message = _("请写明需要补正的材料。")
        raise DomainError(message, field_errors={"note": [message]})
    from_status = locked.status
    locked.status = Status.MATERIAL_REQUESTED
    locked.material_requested_at = _base._now()
    locked.material_request_note = note
    locked.deadline = None
    locked.save()
    _log(locked, action="request_material", actor=user, from_status=from_status, reason=note)
    contract.refresh_from_db()
    return locked


def _check_registrable(contract: TechnologyContract) -> RuleSet:
    rules = ruleset(contract.rule_set_key)
    if not contract.contract_type or not contract.sub_type:
        raise Conflict(_("请先认定合同类别和子类。"))
    rules.validate_classification(
        contract_type=contract.contract_type, sub_type=contract.sub_type, licence_scope=contract.licence_scope
    )
    if contract.effective_total_amount_cny <= 0:
        raise Conflict(_("合同成交额不明确,不能登记。"))
    rules_for_price = ruleset(contract.rule_set_key)
    if (
        price_not_itemised(
            price_terms=contract.price_terms,
            deductions=list(contract.deductions.all()),
            bundled_phrases=rules_for_price.bundled_price_phrases,
        )
        and not contract.amount_corrections.filter(field=AmountCorrection.Field.TECHNOLOGY).exists()
    ):
        raise Conflict(
            _("价款包含设备、材料等非技术性费用但未分列,技术交易额无法确定:请先要求补正或更正技术交易额。"),
            code="technology_amount_undetermined",
        )
    validate_amount_pair(
        total_amount_cny=contract.effective_total_amount_cny,
        technology_amount_cny=contract.effective_technology_amount_cny,
    )
    return rules


def _do_register(
    locked: TechnologyContract, *, user: User, rules: RuleSet, registered_on: date, explanation: str, outcome: str
) -> Decision:
    now = _base._now()
    if not locked.registration_number:
        serial, number = registration_number_allocate(registry=locked.registry, year=registered_on.year)
        locked.registration_number = number
        locked.registration_year = registered_on.year
        locked.registration_serial = serial
        locked.verification_code = verification_code_new()
    locked.registered_on = registered_on
    locked.decided_at = now
    locked.decided_by = user
    locked.status = Status.REGISTERED
    locked.deadline = None
    locked.save()
    decision = Decision.objects.create(
        contract=locked,
        outcome=outcome,
        rule_set_key=rules.key,
        contract_type=locked.contract_type,
        sub_type=locked.sub_type,
        explanation=explanation,
        decided_by=user,
    )
    signals.contract_registered.send(sender=TechnologyContract, contract=locked, decision=decision, user=user)
    return decision


@transaction.atomic
def contract_register(
    *,
    user: User,
    contract: TechnologyContract,
    explanation: str = "",
    registered_on: date | None = None,
    issue_certificate: bool = True,
) -> TechnologyContract:
    """予以登记: allocate the number, record the decision under the contract's rule set, issue the certificate.

    ``registered_on`` defaults to today; demo data and imports may pass a past date.
    """
    permissions.require_decide(user, contract)
    locked = _lock(contract)
    _require_status(locked, (Status.SUBMITTED,), pgettext("transition", "登记"))
    rules = _check_registrable(locked)
    from_status = locked.status
    decision = _do_register(
        locked,
        user=user,
        rules=rules,
        registered_on=registered_on or timezone.localdate(),
        explanation=explanation,
        outcome=Decision.Outcome.REGISTERED,
    )
    if issue_certificate:
        certificate_request(contract=locked, kind=Certificate.Kind.REGISTERED, decision=decision, user=user)
    _log(
        locked,
        action="register",
        actor=user,
        from_status=from_status,
        reason=explanation,
        details={"registration_number": locked.registration_number, "rule_set_key": rules.key},
    )
    contract.refresh_from_db()
    return locked


def _do_refuse(locked, *, user, rules: RuleSet, reason_codes: list[str], explanation: str, outcome: str) -> Decision:
    reasons = rules.validate_refusal_codes(list(reason_codes or []))
    if not (explanation or "").strip():
        message = _("不予登记须附书面说明。")
        raise DomainError(message, field_errors={"explanation": [message]})
    locked.status = Status.REFUSED
    locked.decided_at = _base._now()
    locked.decided_by = user
    locked.deadline = None
    locked.save()
    decision = Decision.objects.create(
        contract=locked,
        outcome=outcome,
        rule_set_key=rules.key,
        contract_type=locked.contract_type,
        sub_type=locked.sub_type,
        explanation=explanation,
        decided_by=user,
    )
    RefusalReason.objects.bulk_create([RefusalReason(decision=decision, code=c, label=label) for c, label in reasons])
    signals.contract_refused.send(sender=TechnologyContract, contract=locked, decision=decision, user=user)
    return decision


@transaction.atomic
def contract_refuse(
    *,
    user: User,
    contract: TechnologyContract,
    reason_codes: list[str],
    explanation: str,
    issue_certificate: bool = True,
) -> TechnologyContract:
    """不予登记 with the rule set's reason codes and a written explanation; a 未予登记 notice is issued."""
    permissions.require_decide(user, contract)
    locked = _lock(contract)
    _require_status(locked, (Status.SUBMITTED,), pgettext("transition", "不予登记"))
    rules = ruleset(locked.rule_set_key)
    from_status = locked.status
    decision = _do_refuse(
        locked,
        user=user,
        rules=rules,
        reason_codes=reason_codes,
        explanation=explanation,
        outcome=Decision.Outcome.REFUSED,
    )
    if issue_certificate:
        certificate_request(contract=locked, kind=Certificate.Kind.REFUSED, decision=decision, user=user)
    _log(
        locked,
        action="refuse",
        actor=user,
        from_status=from_status,
        reason=explanation,
        details={"reason_codes": list(reason_codes)},
    )
    contract.refresh_from_db()
    return locked


@transaction.atomic
def contract_cancel(*, user: User, contract: TechnologyContract, reason: str) -> TechnologyContract:
    """注销登记 at the same registry. The number stays with the contract and is never reused."""
    permissions.require_decide(user, contract)
    locked = _lock(contract)
    _require_status(locked, (Status.REGISTERED,), pgettext("transition", "注销"))
    if not (reason or "").strip():
        message = _("请写明注销理由。")
        raise DomainError(message, field_errors={"reason": [message]})
    from_status = locked.status
    locked.status = Status.CANCELLED
    locked.cancelled_at = _base._now()
    locked.save()
    decision = Decision.objects.create(
        contract=locked,
        outcome=Decision.Outcome.CANCELLED,
        rule_set_key=locked.rule_set_key,
        contract_type=locked.contract_type,
        sub_type=locked.sub_type,
        explanation=reason,
        decided_by=user,
    )
    certificate_request(contract=locked, kind=Certificate.Kind.CANCELLED, decision=decision, user=user)
    _log(locked, action="cancel", actor=user, from_status=from_status, reason=reason)
    contract.refresh_from_db()
    return locked


@transaction.atomic
def contract_register_historical(
    *,
    registrar: User,
    seller_organisation: Organisation,
    data: dict[str, Any],
    parties: list[dict],
    deductions: list[dict] | None = None,
    registered_on: date,
    registry: Registry | None = None,
    issue_certificate: bool = False,
    attachments: dict[str, bytes] | None = None,
) -> TechnologyContract:
    """Record a contract that was registered (demo data, imports of earlier registrations).

    Goes through the same amount rules, numbering, decision and audit trail as the online workflow,
    but skips the seller's pre-check and attachments; the rule set is the one for ``registered_on``.
    """
    if not registrar.is_registrar:
        raise NotAllowed(_("只有登记员可以录入已登记合同。"))
    registry = registry or registry_for_organisation(seller_organisation)
    rules = ruleset_for_date(registered_on)
    contract = TechnologyContract(
        registry=registry, seller_organisation=seller_organisation, created_by=registrar, status=Status.DRAFT
    )
    _set_fields(contract, data, DRAFT_FIELDS)
    contract.total_amount_cny = money(contract.total_amount_cny or 0)
    contract.technology_amount_cny = Decimal("0.00")
    _full_clean(
        contract,
        exclude=[
            "registry",
            "seller_organisation",
            "created_by",
            "technology_amount_cny",
            "effective_total_amount_cny",
            "effective_technology_amount_cny",
        ],
    )
    contract.save()
    _replace_children(contract, parties=parties, deductions=deductions or [])
    for kind, content in (attachments or {}).items():  # documents on file where it was registered
        _store_attachment(contract, kind=kind, content=content, user=registrar)
    _recompute_declared_amounts(contract)
    contract.rule_set_key = rules.key
    registered_at = timezone.make_aware(timezone.datetime.combine(registered_on, timezone.datetime.min.time()))
    contract.submitted_at = contract.accepted_at = registered_at
    _start_clock(contract, rules, on=registered_on)
    contract.status = Status.SUBMITTED
    contract.save()
    _check_registrable(contract)
    decision = _do_register(
        contract,
        user=registrar,
        rules=rules,
        registered_on=registered_on,
        explanation="",
        outcome=Decision.Outcome.REGISTERED,
    )
    contract.decided_at = registered_at
    contract.save(update_fields=["decided_at"])
    if issue_certificate:
        certificate_request(contract=contract, kind=Certificate.Kind.REGISTERED, decision=decision, user=registrar)
    _log(
        contract,
        action="register_historical",
        actor=registrar,
        from_status=Status.DRAFT,
        details={"registration_number": contract.registration_number, "rule_set_key": rules.key},
    )
    return contract


def _store_attachment(contract: TechnologyContract, *, kind: str, content: bytes, user: User) -> Attachment:
    """A document of a contract recorded as registered (the signed contract, its IP proof …)."""
    if kind not in Attachment.Kind.values or not content.startswith(PDF_MAGIC):
        raise DomainError(_("只接受 PDF 文件(文件内容须为 PDF 格式)。"))
    attachment = Attachment(
        contract=contract,
        kind=kind,
        original_name=f"{kind}.pdf",
        size_bytes=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=user,
    )
    attachment.file.save("upload.pdf", ContentFile(content), save=False)
    attachment.save()
    return attachment
