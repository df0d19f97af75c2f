"""Thin views over the event services and selectors: signing up, meetings and schedule, outcomes, staff tools."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.errors import DomainError, NotAllowed, NotFoundError
from common.messages import domain_error_to_form, domain_error_to_page

from . import exports, pdf, permissions, selectors, services, statistics
from .forms import DeclineForm, OutcomeForm, RequestForm, SignupForm
from .models import EventIndexPage, EventPage, Meeting, Signup


def _staff_only(request) -> None:
    if not permissions.is_staff(request.user):
        raise PermissionDenied(_("只有科技局工作人员可以访问。"))


def _event(pk: int) -> EventPage:
    return get_object_or_404(selectors.events_listed(), pk=pk)


def index(request):
    page = EventIndexPage.objects.live().first()
    if page is None:
        raise Http404
    return redirect(page.url)


@login_required
def my_events(request):
    if not permissions.is_party_user(request.user):
        raise PermissionDenied(_("只有已认证的企业或机构可以报名参加活动。"))
    return render(
        request,
        "matchmaking/my_events.html",
        {"signups": selectors.signups_of_organisation(request.user.organisation_id)},
    )


@login_required
def signup(request, pk: int):
    event = _event(pk)
    if not permissions.is_party_user(request.user):
        raise PermissionDenied(_("只有已认证的企业或机构可以报名参加活动。"))
    existing = selectors.signup_of(event=event, organisation_id=request.user.organisation_id)
    editing = existing is not None and existing.status != Signup.Status.CANCELLED
    initial = SignupForm.initial_from(existing) if editing else {}
    form = SignupForm(request.POST or None, initial=initial, user=request.user, event=event)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        kwargs = {
            "user": request.user,
            "attendees": data["attendees"],
            "needs": data.get("needs") or [],
            "achievements": data.get("achievements") or [],
            "unavailable_slots": data.get("unavailable_slots") or [],
        }
        try:
            if editing:
                services.signup_update(signup=existing, **kwargs)
                messages.success(request, _("报名信息已更新。"))
            else:
                created = services.signup_create(event=event, **kwargs)
                if created.status == Signup.Status.WAITING:
                    messages.warning(request, _("活动名额已满,贵单位已进入候补名单。"))
                else:
                    messages.success(request, _("报名已提交,等待审核。"))
            return redirect("matchmaking:meetings", pk=event.pk)
        except DomainError as error:
            if isinstance(error, NotAllowed | NotFoundError):
                domain_error_to_page(request, error)
            domain_error_to_form(form, error)
    return render(request, "matchmaking/signup_form.html", {"event": event, "form": form, "existing": existing})


@login_required
@require_POST
def signup_cancel(request, pk: int):
    signup = get_object_or_404(Signup, pk=pk)
    try:
        services.signup_cancel(user=request.user, signup=signup)
        messages.success(request, _("报名已取消。"))
    except DomainError as error:
        domain_error_to_page(request, error)
    if permissions.is_staff(request.user):
        return redirect("matchmaking:manage", pk=signup.event_id)
    return redirect("matchmaking:my_events")


@login_required
def meetings(request, pk: int):
    """An attendee's page for one event: its sign-up, proposals to answer, requests, schedule and outcomes."""
    event = _event(pk)
    if not permissions.is_party_user(request.user):
        if permissions.is_staff(request.user):
            return redirect("matchmaking:manage", pk=pk)
        raise PermissionDenied(_("只有已认证的企业或机构可以报名参加活动。"))
    organisation_id = request.user.organisation_id
    own = selectors.signup_of(event=event, organisation_id=organisation_id)
    rows = list(selectors.meetings_of_organisation(event=event, organisation_id=organisation_id))
    outcomes = selectors.outcomes_by_side(rows)
    for meeting in rows:
        meeting.side = permissions.meeting_side(request.user, meeting)
        meeting.own_outcome = outcomes.get((meeting.pk, organisation_id))
        meeting.own_response = getattr(meeting, f"{meeting.side}_response") if meeting.side else None
        meeting.own_response_label = dict(Meeting.Response.choices).get(meeting.own_response, "")
        meeting.other = (
            meeting.institution_signup.organisation
            if meeting.side == "enterprise"
            else meeting.enterprise_signup.organisation
        )
        meeting.starts = event.slot_starts(meeting.slot) if meeting.is_scheduled else None
    request_form = None
    if own is not None and own.status == Signup.Status.APPROVED:
        taken = {m.other.pk for m in rows if m.status not in (Meeting.Status.DECLINED, Meeting.Status.CANCELLED)}
        others = (
            event.signups.filter(status=Signup.Status.APPROVED)
            .exclude(organisation_id=organisation_id)
            .exclude(organisation_id__in=taken)
            .select_related("organisation")
        )
        others = (
            others.filter(organisation__kind="enterprise")
            if own.organisation.is_institution
            else others.exclude(organisation__kind="enterprise")
        )
        request_form = RequestForm(others=others)
    context = {
        "event": event,
        "own": own,
        "meetings": rows,
        "schedule": [m for m in rows if m.is_scheduled and m.status in (Meeting.Status.ACCEPTED, Meeting.Status.HELD)],
        "request_form": request_form,
        "outcome_choices": OutcomeForm.base_fields["result"].choices,
    }
    return render(request, "matchmaking/meetings.html", context)


@login_required
@require_POST
def meeting_respond(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    try:
        services.meeting_respond(user=request.user, meeting=meeting, accept=request.POST.get("answer") == "accept")
        messages.success(request, _("已答复。"))
    except DomainError as error:
        domain_error_to_page(request, error)
    return redirect("matchmaking:meetings", pk=meeting.event_id)


@login_required
@require_POST
def meeting_request(request, pk: int):
    event = _event(pk)
    others = event.signups.filter(status=Signup.Status.APPROVED)
    form = RequestForm(request.POST, others=others)
    if form.is_valid():
        try:
            services.meeting_request(user=request.user, event=event, other=form.cleaned_data["other"])
            messages.success(request, _("洽谈邀约已发出,等待对方接受。"))
        except DomainError as error:
            domain_error_to_page(request, error)
    else:
        messages.error(request, _("请选择洽谈对象。"))
    return redirect("matchmaking:meetings", pk=event.pk)


@login_required
@require_POST
def outcome_record(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择洽谈结果。"))
    else:
        try:
            services.outcome_record(
                user=request.user, meeting=meeting, result=form.cleaned_data["result"], note=form.cleaned_data["note"]
            )
            messages.success(request, _("洽谈结果已记录。"))
        except DomainError as error:
            domain_error_to_page(request, error)
    return redirect("matchmaking:meetings", pk=meeting.event_id)


@login_required
def schedule_pdf(request, pk: int):
    event = _event(pk)
    if permissions.is_party_user(request.user):
        content = pdf.render_schedule_pdf(event=event, organisation=request.user.organisation)
    elif permissions.is_staff(request.user):
        content = pdf.render_schedule_pdf(event=event, organisation=None)
    else:
        raise PermissionDenied(_("只有参会单位和科技局工作人员可以下载日程。"))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="schedule-{event.pk}.pdf"'
    return response


# --- Staff ----------------------------------------------------------------------------------------------


@login_required
def manage(request, pk: int):
    _staff_only(request)
    event = get_object_or_404(EventPage, pk=pk)
    context = {
        "event": event,
        "signups": selectors.signups_for_staff(event),
        "meetings": list(
            Meeting.objects.filter(event=event)
            .select_related(
                "enterprise_signup__organisation", "institution_signup__organisation", "need", "achievement"
            )
            .order_by("status", "-score", "pk")
        ),
        "grid": selectors.schedule_grid(event) if event.has_meetings else [],
        "decline_form": DeclineForm(),
        "figures": statistics.event_figures(event),
    }
    return render(request, "matchmaking/manage.html", context)


@login_required
@require_POST
def signup_decide(request, pk: int, action: str):
    _staff_only(request)
    signup = get_object_or_404(Signup, pk=pk)
    try:
        if action == "approve":
            services.signup_approve(user=request.user, signup=signup)
            messages.success(request, _("已批准报名,确认函已发送。"))
        elif action == "decline":
            services.signup_decline(user=request.user, signup=signup, note=request.POST.get("note", ""))
            messages.success(request, _("已谢绝报名。"))
        elif action == "attended":
            services.signup_mark_attended(user=request.user, signup=signup, attended=True)
            messages.success(request, _("已登记到场。"))
        else:
            raise Http404
    except DomainError as error:
        domain_error_to_page(request, error)
    return redirect("matchmaking:manage", pk=signup.event_id)


@login_required
@require_POST
def event_action(request, pk: int, action: str):
    _staff_only(request)
    event = get_object_or_404(EventPage, pk=pk)
    try:
        if action == "propose":
            created = services.meetings_propose(user=request.user, event=event)
            messages.success(request, _("已推荐 %(count)s 场一对一洽谈。") % {"count": len(created)})
        elif action == "schedule":
            schedule = services.schedule_build(user=request.user, event=event)
            messages.success(
                request,
                _("日程已生成:安排 %(placed)s 场,未能安排 %(unplaced)s 场。")
                % {"placed": len(schedule.placements), "unplaced": len(schedule.unplaced)},
            )
        elif action == "send":
            count = services.schedule_send(user=request.user, event=event)
            messages.success(request, _("已向 %(count)s 家单位发送日程。") % {"count": count})
        else:
            raise Http404
    except DomainError as error:
        domain_error_to_page(request, error)
    return redirect("matchmaking:manage", pk=event.pk)


@login_required
@require_POST
def meeting_held(request, pk: int):
    _staff_only(request)
    meeting = get_object_or_404(Meeting, pk=pk)
    try:
        services.meeting_mark_held(user=request.user, meeting=meeting)
    except DomainError as error:
        domain_error_to_page(request, error)
    return redirect("matchmaking:manage", pk=meeting.event_id)


@login_required
def figures(request):
    _staff_only(request)
    filters = statistics.filters_from(request.GET)
    context = {"report": statistics.figures_report(**filters), "filters": filters, **statistics.filter_choices()}
    return render(request, "matchmaking/figures.html", context)


@login_required
def figures_export(request):
    _staff_only(request)
    filters = statistics.filters_from(request.GET)
    return exports.figures_xlsx(statistics.figures_report(**filters))
