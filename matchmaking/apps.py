"""The matchmaking app: events (对接会, 路演, 大赛, 招商会), sign-ups, pre-arranged meetings and their outcomes."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "matchmaking"
    verbose_name = _("对接活动")

    def ready(self) -> None:
        # load_demo's event step: the marketplace announces its demo by signal. Registration, dealflow and challenges
        # come earlier in INSTALLED_APPS, so their demo data (contracts, deals) exists when the events are added.
        from marketplace import events
        from search.extensions import register_result_provider

        from . import demo, index_cache
        from .search_results import event_results

        events.demo_loaded.connect(demo.on_demo_loaded, dispatch_uid="matchmaking_demo_loaded")
        events.demo_resetting.connect(demo.on_demo_resetting, dispatch_uid="matchmaking_demo_resetting")
        # Published events appear on the public search page as their own section; the index page it links to is
        # cached until a page is published, unpublished, moved or restricted.
        register_result_provider("matchmaking.events", event_results)
        index_cache.connect()
