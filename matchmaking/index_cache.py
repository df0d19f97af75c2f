"""The public event index (``/events/``) as the search page's events section needs it, cached between requests.

Every search request asked the database whether the index page is live and public (two queries: the view
restrictions, then the page) and, for the events' own ``public()`` filter, read the view restrictions again. What
the section needs from them is small and changes only when staff publish, unpublish, move or delete pages, or
change a view restriction: the index's URL and tree path, and the private sections below it. That is kept in the
cache (one read) and cleared by the receivers below, which ``MatchmakingConfig.ready`` connects.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from wagtail.models import PageViewRestriction

from .models import EventIndexPage, EventPage

CACHE_KEY = "matchmaking:public-event-index:v2"
# A backstop only: every change that matters clears the entry at once.
CACHE_SECONDS = 6 * 60 * 60


@dataclass(frozen=True)
class PublicIndex:
    url: str
    url_path: str
    path: str
    # Tree paths of the private sections (any view restriction) under the index: events there are not public.
    private_paths: tuple[str, ...] = ()

    def events(self):
        """Live events under the index outside its private sections: ``EventPage.objects.listed()``, since every
        event sits under the one index, without reading the view restrictions again."""
        queryset = EventPage.objects.live().filter(path__startswith=self.path)
        for path in self.private_paths:
            queryset = queryset.exclude(path__startswith=path)
        return queryset

    def event_url(self, event: EventPage) -> str:
        """``event.url`` without Wagtail's per-call read of the sites' root paths (a cache read, a query with the
        database cache): an event's URL is the index's followed by the event's own part of the tree's URL path."""
        if self.url.endswith("/") and event.url_path.startswith(self.url_path):
            return self.url + event.url_path[len(self.url_path) :]
        return event.url or ""


def _load() -> dict:
    index = EventIndexPage.objects.live().order_by("path").first()
    if index is None:
        return {}  # cached as "no public index" (a miss is None)
    private = []
    for restricted in PageViewRestriction.objects.values_list("page__path", flat=True):
        if index.path.startswith(restricted):
            return {}  # the index itself (or a page above it) is private: not public
        if restricted.startswith(index.path):
            private.append(restricted)
    return {
        "url": index.url or "",
        "url_path": index.url_path,
        "path": index.path,
        "private_paths": tuple(sorted(private)),
    }


def public_index() -> PublicIndex | None:
    """The live, public event index, or None when there is none (the section is then left out)."""
    data = cache.get(CACHE_KEY)
    if data is None:
        data = _load()
        cache.set(CACHE_KEY, data, CACHE_SECONDS)
    return PublicIndex(**data) if data else None


def forget(**_kwargs) -> None:
    """Receiver (and test helper): the next request reads the index again."""
    cache.delete(CACHE_KEY)


def connect() -> None:
    """Clear the entry when the index is published, unpublished or deleted, when any page moves (an ancestor's move
    changes the index's URL), when a view restriction changes, and when a site's root changes."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(forget, sender=EventIndexPage, dispatch_uid="matchmaking_index_published")
    page_unpublished.connect(forget, sender=EventIndexPage, dispatch_uid="matchmaking_index_unpublished")
    post_delete.connect(forget, sender=EventIndexPage, dispatch_uid="matchmaking_index_deleted")
    post_page_move.connect(forget, dispatch_uid="matchmaking_index_moved")
    for model in (PageViewRestriction, Site):
        post_save.connect(forget, sender=model, dispatch_uid=f"matchmaking_index_{model.__name__}_saved")
        post_delete.connect(forget, sender=model, dispatch_uid=f"matchmaking_index_{model.__name__}_deleted")
