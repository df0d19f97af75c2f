"""Write side of competitions: setting a competition up, entries, conflicts, judge assignments, scores, advancing
to the final, publishing results and recording how winners fared."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from challenges.services.review import weighted_score
from common import clock
from common.errors import Conflict, DomainError, NotAllowed, NotFoundError
from marketplace.models import AchievementPage
from matchmaking.models import EventPage

from . import permissions, selectors
from .models import (
    Award,
    Competition,
    ConflictDeclaration,
    Criterion,
    CriterionScore,
    Entry,
    JudgeAssignment,
    Result,
    Round,
    Score,
    WinnerFollowUp,
)

ENTRY_FIELDS = ("title", "summary", "stage", "team_name", "team_members")
FOLLOW_UP_FIELDS = ("company", "company_name", "credit_code", "region_code", "notes")
RS = Round.Status


def _full_clean(instance, *, exclude: list[str] | None = None, prefix: str = "") -> None:
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        fields = {f"{prefix}{k}": [str(m) for m in v] for k, v in error.message_dict.items()}
        first = next(iter(fields.values()))[0]
        raise DomainError(first, field_errors=fields) from error


def _set(instance, data: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise DomainError(_("包含未知字段:%(f)s。") % {"f": "、".join(sorted(unknown))})
    for name, value in data.items():
        setattr(instance, name, value)


def _lock(competition: Competition) -> Competition:
    return Competition.objects.select_for_update().get(pk=competition.pk)


# --- Setting a competition up -------------------------------------------------------------------------


@transaction.atomic
def competition_create(
    *,
    user: User,
    criteria: list[dict],
    awards: list[dict],
    event: EventPage | None = None,
    title: str = "",
    entry_deadline: datetime | None = None,
) -> Competition:
    """A competition with its two rounds (preliminary, final), weighted criteria and awards. ``event`` is the
    matchmaking event page (kind 大赛) it belongs to: its title is the competition's and, unless given, its
    sign-up deadline is the entry deadline."""
    permissions.require_staff(user)
    if event is not None:
        if event.kind != EventPage.Kind.COMPETITION:
            raise DomainError(
                _("只有“大赛”类活动可以设置参赛与评审。"), field_errors={"event": [_("请选择大赛类活动。")]}
            )
        if Competition.objects.filter(event=event).exists():
            raise Conflict(_("该活动已设置大赛评审。"))
        title = title or event.title
        entry_deadline = entry_deadline or event.signup_deadline
    competition = Competition(event=event, title=title, entry_deadline=entry_deadline, created_by=user)
    _full_clean(competition, exclude=["event", "created_by"])
    if not criteria:
        raise DomainError(_("请至少设置一项评审标准。"), field_errors={"criteria": [_("请至少设置一项评审标准。")]})
    competition.save()
    for kind in (Round.Kind.PRELIMINARY, Round.Kind.FINAL):
        Round.objects.create(competition=competition, kind=kind)
    for order, row in enumerate(criteria):
        criterion = Criterion(competition=competition, sort_order=order, **row)
        _full_clean(criterion, exclude=["competition"], prefix=f"criteria.{order}.")
        criterion.save()
    previous_to = 0
    for order, row in enumerate(sorted(awards, key=lambda a: a["rank_from"])):
        award = Award(competition=competition, **row)
        _full_clean(award, exclude=["competition"], prefix=f"awards.{order}.")
        if award.rank_to < award.rank_from or award.rank_from <= previous_to:
            raise DomainError(
                _("奖项“%(n)s”的名次区间无效或与其他奖项重叠。") % {"n": award.name},
                field_errors={f"awards.{order}.rank_to": [_("名次区间无效或重叠。")]},
            )
        previous_to = award.rank_to
        award.save()
    return competition


# --- Entries ------------------------------------------------------------------------------------------


def _require_entries_open(competition: Competition) -> None:
    if clock.now() >= competition.entry_deadline:
        raise Conflict(_("报名已于 %(d)s 截止。") % {"d": competition.entry_deadline}, code="deadline_passed")


def _achievements(ids_or_pages) -> list[AchievementPage]:
    ids = [getattr(a, "pk", a) for a in ids_or_pages or []]
    pages = list(AchievementPage.objects.live().filter(pk__in=ids))
    if len(pages) != len(set(ids)):
        raise DomainError(
            _("只能选择已发布的科技成果。"), field_errors={"achievements": [_("只能选择已发布的科技成果。")]}
        )
    return pages


def _check_entry(entry: Entry) -> None:
    _full_clean(entry, exclude=["competition", "contact_user", "organisation"])
    if entry.organisation_id is None and not (entry.team_name or "").strip():
        raise DomainError(_("以团队名义报名须填写团队名称。"), field_errors={"team_name": [_("请填写团队名称。")]})
    if not entry.member_names():
        raise DomainError(_("请填写团队成员。"), field_errors={"team_members": [_("请填写团队成员。")]})


@transaction.atomic
def entry_create(
    *, user: User, competition: Competition, data: dict[str, Any], achievements: list | None = None
) -> Entry:
    """Enter a project before the deadline: as the user's company or institution, or (a public user) as a team."""
    permissions.require_can_enter(user)
    competition = _lock(competition)
    _require_entries_open(competition)
    organisation: Organisation | None = None
    if user.is_enterprise_member or user.is_institution_editor:
        organisation = user.organisation
    entry = Entry(competition=competition, contact_user=user, organisation=organisation)
    _set(entry, data, ENTRY_FIELDS)
    _check_entry(entry)
    duplicate = Entry.objects.active().filter(competition=competition)
    duplicate = (
        duplicate.filter(organisation=organisation)
        if organisation
        else duplicate.filter(organisation__isnull=True, contact_user=user)
    )
    if duplicate.exists():
        raise Conflict(_("您已报名本大赛,可修改原报名。"), code="already_entered")
    pages = _achievements(achievements)
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError as error:
        raise Conflict(_("您已报名本大赛,可修改原报名。"), code="already_entered") from error
    entry.achievements.set(pages)
    return entry


@transaction.atomic
def entry_update(*, user: User, entry: Entry, data: dict[str, Any], achievements: list | None = None) -> Entry:
    permissions.require_owner(user, entry)
    _lock(entry.competition)
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    _require_entries_open(entry.competition)
    if entry.status != Entry.Status.SUBMITTED:
        raise Conflict(_("已撤回的报名不能修改。"))
    _set(entry, data, ENTRY_FIELDS)
    _check_entry(entry)
    entry.save()
    if achievements is not None:
        entry.achievements.set(_achievements(achievements))
    return entry


@transaction.atomic
def entry_withdraw(*, user: User, entry: Entry) -> Entry:
    permissions.require_owner(user, entry)
    _lock(entry.competition)
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    _require_entries_open(entry.competition)
    if entry.status != Entry.Status.SUBMITTED:
        raise Conflict(_("该报名已撤回。"))
    entry.status = Entry.Status.WITHDRAWN
    entry.save(update_fields=["status", "updated_at"])
    return entry


# --- Conflicts and judges -----------------------------------------------------------------------------


@transaction.atomic
def conflict_declare(
    *,
    user: User,
    competition: Competition,
    entry: Entry | None = None,
    organisation: Organisation | None = None,
    reason: str,
) -> ConflictDeclaration:
    """A judge declares a tie to an entry's team or to an organisation. From then on they neither see nor score
    the entries concerned: their assignments in open rounds and any score they gave there are removed."""
    if not permissions.is_judge(user):
        raise NotAllowed(_("只有评审专家可以申报利益冲突。"))
    if entry is None and organisation is None:
        raise DomainError(
            _("请选择须回避的参赛项目或单位。"), field_errors={"entry": [_("请选择须回避的参赛项目或单位。")]}
        )
    if entry is not None and entry.competition_id != competition.pk:
        raise NotFoundError(_("未找到该参赛项目。"))
    declaration = ConflictDeclaration(
        competition=competition, judge=user, entry=entry, organisation=organisation, reason=(reason or "").strip()
    )
    _full_clean(declaration, exclude=["competition", "judge", "entry", "organisation"])
    declaration.save()
    conflicted = permissions.conflicted_entry_ids(user, competition.pk)
    open_rounds = competition.rounds.exclude(status=RS.CLOSED)
    JudgeAssignment.objects.filter(judge=user, round__in=open_rounds, entry_id__in=conflicted).delete()
    Score.objects.filter(judge=user, round__in=open_rounds, entry_id__in=conflicted).delete()
    return declaration


@transaction.atomic
def judges_assign(
    *, user: User, round: Round, judge: User, entries: list[Entry] | None = None
) -> list[JudgeAssignment]:
    """Staff assign a judge to entries of a round: the ones named, or every entry of the round the judge is not
    conflicted on. Naming a conflicted entry is refused."""
    permissions.require_staff(user)
    _lock(round.competition)
    round = Round.objects.get(pk=round.pk)
    if round.status == RS.CLOSED:
        raise Conflict(_("本轮评审已结束,不能再分配评委。"))
    if not judge.is_expert:
        raise DomainError(_("“%(n)s”不是评审专家。") % {"n": judge}, field_errors={"judge": [_("请选择评审专家。")]})
    in_round = {e.pk: e for e in selectors.round_entries(round)}
    conflicted = permissions.conflicted_entry_ids(judge, round.competition_id)
    if entries is None:
        chosen = [e for pk, e in in_round.items() if pk not in conflicted]
    else:
        chosen = []
        for entry in entries:
            if entry.pk not in in_round:
                raise DomainError(_("“%(t)s”不在本轮评审范围内。") % {"t": entry.title})
            if entry.pk in conflicted:
                raise Conflict(
                    _("评委与“%(t)s”存在利益关联,须回避,不能分配。") % {"t": entry.title}, code="conflict_of_interest"
                )
            chosen.append(entry)
    made = []
    for entry in chosen:
        assignment, _created = JudgeAssignment.objects.get_or_create(round=round, judge=judge, entry=entry)
        made.append(assignment)
    return made


@transaction.atomic
def round_start(*, user: User, round: Round) -> Round:
    """Open a round for scoring: the preliminary once entries have closed, the final once finalists are chosen."""
    permissions.require_staff(user)
    competition = _lock(round.competition)
    round = Round.objects.get(pk=round.pk)
    if round.status != RS.PENDING:
        raise Conflict(_("本轮评审已开始或已结束。"), code="illegal_transition")
    if round.kind == Round.Kind.PRELIMINARY and clock.now() < competition.entry_deadline:
        raise Conflict(_("报名截止后才能开始初赛评审。"), code="too_early")
    if round.kind == Round.Kind.FINAL and not competition.entries.active().filter(is_finalist=True).exists():
        raise Conflict(_("请先从初赛晋级决赛项目。"), code="too_early")
    round.status = RS.JUDGING
    round.save(update_fields=["status"])
    return round


def _score_value(raw, criterion: Criterion) -> Decimal:
    try:
        value = Decimal(str(raw))
    except (InvalidOperation, ValueError) as error:
        raise DomainError(
            _("得分须为数字。"), field_errors={f"scores.{criterion.pk}": [_("得分须为数字。")]}
        ) from error
    if not value.is_finite() or not 0 <= value <= criterion.max_score or value != value.quantize(Decimal("0.01")):
        message = _("“%(c)s”的得分须在 0–%(m)s 之间(最多两位小数)。") % {"c": criterion.name, "m": criterion.max_score}
        raise DomainError(message, field_errors={f"scores.{criterion.pk}": [message]})
    return value


@transaction.atomic
def score_submit(*, user: User, round: Round, entry: Entry, scores: dict, comment: str = "") -> Score:
    """An assigned judge scores an entry on every criterion (may revise while the round is open). The weighted
    score is challenges' Σ score × weight / Σ weight over scores first scaled to 0–100 by each criterion's
    maximum, so criteria with different maxima compare."""
    _lock(round.competition)
    round = Round.objects.get(pk=round.pk)
    if not permissions.is_judge(user) or not permissions.is_assigned(user, entry, round.pk):
        raise NotAllowed(_("您不是该项目本轮的评委。"))
    if permissions.has_conflict(user, entry):
        raise NotAllowed(_("您与该参赛项目存在利益关联,须回避评审。"), code="conflict_of_interest")
    if round.status != RS.JUDGING:
        raise Conflict(_("本轮不在评审期内。"), code="illegal_transition")
    if entry.status != Entry.Status.SUBMITTED:
        raise Conflict(_("该报名已撤回。"))
    criteria = list(round.competition.criteria.all())
    scores = {int(k): v for k, v in scores.items()}
    missing = [c.name for c in criteria if c.pk not in scores]
    if missing or set(scores) - {c.pk for c in criteria}:
        raise DomainError(
            _("请对每项评审标准打分(缺:%(m)s)。") % {"m": "、".join(missing) or "—"},
            field_errors={"scores": [_("评分须与评审标准一一对应。")]},
        )
    values = {c.pk: _score_value(scores[c.pk], c) for c in criteria}
    scaled = {c.pk: values[c.pk] * 100 / c.max_score for c in criteria}
    score, _created = Score.objects.update_or_create(
        round=round,
        entry=entry,
        judge=user,
        defaults={
            "weighted_score": weighted_score(scaled, criteria),
            "comment": (comment or "").strip(),
            "submitted_at": clock.now(),
        },
    )
    _full_clean(score, exclude=["round", "entry", "judge"])
    score.items.all().delete()
    CriterionScore.objects.bulk_create([CriterionScore(score=score, criterion=c, value=values[c.pk]) for c in criteria])
    return score


# --- Advancing, closing and publishing ----------------------------------------------------------------


@transaction.atomic
def round_advance(*, user: User, round: Round, top: int) -> list[Entry]:
    """Close the preliminary and advance its best ``top`` scored entries to the final (entries tied with the last
    place advance too, so equal scores are treated alike)."""
    permissions.require_staff(user)
    competition = _lock(round.competition)
    round = Round.objects.get(pk=round.pk)
    if round.kind != Round.Kind.PRELIMINARY or round.status != RS.JUDGING:
        raise Conflict(_("只能在初赛评审中晋级决赛项目。"), code="illegal_transition")
    if not isinstance(top, int) or top < 1:
        raise DomainError(_("晋级数量须为正整数。"), field_errors={"top": [_("晋级数量须为正整数。")]})
    ranked = [row for row in selectors.round_ranking(round) if row.judges]
    if not ranked:
        raise Conflict(_("初赛尚无评分,不能晋级。"))
    cut = ranked[min(top, len(ranked)) - 1].rank
    finalists = [row.entry for row in ranked if row.rank <= cut]
    competition.entries.update(is_finalist=False)
    Entry.objects.filter(pk__in=[e.pk for e in finalists]).update(is_finalist=True)
    round.status = RS.CLOSED
    round.closed_at = clock.now()
    round.save(update_fields=["status", "closed_at"])
    return finalists


@transaction.atomic
def round_close(*, user: User, round: Round) -> Round:
    """Close the final: its ranking is then fixed, ready to be published."""
    permissions.require_staff(user)
    _lock(round.competition)
    round = Round.objects.get(pk=round.pk)
    if round.kind != Round.Kind.FINAL or round.status != RS.JUDGING:
        raise Conflict(_("只能结束进行中的决赛评审。"), code="illegal_transition")
    if not Score.objects.filter(round=round).exists():
        raise Conflict(_("决赛尚无评分,不能结束。"))
    round.status = RS.CLOSED
    round.closed_at = clock.now()
    round.save(update_fields=["status", "closed_at"])
    return round


@transaction.atomic
def results_publish(*, user: User, competition: Competition) -> list[Result]:
    """Fix the final ranking and its awards and make them public on the event's page."""
    permissions.require_staff(user)
    competition = _lock(competition)
    final = competition.rounds.get(kind=Round.Kind.FINAL)
    if final.status != RS.CLOSED:
        raise Conflict(_("决赛评审结束后才能公布结果。"), code="illegal_transition")
    if competition.results_published_at is not None:
        raise Conflict(_("结果已公布。"), code="illegal_transition")
    awards = list(competition.awards.all())
    results = []
    for row in selectors.round_ranking(final):
        if not row.judges:
            continue
        award = next((a for a in awards if a.rank_from <= row.rank <= a.rank_to), None)
        results.append(
            Result.objects.create(competition=competition, entry=row.entry, rank=row.rank, score=row.score, award=award)
        )
    competition.results_published_at = clock.now()
    competition.save(update_fields=["results_published_at"])
    return results


# --- Following winners --------------------------------------------------------------------------------


@transaction.atomic
def follow_up_record(*, user: User, result: Result, data: dict[str, Any]) -> WinnerFollowUp:
    """Staff record what the platform cannot derive about a winner: the company it registered (on the platform or
    by credit code) and where it is registered."""
    permissions.require_staff(user)
    if result.award_id is None:
        raise Conflict(_("只跟踪获奖项目。"))
    follow_up, _created = WinnerFollowUp.objects.get_or_create(result=result)
    _set(follow_up, data, FOLLOW_UP_FIELDS)
    follow_up.updated_by = user
    _full_clean(follow_up, exclude=["result", "company", "updated_by"])
    follow_up.save()
    return follow_up
