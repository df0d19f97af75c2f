from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "registration"
    verbose_name = _("技术合同登记")

    def ready(self) -> None:
        # Connections to other apps and to signals are made here, never at import time: models import no
        # statistics, and marketplace (below this app) never imports registration.
        from django.db.models.signals import m2m_changed, pre_delete

        from .models import ContractStatisticsFacts, TechnologyContract
        from .selectors import home_figures_answer
        from .statistics.cache import achievement_links_changed
        from .statistics.facts import facts_deleted

        # A facts row deleted anywhere (with its contract too) takes its share out of the running totals,
        # and so does a deleted achievement page (its contract links go with it, without m2m_changed).
        pre_delete.connect(facts_deleted, sender=ContractStatisticsFacts, dispatch_uid="registration.facts_deleted")
        from marketplace.models import AchievementPage

        from .statistics.cache import achievement_deleted

        pre_delete.connect(achievement_deleted, sender=AchievementPage, dispatch_uid="registration.achievement_deleted")

        m2m_changed.connect(
            achievement_links_changed,
            sender=TechnologyContract.achievements.through,
            dispatch_uid="registration.achievement_links_changed",
        )

        # load_demo's contract step: the marketplace announces its demo by signal and never imports us.
        from marketplace import events

        from . import demo

        events.demo_loaded.connect(demo.on_demo_loaded, dispatch_uid="registration_demo_loaded")
        events.demo_resetting.connect(demo.on_demo_resetting, dispatch_uid="registration_demo_resetting")
        # The home page's registered-contract figures (marketplace shows a placeholder without them).
        events.home_figures_requested.connect(home_figures_answer, dispatch_uid="registration_home_figures")
