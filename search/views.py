"""Thin views over search selectors: the public search page, match lists, match notifications."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from common.errors import NotAllowed, NotFoundError

from .matching import match_floor, matches_for_achievement, matches_for_need
from .searching import FACETS, clean_params, search_listings
from .selectors import achievement_for_matches, need_for_matches, notifications_for


def search(request):
    params, errors = clean_params(request.GET)
    results = search_listings(params)
    # Links that keep the other filters but change one (no JavaScript needed).
    base = {name: value for name, value in params.filters.items()}
    if params.q:
        base["q"] = params.q
    return render(
        request,
        "search/search.html",
        {
            "query": params.q,
            "results": results,
            "errors": errors,
            "facet_names": FACETS,
            "filter_base": base,
            "show_basic_mode_notice": True,
        },
    )


def _refused(request, exc):
    """A refused selector: 404, login for anonymous users, 403 otherwise."""
    if isinstance(exc, NotFoundError):
        raise Http404(exc.message) from exc
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied(exc.message) from exc


def need_matches(request, pk: int):
    try:
        need = need_for_matches(user=request.user, need_id=pk)
    except (NotFoundError, NotAllowed) as exc:
        return _refused(request, exc)
    context = {
        "match_subject": need,
        "match_subject_kind": "need",
        "matches": matches_for_need(need),
        "match_floor": match_floor(),
        "show_basic_mode_notice": True,
    }
    return render(request, "search/matches.html", context)


def achievement_matches(request, pk: int):
    try:
        page = achievement_for_matches(user=request.user, page_id=pk)
    except (NotFoundError, NotAllowed) as exc:
        return _refused(request, exc)
    context = {
        "match_subject": page,
        "match_subject_kind": "achievement",
        "matches": matches_for_achievement(page, include_private=request.user.is_bureau_staff),
        "match_floor": match_floor(),
        "show_basic_mode_notice": True,
    }
    return render(request, "search/matches.html", context)


def notifications(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        items = list(notifications_for(user=request.user)[:200])
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc
    return render(request, "search/notifications.html", {"notifications": items})
