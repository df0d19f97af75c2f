"""Applications to a challenge: window and eligibility checks, create, edit, submit, withdraw."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from common import clock
from common.errors import Conflict, DomainError, NotAllowed
from marketplace.models import AchievementPage

from .. import permissions
from ..models import (
    Application,
    ApplicationMilestone,
    Challenge,
)
from ..selectors import home_province_code
from ._base import APPLICATION_FIELDS, AS, CS, _full_clean, _require_status, _set
from .lifecycle import _only

# --- Applications -------------------------------------------------------------------------------------


def _require_window(challenge: Challenge, action: str) -> None:
    now = clock.now()
    if challenge.status != CS.OPEN or now < challenge.opens_at:
        raise Conflict(_("榜单未在申报期内,不能%(a)s。") % {"a": action}, code="not_open")
    if now >= challenge.closes_at:
        raise Conflict(
            _("申报已于 %(t)s 截止,不能%(a)s。")
            % {"t": timezone.localtime(challenge.closes_at).strftime("%Y-%m-%d %H:%M"), "a": action},
            code="deadline_passed",
        )


def _check_eligibility(challenge: Challenge, organisation: Organisation) -> None:
    if not organisation.is_institution or not organisation.is_approved:
        raise NotAllowed(_("只有已认证的高校、科研院所和新型研发机构可以揭榜。"))
    kinds = challenge.institution_kinds or []
    if kinds and organisation.kind not in kinds:
        raise NotAllowed(_("本榜单不接受“%(k)s”类机构申报。") % {"k": organisation.get_kind_display()})
    if challenge.scope != Challenge.Scope.ANY:
        in_province = bool(organisation.region_id) and organisation.region.province_code == home_province_code()
        if organisation.country_code != "156":
            in_province = False
        if challenge.scope == Challenge.Scope.IN_PROVINCE and not in_province:
            raise NotAllowed(_("本榜单仅限省内单位申报。"))
        if challenge.scope == Challenge.Scope.OUT_OF_PROVINCE and in_province:
            raise NotAllowed(_("本榜单仅限省外单位申报。"))


def _replace_application_children(
    application: Application, *, partners=None, milestones=None, track_record=None
) -> None:
    if partners is not None:
        partners = list(partners)
        if any(p.pk == application.lead_id for p in partners):
            raise DomainError(
                _("牵头单位不能同时作为联合单位。"), field_errors={"partners": [_("请勿重复选择牵头单位。")]}
            )
        application.partners.set(partners)
    if milestones is not None:
        application.milestones.all().delete()
        for index, row in enumerate(milestones):
            milestone = ApplicationMilestone(
                application=application, sort_order=index, **_only(row, ("title", "indicator", "due_on", "payment_cny"))
            )
            _full_clean(milestone, exclude=["application"], prefix=f"milestones[{index}].")
            milestone.save()
    if track_record is not None:
        pages = list(track_record)
        for page in pages:
            if page.institution_organisation_id not in {
                application.lead_id,
                *application.partners.values_list("pk", flat=True),
            }:
                raise DomainError(
                    _("“%(t)s”不是申报单位的成果。") % {"t": page.title},
                    field_errors={"track_record": [_("只能列出申报单位在平台发布的成果。")]},
                )
        application.track_record.set(pages)


@transaction.atomic
def application_create(
    *,
    user: User,
    challenge: Challenge,
    data: dict[str, Any],
    partners: list[Organisation] | None = None,
    milestones: list[dict] | None = None,
    track_record: list[AchievementPage] | None = None,
) -> Application:
    """A draft application by the user's institution; one per institution per challenge."""
    if not (user.is_authenticated and user.is_institution_editor):
        raise NotAllowed(_("只有科研机构的编辑可以揭榜申报。"))
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    _require_window(challenge, _("申报"))
    organisation = user.organisation
    _check_eligibility(challenge, organisation)
    if Application.objects.filter(challenge=challenge, lead=organisation).exists():
        raise Conflict(_("贵单位已有本榜单的申报,请修改原申报。"), code="duplicate")
    application = Application(challenge=challenge, lead=organisation, created_by=user)
    _set(application, data, APPLICATION_FIELDS)
    _full_clean(application, exclude=["created_by", "challenge", "lead"])
    application.save()
    _replace_application_children(application, partners=partners, milestones=milestones, track_record=track_record)
    return application


@transaction.atomic
def application_update(
    *,
    user: User,
    application: Application,
    data: dict[str, Any] | None = None,
    partners: list[Organisation] | None = None,
    milestones: list[dict] | None = None,
    track_record: list[AchievementPage] | None = None,
) -> Application:
    permissions.require_applicant(user, application)
    locked = Application.objects.select_for_update().get(pk=application.pk)
    _require_status(locked, (AS.DRAFT, AS.WITHDRAWN), _("修改"))
    _require_window(locked.challenge, _("修改申报"))
    _set(locked, data or {}, APPLICATION_FIELDS)
    _full_clean(locked, exclude=["created_by", "challenge", "lead"])
    locked.status = AS.DRAFT
    locked.save()
    _replace_application_children(locked, partners=partners, milestones=milestones, track_record=track_record)
    return locked


@transaction.atomic
def application_submit(*, user: User, application: Application) -> Application:
    permissions.require_applicant(user, application)
    locked = Application.objects.select_for_update().get(pk=application.pk)
    _require_status(locked, (AS.DRAFT, AS.WITHDRAWN), _("提交"))
    challenge = locked.challenge
    _require_window(challenge, _("提交申报"))
    _check_eligibility(challenge, locked.lead)
    errors: dict[str, list[str]] = {}
    if not locked.technical_route.strip():
        errors["technical_route"] = [_("请填写技术路线。")]
    if not locked.team_lead.strip():
        errors["team_lead"] = [_("请填写挂帅人。")]
    if not (locked.declares_no_conflict and locked.declares_originality):
        errors["declarations"] = [_("请确认无利益冲突声明和原创性声明。")]
    milestones = list(locked.milestones.all())
    if not milestones:
        errors["milestones"] = [_("请至少填写一个攻关节点。")]
    else:
        total = sum((m.payment_cny for m in milestones), Decimal("0"))
        if total != challenge.reward_cny:
            errors["milestones"] = [
                _("各节点拨付合计 %(t)s 元,须等于悬赏金额 %(r)s 元。") % {"t": total, "r": challenge.reward_cny}
            ]
        last_day = timezone.localdate(challenge.closes_at) + timedelta(days=365 * challenge.term_years + 1)
        if any(m.due_on > last_day for m in milestones):
            errors.setdefault("milestones", []).append(_("节点日期超出支持期限。"))
    if errors:
        raise DomainError(_("申报内容不完整:%(m)s") % {"m": next(iter(errors.values()))[0]}, field_errors=errors)
    locked.status = AS.SUBMITTED
    locked.submitted_at = clock.now()
    locked.save(update_fields=["status", "submitted_at", "updated_at"])
    return locked


@transaction.atomic
def application_withdraw(*, user: User, application: Application) -> Application:
    permissions.require_applicant(user, application)
    locked = Application.objects.select_for_update().get(pk=application.pk)
    _require_status(locked, (AS.SUBMITTED, AS.DRAFT), _("撤回"))
    _require_window(locked.challenge, _("撤回"))
    locked.status = AS.WITHDRAWN
    locked.save(update_fields=["status", "updated_at"])
    return locked
