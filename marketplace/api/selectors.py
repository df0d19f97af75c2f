"""Read-side querysets behind the API, shaped so each list costs a fixed number of queries."""

from __future__ import annotations

from django.db.models import Prefetch

from marketplace.models import AchievementIPRecord, AchievementKeyword, AchievementPage
from marketplace.selectors import NEED_RELATED, needs_visible_to, with_card_terms
from taxonomy.models import IndustryChainNode


def achievements_listed(*, detail: bool = False):
    """Live, unexpired achievements with everything the list (or detail) shape reads, prefetched."""
    queryset = (
        AchievementPage.objects.listed()
        .select_related("technical_field", "institution_organisation")
        .prefetch_related(
            # The tags joined to their keyword rows: one query, not one for the rows and one for the tags.
            Prefetch("keyword_items", queryset=AchievementKeyword.objects.select_related("tag")),
            Prefetch("ip_records", queryset=AchievementIPRecord.objects.select_related("ip_type")),
        )
        .order_by("-first_published_at", "-id")
    )
    # Chains and transfer modes: one query for the whole page instead of two prefetches (as the HTML cards).
    queryset = with_card_terms(queryset)
    return queryset.prefetch_related("indicators") if detail else queryset


def needs_for(user):
    return (
        needs_visible_to(user)
        .select_related(*NEED_RELATED)
        .prefetch_related("indicators")
        .order_by("-created_at", "-id")
    )


def industry_chain_tree() -> list[IndustryChainNode]:
    """The whole map in one query, children attached as ``tree_children``."""
    nodes = list(IndustryChainNode.objects.order_by("sort_order", "code"))
    by_id = {node.pk: node for node in nodes}
    for node in nodes:
        node.tree_children = []
    roots = []
    for node in nodes:
        parent = by_id.get(node.parent_id)
        if parent is None:
            roots.append(node)
        else:
            parent.tree_children.append(node)
    return roots
