"""Thin views over marketplace services and selectors."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .models import AchievementPage
from .selectors import needs_listed


def achievement_list(request):
    achievements = AchievementPage.objects.listed().select_related("technical_field")[:20]
    return render(request, "marketplace/achievement_list.html", {"achievements": achievements})


def institution_list(request):
    from accounts.models import Organisation

    return render(
        request, "marketplace/institution_list.html", {"institutions": Organisation.objects.institutions().approved()}
    )


def need_list(request):
    return render(request, "marketplace/need_list.html", {"needs": needs_listed()[:20]})


@login_required
def dashboard(request):
    return render(request, "marketplace/dashboard.html", {})
