"""Taxonomy terms named in the reader's language: every page, export and label that shows a term asks here."""

from __future__ import annotations

from django.utils.translation import get_language


def reader_is_chinese() -> bool:
    return (get_language() or "zh-hans").lower().startswith("zh")


def localised_name(term) -> str:
    """A term's (model instance or ``{"name", "name_en"}`` dict) English name for a reader of another language
    when it has one, else its Chinese name; "" for None."""
    if term is None:
        return ""
    if isinstance(term, dict):
        name, name_en = term.get("name", ""), term.get("name_en", "")
    else:
        name, name_en = getattr(term, "name", None), getattr(term, "name_en", "")
        if name is None:
            name = str(term)
    return name_en if name_en and not reader_is_chinese() else name
