"""Deal-flow pages for public price notices, the bureau (funnel, export, objections), institutions and notifications."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common import clock
from common.errors import DomainError, NotAllowed, NotFoundError
from marketplace.models import AchievementPage
from marketplace.selectors import needs_closed_by_reason

from .. import exports, forms, permissions, selectors, services
from ..models import Deal, NoticeObjection
from ._shared import _report, domain_errors

# --- public notices ---------------------------------------------------------------------------------------


def notice_list(request):
    current, past = selectors.notices_public()
    return render(request, "dealflow/notice_list.html", {"current": current, "past": past, "today": clock.today()})


def notice_detail(request, pk: int):
    try:
        notice = selectors.notice_public(pk)
    except NotFoundError as error:
        raise Http404(error.message) from error
    form = forms.ObjectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.notice_object(notice=notice, **form.cleaned_data)
        except DomainError as error:
            _report(request, form, error)
        else:
            messages.success(request, _("异议已提交,科技局将依法处理。"))
            return redirect("dealflow:notice", pk=pk)
    today = clock.today()
    is_running = notice.withdrawn_at is None and notice.starts_on <= today <= notice.ends_on
    return render(request, "dealflow/notice_detail.html", {"notice": notice, "form": form, "is_running": is_running})


# --- bureau and institution views -----------------------------------------------------------------------


def _year(request) -> int:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else clock.today().year


@login_required
@domain_errors
def bureau(request):
    permissions.require_bureau(request.user)
    year = _year(request)
    dimension = request.GET.get("by", "month")
    data = selectors.funnel(year=year, dimension=dimension)
    peak = max([r["counts"]["sent"] for r in data["rows"]] + [1])
    pending = NoticeObjection.objects.filter(outcome=NoticeObjection.Outcome.PENDING).select_related("notice")
    return render(
        request,
        "dealflow/bureau.html",
        {
            "year": year,
            "funnel": data,
            "peak": peak,
            "dimensions": selectors.DIMENSIONS,
            "declines": selectors.declines_by_reason(year=year, dimension="institution")[:30],
            "lost": selectors.lost_by_reason(year=year),
            "needs_closed": needs_closed_by_reason(year=year),
            "interest": selectors.interest_without_deal(year=year),
            "projection": selectors.target_projection(year=year),
            "objections": pending,
            "resolve_form": forms.ResolveForm(),
        },
    )


@login_required
@domain_errors
def bureau_export(request):
    permissions.require_bureau(request.user)
    year = _year(request)
    response = HttpResponse(
        exports.funnel_workbook(year=year),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="dealflow-funnel-{year}.xlsx"'
    return response


@login_required
@require_POST
@domain_errors
def objection_resolve(request, pk: int):
    permissions.require_bureau(request.user)
    objection = get_object_or_404(NoticeObjection, pk=pk)
    form = forms.ResolveForm(request.POST)
    if form.is_valid():
        try:
            services.objection_resolve(user=request.user, objection=objection, **form.cleaned_data)
            messages.success(request, _("异议已处理。"))
        except DomainError as error:
            if isinstance(error, NotAllowed | NotFoundError):
                raise
            _report(request, None, error)
    else:
        messages.error(request, _("请填写处理意见。"))
    return redirect(reverse("dealflow:bureau"))


@login_required
@domain_errors
def institution_dashboard(request):
    if not (request.user.is_institution_editor or request.user.is_enterprise_member):
        raise NotAllowed(_("请以机构或企业账号登录。"))
    year = _year(request)
    data = selectors.institution_dashboard(organisation=request.user.organisation, year=year)
    return render(
        request,
        "dealflow/institution_dashboard.html",
        {
            "year": year,
            "data": data,
            "stages": [(s.value, s.label, data["deals_by_stage"].get(s.value, 0)) for s in Deal.Stage],
            "achievements": AchievementPage.objects.of_organisation(request.user.organisation).order_by("title")[:100]
            if request.user.is_institution_editor
            else [],
        },
    )


@login_required
def notifications(request):
    items = selectors.notifications_for(request.user)[:100]
    return render(request, "dealflow/notifications.html", {"items": items})
