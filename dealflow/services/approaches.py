"""Enquiries and solution proposals: sending them, and the seller's or buyer's accept / decline that opens a deal."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from common import clock
from common.errors import Conflict, DomainError, NotAllowed, NotFoundError
from marketplace.models import AchievementPage, TechnologyNeed

from .. import permissions
from ..models import (
    Approach,
    Conversation,
    Deal,
    DeclineReason,
    Enquiry,
    SolutionProposal,
    Timeline,
)
from ._base import (
    Stage,
    _announce_need_deal,
    _chain_code,
    _check_range,
    _clean,
    _funnel_changed,
    _log,
    _money,
    _required_text,
    notify,
)
from .funnel import funnel_count_approach, funnel_count_deal

# --- enquiries and proposals -------------------------------------------------------------------------


@transaction.atomic
def enquiry_send(
    *,
    user: User,
    achievement: AchievementPage,
    purpose: str,
    intended_use: str,
    timeline: str,
    budget_min_cny=None,
    budget_max_cny=None,
    transfer_mode=None,
    need: TechnologyNeed | None = None,
    now=None,
) -> Enquiry:
    """An approved enterprise asks about a listed achievement; the institution is notified."""
    permissions.require_approved_enterprise(user)
    now = now or clock.now()
    if not AchievementPage.objects.listed(on=clock.today()).filter(pk=achievement.pk).exists():
        raise NotFoundError(_("该科技成果不存在或未公开。"))
    if need is not None and need.enterprise_id != user.organisation_id:
        raise NotAllowed(_("只能关联本企业的技术需求。"))
    if achievement.institution_organisation_id is None:
        raise Conflict(_("该成果未关联机构,暂不能咨询。"))
    if Enquiry.objects.filter(
        achievement=achievement, sender_organisation_id=user.organisation_id, status=Approach.Status.SENT
    ).exists():
        raise Conflict(_("贵单位已就该成果发送过意向咨询,请等待对方答复。"))
    low = _money(budget_min_cny, "budget_min_cny")
    high = _money(budget_max_cny, "budget_max_cny")
    _check_range(low, high, "budget_max_cny")
    if timeline not in Timeline.values:
        message = _("请选择时间安排。")
        raise DomainError(message, field_errors={"timeline": [message]})
    enquiry = Enquiry(
        achievement=achievement,
        need=need,
        sender_organisation_id=user.organisation_id,
        sender_user=user,
        recipient_organisation_id=achievement.institution_organisation_id,
        purpose=_required_text(purpose, "purpose", _("拟开展的工作")),
        intended_use=_required_text(intended_use, "intended_use", _("应用场景与规模")),
        timeline=timeline,
        budget_min_cny=low,
        budget_max_cny=high,
        transfer_mode=transfer_mode,
        technical_field_id=achievement.technical_field_id,
        chain_code=_chain_code(achievement),
        created_at=now,
    )
    _funnel_changed()
    _clean(enquiry)
    enquiry.save()
    funnel_count_approach("sent", enquiry, at=now)
    conversation = Conversation.objects.create(
        seller_organisation_id=enquiry.recipient_organisation_id,
        buyer_organisation_id=enquiry.sender_organisation_id,
        enquiry=enquiry,
        subject=achievement.title[:300],
        created_at=now,
        last_message_at=now,
    )
    notify(
        organisation=enquiry.recipient_organisation,
        text=_("%(org)s 就成果“%(title)s”发来意向咨询。") % {"org": user.organisation.name, "title": achievement.title},
        url=f"/deals/conversations/{conversation.pk}/",
        now=now,
    )
    return enquiry


@transaction.atomic
def proposal_send(
    *,
    user: User,
    need: TechnologyNeed,
    approach: str,
    duration: str,
    achievements: list[AchievementPage] | None = None,
    cost_min_cny=None,
    cost_max_cny=None,
    now=None,
) -> SolutionProposal:
    """An institution answers a public need, naming 0..n of its own live achievements."""
    permissions.require_institution_editor(user)
    now = now or clock.now()
    if not TechnologyNeed.objects.listed(on=clock.today()).filter(pk=need.pk).exists():
        raise NotFoundError(_("该技术需求不存在或未公开。"))
    achievements = list(achievements or [])
    for page in achievements:
        if page.institution_organisation_id != user.organisation_id or not page.live:
            raise NotAllowed(_("只能选择本机构已发布的科技成果。"))
    low = _money(cost_min_cny, "cost_min_cny")
    high = _money(cost_max_cny, "cost_max_cny")
    _check_range(low, high, "cost_max_cny")
    proposal = SolutionProposal(
        need=need,
        sender_organisation_id=user.organisation_id,
        sender_user=user,
        recipient_organisation_id=need.enterprise_id,
        approach=_required_text(approach, "approach", _("技术方案")),
        duration=_required_text(duration, "duration", _("所需时间")),
        cost_min_cny=low,
        cost_max_cny=high,
        technical_field_id=need.technical_field_id,
        chain_code=(need.industry_chain.code.split(".")[0] if need.industry_chain_id else ""),
        created_at=now,
    )
    _funnel_changed()
    _clean(proposal)
    proposal.save()
    proposal.achievements.set(achievements)
    funnel_count_approach("sent", proposal, at=now)
    conversation = Conversation.objects.create(
        seller_organisation_id=proposal.sender_organisation_id,
        buyer_organisation_id=proposal.recipient_organisation_id,
        proposal=proposal,
        subject=need.title[:300],
        created_at=now,
        last_message_at=now,
    )
    notify(
        organisation=need.enterprise,
        text=_("%(org)s 针对需求“%(title)s”提交了解决方案。") % {"org": user.organisation.name, "title": need.title},
        url=f"/deals/conversations/{conversation.pk}/",
        now=now,
    )
    return proposal


def _lock_approach(approach):
    return type(approach).objects.select_for_update().get(pk=approach.pk)


@transaction.atomic
def approach_accept(*, user: User, approach: Enquiry | SolutionProposal, now=None) -> Deal:
    """The receiving organisation accepts: the conversation becomes a deal at 意向."""
    now = now or clock.now()
    locked = _lock_approach(approach)
    if not (permissions.is_party_user(user) and user.organisation_id == locked.recipient_organisation_id):
        raise NotAllowed(_("只有接收方可以答复。"))
    if locked.status != Approach.Status.SENT:
        raise Conflict(_("该咨询已答复(%(status)s),不能重复答复。") % {"status": locked.get_status_display()})
    locked.status = Approach.Status.ACCEPTED
    locked.answered_at = now
    locked.answered_by = user
    locked.save()
    funnel_count_approach("answered", locked, at=now)
    conversation = locked.conversation
    if isinstance(locked, Enquiry):
        achievements = [locked.achievement]
        need = locked.need
        transfer_mode = locked.transfer_mode
        title = locked.achievement.title
    else:
        achievements = list(locked.achievements.all())
        need = locked.need
        transfer_mode = need.cooperation_mode
        title = need.title
    deal = Deal.objects.create(
        conversation=conversation,
        seller_organisation_id=conversation.seller_organisation_id,
        buyer_organisation_id=conversation.buyer_organisation_id,
        title=title[:200],
        need=need,
        transfer_mode=transfer_mode,
        technical_field_id=locked.technical_field_id,
        chain_code=locked.chain_code,
        created_at=now,
        stage_changed_at=now,
        last_activity_at=now,
    )
    deal.achievements.set(achievements)
    funnel_count_deal("accepted", deal, at=now)
    _announce_need_deal(deal)
    _log(deal, actor=user, action="accept", from_stage="", to_stage=Stage.INTENT, now=now)
    notify(
        organisation=locked.sender_organisation,
        text=_("对方已接受您关于“%(title)s”的洽谈请求。") % {"title": title},
        url=f"/deals/{deal.pk}/",
        now=now,
    )
    approach.refresh_from_db()
    return deal


@transaction.atomic
def approach_decline(
    *, user: User, approach: Enquiry | SolutionProposal, reason: str, note: str = "", now=None
) -> Enquiry | SolutionProposal:
    """Decline with a reason from the fixed list; the sender sees reason and note, the bureau only the reason."""
    now = now or clock.now()
    locked = _lock_approach(approach)
    if not (permissions.is_party_user(user) and user.organisation_id == locked.recipient_organisation_id):
        raise NotAllowed(_("只有接收方可以答复。"))
    if locked.status != Approach.Status.SENT:
        raise Conflict(_("该咨询已答复(%(status)s),不能重复答复。") % {"status": locked.get_status_display()})
    if reason not in DeclineReason.values:
        message = _("请从列表中选择婉拒原因。")
        raise DomainError(message, field_errors={"reason": [message]})
    if reason == DeclineReason.OTHER and not (note or "").strip():
        message = _("选择“其他”时请说明原因。")
        raise DomainError(message, field_errors={"note": [message]})
    _funnel_changed()
    locked.status = Approach.Status.DECLINED
    locked.decline_reason = reason
    locked.decline_note = (note or "").strip()
    locked.answered_at = now
    locked.answered_by = user
    _clean(locked)
    locked.save()
    funnel_count_approach("answered", locked, at=now)
    notify(
        organisation=locked.sender_organisation,
        text=_("对方婉拒了您的洽谈请求:%(reason)s") % {"reason": DeclineReason(reason).label},
        url=f"/deals/conversations/{locked.conversation.pk}/",
        now=now,
    )
    approach.refresh_from_db()
    return locked


def approach_for(*, kind: str, pk: int):
    model = {"enquiry": Enquiry, "proposal": SolutionProposal}.get(kind)
    if model is None:
        raise NotFoundError(_("不存在。"))
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise NotFoundError(_("不存在。"))
    return found
