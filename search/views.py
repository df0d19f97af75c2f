"""Thin views over search selectors: the public search page, match lists, match notifications."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.errors import DomainError, NotAllowed, NotFoundError
from common.messages import domain_error_to_page
from common.pagination import CachedCountPaginator
from marketplace import permissions

from . import selectors
from .extensions import extra_sections
from .judgements import judgements_by, judgements_overview, match_judgement_record
from .matching import DATABASE_MODE, match_floor, matches_for_achievement, matches_for_need
from .models import MatchJudgement
from .searching import FACETS, clean_params, search_listings
from .selectors import achievement_for_matches, need_for_matches, notifications_for
from .services import outbox_dead_letters_discard, outbox_dead_letters_retry


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
            # Other public things (challenges) from the apps that registered a provider; first page only.
            "extra_sections": extra_sections(params.q) if params.page == 1 else [],
        },
    )


def _refused(request, exc):
    """A refused selector: 404, login for anonymous users, 403 otherwise."""
    if isinstance(exc, NotFoundError):
        raise Http404(exc.message) from exc
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied(exc.message) from exc


def _match_context(matches, kind: str) -> dict:
    """Template context of a match list: the floor and notice follow the matcher that actually served it."""
    return {
        "match_subject_kind": kind,
        "matches": matches,
        "match_mode": matches.mode,
        "match_floor": match_floor(basic=matches.mode == DATABASE_MODE),
        "show_basic_mode_notice": True,
    }


def need_page_matches(sender, need, user, **kwargs) -> dict:
    """Receiver of ``marketplace.events.need_page_shown``: the need page shows its best five matches."""
    return _match_context(matches_for_need(need, limit=5), "need")


def need_matches(request, pk: int):
    try:
        need = need_for_matches(user=request.user, need_id=pk)
    except (NotFoundError, NotAllowed) as exc:
        return _refused(request, exc)
    # ``need`` too: each achievement row's enquiry link carries the need it was matched to.
    context = {
        "match_subject": need,
        "need": need,
        **_match_context(matches_for_need(need), "need"),
        # The rows can be judged here (useful / not relevant, or nothing suits): this user's verdicts so far.
        "judgements": judgements_by(user=request.user, need=need),
        "judge_url": reverse("search:need_match_judgement", args=[need.pk]),
    }
    return render(request, "search/matches.html", context)


@require_POST
def need_match_judgement(request, pk: int):
    """A need's owner or bureau staff judge its match list: a row useful or not relevant, or nothing suitable."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("search:need_matches", args=[pk]))
    achievement = request.POST.get("achievement", "").strip()
    if achievement and not achievement.isdigit():
        messages.error(request, _("成果编号无效。"))
        return redirect("search:need_matches", pk=pk)
    try:
        judgement, _created = match_judgement_record(
            user=request.user,
            need_id=pk,
            verdict=request.POST.get("verdict", ""),
            achievement_id=int(achievement) if achievement else None,
        )
    except DomainError as exc:
        domain_error_to_page(request, exc)
    else:
        messages.success(request, _("已记录您的评价:%(verdict)s。谢谢!") % {"verdict": judgement.get_verdict_display()})
    return redirect("search:need_matches", pk=pk)


def achievement_matches(request, pk: int):
    try:
        page = achievement_for_matches(user=request.user, page_id=pk)
    except (NotFoundError, NotAllowed) as exc:
        return _refused(request, exc)
    matches = matches_for_achievement(page, include_private=request.user.is_bureau_staff)
    context = {"match_subject": page, **_match_context(matches, "achievement")}
    return render(request, "search/matches.html", context)


JUDGEMENTS_PER_PAGE = 50


def judgements(request):
    """Bureau staff read what owners said of their match lists, with the counts that matter for the decline."""
    verdict = request.GET.get("verdict", "")
    verdict = verdict if verdict in MatchJudgement.Verdict.values else ""  # an unknown filter lists every verdict
    try:
        rows, counts = judgements_overview(user=request.user, verdict=verdict)
    except NotAllowed as exc:
        return _refused(request, exc)
    page = CachedCountPaginator(rows, JUDGEMENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "search/judgements.html",
        {
            "page_obj": page,
            "counts": counts,
            "verdict": verdict,
            "verdicts": MatchJudgement.Verdict.choices,
            "query": f"verdict={verdict}" if verdict else "",
        },
    )


def notifications(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        items = list(notifications_for(user=request.user)[:200])
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc
    return render(request, "search/notifications.html", {"notifications": items})


def dead_letters(request):
    """Bureau staff see outbox rows the engine kept rejecting, and retry or discard them."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method == "POST":
        ids = [int(value) for value in request.POST.getlist("ids") if value.isdigit()]
        action = request.POST.get("action")
        try:
            if action == "retry":
                count = outbox_dead_letters_retry(user=request.user, ids=ids)
                messages.success(request, _("已重新排队 %(count)s 条死信。") % {"count": count})
            elif action == "discard":
                count = outbox_dead_letters_discard(user=request.user, ids=ids)
                messages.success(request, _("已放弃 %(count)s 条死信。") % {"count": count})
            else:
                messages.error(request, _("请选择“重试”或“放弃”。"))
        except NotAllowed as exc:
            raise PermissionDenied(exc.message) from exc
        return redirect("search:dead_letters")
    if not permissions.can_oversee_search(request.user):
        raise PermissionDenied(_("只有科技局工作人员可以处理索引死信。"))
    return render(request, "search/dead_letters.html", {"rows": list(selectors.dead_letters()[:500])})
