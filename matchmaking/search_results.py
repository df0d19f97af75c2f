"""The events' section of the public search page (registered with ``search.extensions`` in ``MatchmakingConfig.ready``).

Events are found with Wagtail's page search over their Chinese and English titles and summaries (the same
jieba-segmenting backend as the event list's own search box); the engine indexes achievements and needs only.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.utils import timezone
from django.utils.translation import gettext as _

from search.extensions import ExtraResult, ExtraSection, snippet

from . import selectors


def event_results(query: str, limit: int) -> ExtraSection | None:
    """Published events whose title or summary has the query's words (Wagtail's relevance order)."""
    index = selectors.event_index()
    if index is None:
        return None
    results = []
    for event in selectors.events_listed().search(query)[:limit]:
        starts = timezone.localtime(event.starts_at).strftime("%Y-%m-%d")
        results.append(
            ExtraResult(
                title=event.display_title,
                url=event.url or "",
                snippet=snippet(event.display_summary, query),
                meta=f"{event.get_kind_display()} · {starts}",
            )
        )
    return ExtraSection(label=_("对接活动"), results=results, more_url=f"{index.url}?{urlencode({'q': query})}")
