"""Template helpers for the marketplace pages: CNY amounts and status badges."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.translation import gettext as _

from marketplace.page_urls import listing_url
from taxonomy.names import localised_name, reader_is_chinese

register = template.Library()


@register.filter
def cny(value) -> str:
    """¥1,234,567.00 — always two decimals, thousands separated (amounts are Decimal CNY)."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(value).quantize(Decimal("0.01"))
    except (InvalidOperation, TypeError, ValueError):
        return ""
    return f"¥{amount:,.2f}"


@register.filter
def term(obj) -> str:
    """A taxonomy term's name in the page's language (English name when there is one, else the Chinese)."""
    return localised_name(obj)


@register.simple_tag(takes_context=True)
def card_url(context, page) -> str:
    """``{% pageurl %}`` for a card in a list, without a database lookup of the request's site per request."""
    return listing_url(page, context.get("request")) or ""


@register.filter
def cny_wan(value) -> str:
    """A short form for cards: ¥50 万 in Chinese (ten-thousands are how Chinese readers size a price)."""
    if value in (None, ""):
        return ""
    amount = Decimal(value)
    if not reader_is_chinese():
        return f"¥{amount:,.0f}" if amount == amount.to_integral_value() else cny(amount)
    if amount >= 10000:
        wan = (amount / 10000).quantize(Decimal("0.01")).normalize()
        return _("¥%(amount)s 万") % {"amount": f"{wan:,f}"}
    return cny(amount)


@register.simple_tag
def budget_range(need) -> str:
    low, high = need.budget_min_cny, need.budget_max_cny
    if low is None and high is None:
        return _("面议")
    if low is not None and high is not None:
        return f"{cny_wan(low)} – {cny_wan(high)}"
    if low is not None:
        return _("%(amount)s 以上") % {"amount": cny_wan(low)}
    return _("%(amount)s 以内") % {"amount": cny_wan(high)}


STATUS_TAGS = {
    "draft": "",
    "pending_review": "tag-warn",
    "published": "tag-ok",
    "rejected": "tag-bad",
    "closed": "",
    "pending": "tag-warn",
    "approved": "tag-ok",
    "suspended": "tag-bad",
}


@register.filter
def status_class(status: str) -> str:
    return STATUS_TAGS.get(str(status), "")


@register.filter
def chain_path(node) -> str:
    """ "氟新材料 › 含氟聚合物 › PVDF" in the page's language (parents are select_related by the selectors)."""
    names = []
    while node is not None:
        names.append(term(node))
        node = node.parent
    return " › ".join(reversed(names))
