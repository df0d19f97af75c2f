"""Template filters of the match pages."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def verdict_of(judgements: dict, object_id) -> str:
    """This user's verdict on a row of the match list (``judgements`` from ``judgements_by``; None: the list)."""
    return (judgements or {}).get(object_id, "")
