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


@register.filter
def contract_field_label(name: str) -> str:
    """A TechnologyContract field's verbose name (amendment tables list field names)."""
    from django.core.exceptions import FieldDoesNotExist

    from registration.models import TechnologyContract

    try:
        return str(TechnologyContract._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name
