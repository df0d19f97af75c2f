"""The events' section of the public search page (registered with ``search.extensions`` in ``MatchmakingConfig.ready``).

Events are found with Wagtail's page search over their Chinese and English titles and summaries (the same
jieba-segmenting backend as the event list's own search box); the engine indexes achievements and needs only.
The public index page (its URL, and the private sections under it) comes from a cache cleared when pages are
published, unpublished, moved or restricted (``index_cache``), so a search reads one table of the database: the
events' own search entries (docs/search-events.md).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.utils import timezone
from django.utils.translation import gettext as _

from search.extensions import ExtraResult, ExtraSection, snippet

from .index_cache import public_index


def event_results(query: str, limit: int) -> ExtraSection | None:
    """Published events whose title or summary has the query's words (Wagtail's relevance order)."""
    index = public_index()
    if index is None:
        return None
    results = []
    for event in index.events().search(query)[:limit]:
        starts = timezone.localtime(event.starts_at).strftime("%Y-%m-%d")
        results.append(
            ExtraResult(
                title=event.display_title,
                url=index.event_url(event),
                snippet=snippet(event.display_summary, query),
                meta=f"{event.get_kind_display()} · {starts}",
            )
        )
    return ExtraSection(label=_("对接活动"), results=results, more_url=f"{index.url}?{urlencode({'q': query})}")
