"""Read-side of the search app: who may see which match list, and a user's notifications."""

from __future__ import annotations

from django.utils.translation import gettext as _

from common.errors import NotAllowed, NotFoundError

from .models import MatchNotification


def need_for_matches(*, user, need_id: int):
    """The need whose matches this user may see: its enterprise's members, or bureau staff."""
    from marketplace.models import TechnologyNeed

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
    if user.is_bureau_staff or (user.is_enterprise_member and user.organisation_id == need.enterprise_id):
        return need
    raise NotAllowed(_("只有需求所属企业和科技局工作人员可以查看匹配结果。"))


def achievement_for_matches(*, user, page_id: int):
    """The live achievement whose matching needs this user may see: its institution's editors, or bureau staff."""
    from marketplace.models import AchievementPage

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
    if user.is_bureau_staff or (
        user.is_institution_editor and user.organisation_id == page.institution_organisation_id
    ):
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
