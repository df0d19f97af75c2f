"""Signal handlers that keep the CMS groups in step with roles; each only calls accounts.cms."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from . import cms
from .models import User


def cms_groups_after_migrate(sender, app_config=None, using="default", **kwargs) -> None:
    # post_migrate is sent once per app; the groups need the marketplace's page tree, so run for that one.
    if getattr(app_config, "label", None) != "marketplace":
        return
    cms.cms_groups_ensure()


@receiver(post_save, sender=User, dispatch_uid="accounts.user_groups_follow_role")
def user_groups_follow_role(sender, instance: User, raw: bool = False, update_fields=None, **kwargs) -> None:
    if raw:
        return
    # A login only touches last_login; only a change that can affect the role is worth a sync.
    if update_fields is not None and not ({"role", "organisation", "organisation_id"} & set(update_fields)):
        return
    cms.user_groups_sync(user=instance)
