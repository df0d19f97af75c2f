"""Read-side of the search app: who may see which match list, and a user's notifications.

Who may see what is marketplace's rule (``marketplace.permissions``): this module only asks it.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from common.errors import NotAllowed, NotFoundError
from marketplace import permissions
from marketplace.models import AchievementPage, TechnologyNeed

from .models import MatchNotification


def need_for_matches(*, user, need_id: int) -> TechnologyNeed:
    """The need whose matches this user may see: its enterprise's members, or bureau staff."""
    need = (
        TechnologyNeed.objects.select_related(
            "enterprise__region", "technical_field", "industry_chain", "region", "cooperation_mode"
        )
        .filter(pk=need_id)
        .first()
    )
    if need is None:
        raise NotFoundError(_("技术需求不存在。"))
    if not user.is_authenticated:
        raise NotAllowed(_("请先登录。"))
    if permissions.can_see_need_matches(user, need):
        return need
    raise NotAllowed(_("只有需求所属企业和科技局工作人员可以查看匹配结果。"))


def achievement_for_matches(*, user, page_id: int) -> AchievementPage:
    """The live achievement whose matching needs this user may see: its institution's editors, or bureau staff."""
    page = (
        AchievementPage.objects.live()
        .select_related("technical_field", "institution_organisation__region")
        .filter(pk=page_id)
        .first()
    )
    if page is None:
        raise NotFoundError(_("科技成果不存在或尚未发布。"))
    if not user.is_authenticated:
        raise NotAllowed(_("请先登录。"))
    if permissions.can_see_achievement_matches(user, page):
        return page
    raise NotAllowed(_("只有成果所属机构的编辑和科技局工作人员可以查看匹配结果。"))


def notifications_for(*, user):
    if not user.is_authenticated or not user.is_enterprise_member:
        raise NotAllowed(_("只有企业用户可以查看需求匹配提醒。"))
    return (
        MatchNotification.objects.filter(need__enterprise_id=user.organisation_id)
        .select_related("need", "achievement")
        .order_by("-created_at")
    )


def dead_letters():
    """Outbox rows the engine kept rejecting, newest first (bureau staff retry or discard them)."""
    from .models import SearchOutbox

    return SearchOutbox.objects.dead().order_by("-dead_at", "-pk")
