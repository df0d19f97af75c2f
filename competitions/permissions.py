"""Who may see and do what in competitions. Staff and expert checks are challenges' (the same roles, one rule)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accounts.models import User
from challenges.permissions import conflicted_organisation_ids, is_staff, require_staff
from common.errors import NotAllowed, NotFoundError

from .models import ConflictDeclaration, Entry, JudgeAssignment

__all__ = ["is_staff", "require_staff"]


def can_enter(user) -> bool:
    """Companies and institutions enter as their organisation; a public user enters as a team's contact."""
    if not user.is_authenticated:
        return False
    return bool(user.is_enterprise_member or user.is_institution_editor or user.role == User.Role.PUBLIC)


def require_can_enter(user) -> None:
    if not can_enter(user):
        raise NotAllowed(_("只有企业、机构用户或团队联系人可以报名参赛。"))


def is_owner(user, entry: Entry) -> bool:
    if not user.is_authenticated:
        return False
    if entry.contact_user_id == user.pk:
        return True
    return bool(
        entry.organisation_id
        and user.organisation_id == entry.organisation_id
        and (user.is_enterprise_member or user.is_institution_editor)
    )


def require_owner(user, entry: Entry) -> None:
    # Someone else's entry does not exist for you: 404, never a hint that it is there.
    if not is_owner(user, entry):
        raise NotFoundError(_("未找到该参赛项目。"))


def is_judge(user) -> bool:
    return bool(user.is_authenticated and user.is_expert)


def conflicted_entry_ids(judge, competition_id: int) -> set[int]:
    """Entries of a competition the judge must abstain on: their own organisation and the organisations on their
    expert profile (as in challenges), plus the entries and organisations they declared for this competition."""
    declared = ConflictDeclaration.objects.filter(judge=judge, competition_id=competition_id)
    organisations = conflicted_organisation_ids(judge) | {
        pk for pk in declared.values_list("organisation_id", flat=True) if pk
    }
    entries = {pk for pk in declared.values_list("entry_id", flat=True) if pk}
    by_organisation = Entry.objects.filter(competition_id=competition_id, organisation_id__in=organisations)
    return entries | set(by_organisation.values_list("pk", flat=True))


def has_conflict(judge, entry: Entry) -> bool:
    return entry.pk in conflicted_entry_ids(judge, entry.competition_id)


def is_assigned(judge, entry: Entry, round_id: int | None = None) -> bool:
    if not is_judge(judge):
        return False
    assignments = JudgeAssignment.objects.filter(judge=judge, entry=entry)
    if round_id is not None:
        assignments = assignments.filter(round_id=round_id)
    return assignments.exists()


def can_view_entry(user, entry: Entry) -> bool:
    if not user.is_authenticated:
        return False
    if is_staff(user) or is_owner(user, entry):
        return True
    return is_assigned(user, entry) and not has_conflict(user, entry)


def require_view_entry(user, entry: Entry) -> None:
    if not can_view_entry(user, entry):
        raise NotFoundError(_("未找到该参赛项目。"))
