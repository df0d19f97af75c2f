"""Survey campaigns: opening one, inviting enterprises, tagging their needs, closing it."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from common import clock
from common.errors import Conflict, DomainError, NotAllowed
from marketplace.models import TechnologyNeed
from taxonomy.models import IndustryChainNode

from .. import permissions
from ..models import (
    CampaignNeed,
    SurveyCampaign,
    SurveyInvitation,
)
from ._base import _full_clean, _require_status

# --- Survey campaigns ---------------------------------------------------------------------------------


@transaction.atomic
def campaign_open(
    *, user: User, chain: IndustryChainNode, title: str, tag: str, opens_on: date, closes_on: date, description=""
) -> SurveyCampaign:
    permissions.require_staff(user)
    if chain.level != IndustryChainNode.Level.CHAIN:
        raise DomainError(_("需求大调研须选择一条产业链(顶层节点)。"), field_errors={"chain": [_("请选择产业链。")]})
    if closes_on < opens_on:
        raise DomainError(
            _("截止日期不能早于开始日期。"), field_errors={"closes_on": [_("截止日期不能早于开始日期。")]}
        )
    if SurveyCampaign.objects.filter(tag=tag).exists():
        raise DomainError(_("调研标签已被使用。"), field_errors={"tag": [_("调研标签已被使用。")]})
    campaign = SurveyCampaign(
        chain=chain,
        title=title,
        tag=tag,
        opens_on=opens_on,
        closes_on=closes_on,
        description=description,
        created_by=user,
    )
    _full_clean(campaign, exclude=["created_by"])
    campaign.save()
    return campaign


@transaction.atomic
def campaign_invite(*, user: User, campaign: SurveyCampaign, enterprises: list[Organisation]) -> int:
    permissions.require_staff(user)
    campaign = SurveyCampaign.objects.get(pk=campaign.pk)
    if campaign.status != SurveyCampaign.Status.OPEN:
        raise Conflict(_("调研已结束,不能再邀请企业。"))
    added = 0
    for enterprise in enterprises:
        if not enterprise.is_enterprise:
            raise DomainError(_("“%(n)s”不是企业,只能邀请企业参加需求调研。") % {"n": enterprise.name})
        _row, created = SurveyInvitation.objects.get_or_create(campaign=campaign, enterprise=enterprise)
        added += int(created)
    return added


@transaction.atomic
def campaign_tag_need(*, user: User, campaign: SurveyCampaign, need: TechnologyNeed) -> CampaignNeed:
    """An invited enterprise answers the survey with one of its needs; the need carries the campaign's tag."""
    if not (permissions.is_staff(user) or (user.is_enterprise_member and user.organisation_id == need.enterprise_id)):
        raise NotAllowed(_("只能为本企业的需求参加调研。"))
    campaign = SurveyCampaign.objects.select_related("chain").get(pk=campaign.pk)  # never trust a stale copy
    if campaign.status != SurveyCampaign.Status.OPEN or not (campaign.opens_on <= clock.today() <= campaign.closes_on):
        raise Conflict(_("调研不在进行期间。"))
    invitation = SurveyInvitation.objects.select_for_update().filter(
        campaign=campaign, enterprise_id=need.enterprise_id
    )
    invitation = invitation.first()
    if invitation is None:
        raise NotAllowed(_("贵企业未受邀参加本次调研。"))
    if need.industry_chain_id and not need.industry_chain.code.startswith(campaign.chain.code):
        raise DomainError(_("需求的产业链与调研不符。"), field_errors={"need": [_("需求的产业链与调研不符。")]})
    tagged, _created = CampaignNeed.objects.update_or_create(need=need, defaults={"campaign": campaign})
    if invitation.responded_at is None:
        invitation.responded_at = clock.now()
        invitation.save(update_fields=["responded_at"])
    return tagged


@transaction.atomic
def campaign_close(*, user: User, campaign: SurveyCampaign) -> SurveyCampaign:
    permissions.require_staff(user)
    campaign = SurveyCampaign.objects.select_for_update().get(pk=campaign.pk)
    _require_status(campaign, (SurveyCampaign.Status.OPEN,), _("结束调研"))
    campaign.status = SurveyCampaign.Status.CLOSED
    campaign.save(update_fields=["status"])
    return campaign
