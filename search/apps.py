from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("搜索与匹配")

    def ready(self) -> None:
        # Index on publish/unpublish/delete, never on draft saves, so drafts cannot leak into search.
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished

        from marketplace.models import AchievementPage, TechnologyNeed

        from . import sync

        page_published.connect(sync.on_page_published, sender=AchievementPage, dispatch_uid="search_published")
        page_unpublished.connect(sync.on_page_unpublished, sender=AchievementPage, dispatch_uid="search_unpublished")
        post_delete.connect(sync.on_page_deleted, sender=AchievementPage, dispatch_uid="search_page_deleted")
        # Marketplace services call sync.need_changed() explicitly; these receivers are the safety net for
        # edits made elsewhere (admin, imports). Duplicate rows are coalesced by the drain.
        post_save.connect(sync.on_need_saved, sender=TechnologyNeed, dispatch_uid="search_need_saved")
        post_delete.connect(sync.on_need_saved, sender=TechnologyNeed, dispatch_uid="search_need_deleted")
