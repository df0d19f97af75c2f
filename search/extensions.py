"""Extra result providers: apps above search add their own kinds of public result to the public search page.

An app with other public things (challenges) registers a provider in its ``AppConfig.ready()``; the search page
asks every provider for a query's results (a plain database query in that app) and shows them as their own
section beside the listings. When the app also registered a document kind of the same name (``search.kinds``)
and the engine answers, the section comes from the engine's documents instead (same Chinese analysis, glossary
and text query as the listings); the provider is the basic-mode fallback. Search never imports those apps.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from . import kinds
from .documents import alias_name
from .engine import EngineUnavailable, engine_enabled, get_engine
from .searching import _marked_terms, _snippet, text_query
from .text import plain_text, query_terms

logger = logging.getLogger(__name__)

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
    sections = (_section(name, provider, query, limit) for name, provider in _providers.items())
    return [section for section in sections if section is not None and section.results]


def _section(name: str, provider: ResultProvider, query: str, limit: int) -> ExtraSection | None:
    kind = kinds.get(name)
    if kind is not None and kind.result is not None and engine_enabled():
        try:
            return engine_section(kind, query, limit)
        except EngineUnavailable as exc:
            logger.warning("search engine unavailable, %s results from the database: %s", name, exc)
    return provider(query, limit)


def engine_section(kind: kinds.DocumentKind, query: str, limit: int) -> ExtraSection:
    """A registered kind's section from its engine documents: the listings' text query (bigrams, jieba words,
    glossary forms, so an English query finds a Chinese challenge), best first, snippets re-cut on words."""
    from elasticsearch.dsl import Q, Search

    s = (
        Search(index=alias_name(kind.name))
        .query(Q("bool", must=[text_query(query)], filter=[Q("term", kind=kind.name)]))
        .highlight("title", "summary", "description", number_of_fragments=1, fragment_size=120)
        .highlight_options(pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html", require_field_match=False)
        .source(excludes=["*_words"])
        .extra(size=limit, track_total_hits=False)
    )
    response = get_engine().search(alias_name(kind.name), s.to_dict())
    results = []
    for hit in response["hits"]["hits"]:
        src, highlight = hit["_source"], hit.get("highlight", {})
        source_field = next((f for f in ("summary", "description") if highlight.get(f)), "summary")
        marked = _marked_terms((highlight.get(source_field) or highlight.get("title") or [""])[0])
        results.append(kind.result(src, _snippet(plain_text(src.get(source_field) or ""), marked or [query])))
    return ExtraSection(label=str(kind.label), results=results, more_url=kind.more_url(query) if kind.more_url else "")


def snippet(text: str, query: str, width: int = 120) -> str:
    """The search page's snippet of ``text`` around the query's words (cut between words, words marked)."""
    terms = list(query_terms(query)) or query.split()
    return _snippet(text or "", terms, width=width)
