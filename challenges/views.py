"""Thin views over the challenges services and selectors: the problem map, campaigns, challenges, applications,
review, award and milestones."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from common.errors import DomainError, NotAllowed, NotFoundError
from common.messages import domain_error_to_form, domain_error_to_page

from . import alerts, exports, permissions, selectors, services, treemap
from .forms import (
    ApplicationForm,
    AwardForm,
    CampaignForm,
    ChallengeForm,
    DecideForm,
    InviteForm,
    MergeForm,
    ProblemForm,
    ReasonForm,
    ReportForm,
    TagNeedForm,
)
from .models import Application, Challenge, Milestone, Review, SurveyCampaign


def _staff_only(request) -> None:
    if not permissions.is_staff(request.user):
        raise PermissionDenied(_("只有科技局工作人员可以访问。"))


# --- Problem map --------------------------------------------------------------------------------------


def map_index(request):
    return render(request, "challenges/map_index.html", {"chains": selectors.chains_overview()})


def map_chain(request, code: str):
    try:
        root = selectors.problem_map(code)
    except NotFoundError as error:
        raise Http404 from error
    name_attr = "name_en" if (request.LANGUAGE_CODE or "").startswith("en") else "name"
    boxes, height = treemap.layout(root, name_attr=name_attr)
    context = {
        "root": root,
        "rows": selectors.map_rows(root),
        "boxes": boxes,
        "list_rows": treemap.list_rows(root, name_attr=name_attr),
        "svg_width": treemap.WIDTH,
        "svg_height": height,
        "palette": treemap.PALETTE,
        "problems": selectors.problem_list(code),
        "is_staff": permissions.is_staff(request.user),
    }
    return render(request, "challenges/map_chain.html", context)


@login_required
def problem_export(request, code: str):
    _staff_only(request)
    try:
        return exports.problem_list_response(code)
    except NotFoundError as error:
        raise Http404 from error


@login_required
def problem_manage(request, code: str):
    _staff_only(request)
    try:
        chain = selectors.chain_get(code)
    except NotFoundError as error:
        raise Http404 from error
    problem_form = ProblemForm(chain_code=chain.code, prefix="p")
    merge_form = MergeForm(chain_code=chain.code, prefix="m")
    if request.method == "POST":
        if "merge" in request.POST:
            merge_form = MergeForm(request.POST, chain_code=chain.code, prefix="m")
            if merge_form.is_valid():
                try:
                    services.problem_merge(
                        user=request.user,
                        target=merge_form.cleaned_data["target"],
                        duplicates=list(merge_form.cleaned_data["duplicates"]),
                    )
                    messages.success(request, _("已合并重复问题。"))
                    return redirect("challenges:problem_manage", code=chain.code)
                except DomainError as error:
                    domain_error_to_form(merge_form, error)
        else:
            problem_form = ProblemForm(request.POST, chain_code=chain.code, prefix="p")
            if problem_form.is_valid():
                cd = problem_form.cleaned_data
                try:
                    services.problem_create(
                        user=request.user,
                        node=cd["node"],
                        title=cd["title"],
                        description=cd["description"],
                        needs=list(cd["needs"]),
                        is_common=cd["is_common"],
                    )
                    messages.success(request, _("已标记为关键技术问题。"))
                    return redirect("challenges:problem_manage", code=chain.code)
                except DomainError as error:
                    domain_error_to_form(problem_form, error)
    return render(
        request,
        "challenges/problem_manage.html",
        {
            "chain": chain,
            "problem_form": problem_form,
            "merge_form": merge_form,
            "problems": selectors.problem_list(chain.code),
        },
    )


# --- Campaigns ----------------------------------------------------------------------------------------


@login_required
def campaign_list(request):
    _staff_only(request)
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_open(user=request.user, **form.cleaned_data)
            return redirect("challenges:campaign_detail", pk=campaign.pk)
        except DomainError as error:
            domain_error_to_form(form, error)
    campaigns = [(c, selectors.campaign_progress(c)) for c in SurveyCampaign.objects.select_related("chain")]
    return render(request, "challenges/campaign_list.html", {"form": form, "campaigns": campaigns})


@login_required
def campaign_detail(request, pk: int):
    campaign = get_object_or_404(SurveyCampaign.objects.select_related("chain"), pk=pk)
    user = request.user
    invited = user.is_enterprise_member and campaign.invitations.filter(enterprise_id=user.organisation_id).exists()
    if not (permissions.is_staff(user) or invited):
        raise Http404
    invite_form = InviteForm(prefix="i") if permissions.is_staff(user) else None
    tag_form = TagNeedForm(organisation=user.organisation, prefix="t") if invited else None
    if request.method == "POST":
        try:
            if "invite" in request.POST and invite_form is not None:
                invite_form = InviteForm(request.POST, prefix="i")
                if invite_form.is_valid():
                    services.campaign_invite(
                        user=user, campaign=campaign, enterprises=list(invite_form.cleaned_data["enterprises"])
                    )
                    messages.success(request, _("已发送调研邀请。"))
                    return redirect("challenges:campaign_detail", pk=pk)
            elif "tag" in request.POST and tag_form is not None:
                tag_form = TagNeedForm(request.POST, organisation=user.organisation, prefix="t")
                if tag_form.is_valid():
                    services.campaign_tag_need(user=user, campaign=campaign, need=tag_form.cleaned_data["need"])
                    messages.success(request, _("需求已提交至本次调研。"))
                    return redirect("challenges:campaign_detail", pk=pk)
            elif "close" in request.POST:
                services.campaign_close(user=user, campaign=campaign)
                return redirect("challenges:campaign_detail", pk=pk)
        except DomainError as error:
            domain_error_to_page(request, error)
    context = {
        "campaign": campaign,
        "progress": selectors.campaign_progress(campaign),
        "invitations": campaign.invitations.select_related("enterprise") if permissions.is_staff(user) else [],
        "tagged": campaign.tagged_needs.select_related("need__enterprise")
        if permissions.is_staff(user)
        else campaign.tagged_needs.filter(need__enterprise_id=user.organisation_id).select_related("need"),
        "invite_form": invite_form,
        "tag_form": tag_form,
        "is_staff": permissions.is_staff(user),
    }
    return render(request, "challenges/campaign_detail.html", context)


# --- Challenges ---------------------------------------------------------------------------------------


def challenge_list(request):
    status = request.GET.get("status", "")
    if status not in {s for s, _label in Challenge.Status.choices if s != "draft"}:
        status = ""
    queryset = selectors.challenge_list(
        status=status, query=request.GET.get("q", ""), chain=request.GET.get("chain", "")
    )
    page = Paginator(queryset, 12).get_page(request.GET.get("page"))
    states = [(s, label) for s, label in Challenge.Status.choices if s != "draft"]
    drafts = Challenge.objects.filter(status="draft") if permissions.is_staff(request.user) else None
    return render(
        request,
        "challenges/challenge_list.html",
        {
            "page_obj": page,
            "challenges": page.object_list,
            "states": states,
            "status": status,
            "q": request.GET.get("q", ""),
            "drafts": drafts,
            "is_staff": permissions.is_staff(request.user),
        },
    )


def challenge_detail(request, pk: int):
    challenge = selectors.challenge_get(pk)
    if not permissions.can_view_challenge(request.user, challenge):
        raise Http404
    user = request.user
    own = None
    if user.is_authenticated and user.is_institution_editor:
        own = challenge.applications.filter(lead_id=user.organisation_id).first()
    progress = selectors.public_progress(challenge)
    award = progress["award"] if progress else None
    is_winner = bool(award and permissions.is_applicant_editor(user, award.application.lead_id))
    is_funder = bool(
        user.is_authenticated
        and user.is_enterprise_member
        and challenge.co_funders.filter(pk=user.organisation_id).exists()
    )
    context = {
        "challenge": challenge,
        "own": own,
        "progress": progress,
        "is_staff": permissions.is_staff(user),
        "is_panel": permissions.is_on_panel(user, challenge),
        "can_apply": challenge.status == Challenge.Status.OPEN
        and own is None
        and user.is_authenticated
        and user.is_institution_editor,
        "is_winner": is_winner,
        "can_accept": is_funder or permissions.is_staff(user),
        "report_form": ReportForm(),
        "decide_form": DecideForm(),
        "reason_form": ReasonForm(),
    }
    return render(request, "challenges/challenge_detail.html", context)


@login_required
def challenge_create(request):
    _staff_only(request)
    form = ChallengeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            challenge = services.challenge_create(user=request.user, **form.service_args())
            if "publish" in request.POST:
                services.challenge_publish(user=request.user, challenge=challenge)
            messages.success(request, _("榜单已保存。"))
            return redirect("challenges:challenge_detail", pk=challenge.pk)
        except DomainError as error:
            domain_error_to_form(form, error)
    return render(request, "challenges/challenge_form.html", {"form": form})


@login_required
@require_POST
def challenge_transition(request, pk: int, action: str):
    _staff_only(request)
    challenge = get_object_or_404(Challenge, pk=pk)
    try:
        if action == "publish":
            services.challenge_publish(user=request.user, challenge=challenge)
        elif action == "start_review":
            services.challenge_start_review(user=request.user, challenge=challenge)
        elif action == "close":
            services.challenge_close(user=request.user, challenge=challenge, reason=request.POST.get("reason", ""))
        else:
            raise Http404
        messages.success(request, _("操作已完成。"))
    except DomainError as error:
        domain_error_to_page(request, error)
    return redirect("challenges:challenge_detail", pk=pk)


# --- Applications -------------------------------------------------------------------------------------


@login_required
def application_edit(request, pk: int):
    challenge = get_object_or_404(Challenge.objects.public(), pk=pk)
    user = request.user
    if not user.is_institution_editor:
        raise PermissionDenied(_("只有科研机构的编辑可以揭榜申报。"))
    application = challenge.applications.filter(lead_id=user.organisation_id).first()
    milestones = list(application.milestones.all()) if application else []
    form = ApplicationForm(request.POST or None, instance=application, milestones=milestones)
    if request.method == "POST" and form.is_valid():
        try:
            args = form.service_args()
            if application is None:
                application = services.application_create(user=user, challenge=challenge, **args)
            else:
                application = services.application_update(user=user, application=application, **args)
            if "submit" in request.POST:
                services.application_submit(user=user, application=application)
                messages.success(request, _("申报已提交。"))
            else:
                messages.success(request, _("草稿已保存。"))
            return redirect("challenges:challenge_detail", pk=pk)
        except NotAllowed as error:
            raise PermissionDenied(error.message) from error
        except DomainError as error:
            domain_error_to_form(form, error)
    return render(
        request, "challenges/application_form.html", {"form": form, "challenge": challenge, "application": application}
    )


@login_required
@require_POST
def application_withdraw(request, pk: int):
    application = get_object_or_404(Application, pk=pk)
    try:
        services.application_withdraw(user=request.user, application=application)
        messages.success(request, _("申报已撤回。"))
    except DomainError as error:
        domain_error_to_page(request, error)
    return redirect("challenges:challenge_detail", pk=application.challenge_id)


# --- Review and award ---------------------------------------------------------------------------------


@login_required
def review(request, pk: int):
    """The expert's scoring page: every submitted application they may judge, with the published criteria."""
    challenge = get_object_or_404(Challenge, pk=pk)
    if not permissions.is_on_panel(request.user, challenge):
        raise Http404
    criteria = list(challenge.criteria.all())
    if request.method == "POST":
        application = get_object_or_404(Application, pk=request.POST.get("application"), challenge=challenge)
        try:
            scores = {c.pk: int(request.POST.get(f"score_{c.pk}", "")) for c in criteria}
        except ValueError:
            messages.error(request, _("得分须为 0–100 的整数。"))
        else:
            try:
                services.review_submit(
                    user=request.user, application=application, scores=scores, comment=request.POST.get("comment", "")
                )
                messages.success(request, _("评分已保存。"))
                return redirect("challenges:review", pk=pk)
            except DomainError as error:
                domain_error_to_page(request, error)
    mine = {r.application_id: r for r in Review.objects.filter(application__challenge=challenge, expert=request.user)}
    rows = [
        {"application": a, "abstain": abstain, "review": mine.get(a.pk)}
        for a, abstain in selectors.applications_for_expert(request.user, challenge)
    ]
    return render(request, "challenges/review.html", {"challenge": challenge, "criteria": criteria, "rows": rows})


@login_required
def ranking(request, pk: int):
    _staff_only(request)
    challenge = get_object_or_404(Challenge, pk=pk)
    if request.method == "POST" and "add_expert" in request.POST:
        expert = User.objects.filter(pk=request.POST.get("expert") or 0, role=User.Role.EXPERT).first()
        try:
            if expert is None:
                raise DomainError(_("请选择评审专家。"))
            services.panel_add_expert(user=request.user, challenge=challenge, expert=expert)
            messages.success(request, _("已加入专家组。"))
            return redirect("challenges:ranking", pk=pk)
        except DomainError as error:
            domain_error_to_page(request, error)
    form = AwardForm(None if "add_expert" in request.POST else (request.POST or None))
    if request.method == "POST" and form.is_valid():
        application = get_object_or_404(Application, pk=form.cleaned_data["application"], challenge=challenge)
        try:
            services.challenge_award(
                user=request.user, challenge=challenge, application=application, reasons=form.cleaned_data["reasons"]
            )
            messages.success(request, _("揭榜结果已公布,技术开发合同草稿已生成。"))
            return redirect("challenges:challenge_detail", pk=pk)
        except DomainError as error:
            domain_error_to_page(request, error)
    return render(
        request,
        "challenges/ranking.html",
        {
            "challenge": challenge,
            "rows": selectors.ranking(challenge),
            "form": form,
            "panel": challenge.panel.select_related("expert"),
            "experts": User.objects.filter(role=User.Role.EXPERT, is_active=True).exclude(
                pk__in=challenge.panel.values("expert_id")
            ),
        },
    )


@login_required
@require_POST
def milestone_action(request, pk: int, action: str):
    milestone = get_object_or_404(Milestone.objects.select_related("award"), pk=pk)
    try:
        if action == "report":
            form = ReportForm(request.POST)
            if form.is_valid():
                services.milestone_report(user=request.user, milestone=milestone, **form.cleaned_data)
                messages.success(request, _("节点完成情况已报告。"))
            else:
                messages.error(request, _("请填写完成情况并提供佐证材料。"))
        elif action == "decide":
            form = DecideForm(request.POST)
            if form.is_valid():
                services.milestone_decide(user=request.user, milestone=milestone, **form.cleaned_data)
                messages.success(request, _("验收意见已记录。"))
            else:
                messages.error(request, _("请选择验收结论。"))
        else:
            raise Http404
    except DomainError as error:
        domain_error_to_page(request, error)
    return redirect("challenges:challenge_detail", pk=milestone.award.challenge_id)


@login_required
def statistics(request):
    _staff_only(request)
    return render(request, "challenges/statistics.html", {"stats": selectors.statistics()})


@login_required
def my_alerts(request):
    """An institution's challenge alerts: published challenges that fit its listed achievements."""
    if not request.user.is_institution_editor:
        raise PermissionDenied(_("只有科研机构的编辑可以查看榜单匹配提醒。"))
    return render(request, "challenges/alerts.html", {"alerts": alerts.alerts_for(request.user)})
