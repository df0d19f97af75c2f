"""Shared pieces of the registry's write side: field lists, locking, the audit log, child rows,
declared and effective amounts, the clock. Every workflow module builds on these."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation
from common.errors import Conflict, DomainError
from taxonomy.models import EntityType, IPType, TechnicalField

from ..amounts import deduction_rows, money, price_not_itemised, registered_total, technology_amount
from ..models import (
    AmountCorrection,
    ContractIPRecord,
    ContractParty,
    Deduction,
    Registry,
    TechnologyContract,
    TransitionLog,
)
from ..precheck import Finding, applicable_ruleset, blocking
from ..rules import RuleSet, ruleset
from ..statistics.facts import contract_facts_write
from ..working_days import add_calendar_days, add_working_days

Status = TechnologyContract.Status


DRAFT_FIELDS = (
    "project_name",
    "contract_number",
    "contract_part",
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
    """The audit row of a transition. Every transition passes here after saving the contract, so this is
    also where the contract's statistics facts are written, in the same transaction as the change."""
    contract_facts_write([contract.pk])
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
    """技术交易额 derived from 成交额 and the deductions; effective amounts follow until corrected.

    Undetermined (0.00, and the pre-check asks for 补正) while a mixed contract has no separable
    technical amount or the price bundles non-technical costs without itemising them: 成交额 is never
    taken as 技术交易额 then.
    """
    contract.total_amount_cny = money(contract.total_amount_cny or 0, field="total_amount_cny")
    deductions = list(contract.deductions.all())
    rules = ruleset(contract.rule_set_key) if contract.rule_set_key else applicable_ruleset(contract)
    if (contract.is_mixed and contract.separable_technical_amount_cny is None) or price_not_itemised(
        price_terms=contract.price_terms, deductions=deductions, bundled_phrases=rules.bundled_price_phrases
    ):
        tech = Decimal("0.00")
    else:
        tech = technology_amount(
            total_amount_cny=contract.total_amount_cny,
            deductions=deduction_rows(deductions),
            is_mixed=contract.is_mixed,
            separable_technical_amount_cny=contract.separable_technical_amount_cny,
        )
    contract.technology_amount_cny = tech
    _refresh_effective_amounts(contract)


def _refresh_effective_amounts(contract: TechnologyContract) -> None:
    """The effective amounts: the latest correction of each, else the declared value (for 成交额 the
    registered total, which for a mixed contract is its technical part's price). The one place they are
    derived; the statistics facts are written from the saved row in the same transaction."""
    total = registered_total(
        total_amount_cny=contract.total_amount_cny,
        is_mixed=contract.is_mixed,
        separable_technical_amount_cny=contract.separable_technical_amount_cny,
    )
    tech = contract.technology_amount_cny
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
