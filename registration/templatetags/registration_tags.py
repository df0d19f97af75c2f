"""Template helpers for registration pages and certificates."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def cny(value) -> str:
    """1234567.8 → '1,234,567.80' whatever the locale, as amounts read on official forms."""
    if value in (None, ""):
        return "—"
    try:
        return f"{Decimal(value):,.2f}"
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
