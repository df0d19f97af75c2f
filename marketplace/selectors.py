"""Read-side queries of the marketplace: what each kind of user may see, and the live figures.

Every list a template iterates is built here with its joins and prefetches, so a page's query count does not
grow with its rows (tests/marketplace/test_listings.py holds that bound).
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Prefetch, Q

from accounts.models import Organisation

from . import events
from .models import AchievementPage, InstitutionPage, TechnologyNeed

# What every need row shows (card, review queue, API): joined once, written once.
NEED_RELATED = ("enterprise", "technical_field", "industry_chain", "region", "cooperation_mode")


def needs_listed():
    return TechnologyNeed.objects.listed().select_related(*NEED_RELATED)


def achievements_for_listing(queryset=None):
    """Listed achievements with everything a card shows, in a fixed number of queries."""
    queryset = queryset if queryset is not None else AchievementPage.objects.listed()
    return queryset.select_related("technical_field", "institution_organisation", "cover_image").prefetch_related(
        "transfer_modes", "industry_chains"
    )


def achievement_detail(page: AchievementPage) -> dict:
    """What the achievement page shows beside the page's own fields."""
    from taxonomy.models import ReadinessLevel

    return {
        "readiness": ReadinessLevel.objects.filter(level=page.trl).first() if page.trl else None,
        "indicators": list(page.indicators.all()),
        "ip_records": list(page.ip_records.select_related("ip_type")),
        "gallery": list(page.gallery_images.select_related("image")),
        "attachments": list(page.attachments.select_related("document")),
        "transfer_modes": list(page.transfer_modes.all()),
        "industry_chains": list(page.industry_chains.select_related("parent__parent")),
        "institution_page": InstitutionPage.objects.filter(organisation_id=page.institution_organisation_id)
        .live()
        .first(),
    }


def institutions_listed():
    """Approved institutions with their page, region and number of listed achievements (one query).

    The public directory and the API list the same thing. The count is a filtered aggregate over organisations:
    counting on the achievement pages' side would group by their default ordering (the tree path), one row per
    page, and every institution would show 1.
    """
    listed = AchievementPage.objects.listed().values("pk")
    return (
        Organisation.objects.institutions()
        .approved()
        .select_related("region", "institution_page")
        .annotate(achievement_count=Count("achievements", filter=Q(achievements__in=listed), distinct=True))
        .order_by("name")
    )


def chain_entry_points() -> list[dict]:
    """The industry chains (top level) with how many listed achievements sit anywhere in each subtree."""
    from taxonomy.models import IndustryChainNode

    through = AchievementPage.industry_chains.through
    listed_ids = AchievementPage.objects.listed().values("pk")
    pairs = through.objects.filter(achievementpage_id__in=listed_ids).values_list(
        "achievementpage_id", "industrychainnode__code"
    )
    per_chain: dict[str, set[int]] = defaultdict(set)
    for page_id, code in pairs:
        per_chain[code.split(".")[0]].add(page_id)
    return [
        {"code": chain.code, "name": chain.name, "name_en": chain.name_en, "count": len(per_chain.get(chain.code, ()))}
        for chain in IndustryChainNode.objects.chains().order_by("sort_order", "code")
    ]


def commercialised_figures() -> dict | None:
    """Registered contracts and achievements commercialised this year (``{"contracts", "this_year", "target",
    …}``), when an app above this one answers ``events.home_figures_requested``; None shows a placeholder."""
    for _receiver, figures in events.home_figures_requested.send(sender=None):
        if figures:
            return figures
    return None


def home_figures() -> dict:
    return {
        "achievements": AchievementPage.objects.listed().count(),
        "institutions": Organisation.objects.institutions().approved().count(),
        "needs": TechnologyNeed.objects.listed().count(),
    }


def needs_of_organisation(organisation) -> dict[str, list[TechnologyNeed]]:
    """An enterprise's needs grouped by status, in the order the dashboard shows them."""
    grouped: dict[str, list[TechnologyNeed]] = {status: [] for status in TechnologyNeed.Status.values}
    for need in (
        TechnologyNeed.objects.of_organisation(organisation).select_related("technical_field").order_by("-updated_at")
    ):
        grouped[need.status].append(need)
    return grouped


def needs_pending_review():
    return (
        TechnologyNeed.objects.filter(status=TechnologyNeed.Status.PENDING_REVIEW)
        .select_related(*NEED_RELATED)
        .prefetch_related("indicators")
        .order_by("updated_at")
    )


def achievements_of_organisation(organisation) -> list[AchievementPage]:
    """Every achievement page of an institution, drafts included, for its editors' dashboard."""
    return list(
        AchievementPage.objects.of_organisation(organisation)
        .select_related("technical_field")
        .order_by("-latest_revision_created_at")
    )


def need_detail(need: TechnologyNeed) -> TechnologyNeed:
    return (
        TechnologyNeed.objects.select_related(*NEED_RELATED, "industry_chain__parent__parent")
        .prefetch_related(Prefetch("indicators"))
        .get(pk=need.pk)
    )


def classification_suggestions():
    """Classification suggestions with what the staff review list shows, newest first."""
    from .models import ClassificationSuggestion

    return ClassificationSuggestion.objects.select_related(
        "achievement__institution_organisation",
        "achievement__technical_field",
        "technical_field",
        "industry_chain__parent__parent",
        "decided_by",
    ).order_by("-created_at", "-pk")


def classification_suggestions_pending_count() -> int:
    from .models import ClassificationSuggestion

    return ClassificationSuggestion.objects.filter(state=ClassificationSuggestion.State.PENDING).count()
