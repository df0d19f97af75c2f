"""Price notices (价格公示) for state-funded sellers: whether one is required, the current one, objections and their resolution."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from common import clock
from common.errors import Conflict

from .. import permissions
from ..models import (
    Deal,
    NoticeObjection,
    PriceNotice,
)
from ._base import Stage, _clean, _local_date, _lock, _move, _required_text, is_state_funded, notify


def current_notice(deal: Deal) -> PriceNotice | None:
    return deal.price_notices.filter(withdrawn_at__isnull=True).order_by("-published_at").first()


def notice_required(deal: Deal) -> bool:
    return deal.price_negotiated and is_state_funded(deal.seller_organisation)


@transaction.atomic
def notice_object(*, notice: PriceNotice, name: str, contact: str, grounds: str, now=None) -> NoticeObjection:
    """Anyone may object while the notice runs; bureau staff are told and must resolve it."""
    now = now or clock.now()
    today = _local_date(now)
    if notice.withdrawn_at is not None or not (notice.starts_on <= today <= notice.ends_on):
        raise Conflict(_("该公示不在公示期内,不能提出异议。"))
    objection = NoticeObjection(
        notice=notice,
        name=_required_text(name, "name", _("异议人")),
        contact=_required_text(contact, "contact", _("联系方式")),
        grounds=_required_text(grounds, "grounds", _("异议理由")),
        submitted_at=now,
    )
    _clean(objection, exclude=["notice", "resolved_by"])
    objection.save()
    notify(
        organisation=None,
        for_bureau=True,
        text=_("协议定价公示“%(t)s”收到异议,请处理。") % {"t": notice.achievement_title},
        url=f"/deals/notices/{notice.pk}/",
        now=now,
    )
    return objection


@transaction.atomic
def objection_resolve(
    *, user: User, objection: NoticeObjection, upheld: bool, resolution: str, now=None
) -> NoticeObjection:
    """Bureau staff decide. An upheld objection withdraws the notice and sends the deal back to 条款/定价."""
    permissions.require_bureau(user)
    now = now or clock.now()
    locked = NoticeObjection.objects.select_for_update().get(pk=objection.pk)
    if locked.outcome != NoticeObjection.Outcome.PENDING:
        raise Conflict(_("该异议已处理。"))
    locked.outcome = NoticeObjection.Outcome.UPHELD if upheld else NoticeObjection.Outcome.DISMISSED
    locked.resolution = _required_text(resolution, "resolution", _("处理意见"))
    locked.resolved_by = user
    locked.resolved_at = now
    locked.save()
    notice = locked.notice
    if upheld and notice.withdrawn_at is None:
        notice.withdrawn_at = now
        notice.save(update_fields=["withdrawn_at"])
        deal = _lock(notice.deal)
        if deal.status == Deal.Status.OPEN and deal.stage == Stage.NOTICE:
            _move(deal, actor=user, to_stage=Stage.TERMS, action="objection_upheld", reason=locked.resolution, now=now)
    for org_id in (notice.deal.seller_organisation_id, notice.deal.buyer_organisation_id):
        notify(
            organisation=Organisation.objects.get(pk=org_id),
            text=_("公示异议已处理:%(o)s") % {"o": locked.get_outcome_display()},
            url=f"/deals/{notice.deal_id}/",
            now=now,
        )
    objection.refresh_from_db()
    return locked
