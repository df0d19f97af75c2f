from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("搜索与匹配")

    def ready(self) -> None:
        # The marketplace announces each change once (marketplace/events.py); every announcement becomes one
        # outbox row in the announcing transaction. Achievements are announced on publish/unpublish/delete,
        # never on draft saves, so drafts cannot leak into search.
        from marketplace import events

        from . import sync, views

        events.achievement_published.connect(sync.on_achievement_published, dispatch_uid="search_published")
        events.achievement_unpublished.connect(sync.on_achievement_withdrawn, dispatch_uid="search_unpublished")
        events.achievement_deleted.connect(sync.on_achievement_withdrawn, dispatch_uid="search_page_deleted")
        events.need_changed.connect(sync.on_need_changed, dispatch_uid="search_need_changed")
        events.listings_bulk_loaded.connect(sync.on_listings_bulk_loaded, dispatch_uid="search_bulk_loaded")
        events.need_page_shown.connect(views.need_page_matches, dispatch_uid="search_need_page_matches")
