"""Wagtail page signals for the marketplace (search sync hooks are wired by the search app)."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import InstitutionPage


@receiver(post_save, sender=InstitutionPage, dispatch_uid="marketplace.institution_group")
def institution_group_follows_page(sender, instance: InstitutionPage, raw: bool = False, **kwargs) -> None:
    """Each institution page gets (or keeps) its editors' group with rights on that page only."""
    if raw:
        return
    from accounts.cms import institution_group_sync

    institution_group_sync(page=instance)
