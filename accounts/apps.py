from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("用户与机构")

    def ready(self) -> None:
        from . import signals

        # Wired here (not with @receiver) so the handler can be tied to one sender: the CMS groups are
        # built once per migrate, after the marketplace app's tables exist.
        post_migrate.connect(signals.cms_groups_after_migrate, dispatch_uid="accounts.cms_groups_after_migrate")
