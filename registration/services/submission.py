"""Submission (受理), resubmission after 补正 and withdrawal: the seller's transitions that start or stop the clock."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext

from accounts.models import User

from .. import permissions
from ..models import (
    TechnologyContract,
)
from ..precheck import Finding, blocking, precheck
from ..rules import ruleset, ruleset_for_date
from . import _base
from ._base import (
    PrecheckFailed,
    Status,
    _lock,
    _log,
    _require_status,
    _start_clock,
)


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
    now = _base._now()
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
    now = _base._now()
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
