"""Read-side queries of the marketplace: what each kind of user may see, and the live figures."""

from __future__ import annotations

from .models import AchievementPage, TechnologyNeed


def needs_listed():
    return TechnologyNeed.objects.listed().select_related("enterprise", "technical_field", "industry_chain")


def home_figures() -> dict:
    from accounts.models import Organisation

    return {
        "achievements": AchievementPage.objects.listed().count(),
        "institutions": Organisation.objects.institutions().approved().count(),
        "needs": TechnologyNeed.objects.listed().count(),
    }
