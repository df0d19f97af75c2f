"""Write-side of the registry: drafting, submission, the registrar's decisions, amendments, objections.

Every workflow function locks the contract row, checks the user and the current status (an illegal
transition raises ``Conflict`` with a message; never a silent no-op), changes state, and writes a
``TransitionLog`` row in the same transaction.

Workflow::

    draft ──submit──▶ submitted ──register──▶ registered ──amend──▶ registered (amended)
      │                │  ▲  │                    │ └──cancel──▶ cancelled
      │                │  │  └──refuse──▶ refused  └──object──▶ redetermination ──▶ registered / refused
      │   request_material │                 └──object──▶ redetermination
      │                ▼  │resubmit
      │        material_requested
      └── (submitted/material_requested) ──withdraw──▶ withdrawn
"""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts.models import Organisation, User
from common.errors import Conflict, DomainError, NotAllowed, NotFoundError
from taxonomy.models import EntityType, IPType, TechnicalField

from . import permissions, signals
from .amounts import money, technology_amount, validate_amount_pair
from .certificates import certificate_issue
from .models import (
    Amendment,
    AmountCorrection,
    Attachment,
    CalendarDay,
    Certificate,
    ContractIPRecord,
    ContractParty,
    Decision,
    Deduction,
    Objection,
    RefusalReason,
    Registry,
    TechnologyContract,
    TransitionLog,
)
from .numbering import registration_number_allocate, verification_code_new
from .precheck import Finding, blocking, precheck
from .rules import RuleSet, ruleset, ruleset_for_date
from .working_days import add_calendar_days, add_working_days

Status = TechnologyContract.Status

DRAFT_FIELDS = (
    "project_name",
    "contract_number",
    "is_written",
    "signed_on",
    "effective_on",
    "term_start",
    "term_end",
    "contract_type",
    "sub_type",
    "licence_scope",
    "is_equity_contribution",
    "is_import",
    "technical_content",
    "technical_field",
    "ip_type",
    "programme_source",
    "socio_economic_objective",
    "payment_method",
    "price_terms",
    "total_amount_cny",
    "expected_investment_cny",
    "expected_output_cny",
    "is_mixed",
    "separable_technical_amount_cny",
    "language",
    "has_chinese_version",
    "consistency_statement",
    "is_disputed",
)
PARTY_FIELDS = (
    "side",
    "party_role",
    "organisation",
    "name",
    "credit_code",
    "country_code",
    "region_code",
    "entity_type",
    "contact_name",
    "contact_phone",
)
DEDUCTION_FIELDS = ("category", "description", "amount_cny", "quantity", "is_reasonable_carrier")
IP_RECORD_FIELDS = ("ip_type", "number", "holder", "status", "expires_on")
AMENDABLE_FIELDS = (
    "project_name",
    "contract_number",
    "term_start",
    "term_end",
    "payment_method",
    "price_terms",
    "total_amount_cny",
    "technology_amount_cny",
)
PDF_MAGIC = b"%PDF-"


class PrecheckFailed(DomainError):
    """Submission refused because the pre-check found blocking problems; ``findings`` lists them all."""

    def __init__(self, findings: list[Finding]):
        field_errors: dict[str, list[str]] = {}
        for finding in findings:
            field_errors.setdefault(finding.field or "non_field_errors", []).append(finding.message)
        super().__init__(
            _("预审未通过:%(n)s 个问题须先解决才能提交。") % {"n": len(blocking(findings))},
            field_errors=field_errors,
            code="precheck_failed",
        )
        self.findings = findings


# --- Helpers ---------------------------------------------------------------------------------------


def _now():
    return timezone.now()


def _log(
    contract: TechnologyContract,
    *,
    action: str,
    actor,
    from_status: str,
    reason: str = "",
    details: dict | None = None,
) -> TransitionLog:
    return TransitionLog.objects.create(
        contract=contract,
        action=action,
        from_status=from_status,
        to_status=contract.status,
        actor=actor if actor is not None and actor.is_authenticated else None,
        reason=reason,
        details=details or {},
    )


def _lock(contract: TechnologyContract) -> TechnologyContract:
    """Re-read the contract with a row lock so two decisions on one contract cannot interleave."""
    return TechnologyContract.objects.select_for_update().select_related("registry").get(pk=contract.pk)


def _require_status(contract: TechnologyContract, allowed: tuple[str, ...], action: str) -> None:
    if contract.status not in allowed:
        raise Conflict(
            _("合同当前状态为“%(status)s”,不能%(action)s。")
            % {"status": contract.get_status_display(), "action": action},
            code="illegal_transition",
        )


def _validation_to_domain(error: ValidationError, prefix: str = "") -> DomainError:
    if hasattr(error, "error_dict"):
        field_errors = {
            f"{prefix}{name}": [str(m) for e in errors for m in e.messages] for name, errors in error.error_dict.items()
        }
    else:
        field_errors = {f"{prefix}non_field_errors" if prefix else "non_field_errors": [str(m) for m in error.messages]}
    first = next(iter(field_errors.values()))[0]
    return DomainError(first, field_errors=field_errors)


def _full_clean(instance, *, exclude: list[str] | None = None, prefix: str = "") -> None:
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise _validation_to_domain(error, prefix) from error


def _resolve(model, value, *, field: str, key: str = "code"):
    """Accept an instance, a primary key or a code for a foreign-key input."""
    if value in (None, ""):
        return None
    if isinstance(value, model):
        return value
    obj = None
    if isinstance(value, str) and key != "pk":
        obj = model.objects.filter(**{key: value}).first()
    if obj is None and (isinstance(value, int) or (isinstance(value, str) and value.isdigit())):
        obj = model.objects.filter(pk=int(value)).first()
    if obj is None:
        message = _("所选项不存在:%(value)s。") % {"value": value}
        raise DomainError(message, field_errors={field: [message]})
    return obj


def registry_for_organisation(organisation: Organisation) -> Registry:
    """The registry of the seller's own location: its county, else its city, else the platform's registry."""
    registries = Registry.objects.filter(is_active=True)
    region = organisation.region
    if region is not None:
        for code in (region.code, region.code[:4] + "00"):
            match = registries.filter(region__code=code).first()
            if match is not None:
                return match
    match = registries.order_by("code").first()
    if match is None:
        raise Conflict(_("尚未设立技术合同登记机构,请联系科技局。"))
    return match


def _set_fields(contract: TechnologyContract, data: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise DomainError(
            _("不能修改以下字段:%(fields)s。") % {"fields": "、".join(unknown)},
            field_errors={name: [_("不能修改此字段。")] for name in unknown},
        )
    for name, value in data.items():
        if name == "technical_field":
            contract.technical_field = _resolve(TechnicalField, value, field=name)
        elif name == "ip_type":
            contract.ip_type = _resolve(IPType, value, field=name)
        else:
            setattr(contract, name, value)


def _recompute_declared_amounts(contract: TechnologyContract) -> None:
    """技术交易额 derived from 成交额 and the deductions; effective amounts follow until corrected."""
    contract.total_amount_cny = money(contract.total_amount_cny or 0)
    if contract.is_mixed and contract.separable_technical_amount_cny is None:
        tech = Decimal("0.00")  # pre-check blocks submission until the separable part is stated
    else:
        tech = technology_amount(
            total_amount_cny=contract.total_amount_cny,
            deductions=[(d.amount_cny, d.is_reasonable_carrier) for d in contract.deductions.all()],
            is_mixed=contract.is_mixed,
            separable_technical_amount_cny=contract.separable_technical_amount_cny,
        )
    contract.technology_amount_cny = tech
    _refresh_effective_amounts(contract)


def _refresh_effective_amounts(contract: TechnologyContract) -> None:
    """The effective amounts are the latest correction of each, or the declared value."""
    total, tech = contract.total_amount_cny, contract.technology_amount_cny
    for correction in contract.amount_corrections.order_by("corrected_at", "pk"):
        if correction.field == AmountCorrection.Field.TOTAL:
            total = correction.corrected_cny
        else:
            tech = correction.corrected_cny
    contract.effective_total_amount_cny = total
    contract.effective_technology_amount_cny = tech


def _replace_children(contract, *, parties=None, deductions=None, ip_records=None, achievements=None) -> None:
    if parties is not None:
        contract.parties.all().delete()
        for index, row in enumerate(parties):
            row = dict(row)
            unknown = set(row) - set(PARTY_FIELDS)
            if unknown:
                raise DomainError(_("当事人信息包含未知字段:%(f)s。") % {"f": "、".join(sorted(unknown))})
            row["organisation"] = _resolve(
                Organisation, row.get("organisation"), field=f"parties[{index}].organisation", key="pk"
            )
            row["entity_type"] = _resolve(EntityType, row.get("entity_type"), field=f"parties[{index}].entity_type")
            party = ContractParty(contract=contract, sort_order=index, **row)
            if party.organisation is not None:
                # Fill the form from the platform's record where the filer left it blank.
                org = party.organisation
                party.name = party.name or org.name
                party.credit_code = party.credit_code or (org.credit_code or "")
                party.region_code = party.region_code or (org.region.code if org.region_id else "")
                party.entity_type = party.entity_type or org.entity_type
                party.country_code = party.country_code or org.country_code
            _full_clean(party, exclude=["contract"], prefix=f"parties[{index}].")
            party.save()
    if deductions is not None:
        contract.deductions.all().delete()
        for index, row in enumerate(deductions):
            unknown = set(row) - set(DEDUCTION_FIELDS)
            if unknown:
                raise DomainError(_("扣除项包含未知字段:%(f)s。") % {"f": "、".join(sorted(unknown))})
            deduction = Deduction(contract=contract, **row)
            _full_clean(deduction, exclude=["contract"], prefix=f"deductions[{index}].")
            deduction.save()
    if ip_records is not None:
        contract.ip_records.all().delete()
        for index, row in enumerate(ip_records):
            row = dict(row)
            unknown = set(row) - set(IP_RECORD_FIELDS)
            if unknown:
                raise DomainError(_("知识产权信息包含未知字段:%(f)s。") % {"f": "、".join(sorted(unknown))})
            row["ip_type"] = _resolve(IPType, row.get("ip_type"), field=f"ip_records[{index}].ip_type")
            record = ContractIPRecord(contract=contract, **row)
            _full_clean(record, exclude=["contract"], prefix=f"ip_records[{index}].")
            record.save()
    if achievements is not None:
        contract.achievements.set(achievements)


def _start_clock(contract: TechnologyContract, rules: RuleSet, *, on: date) -> None:
    contract.expert_review_required = rules.needs_expert_review(
        technology_amount_cny=contract.effective_technology_amount_cny, is_disputed=contract.is_disputed
    )
    limit = rules.time_limit_for(
        technology_amount_cny=contract.effective_technology_amount_cny,
        is_disputed=contract.is_disputed,
        expert_review=contract.expert_review_required,
    )
    contract.clock_started_on = on
    contract.time_limit_days = limit.days
    contract.time_limit_kind = limit.kind
    contract.deadline = _deadline(on, limit.days, limit.kind)


def _deadline(start: date, days: int, kind: str) -> date:
    if kind == TechnologyContract.ClockKind.WORKING:
        return add_working_days(start, days)
    return add_calendar_days(start, days)


# --- Seller side -----------------------------------------------------------------------------------


@transaction.atomic
def contract_create_draft(
    *,
    user: User,
    data: dict[str, Any],
    parties: list[dict] | None = None,
    deductions: list[dict] | None = None,
    ip_records: list[dict] | None = None,
    achievements: list | None = None,
    registry: Registry | None = None,
) -> TechnologyContract:
    """A new draft filed by the user's organisation. Nothing is visible to registrars until submitted."""
    permissions.require_file(user)
    organisation = user.organisation
    contract = TechnologyContract(
        registry=registry or registry_for_organisation(organisation),
        seller_organisation=organisation,
        created_by=user,
        status=Status.DRAFT,
    )
    _set_fields(contract, data, DRAFT_FIELDS)
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
    contract.total_amount_cny = money(contract.total_amount_cny or 0)
    contract.technology_amount_cny = Decimal("0.00")
    contract.save()
    _replace_children(
        contract, parties=parties, deductions=deductions, ip_records=ip_records, achievements=achievements
    )
    _recompute_declared_amounts(contract)
    contract.save()
    _log(contract, action="create", actor=user, from_status="")
    return contract


@transaction.atomic
def contract_update_draft(
    *,
    user: User,
    contract: TechnologyContract,
    data: dict[str, Any] | None = None,
    parties: list[dict] | None = None,
    deductions: list[dict] | None = None,
    ip_records: list[dict] | None = None,
    achievements: list | None = None,
) -> TechnologyContract:
    """Edit a draft, or an application sent back for more material (补正)."""
    permissions.require_seller(user, contract)
    locked = _lock(contract)
    _require_status(locked, (Status.DRAFT, Status.MATERIAL_REQUESTED), pgettext("transition", "修改"))
    _set_fields(locked, data or {}, DRAFT_FIELDS)
    _full_clean(
        locked,
        exclude=[
            "registry",
            "seller_organisation",
            "created_by",
            "technology_amount_cny",
            "effective_total_amount_cny",
            "effective_technology_amount_cny",
        ],
    )
    _replace_children(locked, parties=parties, deductions=deductions, ip_records=ip_records, achievements=achievements)
    _recompute_declared_amounts(locked)
    locked.save()
    if locked.status == Status.MATERIAL_REQUESTED:
        _log(locked, action="edit", actor=user, from_status=locked.status, details={"fields": sorted(data or {})})
    contract.refresh_from_db()
    return locked


@transaction.atomic
def contract_delete_draft(*, user: User, contract: TechnologyContract) -> None:
    """Delete a draft that was never submitted; anything submitted stays on record."""
    permissions.require_seller(user, contract)
    locked = _lock(contract)
    _require_status(locked, (Status.DRAFT,), pgettext("transition", "删除"))
    for attachment in locked.attachments.all():
        attachment.file.delete(save=False)
    locked.delete()


def _validate_pdf(uploaded) -> bytes:
    from django.conf import settings

    name = getattr(uploaded, "name", "") or ""
    size = getattr(uploaded, "size", None)
    limit = settings.REGISTRATION_ATTACHMENT_MAX_BYTES
    if size is not None and size > limit:
        message = _("文件过大:上限为 %(mb)s MB。") % {"mb": limit // (1024 * 1024)}
        raise DomainError(message, field_errors={"file": [message]})
    content = uploaded.read()
    if len(content) > limit:
        message = _("文件过大:上限为 %(mb)s MB。") % {"mb": limit // (1024 * 1024)}
        raise DomainError(message, field_errors={"file": [message]})
    if not name.lower().endswith(".pdf") or not content.startswith(PDF_MAGIC):
        message = _("只接受 PDF 文件(文件内容须为 PDF 格式)。")
        raise DomainError(message, field_errors={"file": [message]})
    return content


@transaction.atomic
def contract_attach(*, user: User, contract: TechnologyContract, kind: str, uploaded_file) -> Attachment:
    """Attach a PDF; the content is checked (magic bytes), not just the name."""
    permissions.require_seller(user, contract)
    locked = _lock(contract)
    _require_status(locked, (Status.DRAFT, Status.MATERIAL_REQUESTED), pgettext("transition", "上传附件"))
    if kind not in Attachment.Kind.values:
        message = _("附件类别不正确。")
        raise DomainError(message, field_errors={"kind": [message]})
    content = _validate_pdf(uploaded_file)
    from django.core.files.base import ContentFile

    attachment = Attachment(
        contract=locked,
        kind=kind,
        original_name=(uploaded_file.name or "")[-255:],
        size_bytes=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=user,
    )
    attachment.file.save("upload.pdf", ContentFile(content), save=False)
    attachment.save()
    if locked.status == Status.MATERIAL_REQUESTED:
        _log(locked, action="attach", actor=user, from_status=locked.status, details={"kind": kind})
    return attachment


@transaction.atomic
def contract_remove_attachment(*, user: User, attachment: Attachment) -> None:
    permissions.require_seller(user, attachment.contract)
    locked = _lock(attachment.contract)
    _require_status(locked, (Status.DRAFT, Status.MATERIAL_REQUESTED), pgettext("transition", "删除附件"))
    attachment.file.delete(save=False)
    attachment.delete()


def contract_precheck(*, user: User, contract: TechnologyContract) -> list[Finding]:
    """The pre-check as the seller (or the registrar) sees it; changes nothing."""
    permissions.require_view(user, contract)
    return precheck(contract)


@transaction.atomic
def contract_submit(*, user: User, contract: TechnologyContract) -> list[Finding]:
    """Submit a draft: pre-check, fix the rule set by today's date, accept and start the clock.

    Returns the (non-blocking) findings recorded with the submission; raises ``PrecheckFailed``
    with every finding when any is blocking.
    """
    permissions.require_seller(user, contract)
    locked = _lock(contract)
    _require_status(locked, (Status.DRAFT,), pgettext("transition", "提交"))
    findings = precheck(locked)
    if blocking(findings):
        raise PrecheckFailed(findings)
    now = _now()
    today = timezone.localdate(now)
    rules = ruleset_for_date(today)
    from_status = locked.status
    locked.rule_set_key = rules.key
    locked.submitted_at = now
    # Online applications that pass the pre-check are complete, so acceptance (受理) is immediate.
    locked.accepted_at = now
    locked.precheck_findings = [f.as_dict() for f in findings]
    _start_clock(locked, rules, on=today)
    locked.status = Status.SUBMITTED
    locked.save()
    _log(
        locked,
        action="submit",
        actor=user,
        from_status=from_status,
        details={
            "rule_set_key": rules.key,
            "deadline": locked.deadline.isoformat(),
            "findings": locked.precheck_findings,
        },
    )
    contract.refresh_from_db()
    return findings


@transaction.atomic
def contract_resubmit(*, user: User, contract: TechnologyContract, note: str = "") -> list[Finding]:
    """Return an application after 补正; the clock restarts from today with the full time limit."""
    permissions.require_seller(user, contract)
    locked = _lock(contract)
    _require_status(locked, (Status.MATERIAL_REQUESTED,), pgettext("transition", "重新提交"))
    findings = precheck(locked)
    if blocking(findings):
        raise PrecheckFailed(findings)
    now = _now()
    from_status = locked.status
    locked.restarted_at = now
    locked.precheck_findings = [f.as_dict() for f in findings]
    _start_clock(locked, ruleset(locked.rule_set_key), on=timezone.localdate(now))
    locked.status = Status.SUBMITTED
    locked.save()
    _log(
        locked,
        action="resubmit",
        actor=user,
        from_status=from_status,
        reason=note,
        details={"deadline": locked.deadline.isoformat()},
    )
    contract.refresh_from_db()
    return findings


@transaction.atomic
def contract_withdraw(*, user: User, contract: TechnologyContract, reason: str = "") -> TechnologyContract:
    permissions.require_seller(user, contract)
    locked = _lock(contract)
    _require_status(locked, (Status.SUBMITTED, Status.MATERIAL_REQUESTED), pgettext("transition", "撤回"))
    from_status = locked.status
    locked.status = Status.WITHDRAWN
    locked.deadline = None
    locked.save()
    _log(locked, action="withdraw", actor=user, from_status=from_status, reason=reason)
    contract.refresh_from_db()
    return locked


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
    locked.material_requested_at = _now()
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
    validate_amount_pair(
        total_amount_cny=contract.effective_total_amount_cny,
        technology_amount_cny=contract.effective_technology_amount_cny,
    )
    return rules


def _do_register(
    locked: TechnologyContract, *, user: User, rules: RuleSet, registered_on: date, explanation: str, outcome: str
) -> Decision:
    now = _now()
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
        certificate_issue(contract=locked, kind=Certificate.Kind.REGISTERED, decision=decision, user=user)
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
    locked.decided_at = _now()
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
        certificate_issue(contract=locked, kind=Certificate.Kind.REFUSED, decision=decision, user=user)
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
    locked.cancelled_at = _now()
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
    certificate_issue(contract=locked, kind=Certificate.Kind.CANCELLED, decision=decision, user=user)
    _log(locked, action="cancel", actor=user, from_status=from_status, reason=reason)
    contract.refresh_from_db()
    return locked


# --- Amendments (变更登记) ----------------------------------------------------------------------------


def _amendment_value(name: str, value):
    if name in ("total_amount_cny", "technology_amount_cny"):
        return money(value)
    if name in ("term_start", "term_end") and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            message = _("日期格式应为 YYYY-MM-DD。")
            raise DomainError(message, field_errors={name: [message]}) from exc
    return value


@transaction.atomic
def contract_request_amendment(
    *, user: User, contract: TechnologyContract, changes: dict[str, Any], reason: str
) -> Amendment:
    """The seller asks to change a registered contract (e.g. after a supplementary agreement)."""
    permissions.require_seller(user, contract)
    locked = _lock(contract)
    _require_status(locked, (Status.REGISTERED,), pgettext("transition", "申请变更登记"))
    if locked.amendments.filter(status=Amendment.Status.REQUESTED).exists():
        raise Conflict(_("已有一项变更申请待审核。"))
    if not changes:
        raise DomainError(_("请填写要变更的内容。"), field_errors={"changes": [_("请填写要变更的内容。")]})
    if not (reason or "").strip():
        raise DomainError(_("请写明变更理由。"), field_errors={"reason": [_("请写明变更理由。")]})
    unknown = sorted(set(changes) - set(AMENDABLE_FIELDS))
    if unknown:
        raise DomainError(
            _("以下内容不能变更登记:%(f)s。") % {"f": "、".join(unknown)},
            field_errors={name: [_("不能变更此项。")] for name in unknown},
        )
    record = {}
    for name, value in changes.items():
        new = _amendment_value(name, value)
        if name == "total_amount_cny":
            old = locked.effective_total_amount_cny
        elif name == "technology_amount_cny":
            old = locked.effective_technology_amount_cny
        else:
            old = getattr(locked, name)
        record[name] = {"old": None if old is None else str(old), "new": None if new is None else str(new)}
    total = money(changes.get("total_amount_cny", locked.effective_total_amount_cny))
    tech = money(changes.get("technology_amount_cny", locked.effective_technology_amount_cny))
    validate_amount_pair(total_amount_cny=total, technology_amount_cny=tech)
    amendment = Amendment.objects.create(contract=locked, changes=record, reason=reason, requested_by=user)
    _log(
        locked,
        action="request_amendment",
        actor=user,
        from_status=locked.status,
        reason=reason,
        details={"changes": record},
    )
    return amendment


@transaction.atomic
def contract_decide_amendment(*, user: User, amendment: Amendment, approve: bool, note: str = "") -> Amendment:
    """Approve (apply and issue an amended certificate under the same number) or reject an amendment."""
    contract = amendment.contract
    permissions.require_decide(user, contract)
    locked = _lock(contract)
    amendment = Amendment.objects.select_for_update().get(pk=amendment.pk)
    if amendment.status != Amendment.Status.REQUESTED:
        raise Conflict(_("该变更申请已审核,不能重复审核。"))
    _require_status(locked, (Status.REGISTERED,), pgettext("transition", "审核变更登记"))
    amendment.decided_by = user
    amendment.decided_at = _now()
    amendment.decision_note = note
    if not approve:
        if not note.strip():
            raise DomainError(_("不予变更须写明理由。"), field_errors={"note": [_("不予变更须写明理由。")]})
        amendment.status = Amendment.Status.REJECTED
        amendment.save()
        _log(locked, action="reject_amendment", actor=user, from_status=locked.status, reason=note)
        return amendment
    for name, change in amendment.changes.items():
        new = _amendment_value(name, change["new"])
        if name in ("total_amount_cny", "technology_amount_cny"):
            AmountCorrection.objects.create(
                contract=locked,
                field=name,
                original_cny=money(change["old"]),
                corrected_cny=new,
                reason=_("变更登记:%(reason)s") % {"reason": amendment.reason},
                corrected_by=user,
            )
        else:
            setattr(locked, name, new)
    _refresh_effective_amounts(locked)
    locked.amended_at = amendment.decided_at
    locked.save()
    decision = Decision.objects.create(
        contract=locked,
        outcome=Decision.Outcome.AMENDED,
        rule_set_key=locked.rule_set_key,
        contract_type=locked.contract_type,
        sub_type=locked.sub_type,
        explanation=note or amendment.reason,
        decided_by=user,
    )
    certificate_issue(contract=locked, kind=Certificate.Kind.AMENDED, decision=decision, user=user)
    amendment.status = Amendment.Status.APPROVED
    amendment.save()
    _log(
        locked,
        action="amend",
        actor=user,
        from_status=locked.status,
        reason=note,
        details={"changes": amendment.changes},
    )
    contract.refresh_from_db()
    return amendment


# --- Objections (异议) and re-determination -----------------------------------------------------------


@transaction.atomic
def contract_object(*, user: User, contract: TechnologyContract, grounds: str) -> Objection:
    """A party contests the registration or the refusal; the contract goes back to a registrar."""
    permissions.require_party(user, contract)
    locked = _lock(contract)
    _require_status(locked, (Status.REGISTERED, Status.REFUSED), pgettext("transition", "提出异议"))
    if not (grounds or "").strip():
        raise DomainError(_("请写明异议理由。"), field_errors={"grounds": [_("请写明异议理由。")]})
    contested = (
        locked.decisions.filter(
            outcome__in=[Decision.Outcome.REGISTERED, Decision.Outcome.REFUSED, Decision.Outcome.OBJECTION_UPHELD]
        )
        .order_by("-decided_at", "-pk")
        .first()
    )
    if contested is None:
        raise Conflict(_("没有可以提出异议的认定决定。"))
    objection = Objection.objects.create(
        contract=locked, contested_decision=contested, previous_status=locked.status, grounds=grounds, filed_by=user
    )
    from_status = locked.status
    locked.status = Status.REDETERMINATION
    locked.save()
    _log(locked, action="object", actor=user, from_status=from_status, reason=grounds)
    contract.refresh_from_db()
    return objection


@transaction.atomic
def contract_redetermine(
    *,
    user: User,
    contract: TechnologyContract,
    upheld: bool,
    resolution: str,
    reason_codes: list[str] | None = None,
) -> Objection:
    """Decide an objection. Dismissed: the earlier decision stands. Upheld: a refused contract is
    registered; a registered one is refused with reason codes (its number is kept, never reused)."""
    permissions.require_decide(user, contract)
    locked = _lock(contract)
    _require_status(locked, (Status.REDETERMINATION,), pgettext("transition", "异议复核"))
    objection = locked.objections.select_for_update().filter(status=Objection.Status.OPEN).first()
    if objection is None:
        raise Conflict(_("没有待复核的异议。"))
    if objection.contested_decision.decided_by_id == user.pk:
        raise NotAllowed(_("异议复核应由原认定登记员以外的登记员办理。"))
    if not (resolution or "").strip():
        raise DomainError(_("请写明复核意见。"), field_errors={"resolution": [_("请写明复核意见。")]})
    rules = ruleset(locked.rule_set_key)
    from_status = locked.status
    if not upheld:
        locked.status = objection.previous_status
        locked.save()
        decision = Decision.objects.create(
            contract=locked,
            outcome=Decision.Outcome.OBJECTION_DISMISSED,
            rule_set_key=rules.key,
            contract_type=locked.contract_type,
            sub_type=locked.sub_type,
            explanation=resolution,
            decided_by=user,
        )
        objection.status = Objection.Status.DISMISSED
    elif objection.previous_status == Status.REFUSED:
        _check_registrable(locked)
        decision = _do_register(
            locked,
            user=user,
            rules=rules,
            registered_on=timezone.localdate(),
            explanation=resolution,
            outcome=Decision.Outcome.OBJECTION_UPHELD,
        )
        certificate_issue(contract=locked, kind=Certificate.Kind.REGISTERED, decision=decision, user=user)
        objection.status = Objection.Status.UPHELD
    else:
        decision = _do_refuse(
            locked,
            user=user,
            rules=rules,
            reason_codes=list(reason_codes or []),
            explanation=resolution,
            outcome=Decision.Outcome.OBJECTION_UPHELD,
        )
        certificate_issue(contract=locked, kind=Certificate.Kind.REFUSED, decision=decision, user=user)
        objection.status = Objection.Status.UPHELD
    objection.resolution = resolution
    objection.resolved_by = user
    objection.resolved_at = _now()
    objection.resolving_decision = decision
    objection.save()
    _log(
        locked,
        action="redetermine",
        actor=user,
        from_status=from_status,
        reason=resolution,
        details={"upheld": upheld, "reason_codes": list(reason_codes or [])},
    )
    contract.refresh_from_db()
    return objection


# --- Bridges for other parts of the platform ---------------------------------------------------------

TRANSFER_MODE_TO_TYPE = {
    # transfer mode code → (type, sub-type with a patent, sub-type without) under the 2026 set;
    # the 2000 set has no separate licence type, handled below.
    "transfer": ("transfer", "patent_transfer", "technical_secret_transfer"),
    "licence": ("licence", "patent_licence", "technical_secret_licence"),
    "equity": ("transfer", "patent_transfer", "technical_secret_transfer"),
    "joint": ("development", "cooperative_development", "cooperative_development"),
    "service": ("service", "technical_service", "technical_service"),
}


@transaction.atomic
def contract_prefill_from_achievement(
    *, achievement, buyer_organisation: Organisation, seller_user: User
) -> TechnologyContract:
    """A draft pre-filled from an achievement and the two parties: the marketplace → registry bridge."""
    permissions.require_file(seller_user)
    if achievement.institution_organisation_id != seller_user.organisation_id:
        raise NotAllowed(_("只能为本单位的科技成果填报技术合同。"))
    rules = ruleset_for_date(timezone.localdate())
    records = list(achievement.ip_records.select_related("ip_type"))
    has_patent = any(r.ip_type.code in ("invention", "utility", "design") for r in records)
    modes = [m.code for m in achievement.transfer_modes.all()]
    mode = next((m for m in ("transfer", "licence", "equity", "joint", "service") if m in modes), "transfer")
    contract_type, with_patent, without = TRANSFER_MODE_TO_TYPE[mode]
    sub_type = with_patent if has_patent else without
    if rules.type(contract_type) is None and contract_type == "licence":
        contract_type = "transfer"  # the 2000 set puts licences inside 技术转让
        sub_type = "patent_licence" if has_patent else "technical_secret_transfer"
    data = {
        "project_name": achievement.title[:200],
        "technical_field": achievement.technical_field,
        "technical_content": achievement.summary,
        "contract_type": contract_type,
        "sub_type": sub_type,
        "is_equity_contribution": mode == "equity",
        "ip_type": records[0].ip_type if records else None,
        "total_amount_cny": achievement.price_cny or Decimal("0.00"),
    }
    seller_role = {"development": "developer", "licence": "licensor", "service": "consultant"}.get(
        contract_type, "assignor"
    )
    buyer_role = {"development": "co_developer", "licence": "licensee", "service": "commissioner"}.get(
        contract_type, "assignee"
    )
    parties = [
        {"side": "seller", "party_role": seller_role, "organisation": seller_user.organisation, "name": ""},
        {"side": "buyer", "party_role": buyer_role, "organisation": buyer_organisation, "name": ""},
    ]
    ip_records = [
        {
            "ip_type": r.ip_type,
            "number": r.number,
            "holder": r.holder,
            "status": "expired" if r.status == "expired" else ("pending" if r.status == "pending" else "granted"),
            "expires_on": r.expires_on,
        }
        for r in records
        if r.status != "na"
    ]
    return contract_create_draft(
        user=seller_user, data=data, parties=parties, ip_records=ip_records, achievements=[achievement]
    )


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
        certificate_issue(contract=contract, kind=Certificate.Kind.REGISTERED, decision=decision, user=registrar)
    _log(
        contract,
        action="register_historical",
        actor=registrar,
        from_status=Status.DRAFT,
        details={"registration_number": contract.registration_number, "rule_set_key": rules.key},
    )
    return contract


# --- Working-day calendar (bureau staff) ---------------------------------------------------------------


@transaction.atomic
def calendar_day_set(*, user: User, day: date, is_working_day: bool, name: str = "") -> CalendarDay:
    """Record that ``day`` is (not) a working day, overriding the package seed and Monday–Friday.

    Deadlines already computed are not moved: a case's deadline is fixed when its clock starts.
    """
    permissions.require_staff(user)
    entry, _created = CalendarDay.objects.update_or_create(
        date=day,
        defaults={
            "is_working_day": is_working_day,
            "name": name,
            "source": CalendarDay.Source.STAFF,
            "updated_by": user,
        },
    )
    return entry


@transaction.atomic
def calendar_day_clear(*, user: User, day: date) -> None:
    """Remove an exception so the day follows the Monday–Friday rule again."""
    permissions.require_staff(user)
    deleted, _details = CalendarDay.objects.filter(date=day).delete()
    if not deleted:
        raise NotFoundError(_("%(d)s 没有节假日或调休记录。") % {"d": day.isoformat()})


@transaction.atomic
def registry_assign_registrar(*, registry: Registry, registrar: User) -> None:
    """Let a registrar work this registry's queue (demo data and set-up scripts use this)."""
    if not registrar.is_registrar:
        raise DomainError(_("只有登记员角色的用户可以加入登记机构。"))
    registry.registrars.add(registrar)
