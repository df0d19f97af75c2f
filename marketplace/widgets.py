"""CMS form widgets for the marketplace's taxonomy fields: names first, codes beside them, the whole list at once."""

from __future__ import annotations

from django import forms


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
