"""Milestones of an awarded challenge: the winner reports, the issuer (or bureau) accepts or sends back."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from common import clock
from common.errors import DomainError, NotAllowed

from .. import permissions
from ..models import (
    Milestone,
    MilestoneEvent,
)
from ._base import MS, _require_status

# --- Milestones ---------------------------------------------------------------------------------------


def _milestone_event(milestone: Milestone, action: str, actor, reason: str = "") -> None:
    MilestoneEvent.objects.create(milestone=milestone, action=action, actor=actor, reason=reason, at=clock.now())


@transaction.atomic
def milestone_report(*, user: User, milestone: Milestone, report: str, evidence: str) -> Milestone:
    locked = Milestone.objects.select_for_update().select_related("award__application").get(pk=milestone.pk)
    if not permissions.is_applicant_editor(user, locked.award.application.lead_id):
        raise NotAllowed(_("只有揭榜单位可以报告节点完成情况。"))
    _require_status(locked, (MS.PENDING, MS.REJECTED), _("报告"))
    if not (report or "").strip() or not (evidence or "").strip():
        raise DomainError(
            _("请填写完成情况并提供佐证材料。"),
            field_errors={
                k: [_("必填。")] for k, v in (("report", report), ("evidence", evidence)) if not (v or "").strip()
            },
        )
    locked.report = report
    locked.evidence = evidence
    locked.status = MS.REPORTED
    locked.reported_at = clock.now()
    locked.enterprise_accepted_at = locked.bureau_accepted_at = None
    locked.enterprise_accepted_by = locked.bureau_accepted_by = None
    locked.rejection_reason = ""
    locked.save()
    _milestone_event(locked, "report", user)
    return locked


@transaction.atomic
def milestone_decide(*, user: User, milestone: Milestone, accept: bool, reason: str = "") -> Milestone:
    """The co-funding enterprise and the bureau each accept or reject a reported milestone (with reasons).

    Accepted by both (by the bureau alone when nobody co-funds), the milestone's payment is released on record.
    """
    locked = Milestone.objects.select_for_update().select_related("award__challenge").get(pk=milestone.pk)
    challenge = locked.award.challenge
    funder_ids = set(challenge.co_funders.values_list("pk", flat=True))
    as_bureau = permissions.is_staff(user)
    as_enterprise = bool(user.is_authenticated and user.is_enterprise_member and user.organisation_id in funder_ids)
    if not (as_bureau or as_enterprise):
        raise NotAllowed(_("只有出资企业和科技局可以验收攻关节点。"))
    _require_status(locked, (MS.REPORTED,), _("验收"))
    now = clock.now()
    if not accept:
        if not (reason or "").strip():
            raise DomainError(_("请填写不予验收的理由。"), field_errors={"reason": [_("请填写理由。")]})
        locked.status = MS.REJECTED
        locked.rejection_reason = reason
        locked.save()
        _milestone_event(locked, "reject", user, reason)
        return locked
    if as_enterprise:
        locked.enterprise_accepted_at, locked.enterprise_accepted_by = now, user
    else:
        locked.bureau_accepted_at, locked.bureau_accepted_by = now, user
    enterprise_done = locked.enterprise_accepted_at is not None or not funder_ids
    if enterprise_done and locked.bureau_accepted_at is not None:
        locked.status = MS.ACCEPTED
        locked.payment_released_at = now
    locked.save()
    _milestone_event(locked, "accept", user, reason)
    return locked
