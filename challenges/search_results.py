"""The challenges' section of the public search page (registered with ``search.extensions`` in ``ChallengesConfig.ready``)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from search.extensions import ExtraResult, ExtraSection, snippet
from taxonomy.names import localised_name

from . import selectors


def challenge_results(query: str, limit: int) -> ExtraSection:
    """Published challenges (never drafts) whose title or problem has the query's words, newest first."""
    english = (translation.get_language() or "").startswith("en")
    results = []
    for challenge in selectors.challenge_list(query=query)[:limit]:
        node = localised_name(challenge.node)
        results.append(
            ExtraResult(
                title=(challenge.title_en if english else "") or challenge.title,
                url=reverse("challenges:challenge_detail", args=[challenge.pk]),
                snippet=snippet(challenge.problem, query),
                meta=f"{challenge.get_status_display()} · {node}",
            )
        )
    return ExtraSection(
        label=_("悬赏揭榜"),
        results=results,
        more_url=reverse("challenges:challenge_list") + "?" + urlencode({"q": query}),
    )
