"""CMS form widgets for the marketplace's taxonomy fields: names first, codes beside them, the whole list at once."""

from __future__ import annotations

from django import forms
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class IndustryChainTreeWidget(forms.CheckboxSelectMultiple):
    """The industry-chain map as a tree of checkboxes (chain › segment › technology), rendered on the server.

    A plain multi-select showed bare codes (``ALY.01``) in one long list; editors pick by name and see where a
    node sits in its chain.
    """

    template_name = "marketplace/widgets/chain_tree.html"

    def get_context(self, name, value, attrs):
        from taxonomy.models import IndustryChainNode

        from .templatetags.marketplace_tags import term

        context = super().get_context(name, value, attrs)
        chosen = {str(item) for item in (value or [])}
        nodes = list(IndustryChainNode.objects.order_by("code"))
        by_parent: dict[int | None, list] = {}
        for node in nodes:
            by_parent.setdefault(node.parent_id, []).append(node)
        base_id = context["widget"]["attrs"].get("id", f"id_{name}")

        def branch(parent_id):
            return [
                {
                    "value": str(node.pk),
                    "code": node.code,
                    "label": term(node),
                    "id": f"{base_id}_{node.pk}",
                    "checked": str(node.pk) in chosen,
                    "children": branch(node.pk),
                }
                for node in by_parent.get(parent_id, [])
            ]

        context["widget"]["tree"] = branch(None)
        return context


class PlainSelect(forms.Select):
    """A ``<select>`` written in Python instead of one template include per option.

    The listing filters render about 200 options on every page view; through Django's templates that was ~40 % of
    the listing page's time (issue 12). The markup is the same as Django's select and option templates.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], _attributes(widget["attrs"]))]
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in group_choices:
                parts.append(
                    format_html(
                        '\n  <option value="{}"{}>{}</option>\n',
                        str(option["value"]),
                        _attributes(option["attrs"]),
                        option["label"],
                    )
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every part above is escaped by format_html


def _attributes(attrs: dict) -> str:
    """Django's ``attrs.html``: ``True`` is a bare attribute, ``False`` leaves it out, the rest is escaped."""
    return mark_safe(  # noqa: S308 - each attribute is escaped by format_html
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, str(value))
            for name, value in attrs.items()
            if value is not False
        )
    )
