"""The competitions app: innovation competitions (大赛) held as matchmaking events, with entries, judging and awards."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetitionsConfig(AppConfig):
    name = "competitions"
    verbose_name = _("创新创业大赛")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # load_demo's competition step: after matchmaking's (INSTALLED_APPS order), so its graphene event exists.
        from marketplace import events
        from matchmaking.signals import event_page_shown

        from . import demo, receivers

        event_page_shown.connect(receivers.on_event_page_shown, dispatch_uid="competitions_event_page_shown")
        events.demo_loaded.connect(demo.on_demo_loaded, dispatch_uid="competitions_demo_loaded")
        events.demo_resetting.connect(demo.on_demo_resetting, dispatch_uid="competitions_demo_resetting")
