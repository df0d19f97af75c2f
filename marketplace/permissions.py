"""Who may do what in the marketplace. Every check is explicit: role and organisation, never guesswork.

Views, API and services all ask these functions, so the permission matrix is defined once and
tested once (tests/marketplace/test_permission_matrix.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# Rules read the objects they are given and import no models, so the page models can ask them too.
if TYPE_CHECKING:
    from .models import AchievementPage, TechnologyNeed


def _is_authenticated(user) -> bool:
    return bool(user and user.is_authenticated)


# --- needs -------------------------------------------------------------------------------------


def can_create_need(user) -> bool:
    """Enterprise members of an organisation; the organisation may post drafts before approval."""
    return _is_authenticated(user) and user.is_enterprise_member


def can_submit_need(user, need: TechnologyNeed) -> bool:
    """Only an approved enterprise may send a need to review (nothing unapproved is ever published)."""
    return can_edit_need(user, need) and need.enterprise.is_approved


def can_edit_need(user, need: TechnologyNeed) -> bool:
    return _is_authenticated(user) and user.is_enterprise_member and user.organisation_id == need.enterprise_id


def can_close_need(user, need: TechnologyNeed) -> bool:
    return can_edit_need(user, need) or can_review_needs(user)


def can_review_needs(user) -> bool:
    return _is_authenticated(user) and user.is_bureau_staff


def can_oversee_search(user) -> bool:
    """Bureau staff (and superusers) run the search side: the index's dead letters and owners' match judgements."""
    return _is_authenticated(user) and (user.is_bureau_staff or user.is_superuser)


def can_review_classifications(user) -> bool:
    """Field and chain suggestions inferred from listings' text are confirmed or rejected by bureau staff only."""
    return _is_authenticated(user) and user.is_bureau_staff


def can_view_need(user, need: TechnologyNeed) -> bool:
    """The public sees listed needs; the owner and bureau staff see everything of theirs / everything.

    "Listed" is the same rule as ``TechnologyNeed.objects.listed()`` (and so the API): published, public and
    not past its deadline; an expired need stays visible to its owner and to staff."""
    if need.status == need.Status.PUBLISHED and need.visibility == need.Visibility.PUBLIC and not need.is_expired():
        return True
    if not _is_authenticated(user):
        return False
    return can_edit_need(user, need) or user.is_bureau_staff


def can_see_need_matches(user, need: TechnologyNeed) -> bool:
    """Matches are the owner's working material: its enterprise's members, and bureau staff."""
    return can_edit_need(user, need) or can_review_needs(user)


# --- achievements --------------------------------------------------------------------------------


def can_edit_achievement(user, page: AchievementPage) -> bool:
    """Institution editors edit their own institution's achievements; bureau staff edit all."""
    if not _is_authenticated(user):
        return False
    if user.is_bureau_staff:
        return True
    return user.is_institution_editor and page.institution_organisation_id == user.organisation_id


def can_publish_achievement(user) -> bool:
    """Publishing goes through moderation; only bureau staff approve (publish) achievements."""
    return _is_authenticated(user) and user.is_bureau_staff


def can_see_achievement_matches(user, page: AchievementPage) -> bool:
    """Needs matching an achievement: its institution's editors, and bureau staff (who may edit it)."""
    return can_edit_achievement(user, page)


def can_view_achievement(user, page: AchievementPage) -> bool:
    if page.live and not page.is_expired():
        return True
    return can_edit_achievement(user, page)
