"""Extra result providers: apps above search add their own kinds of public result to the public search page.

The search engine indexes achievements and needs only. An app with other public things (challenges) registers a
provider in its ``AppConfig.ready()``; the search page asks every provider for a query's results (a plain
database query in that app) and shows them as their own section beside the listings. Search never imports
those apps: they call ``register_result_provider``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .searching import _snippet
from .text import query_terms

EXTRA_RESULTS_LIMIT = 5


@dataclass
class ExtraResult:
    title: str
    url: str
    snippet: str = ""  # safe HTML (escaped, with <mark> around the query's words); build it with ``snippet``
    meta: str = ""


@dataclass
class ExtraSection:
    label: str
    results: list[ExtraResult] = field(default_factory=list)
    more_url: str = ""


# A provider takes the query and a limit and returns a section (or None when it has nothing for the query).
ResultProvider = Callable[[str, int], ExtraSection | None]
_providers: dict[str, ResultProvider] = {}


def register_result_provider(name: str, provider: ResultProvider) -> None:
    """Add (or replace, by name: ``ready()`` may run twice in tests) a provider of extra public results."""
    _providers[name] = provider


def extra_sections(query: str, *, limit: int = EXTRA_RESULTS_LIMIT) -> list[ExtraSection]:
    """Every provider's section for this query, in registration order, empty ones left out."""
    query = (query or "").strip()
    if not query:
        return []
    sections = (provider(query, limit) for provider in _providers.values())
    return [section for section in sections if section is not None and section.results]


def snippet(text: str, query: str, width: int = 120) -> str:
    """The search page's snippet of ``text`` around the query's words (cut between words, words marked)."""
    terms = list(query_terms(query)) or query.split()
    return _snippet(text or "", terms, width=width)
