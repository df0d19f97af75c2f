"""Document kinds that apps above search add to the engine index (challenges), beside achievements and needs.

Search sits below those apps and never imports them. An app registers a ``DocumentKind`` in its
``AppConfig.ready()``: its extra index fields, how to build the documents of some ids (only the public ones:
an id left out is deleted from the index, so drafts never reach it), the public ids and titles a rebuild and
``search_index --check`` compare with, how an engine hit becomes a search-page result, and an optional hook the
outbox worker calls after it indexed rows written with ``alert=True``. The app then writes one outbox row per
change with ``search.sync.document_changed(kind, id)``; the worker, the rebuild and the check do the rest.

Every kind's document has the listings' text fields (``title``, ``keywords_text``, ``summary``, ``description``,
``glossary_text``, each with its jieba ``_words``), built with ``search.documents.text_document``, so the same
Chinese analysis, glossary expansion and text query serve it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DocumentKind:
    # The outbox row's ``kind`` and the document's ``kind`` field (at most 16 characters).
    name: str
    # The alias is ``<SEARCH_INDEX_PREFIX>-<alias_suffix>``.
    alias_suffix: str
    # Section heading on the search page (a lazy translation) and the rebuild/check report.
    label: Any
    # Extra mapped fields beyond the shared ones: name → elasticsearch-dsl field.
    fields: dict[str, Any]
    # ids → {id: document} for the ids that are public now; the others are deleted from the index.
    documents: Callable[[list[int]], dict[int, dict]]
    # {id: title} of everything that must be in the index (rebuild loads these ids, check compares titles).
    public_titles: Callable[[], dict[int, str]]
    # (document source, snippet HTML) → search.extensions.ExtraResult, for the search page's section.
    result: Callable[[dict, str], Any] | None = None
    # query → the "more" link under the section.
    more_url: Callable[[str], str] | None = None
    # Called by the outbox worker with the ids of rows written with alert=True, after they were indexed.
    after_indexed: Callable[[list[int]], None] | None = None


_kinds: dict[str, DocumentKind] = {}


def register_document_kind(kind: DocumentKind) -> None:
    """Add (or replace, by name: ``ready()`` may run twice in tests) a document kind."""
    if len(kind.name) > 16:
        raise ValueError(f"document kind name {kind.name!r} is longer than the outbox's 16 characters")
    if kind.name in ("achievement", "need", "percolator"):
        raise ValueError(f"{kind.name!r} is one of search's own kinds")
    _kinds[kind.name] = kind


def registered() -> dict[str, DocumentKind]:
    """The registered kinds by name, in registration order."""
    return dict(_kinds)


def get(name: str) -> DocumentKind | None:
    return _kinds.get(name)
