"""Who may see and do what around events. Pages, the API and services all ask here.

The public sees published events; an approved enterprise or institution signs up with its own needs or
achievements and sees only its own sign-ups, meetings and schedule; bureau staff run the event (approve
sign-ups, propose meetings, build the schedule) and read the figures.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from common.errors import NotAllowed


def is_staff(user) -> bool:
    return bool(user.is_authenticated and user.is_bureau_staff)


def is_party_user(user) -> bool:
    """A member of an approved enterprise or an editor of an approved institution."""
    return bool(
        user.is_authenticated
        and (user.is_enterprise_member or user.is_institution_editor)
        and user.organisation_id is not None
        and user.organisation.is_approved
    )


def require_staff(user) -> None:
    if not is_staff(user):
        raise NotAllowed(_("只有科技局工作人员可以执行此操作。"))


def require_party(user) -> None:
    if not is_party_user(user):
        raise NotAllowed(_("只有已认证的企业或机构可以报名参加活动。"))


def owns_signup(user, signup) -> bool:
    return is_party_user(user) and user.organisation_id == signup.organisation_id


def can_see_signup(user, signup) -> bool:
    return owns_signup(user, signup) or is_staff(user)


def meeting_side(user, meeting) -> str | None:
    """'enterprise' or 'institution' when the user's organisation is that side of the meeting, else None."""
    if not is_party_user(user):
        return None
    if user.organisation_id == meeting.enterprise_signup.organisation_id:
        return "enterprise"
    if user.organisation_id == meeting.institution_signup.organisation_id:
        return "institution"
    return None


def can_see_meeting(user, meeting) -> bool:
    return meeting_side(user, meeting) is not None or is_staff(user)


def require_meeting_side(user, meeting) -> str:
    side = meeting_side(user, meeting)
    if side is None:
        raise NotAllowed(_("只有洽谈双方可以执行此操作。"))
    return side
