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


@register.simple_tag
def time_limit_count(days, kind: str, overdue: bool = False) -> str:
    """Days left (or late) in the clock's own unit, said the same way everywhere: working or calendar days."""
    from django.utils.translation import gettext as _

    n = abs(int(days))
    if kind == "working":
        text = _("超期 %(n)s 个工作日") if overdue else _("剩余 %(n)s 个工作日")
    else:
        text = _("超期 %(n)s 天") if overdue else _("剩余 %(n)s 天")
    return text % {"n": n}


@register.simple_tag
def time_limit_length(days, kind: str) -> str:
    """The limit itself: "15 个工作日" or "30 天"."""
    from django.utils.translation import gettext as _

    text = _("%(n)s 个工作日") if kind == "working" else _("%(n)s 天")
    return text % {"n": days}


@register.filter
def country_label(code: str) -> str:
    """ "德国 (276)": the name in the user's language, the code beside it."""
    from registration.choices import country_name

    name = country_name(code)
    return f"{name} ({code})" if name else (code or "—")


@register.filter
def region_label(code: str) -> str:
    from registration.choices import region_label as label

    return label(code) or "—"


@register.filter
def entity_type_label(entity_type) -> str:
    from registration.choices import entity_type_label as label

    return label(entity_type) or "—"


@register.filter
def term_label(term) -> str:
    from registration.choices import term_name

    return term_name(term) or "—"


def _month_labels():
    from django.utils.translation import gettext_lazy as _

    # Short month names for the chart axis and the month table; in Chinese "1月", in English "Jan".
    return (
        _("1月"),
        _("2月"),
        _("3月"),
        _("4月"),
        _("5月"),
        _("6月"),
        _("7月"),
        _("8月"),
        _("9月"),
        _("10月"),
        _("11月"),
        _("12月"),
    )


@register.filter
def month_label(key) -> str:
    """A month's label from its key ("01"…"12") in the active language (statistics rows carry the key)."""
    try:
        return str(_month_labels()[int(key) - 1])
    except (TypeError, ValueError, IndexError):
        return str(key)
