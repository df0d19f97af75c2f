"""Who may see and do what in the challenges app. Services call these; views and the API too."""

from __future__ import annotations

from django.utils.translation import gettext as _

from common.errors import NotAllowed, NotFoundError

from .models import Application, Challenge, ExpertProfile


def is_staff(user) -> bool:
    return bool(user.is_authenticated and user.is_bureau_staff)


def require_staff(user) -> None:
    if not is_staff(user):
        raise NotAllowed(_("只有科技局工作人员可以执行此操作。"))


def can_view_challenge(user, challenge: Challenge) -> bool:
    return challenge.status != Challenge.Status.DRAFT or is_staff(user)


def require_view_challenge(user, challenge: Challenge) -> None:
    if not can_view_challenge(user, challenge):
        raise NotFoundError(_("未找到该榜单。"))


def is_applicant_editor(user, organisation_id: int) -> bool:
    return bool(user.is_authenticated and user.is_institution_editor and user.organisation_id == organisation_id)


def is_on_panel(user, challenge: Challenge) -> bool:
    return bool(user.is_authenticated and user.is_expert and challenge.panel.filter(expert=user).exists())


def conflicted_organisation_ids(expert) -> set[int]:
    """Organisations an expert must not judge: their own and every tie they declared."""
    ids = {expert.organisation_id} if expert.organisation_id else set()
    profile = ExpertProfile.objects.filter(user=expert).first()
    if profile is not None:
        ids |= set(profile.conflicts.values_list("pk", flat=True))
    return ids


def has_conflict(expert, application: Application) -> bool:
    return bool(conflicted_organisation_ids(expert) & application.organisation_ids())


def can_view_application(user, application: Application) -> bool:
    if not user.is_authenticated:
        return False
    if is_staff(user):
        return True
    if is_applicant_editor(user, application.lead_id):
        return True
    if application.status == Application.Status.DRAFT:
        return False
    return is_on_panel(user, application.challenge) and not has_conflict(user, application)


def require_view_application(user, application: Application) -> None:
    # Someone else's application does not exist for you: 404, never a hint that it is there.
    if not can_view_application(user, application):
        raise NotFoundError(_("未找到该申报。"))


def require_applicant(user, application: Application) -> None:
    if not is_applicant_editor(user, application.lead_id):
        raise NotFoundError(_("未找到该申报。"))
