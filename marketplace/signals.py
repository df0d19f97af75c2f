"""Signal handlers that keep the CMS (groups, page permissions, workflow) in step; each only calls cms.py.

Search sync hooks are wired by the search app.
"""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from . import cms
from .models import InstitutionPage


def cms_groups_after_migrate(sender, **kwargs) -> None:
    cms.cms_groups_ensure()


def user_groups_follow_role(sender, instance, raw: bool = False, update_fields=None, **kwargs) -> None:
    """Whatever changed a user's role (sign-up, staff assigning roles, the admin), their CMS groups follow."""
    if raw:
        return
    # A login only touches last_login; only a change that can affect the role is worth a sync.
    if update_fields is not None and not ({"role", "organisation", "organisation_id"} & set(update_fields)):
        return
    cms.user_groups_sync(user=instance)


@receiver(post_save, sender=InstitutionPage, dispatch_uid="marketplace.institution_group")
def institution_group_follows_page(sender, instance: InstitutionPage, raw: bool = False, **kwargs) -> None:
    """Each institution page gets (or keeps) its editors' group with rights on that page only."""
    if raw:
        return
    cms.institution_group_sync(page=instance)
