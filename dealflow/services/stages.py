"""Deal stages: manual transitions, the agreed price, closing a deal as lost, flagging idle deals."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from common import clock
from common.errors import Conflict, DomainError

from .. import permissions
from ..models import (
    NOTICE_MIN_DAYS,
    Deal,
    InstitutionDealSettings,
    LostReason,
    NoticeObjection,
    PriceNotice,
)
from ._base import (
    LOSABLE,
    MANUAL_TRANSITIONS,
    Stage,
    _announce_need_deal,
    _clean,
    _local_date,
    _lock,
    _log,
    _money,
    _move,
    notify,
)
from .funnel import funnel_count_deal
from .notices import current_notice, notice_required


def _guard_signing(locked: Deal, today: date) -> None:
    if locked.agreed_price_cny is None:
        raise Conflict(_("请先约定价格,再进入签约阶段。"))
    if locked.stage == Stage.TERMS and notice_required(locked):
        raise Conflict(_("成果方为国家设立的研究开发机构或高等院校,协议定价须先公示,公示期满后才能签约。"))
    if locked.stage == Stage.NOTICE:
        notice = current_notice(locked)
        if notice is None:
            raise Conflict(_("没有有效的价格公示。"))
        if today <= notice.ends_on:
            raise Conflict(_("公示期至 %(date)s 结束,期满后才能签约。") % {"date": notice.ends_on.isoformat()})
        if notice.objections.filter(outcome=NoticeObjection.Outcome.PENDING).exists():
            raise Conflict(_("公示期内收到的异议尚未处理完毕,处理后才能签约。"))


@transaction.atomic
def deal_transition(*, user: User, deal: Deal, to_stage: str, reason: str = "", now=None) -> Deal:
    """A party moves the deal along the allowed path; anything else is refused and the deal stays put."""
    now = now or clock.now()
    locked = _lock(deal)
    permissions.require_party(user, locked)
    if locked.status != Deal.Status.OPEN:
        raise Conflict(_("该项目已终止,不能变更阶段。"))
    if to_stage not in Stage.values:
        raise DomainError(_("未知的阶段。"), field_errors={"to_stage": [_("未知的阶段。")]})
    if to_stage not in MANUAL_TRANSITIONS[locked.stage]:
        if to_stage == Stage.REGISTERED:
            raise Conflict(_("“登记”由登记机构的认定结果决定,不能手动设置。"))
        if to_stage == Stage.NOTICE:
            raise Conflict(_("请通过“约定价格”发起价格公示。"))
        raise Conflict(
            _("项目当前处于“%(from)s”阶段,不能变更为“%(to)s”。")
            % {"from": Stage(locked.stage).label, "to": Stage(to_stage).label}
        )
    if to_stage == Stage.SIGNING:
        _guard_signing(locked, _local_date(now))
    _move(locked, actor=user, to_stage=to_stage, action="transition", reason=(reason or "").strip(), now=now)
    deal.refresh_from_db()
    return locked


@transaction.atomic
def deal_set_price(
    *,
    user: User,
    deal: Deal,
    price_cny,
    negotiated: bool = True,
    notice_days: int = NOTICE_MIN_DAYS,
    starts_on: date | None = None,
    objection_contact: str = "",
    now=None,
) -> Deal:
    """The seller records the agreed price at 条款/定价. A state-funded seller's negotiated price is published as
    a notice (≥ 15 days) and the deal moves to 价格公示."""
    now = now or clock.now()
    locked = _lock(deal)
    permissions.require_seller(user, locked)
    if locked.status != Deal.Status.OPEN or locked.stage != Stage.TERMS:
        raise Conflict(_("只有处于“条款/定价”阶段的项目可以约定价格。"))
    price = _money(price_cny, "price_cny")
    if price is None or price <= 0:
        message = _("请填写大于 0 的约定价格。")
        raise DomainError(message, field_errors={"price_cny": [message]})
    locked.agreed_price_cny = price
    locked.price_negotiated = bool(negotiated)
    locked.last_activity_at = now
    _clean(locked, exclude=["conversation", "contract", "refusal_decision", "need", "transfer_mode"])
    locked.save()
    _log(
        locked,
        actor=user,
        action="set_price",
        from_stage=locked.stage,
        to_stage=locked.stage,
        reason=_("约定价格 %(p)s 元") % {"p": price},
        now=now,
    )
    if notice_required(locked):
        if notice_days < NOTICE_MIN_DAYS:
            message = _("公示期不得少于 %(n)s 天。") % {"n": NOTICE_MIN_DAYS}
            raise DomainError(message, field_errors={"notice_days": [message]})
        today = _local_date(now)
        starts_on = starts_on or today
        if starts_on < today:
            message = _("公示开始日期不能早于今天。")
            raise DomainError(message, field_errors={"starts_on": [message]})
        contact = (objection_contact or "").strip()
        if not contact:
            row = InstitutionDealSettings.objects.filter(organisation_id=locked.seller_organisation_id).first()
            contact = (row.objection_contact if row else "") or _(
                "书面异议请寄送市科学技术局成果转化科,或发送电子邮件至 %(email)s。"
            ) % {"email": settings.DEFAULT_FROM_EMAIL}
        first = locked.achievements.order_by("pk").first()
        if not PriceNotice.objects.filter(deal=locked).exists():
            funnel_count_deal("notice", locked, at=now)
        PriceNotice.objects.create(
            deal=locked,
            achievement_title=(first.title if first else locked.title)[:300],
            seller_name=locked.seller_organisation.name,
            buyer_name=locked.buyer_organisation.name,
            proposed_price_cny=price,
            transfer_mode_name=locked.transfer_mode.name if locked.transfer_mode_id else "",
            starts_on=starts_on,
            ends_on=starts_on + timedelta(days=notice_days - 1),
            objection_contact=contact[:300],
            published_at=now,
        )
        _move(locked, actor=user, to_stage=Stage.NOTICE, action="notice_publish", reason=_("协议定价公示"), now=now)
    deal.refresh_from_db()
    return locked


@transaction.atomic
def deal_mark_lost(*, user: User, deal: Deal, reason: str, note: str = "", now=None) -> Deal:
    now = now or clock.now()
    locked = _lock(deal)
    permissions.require_party(user, locked)
    if locked.status != Deal.Status.OPEN or locked.stage not in LOSABLE:
        raise Conflict(_("该项目当前不能终止。"))
    if reason not in LostReason.values:
        message = _("请从列表中选择终止原因。")
        raise DomainError(message, field_errors={"reason": [message]})
    if reason == LostReason.OTHER and not (note or "").strip():
        message = _("选择“其他”时请说明原因。")
        raise DomainError(message, field_errors={"note": [message]})
    locked.status = Deal.Status.LOST
    locked.lost_reason = reason
    locked.lost_note = (note or "").strip()
    locked.closed_at = now
    locked.last_activity_at = now
    locked.save()
    _log(
        locked,
        actor=user,
        action="lost",
        from_stage=locked.stage,
        to_stage=locked.stage,
        reason=f"{LostReason(reason).label} {locked.lost_note}".strip(),
        now=now,
    )
    _announce_need_deal(locked)
    deal.refresh_from_db()
    return locked


@transaction.atomic
def deals_flag_idle(*, now=None) -> int:
    """Flag open deals with no activity for 30 days, once, to both parties and the bureau. Returns the count."""
    from ..models import IDLE_DAYS

    now = now or clock.now()
    cutoff = now - timedelta(days=IDLE_DAYS)
    deals = list(
        Deal.objects.select_for_update()
        .filter(status=Deal.Status.OPEN, last_activity_at__lt=cutoff, idle_flagged_at__isnull=True)
        .exclude(stage=Stage.IMPLEMENTATION)
        .select_related("seller_organisation", "buyer_organisation")
    )
    for deal in deals:
        deal.idle_flagged_at = now
        deal.save(update_fields=["idle_flagged_at"])
        text = _("项目“%(t)s”已 %(n)s 天没有进展。") % {"t": deal.title, "n": IDLE_DAYS}
        notify(organisation=deal.seller_organisation, text=text, url=f"/deals/{deal.pk}/", now=now)
        notify(organisation=deal.buyer_organisation, text=text, url=f"/deals/{deal.pk}/", now=now)
    if deals:
        notify(
            organisation=None,
            for_bureau=True,
            text=_("%(n)s 个转化项目超过 %(d)s 天没有进展。") % {"n": len(deals), "d": IDLE_DAYS},
            url="/deals/bureau/",
            now=now,
        )
    return len(deals)


@transaction.atomic
def deals_announce_needs() -> int:
    """Send ``need_deal_changed`` for every deal about a need (listeners store it per deal, so this repairs them)."""
    count = 0
    for deal in Deal.objects.filter(need__isnull=False).only("pk", "need_id", "status").iterator(chunk_size=2000):
        _announce_need_deal(deal)
        count += 1
    return count
