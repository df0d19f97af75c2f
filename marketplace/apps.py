from django.apps import AppConfig
from django.core.signals import request_started
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "marketplace"
    verbose_name = _("成果市场")

    def ready(self) -> None:
        from accounts.models import Organisation, User
        from common import i18n
        from taxonomy.models import IndustryChainNode, IPType, Region, TechnicalField, TransferMode

        from . import events, filters, signals
        from .models import AchievementPage, TechnologyNeed

        events.connect_relays(achievement_page=AchievementPage, need=TechnologyNeed)

        # Every page's untranslated zh-hans msgids walked ~30 catalogues; one flat catalogue per language
        # (common/i18n.py). Not app-specific: here because common has no AppConfig and the listing needed it.
        request_started.connect(i18n.flatten_site_languages, dispatch_uid="common.i18n.flatten")

        # The CMS groups and workflow need the marketplace's page tree: build them once per migrate, after
        # this app's tables exist (post_migrate is sent once per app; sender=self picks ours).
        post_migrate.connect(signals.cms_groups_after_migrate, sender=self, dispatch_uid="marketplace.cms_groups")
        # Roles live in accounts; the CMS groups derived from them live here, so we listen to accounts' users.
        post_save.connect(signals.user_groups_follow_role, sender=User, dispatch_uid="marketplace.user_groups")
        # The listing filters' select lists are cached (filters.py); a written term or organisation drops them.
        for model in (TechnicalField, IndustryChainNode, IPType, TransferMode, Region, Organisation):
            for signal in (post_save, post_delete):
                signal.connect(
                    filters.filter_choices_forget,
                    sender=model,
                    dispatch_uid=f"marketplace.filter_choices.{signal is post_save}.{model.__name__}",
                )
