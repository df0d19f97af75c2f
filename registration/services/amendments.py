"""Changes after a decision: amendments (变更登记) and objections (异议) with their re-determination."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts.models import User
from common.errors import Conflict, DomainError, NotAllowed

from .. import permissions
from ..amounts import money, validate_amount_pair
from ..certificates import certificate_request
from ..models import (
    Amendment,
    AmountCorrection,
    Certificate,
    Decision,
    Objection,
    TechnologyContract,
)
from ..rules import ruleset
from . import _base
from ._base import (
    AMENDABLE_FIELDS,
    Status,
    _lock,
    _log,
    _refresh_effective_amounts,
    _require_status,
)
from .decisions import _check_registrable, _do_refuse, _do_register

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
    amendment.decided_at = _base._now()
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
    certificate_request(contract=locked, kind=Certificate.Kind.AMENDED, decision=decision, user=user)
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
        certificate_request(contract=locked, kind=Certificate.Kind.REGISTERED, decision=decision, user=user)
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
        certificate_request(contract=locked, kind=Certificate.Kind.REFUSED, decision=decision, user=user)
        objection.status = Objection.Status.UPHELD
    objection.resolution = resolution
    objection.resolved_by = user
    objection.resolved_at = _base._now()
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
