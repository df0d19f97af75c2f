from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "marketplace"
    verbose_name = _("成果市场")

    def ready(self) -> None:
        from accounts.models import User

        from . import events, signals

        events.connect_relays()

        # The CMS groups and workflow need the marketplace's page tree: build them once per migrate, after
        # this app's tables exist (post_migrate is sent once per app; sender=self picks ours).
        post_migrate.connect(signals.cms_groups_after_migrate, sender=self, dispatch_uid="marketplace.cms_groups")
        # Roles live in accounts; the CMS groups derived from them live here, so we listen to accounts' users.
        post_save.connect(signals.user_groups_follow_role, sender=User, dispatch_uid="marketplace.user_groups")
