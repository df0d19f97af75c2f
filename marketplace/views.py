"""Thin views over marketplace services and selectors: listings, needs and their review, the dashboard."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.forms import ReviewNoteForm
from common.errors import DomainError, NotAllowed
from common.messages import domain_error_to_form, domain_error_to_messages
from common.pagination import CachedCountPaginator

from . import permissions, selectors, services, suggestion_services
from .events import need_page_shown
from .filters import AchievementFilter, ClassificationSuggestionFilter, NeedFilter
from .forms import NeedCloseForm, NeedForm, NeedIndicatorFormSet, add_need_errors, indicator_rows
from .models import AchievementPage, TechnologyNeed, today_local

PAGE_SIZE = 12


def _page(request, queryset, per_page: int = PAGE_SIZE):
    # The same paginator as the API: on a large table the exact COUNT(*) behind the page numbers is reused for a
    # minute (it was most of the listing's time at 100,000 achievements); the rows themselves are always fresh.
    page = CachedCountPaginator(queryset, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def achievement_list(request):
    on = today_local()  # read before the listed queryset reads its own date (the unfiltered rows' key below)
    filterset = AchievementFilter(request.GET or None, queryset=AchievementPage.objects.listed())
    queryset = (
        filterset.qs
        if filterset.is_bound and filterset.is_valid()
        else filterset.queryset.order_by("-first_published_at", "-pk")
    )
    if filterset.is_bound and not filterset.is_valid():
        queryset = queryset.none()
    page, query = _page(request, selectors.achievements_for_listing(queryset))
    # Without filters (a page number at most) the rows' SQL depends only on the day and the page: compiled once.
    unfiltered_key = ("achievement_list", on, filterset.is_bound) if set(request.GET) <= {"page"} else None
    page.object_list = selectors.achievement_rows(page.object_list, key=unfiltered_key)  # once, for cards and context
    cards = selectors.achievement_cards(page.object_list, request)
    return render(
        request,
        "marketplace/achievement_list.html",
        {"filter": filterset, "page_obj": page, "achievements": page.object_list, "cards": cards, "query": query},
    )


def institution_list(request):
    return render(request, "marketplace/institution_list.html", {"institutions": selectors.institutions_listed()})


def need_list(request):
    filterset = NeedFilter(request.GET or None, queryset=selectors.needs_listed().order_by("-published_at", "-pk"))
    queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
    if filterset.is_bound and not filterset.is_valid():
        queryset = queryset.none()
    page, query = _page(request, queryset)
    can_create = permissions.can_create_need(request.user)
    return render(
        request,
        "marketplace/need_list.html",
        {"filter": filterset, "page_obj": page, "needs": page.object_list, "query": query, "can_create": can_create},
    )


def _visible_need(request, pk: int) -> TechnologyNeed:
    need = get_object_or_404(TechnologyNeed.objects.select_related("enterprise"), pk=pk)
    # A need the user may not see does not exist for them: 404, never a hint that it is there.
    if not permissions.can_view_need(request.user, need):
        raise Http404
    return need


def need_detail(request, pk: int):
    need = selectors.need_detail(_visible_need(request, pk))
    user = request.user
    is_owner = permissions.can_edit_need(user, need)
    is_staff = permissions.can_review_needs(user)
    context = {
        "need": need,
        "is_owner": is_owner,
        "is_staff": is_staff,
        "can_edit": is_owner and need.status != TechnologyNeed.Status.CLOSED,
        "can_submit": permissions.can_submit_need(user, need)
        and need.status in (TechnologyNeed.Status.DRAFT, TechnologyNeed.Status.REJECTED),
        "can_close": permissions.can_close_need(user, need) and need.status != TechnologyNeed.Status.CLOSED,
        "can_review": is_staff and need.status == TechnologyNeed.Status.PENDING_REVIEW,
        "review_form": ReviewNoteForm(),
        # Staff see a field guessed from an uncoded need's text (the enterprise never does: it is not theirs).
        "pending_suggestions": selectors.need_pending_suggestions(need) if is_staff else [],
        # Until enquiries exist, a visitor (an institute that can help) is told to go through the bureau.
        "bureau_contact": {"email": settings.BUREAU_CONTACT_EMAIL, "phone": settings.BUREAU_CONTACT_PHONE},
    }
    if permissions.can_see_need_matches(user, need) and need.status == TechnologyNeed.Status.PUBLISHED:
        # Matches are shown where the enterprise works: the search app answers this signal with them.
        for _receiver, extra in need_page_shown.send(sender=TechnologyNeed, need=need, user=user):
            context.update(extra or {})
    return render(request, "marketplace/need_detail.html", context)


def _need_form_response(request, need, form, formset, status=200):
    organisation = request.user.organisation
    return render(
        request,
        "marketplace/need_form.html",
        {"need": need, "form": form, "formset": formset, "organisation": organisation},
        status=status,
    )


def _save_need(request, need: TechnologyNeed | None):
    form = NeedForm(request.POST, instance=need if need else None)
    formset = NeedIndicatorFormSet(request.POST, prefix="indicators")
    submit = "submit" in request.POST
    if not (form.is_valid() and formset.is_valid()):
        return None, form, formset
    rows, rows_forms = indicator_rows(formset)
    try:
        # One transaction: a refused submission leaves the need exactly as it was.
        with transaction.atomic():
            # One service call per save, so the change is announced once (one search outbox row).
            if need is None:
                saved = services.need_create(
                    user=request.user, data=form.service_data(), indicators=rows, submit=submit
                )
            else:
                saved = services.need_update(
                    user=request.user, need=need, data=form.service_data(), indicators=rows, submit=submit
                )
    except NotAllowed as error:
        raise PermissionDenied(error.message) from error
    except DomainError as error:
        add_need_errors(form, formset, rows_forms, error)
        return None, form, formset
    return saved, form, formset


@login_required
def need_create(request):
    if not permissions.can_create_need(request.user):
        raise PermissionDenied(_("只有企业用户可以发布技术需求。"))
    if request.method == "POST":
        saved, form, formset = _save_need(request, None)
        if saved is not None:
            _saved_message(request, saved)
            return redirect("marketplace:need_detail", pk=saved.pk)
        return _need_form_response(request, None, form, formset, status=400)
    return _need_form_response(request, None, NeedForm(), NeedIndicatorFormSet(prefix="indicators"))


@login_required
def need_edit(request, pk: int):
    need = _visible_need(request, pk)
    if not permissions.can_edit_need(request.user, need):
        raise PermissionDenied(_("您只能修改本企业的技术需求。"))
    if need.status == TechnologyNeed.Status.CLOSED:
        messages.error(request, _("已关闭的技术需求不能再修改。"))
        return redirect("marketplace:need_detail", pk=need.pk)
    if request.method == "POST":
        saved, form, formset = _save_need(request, need)
        if saved is not None:
            _saved_message(request, saved)
            return redirect("marketplace:need_detail", pk=saved.pk)
        return _need_form_response(request, need, form, formset, status=400)
    initial = [{"name": i.name, "target": i.target, "unit": i.unit} for i in need.indicators.all()]
    formset = NeedIndicatorFormSet(prefix="indicators", initial=initial)
    return _need_form_response(request, need, NeedForm(instance=need), formset)


def _saved_message(request, need: TechnologyNeed) -> None:
    if need.status == TechnologyNeed.Status.PENDING_REVIEW:
        messages.success(request, _("已保存并提交科技局审核,审核通过后将公开发布。"))
    else:
        messages.success(request, _("已保存为草稿。提交审核并通过后才会公开。"))


def _run_action(request, action, success: str, pk: int, **kwargs):
    need = _visible_need(request, pk)
    try:
        action(user=request.user, need=need, **kwargs)
    except DomainError as error:
        domain_error_to_messages(request, error)
    else:
        messages.success(request, success)
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("marketplace:need_detail", pk=need.pk)


@login_required
@require_POST
def need_submit(request, pk: int):
    return _run_action(request, services.need_submit, _("已提交科技局审核。"), pk)


@login_required
def need_close(request, pk: int):
    """GET asks why the need is closed; POST closes it with that reason (the dashboard and the detail page link
    here). A wrong or missing reason shows the form again with what was typed."""
    need = _visible_need(request, pk)
    if not permissions.can_close_need(request.user, need):
        raise PermissionDenied(_("您只能关闭本企业的技术需求。"))
    back = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    if need.status == TechnologyNeed.Status.CLOSED:
        messages.info(request, _("该需求已经关闭。"))
        return redirect("marketplace:need_detail", pk=need.pk)
    form = NeedCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.need_close(user=request.user, need=need, **form.cleaned_data)
        except DomainError as error:
            domain_error_to_form(form, error)
        else:
            messages.success(request, _("需求已关闭,不再公开。"))
            return redirect(back or reverse("marketplace:need_detail", args=[need.pk]))
    status = 400 if request.method == "POST" else 200
    return render(request, "marketplace/need_close.html", {"need": need, "form": form, "next": back}, status=status)


@login_required
@require_POST
def need_review(request, pk: int):
    note = request.POST.get("note", "")[:2000]
    decision = request.POST.get("decision")
    if decision == "approve":
        return _run_action(request, services.need_approve, _("已通过审核并公开发布。"), pk, note=note)
    if decision == "reject":
        return _run_action(request, services.need_reject, _("已退回企业修改。"), pk, note=note)
    messages.error(request, _("请选择通过或退回。"))
    return redirect("marketplace:need_detail", pk=pk)


@login_required
def need_review_queue(request):
    if not permissions.can_review_needs(request.user):
        raise PermissionDenied(_("只有科技局工作人员可以审核技术需求。"))
    return render(
        request,
        "marketplace/need_review_queue.html",
        {"needs": selectors.needs_pending_review(), "review_form": ReviewNoteForm()},
    )


SUGGESTIONS_PER_PAGE = 25


def _decision(post) -> tuple[bool | None, list[int]]:
    """One row's button (``decide=confirm:12``) or a bulk button (``decision=confirm`` with the ticked ``ids``)."""
    if post.get("decide"):
        decision, _sep, pk = post["decide"].partition(":")
        ids = [pk]
    else:
        decision, ids = post.get("decision", ""), post.getlist("ids")
    confirm = {"confirm": True, "reject": False}.get(decision)
    return confirm, [int(pk) for pk in ids if str(pk).isdigit()]


@login_required
def classification_review(request):
    """Bureau staff confirm or reject the technical fields and chains inferred from listings' text."""
    if not permissions.can_review_classifications(request.user):
        raise PermissionDenied(_("只有科技局工作人员可以审核分类建议。"))
    if request.method == "POST":
        confirm, ids = _decision(request.POST)
        if confirm is None:
            messages.error(request, _("请选择确认或驳回。"))
        elif not ids:
            messages.error(request, _("请至少勾选一条建议。"))
        else:
            try:
                count = suggestion_services.classification_suggestions_decide(
                    suggestion_ids=ids, confirm=confirm, user=request.user
                )
            except DomainError as error:
                domain_error_to_messages(request, error)
            else:
                message = _("已确认 %(count)s 条建议,已写入成果。") if confirm else _("已驳回 %(count)s 条建议。")
                messages.success(request, message % {"count": count})
        return redirect(request.get_full_path())
    data = request.GET.copy()
    data.setdefault("state", "pending")
    filterset = ClassificationSuggestionFilter(data, queryset=selectors.classification_suggestions())
    queryset = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    # An exact paginator: decisions change the count at once, the cached one would lag a minute behind.
    page = Paginator(queryset, SUGGESTIONS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "marketplace/classification_review.html",
        {"filter": filterset, "page_obj": page, "query": query.urlencode()},
    )


@login_required
def dashboard(request):
    from accounts.models import Organisation

    user = request.user
    context: dict = {"organisation": user.organisation}
    if user.is_enterprise_member:
        grouped = selectors.needs_of_organisation(user.organisation)
        context["needs_by_status"] = [
            (TechnologyNeed.Status(status).label, status, needs) for status, needs in grouped.items()
        ]
        context["needs_total"] = sum(len(needs) for needs in grouped.values())
    if user.is_institution_editor:
        context["achievements"] = selectors.achievements_of_organisation(user.organisation)
        context["institution_page"] = getattr(user.organisation, "institution_page", None)
    if user.is_bureau_staff:
        context["pending_needs"] = selectors.needs_pending_review()[:10]
        context["pending_needs_count"] = TechnologyNeed.objects.filter(
            status=TechnologyNeed.Status.PENDING_REVIEW
        ).count()
        context["pending_suggestions_count"] = selectors.classification_suggestions_pending_count()
        context["pending_organisations"] = Organisation.objects.filter(status=Organisation.Status.PENDING)[:10]
        context["pending_organisations_count"] = Organisation.objects.filter(status=Organisation.Status.PENDING).count()
        context["pending_achievements"] = _achievements_in_moderation()
    return render(request, "marketplace/dashboard.html", context)


def _achievements_in_moderation():
    """Achievements waiting in the 成果发布审核 workflow (staff approve them in the CMS)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, WorkflowState

    page_type = ContentType.objects.get_for_model(Page)
    ids = WorkflowState.objects.active().filter(base_content_type=page_type).values_list("object_id", flat=True)
    return list(
        AchievementPage.objects.filter(pk__in=[int(pk) for pk in ids])
        .select_related("institution_organisation")
        .order_by("latest_revision_created_at")[:10]
    )
