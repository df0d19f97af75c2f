"""The versioned indices behind each alias: their names and creating the missing ones.

Below both sync (the outbox worker creates missing indices before its first write) and services (rebuild), so
neither imports the other to reach it.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from .documents import ACHIEVEMENT, NEED, added_mapping_fields, alias_name, index_body
from .engine import get_engine

INDEX_KINDS = (ACHIEVEMENT, NEED, "percolator")


def index_kinds() -> tuple[str, ...]:
    """Search's own indices and one per kind registered by an app above (search.kinds)."""
    from . import kinds

    return INDEX_KINDS + tuple(kinds.registered())


def new_index_name(kind: str) -> str:
    return f"{alias_name(kind)}-{timezone.now().strftime('%Y%m%d%H%M%S%f')}"


def index_create_missing() -> list[str]:
    """Create a versioned index behind each alias that does not exist yet; returns what was created. The
    listings' existing indices get the mapping fields added since they were created (``added_mapping_fields``):
    their mapping is strict, so a document carrying a new field would otherwise be refused until a rebuild."""
    engine = get_engine(background=True)
    created = []
    for kind in index_kinds():
        alias = alias_name(kind)
        if engine.indices_for_alias(alias):
            if kind in INDEX_KINDS:
                engine.put_mapping(alias, {"properties": added_mapping_fields()})
            continue
        name = new_index_name(kind)
        engine.create_index(name, index_body(kind=kind))
        engine.swap_alias(alias, name, [])
        created.append(name)
    return created


_ENSURED: set[tuple[str, str]] = set()


def ensure_indices() -> None:
    """Create missing indices (with our mappings) before the first write, so a bulk write can never
    auto-create an index with dynamic mappings under an alias's name."""
    key = (settings.SEARCH_URL, settings.SEARCH_INDEX_PREFIX)
    if key in _ENSURED:
        return
    index_create_missing()
    _ENSURED.add(key)
