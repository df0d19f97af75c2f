"""Thin views over the competitions services and selectors: public results, entries, scoring, round management
and the winners' follow-up."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common import clock
from common.errors import DomainError, NotAllowed, NotFoundError
from common.messages import domain_error_to_form, domain_error_to_page

from . import permissions, selectors, services
from .forms import AdvanceForm, AssignForm, CompetitionForm, ConflictForm, EntryForm, FollowUpForm, ScoreForm
from .models import Competition, Entry, Result, Round


def _staff_only(request) -> None:
    if not permissions.is_staff(request.user):
        raise PermissionDenied(_("只有科技局工作人员可以访问。"))


def _competition(pk: int) -> Competition:
    return get_object_or_404(
        Competition.objects.select_related("event").prefetch_related("criteria", "awards", "rounds"), pk=pk
    )


# --- Public -------------------------------------------------------------------------------------------


def competition_list(request):
    competitions = Competition.objects.select_related("event").order_by("-entry_deadline")
    context = {"competitions": competitions, "now": clock.now(), "is_staff": permissions.is_staff(request.user)}
    return render(request, "competitions/list.html", context)


def competition_detail(request, pk: int):
    competition = _competition(pk)
    user = request.user
    context = {
        "competition": competition,
        "results": selectors.public_results(competition),
        "entries_open": clock.now() < competition.entry_deadline,
        "can_enter": permissions.can_enter(user),
        "is_staff": permissions.is_staff(user),
        "is_judge": permissions.is_judge(user),
        "own_entries": competition.entries.owned_by(user).active() if user.is_authenticated else [],
        "finalists": competition.entries.active().filter(is_finalist=True).select_related("organisation"),
    }
    if context["is_judge"]:
        context["conflict_form"] = ConflictForm(competition=competition)
    return render(request, "competitions/detail.html", context)


# --- Entrants -----------------------------------------------------------------------------------------


@login_required
def my_entries(request):
    context = {"entries": selectors.entries_owned(request.user), "now": clock.now()}
    return render(request, "competitions/my_entries.html", context)


@login_required
def entry_edit(request, pk: int):
    """``pk`` is the competition for a new entry (entry_create) or the entry itself (entry_edit)."""
    if request.resolver_match.url_name == "entry_create":
        competition, entry = _competition(pk), None
        if not permissions.can_enter(request.user):
            raise PermissionDenied(_("只有企业、机构用户或团队联系人可以报名参赛。"))
    else:
        entry = get_object_or_404(Entry.objects.select_related("competition"), pk=pk)
        if not permissions.is_owner(request.user, entry):
            raise Http404
        competition = entry.competition
    form = EntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in EntryForm.Meta.fields}
        achievements = list(form.cleaned_data["achievements"])
        try:
            if entry is None:
                services.entry_create(user=request.user, competition=competition, data=data, achievements=achievements)
            else:
                services.entry_update(user=request.user, entry=entry, data=data, achievements=achievements)
        except DomainError as error:
            if isinstance(error, NotAllowed | NotFoundError):
                domain_error_to_page(request, error)
            domain_error_to_form(form, error)
        else:
            messages.success(request, _("报名信息已保存。"))
            return redirect("competitions:my_entries")
    context = {"form": form, "competition": competition, "entry": entry, "is_team": not request.user.organisation_id}
    return render(request, "competitions/entry_form.html", context)


@login_required
@require_POST
def entry_withdraw(request, pk: int):
    entry = get_object_or_404(Entry, pk=pk)
    try:
        services.entry_withdraw(user=request.user, entry=entry)
        messages.success(request, _("报名已撤回。"))
    except DomainError as error:
        domain_error_to_page(request, error)
    return redirect("competitions:my_entries")


# --- Judges -------------------------------------------------------------------------------------------


@login_required
def judging_index(request):
    if not permissions.is_judge(request.user):
        raise PermissionDenied(_("只有评审专家可以访问。"))
    return render(request, "competitions/judging_index.html", {"rounds": selectors.judge_rounds(request.user)})


@login_required
@require_POST
def conflict_declare(request, pk: int):
    competition = _competition(pk)
    form = ConflictForm(request.POST, competition=competition)
    if not form.is_valid():
        messages.error(request, _("请选择须回避的参赛项目或单位,并填写关联说明。"))
        return redirect("competitions:detail", pk=pk)
    try:
        services.conflict_declare(user=request.user, competition=competition, **form.cleaned_data)
        messages.success(request, _("已申报回避。"))
    except DomainError as error:
        domain_error_to_page(request, error)
    return redirect("competitions:detail", pk=pk)


@login_required
def score(request, pk: int):
    """A judge's scoring page for a round: their assigned entries only, conflicted ones never listed."""
    round = get_object_or_404(Round.objects.select_related("competition"), pk=pk)
    if not permissions.is_judge(request.user):
        raise PermissionDenied(_("只有评审专家可以访问。"))
    criteria = list(round.competition.criteria.all())
    rows = selectors.entries_for_judge(request.user, round)
    posted = int(request.POST.get("entry", 0) or 0) if request.method == "POST" else 0
    forms_by_entry = {}
    for row in rows:
        initial = {}
        if row.score is not None:
            initial = {f"c{item.criterion_id}": item.value for item in row.score.items.all()}
            initial["comment"] = row.score.comment
        data = request.POST if posted == row.entry.pk else None
        forms_by_entry[row.entry.pk] = ScoreForm(data, initial=initial, criteria=criteria, prefix_entry=row.entry.pk)
    if posted:
        form = forms_by_entry.get(posted)
        if form is None:
            raise Http404
        if form.is_valid():
            entry = next(r.entry for r in rows if r.entry.pk == posted)
            try:
                services.score_submit(
                    user=request.user,
                    round=round,
                    entry=entry,
                    scores=form.scores(),
                    comment=form.cleaned_data["comment"],
                )
                messages.success(request, _("评分已保存。"))
                return redirect("competitions:score", pk=pk)
            except DomainError as error:
                if isinstance(error, NotAllowed | NotFoundError):
                    domain_error_to_page(request, error)
                domain_error_to_form(form, error)
    context = {
        "round": round,
        "rows": [(row, forms_by_entry[row.entry.pk]) for row in rows],
        "criteria": criteria,
    }
    return render(request, "competitions/score.html", context)


# --- Staff --------------------------------------------------------------------------------------------


@login_required
def competition_create(request):
    _staff_only(request)
    form = CompetitionForm(request.POST or None, initial={"event": request.GET.get("event")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            competition = services.competition_create(
                user=request.user,
                event=data["event"],
                entry_deadline=data["entry_deadline"],
                criteria=data["criteria"],
                awards=data["awards"],
            )
        except DomainError as error:
            if isinstance(error, NotAllowed | NotFoundError):
                domain_error_to_page(request, error)
            domain_error_to_form(form, error)
        else:
            messages.success(request, _("大赛已设置,可以接受报名。"))
            return redirect("competitions:manage", pk=competition.pk)
    return render(request, "competitions/competition_form.html", {"form": form})


@login_required
def manage(request, pk: int):
    _staff_only(request)
    competition = _competition(pk)
    rounds = []
    for round in competition.rounds.all():
        judges = sorted({a.judge for a in round.assignments.select_related("judge")}, key=lambda u: u.pk)
        rounds.append({"round": round, "ranking": selectors.round_ranking(round), "judges": judges})
    context = {
        "competition": competition,
        "rounds": rounds,
        "assign_form": AssignForm(),
        "advance_form": AdvanceForm(initial={"top": 10}),
        "entries": competition.entries.select_related("organisation").order_by("pk"),
        "winners": selectors.winner_rows(competition) if competition.is_published else [],
    }
    return render(request, "competitions/manage.html", context)


@login_required
@require_POST
def round_action(request, pk: int, action: str):
    _staff_only(request)
    round = get_object_or_404(Round.objects.select_related("competition"), pk=pk)
    try:
        if action == "start":
            services.round_start(user=request.user, round=round)
        elif action == "assign":
            form = AssignForm(request.POST)
            if not form.is_valid():
                raise DomainError(_("请选择评审专家。"))
            made = services.judges_assign(user=request.user, round=round, judge=form.cleaned_data["judge"])
            messages.info(request, _("已分配 %(n)d 个项目(须回避的项目不分配)。") % {"n": len(made)})
        elif action == "advance":
            form = AdvanceForm(request.POST)
            if not form.is_valid():
                raise DomainError(_("晋级数量须为正整数。"))
            services.round_advance(user=request.user, round=round, top=form.cleaned_data["top"])
        elif action == "close":
            services.round_close(user=request.user, round=round)
        elif action == "publish":
            services.results_publish(user=request.user, competition=round.competition)
        else:
            raise Http404
        messages.success(request, _("操作已完成。"))
    except DomainError as error:
        domain_error_to_page(request, error)
    return redirect("competitions:manage", pk=round.competition_id)


@login_required
def winners(request):
    """The bureau's page: every awarded entry and what became of it."""
    _staff_only(request)
    return render(request, "competitions/winners.html", {"rows": selectors.winner_rows()})


@login_required
def follow_up(request, pk: int):
    _staff_only(request)
    result = get_object_or_404(Result.objects.select_related("entry", "award", "competition"), pk=pk)
    instance = getattr(result, "follow_up", None)
    form = FollowUpForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_record(
                user=request.user, result=result, data={k: form.cleaned_data[k] for k in FollowUpForm.Meta.fields}
            )
            messages.success(request, _("跟踪信息已保存。"))
            return redirect("competitions:winners")
        except DomainError as error:
            if isinstance(error, NotAllowed | NotFoundError):
                domain_error_to_page(request, error)
            domain_error_to_form(form, error)
    return render(request, "competitions/follow_up.html", {"form": form, "result": result})
