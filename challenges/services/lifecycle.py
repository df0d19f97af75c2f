"""Write-side of the challenges app: key problems, survey campaigns, challenges, applications, review, awards,
milestones.

Challenge workflow (every transition locks the row, checks who and when, and writes a ``ChallengeEvent``)::

    draft ──publish──▶ open ──start_review (after closes_at)──▶ under_review ──award──▶ awarded
                        └──────────── close (reason) ──────────────┴──────────▶ closed

Every deadline is checked against ``clock.now()`` (aware, shown in Asia/Shanghai); an illegal transition or a
missed deadline raises ``Conflict`` with a message, never a silent no-op.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from common.errors import Conflict, DomainError, NotAllowed
from marketplace.models import AchievementPage, TechnologyNeed
from registration.services import contract_create_draft
from taxonomy.models import IndustryChainNode

from .. import alerts, clock, permissions
from ..models import (
    Application,
    ApplicationMilestone,
    Award,
    CampaignNeed,
    Challenge,
    ChallengeEvent,
    ChallengeTarget,
    KeyProblem,
    Milestone,
    MilestoneEvent,
    NeedMatchSummary,
    PanelMember,
    Review,
    ReviewCriterion,
    ReviewScore,
    SurveyCampaign,
    SurveyInvitation,
)

logger = logging.getLogger(__name__)

CS = Challenge.Status
AS = Application.Status
MS = Milestone.Status

CHALLENGE_FIELDS = (
    "title",
    "title_en",
    "problem",
    "problem_en",
    "node",
    "technical_field",
    "reward_cny",
    "payment_terms",
    "term_years",
    "scope",
    "institution_kinds",
    "opens_at",
    "closes_at",
    "review_by",
    "award_by",
    "ip_terms",
    "required_documents",
)
APPLICATION_FIELDS = (
    "team_lead",
    "team_lead_title",
    "team",
    "technical_route",
    "budget_cny",
    "budget_notes",
    "declares_no_conflict",
    "declares_originality",
)
INSTITUTION_KINDS = {k for k, _label in Organisation.Kind.choices if k != Organisation.Kind.ENTERPRISE}


def home_province_code() -> str:
    """The province that counts as 省内 for eligibility and statistics (Fujian by default)."""
    return settings.HOME_PROVINCE_CODE


def end_of_day(day: date) -> datetime:
    """The last instant of a local calendar day: a date deadline holds until midnight in Asia/Shanghai."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min)) - timedelta(microseconds=1)


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


def _event(challenge: Challenge, *, action: str, actor, from_status: str, reason: str = "") -> None:
    ChallengeEvent.objects.create(
        challenge=challenge,
        action=action,
        actor=actor,
        from_status=from_status,
        to_status=challenge.status,
        reason=reason,
        at=clock.now(),
    )


def _lock_challenge(challenge: Challenge) -> Challenge:
    return Challenge.objects.select_for_update().get(pk=challenge.pk)


def _require_status(obj, allowed: tuple[str, ...], action: str) -> None:
    if obj.status not in allowed:
        raise Conflict(
            _("当前状态为“%(status)s”,不能%(action)s。") % {"status": obj.get_status_display(), "action": action},
            code="illegal_transition",
        )


# --- Key problems -------------------------------------------------------------------------------------


def _check_needs_in_chain(node: IndustryChainNode, needs) -> None:
    chain_code = node.code.split(".")[0]
    for need in needs:
        if need.industry_chain_id and not need.industry_chain.code.startswith(chain_code):
            raise DomainError(
                _("需求“%(need)s”不属于%(chain)s产业链。") % {"need": need.title, "chain": chain_code},
                field_errors={"needs": [_("来源需求须属于同一产业链。")]},
            )


@transaction.atomic
def problem_create(
    *,
    user: User,
    node: IndustryChainNode,
    title: str,
    description: str = "",
    needs: list[TechnologyNeed] | None = None,
    is_common: bool = False,
) -> KeyProblem:
    """Mark one or more needs as a key technology problem of a chain node (关键技术问题)."""
    permissions.require_staff(user)
    needs = list(needs or [])
    _check_needs_in_chain(node, needs)
    problem = KeyProblem(node=node, title=title, description=description, is_common=is_common, created_by=user)
    _full_clean(problem, exclude=["created_by", "merged_into"])
    problem.save()
    problem.source_needs.set(needs)
    return problem


@transaction.atomic
def problem_merge(*, user: User, target: KeyProblem, duplicates: list[KeyProblem]) -> KeyProblem:
    """Merge duplicate problems into ``target``: their source needs move over, the duplicates point at it.

    A problem raised by needs of two or more enterprises becomes a common problem (共性).
    """
    permissions.require_staff(user)
    target = KeyProblem.objects.select_for_update().get(pk=target.pk)
    if target.merged_into_id:
        raise Conflict(_("目标问题已被合并,不能再作为合并目标。"))
    ids = [d.pk for d in duplicates if d.pk != target.pk]
    if not ids:
        raise DomainError(_("请选择至少一个要合并的重复问题。"), field_errors={"duplicates": [_("请选择重复问题。")]})
    rows = list(KeyProblem.objects.select_for_update().filter(pk__in=ids))
    for row in rows:
        if row.merged_into_id:
            raise Conflict(_("问题“%(t)s”已被合并。") % {"t": row.title})
        if row.node.code.split(".")[0] != target.node.code.split(".")[0]:
            raise DomainError(_("只能合并同一产业链的问题。"))
        target.source_needs.add(*row.source_needs.all())
        # Children of a duplicate follow it to the target, so the chain of merges stays one level deep.
        KeyProblem.objects.filter(merged_into=row).update(merged_into=target)
        row.merged_into = target
        row.save(update_fields=["merged_into", "updated_at"])
    enterprises = set(target.source_needs.values_list("enterprise_id", flat=True))
    if len(enterprises) >= 2:
        target.is_common = True
    target.save()
    return target


@transaction.atomic
def problem_update(*, user: User, problem: KeyProblem, data: dict[str, Any]) -> KeyProblem:
    permissions.require_staff(user)
    problem = KeyProblem.objects.select_for_update().get(pk=problem.pk)
    _set(problem, data, ("title", "description", "node", "is_common"))
    _full_clean(problem, exclude=["created_by", "merged_into"])
    problem.save()
    return problem


@transaction.atomic
def need_match_summaries_refresh(*, needs=None, limit: int = 10) -> int:
    """Run the matcher (engine, or the database matcher when it is down) and store the counts above the floor.

    Called by ``manage.py challenges_refresh_matches``; the map reads the stored rows.
    """
    from search.matching import match_floor, matches_for_need

    needs = needs if needs is not None else TechnologyNeed.objects.open_for_matching()
    floor = match_floor()
    count = 0
    for need in needs:
        matches = matches_for_need(need, limit=limit)
        NeedMatchSummary.objects.update_or_create(
            need=need,
            defaults={
                "match_count": len(matches),
                "best_score": max((m.score for m in matches), default=0.0),
                "floor": floor,
                "computed_at": clock.now(),
            },
        )
        count += 1
    return count


# --- Survey campaigns ---------------------------------------------------------------------------------


@transaction.atomic
def campaign_open(
    *, user: User, chain: IndustryChainNode, title: str, tag: str, opens_on: date, closes_on: date, description=""
) -> SurveyCampaign:
    permissions.require_staff(user)
    if chain.level != IndustryChainNode.Level.CHAIN:
        raise DomainError(_("需求大调研须选择一条产业链(顶层节点)。"), field_errors={"chain": [_("请选择产业链。")]})
    if closes_on < opens_on:
        raise DomainError(
            _("截止日期不能早于开始日期。"), field_errors={"closes_on": [_("截止日期不能早于开始日期。")]}
        )
    if SurveyCampaign.objects.filter(tag=tag).exists():
        raise DomainError(_("调研标签已被使用。"), field_errors={"tag": [_("调研标签已被使用。")]})
    campaign = SurveyCampaign(
        chain=chain,
        title=title,
        tag=tag,
        opens_on=opens_on,
        closes_on=closes_on,
        description=description,
        created_by=user,
    )
    _full_clean(campaign, exclude=["created_by"])
    campaign.save()
    return campaign


@transaction.atomic
def campaign_invite(*, user: User, campaign: SurveyCampaign, enterprises: list[Organisation]) -> int:
    permissions.require_staff(user)
    campaign = SurveyCampaign.objects.get(pk=campaign.pk)
    if campaign.status != SurveyCampaign.Status.OPEN:
        raise Conflict(_("调研已结束,不能再邀请企业。"))
    added = 0
    for enterprise in enterprises:
        if not enterprise.is_enterprise:
            raise DomainError(_("“%(n)s”不是企业,只能邀请企业参加需求调研。") % {"n": enterprise.name})
        _row, created = SurveyInvitation.objects.get_or_create(campaign=campaign, enterprise=enterprise)
        added += int(created)
    return added


@transaction.atomic
def campaign_tag_need(*, user: User, campaign: SurveyCampaign, need: TechnologyNeed) -> CampaignNeed:
    """An invited enterprise answers the survey with one of its needs; the need carries the campaign's tag."""
    if not (permissions.is_staff(user) or (user.is_enterprise_member and user.organisation_id == need.enterprise_id)):
        raise NotAllowed(_("只能为本企业的需求参加调研。"))
    campaign = SurveyCampaign.objects.select_related("chain").get(pk=campaign.pk)  # never trust a stale copy
    if campaign.status != SurveyCampaign.Status.OPEN or not (campaign.opens_on <= clock.today() <= campaign.closes_on):
        raise Conflict(_("调研不在进行期间。"))
    invitation = SurveyInvitation.objects.select_for_update().filter(
        campaign=campaign, enterprise_id=need.enterprise_id
    )
    invitation = invitation.first()
    if invitation is None:
        raise NotAllowed(_("贵企业未受邀参加本次调研。"))
    if need.industry_chain_id and not need.industry_chain.code.startswith(campaign.chain.code):
        raise DomainError(_("需求的产业链与调研不符。"), field_errors={"need": [_("需求的产业链与调研不符。")]})
    tagged, _created = CampaignNeed.objects.update_or_create(need=need, defaults={"campaign": campaign})
    if invitation.responded_at is None:
        invitation.responded_at = clock.now()
        invitation.save(update_fields=["responded_at"])
    return tagged


@transaction.atomic
def campaign_close(*, user: User, campaign: SurveyCampaign) -> SurveyCampaign:
    permissions.require_staff(user)
    campaign = SurveyCampaign.objects.select_for_update().get(pk=campaign.pk)
    _require_status(campaign, (SurveyCampaign.Status.OPEN,), _("结束调研"))
    campaign.status = SurveyCampaign.Status.CLOSED
    campaign.save(update_fields=["status"])
    return campaign


# --- Challenges ---------------------------------------------------------------------------------------


def _validate_challenge(challenge: Challenge, targets: list[dict], criteria: list[dict]) -> None:
    errors: dict[str, list[str]] = {}
    if challenge.opens_at and challenge.closes_at and challenge.closes_at <= challenge.opens_at:
        errors["closes_at"] = [_("申报截止时间须晚于开始时间。")]
    if challenge.closes_at and challenge.review_by and challenge.review_by < timezone.localdate(challenge.closes_at):
        errors["review_by"] = [_("评审完成日期不能早于申报截止日期。")]
    if challenge.review_by and challenge.award_by and challenge.award_by < challenge.review_by:
        errors["award_by"] = [_("揭榜公布日期不能早于评审完成日期。")]
    kinds = set(challenge.institution_kinds or [])
    if kinds - INSTITUTION_KINDS:
        errors["institution_kinds"] = [_("可申报机构类型只能是高校、院所或新型研发机构。")]
    if not targets:
        errors["targets"] = [_("请至少填写一项量化攻关指标。")]
    if not criteria:
        errors["criteria"] = [_("请公布评审标准及权重。")]
    elif sum(int(c.get("weight") or 0) for c in criteria) != 100:
        errors["criteria"] = [_("评审标准的权重合计须为 100。")]
    if errors:
        raise DomainError(next(iter(errors.values()))[0], field_errors=errors)


def _replace_challenge_children(challenge: Challenge, targets: list[dict], criteria: list[dict]) -> None:
    challenge.targets.all().delete()
    for index, row in enumerate(targets):
        target = ChallengeTarget(
            challenge=challenge, sort_order=index, **_only(row, ("indicator", "value", "unit", "test_method"))
        )
        _full_clean(target, exclude=["challenge"], prefix=f"targets[{index}].")
        target.save()
    if challenge.pk and Review.objects.filter(application__challenge=challenge).exists():
        raise Conflict(_("已有专家评分,不能修改评审标准。"))
    challenge.criteria.all().delete()
    for index, row in enumerate(criteria):
        criterion = ReviewCriterion(challenge=challenge, sort_order=index, **_only(row, ("name", "weight")))
        _full_clean(criterion, exclude=["challenge"], prefix=f"criteria[{index}].")
        criterion.save()


def _only(row: dict, allowed: tuple[str, ...]) -> dict:
    unknown = set(row) - set(allowed)
    if unknown:
        raise DomainError(_("包含未知字段:%(f)s。") % {"f": "、".join(sorted(unknown))})
    return dict(row)


def _check_co_funders(co_funders) -> None:
    for org in co_funders:
        if not org.is_enterprise:
            raise DomainError(
                _("出资企业“%(n)s”不是企业。") % {"n": org.name}, field_errors={"co_funders": [_("出资方须为企业。")]}
            )


@transaction.atomic
def challenge_create(
    *,
    user: User,
    data: dict[str, Any],
    targets: list[dict],
    criteria: list[dict],
    key_problems: list[KeyProblem] | None = None,
    co_funders: list[Organisation] | None = None,
) -> Challenge:
    """A draft challenge, from one or more key problems or from scratch. Nothing is public until published."""
    permissions.require_staff(user)
    challenge = Challenge(created_by=user, status=CS.DRAFT)
    data = dict(data)
    problems = list(key_problems or [])
    if problems and not data.get("node"):
        data["node"] = problems[0].node
    if problems and not data.get("problem"):
        data["problem"] = "\n\n".join(f"{p.title}:{p.description}" for p in problems)[:5000]
    _set(challenge, data, CHALLENGE_FIELDS)
    _full_clean(challenge, exclude=["created_by"])
    _validate_challenge(challenge, targets, criteria)
    co_funders = list(co_funders or [])
    _check_co_funders(co_funders)
    challenge.save()
    _replace_challenge_children(challenge, targets, criteria)
    challenge.key_problems.set([p for p in problems if p.merged_into_id is None])
    challenge.co_funders.set(co_funders)
    _event(challenge, action="create", actor=user, from_status="")
    return challenge


@transaction.atomic
def challenge_update(
    *,
    user: User,
    challenge: Challenge,
    data: dict[str, Any] | None = None,
    targets: list[dict] | None = None,
    criteria: list[dict] | None = None,
    key_problems: list[KeyProblem] | None = None,
    co_funders: list[Organisation] | None = None,
) -> Challenge:
    """Edit a draft. A published challenge's terms are fixed: applicants rely on them."""
    permissions.require_staff(user)
    locked = _lock_challenge(challenge)
    _require_status(locked, (CS.DRAFT,), _("修改"))
    _set(locked, data or {}, CHALLENGE_FIELDS)
    _full_clean(locked, exclude=["created_by"])
    targets = (
        targets if targets is not None else list(locked.targets.values("indicator", "value", "unit", "test_method"))
    )
    criteria = criteria if criteria is not None else list(locked.criteria.values("name", "weight"))
    _validate_challenge(locked, targets, criteria)
    locked.save()
    _replace_challenge_children(locked, targets, criteria)
    if key_problems is not None:
        locked.key_problems.set(key_problems)
    if co_funders is not None:
        _check_co_funders(co_funders)
        locked.co_funders.set(co_funders)
    return locked


@transaction.atomic
def challenge_publish(*, user: User, challenge: Challenge) -> Challenge:
    permissions.require_staff(user)
    locked = _lock_challenge(challenge)
    _require_status(locked, (CS.DRAFT,), _("发布"))
    if locked.closes_at <= clock.now():
        raise Conflict(_("申报截止时间已过,不能发布。请先修改日期。"), code="deadline_passed")
    locked.status = CS.OPEN
    locked.published_at = clock.now()
    locked.save(update_fields=["status", "published_at", "updated_at"])
    locked.key_problems.filter(status=KeyProblem.Status.OPEN).update(status=KeyProblem.Status.IN_CHALLENGE)
    _event(locked, action="publish", actor=user, from_status=CS.DRAFT)
    _index_challenge(locked)
    # Institutions whose listed work fits hear about it once the publication is committed.
    transaction.on_commit(lambda: alerts.challenge_alerts_send(locked.pk))
    return locked


@transaction.atomic
def challenge_start_review(*, user: User, challenge: Challenge) -> Challenge:
    permissions.require_staff(user)
    locked = _lock_challenge(challenge)
    _require_status(locked, (CS.OPEN,), _("进入评审"))
    if clock.now() < locked.closes_at:
        raise Conflict(_("申报尚未截止,不能进入评审。"), code="deadline_not_reached")
    locked.status = CS.UNDER_REVIEW
    locked.save(update_fields=["status", "updated_at"])
    _event(locked, action="start_review", actor=user, from_status=CS.OPEN)
    return locked


@transaction.atomic
def challenge_close(*, user: User, challenge: Challenge, reason: str) -> Challenge:
    """End a challenge without an award (no fitting application, withdrawn by the bureau…); reason required."""
    permissions.require_staff(user)
    if not (reason or "").strip():
        raise DomainError(_("请填写结束榜单的理由。"), field_errors={"reason": [_("请填写理由。")]})
    locked = _lock_challenge(challenge)
    _require_status(locked, (CS.OPEN, CS.UNDER_REVIEW, CS.AWARDED), _("结束"))
    from_status = locked.status
    locked.status = CS.CLOSED
    locked.save(update_fields=["status", "updated_at"])
    if from_status != CS.AWARDED:
        # Its problems are open again unless another live challenge still works on them.
        for problem in locked.key_problems.filter(status=KeyProblem.Status.IN_CHALLENGE):
            live = problem.challenges.exclude(pk=locked.pk).filter(status__in=[CS.OPEN, CS.UNDER_REVIEW, CS.AWARDED])
            if not live.exists():
                problem.status = KeyProblem.Status.OPEN
                problem.save(update_fields=["status", "updated_at"])
        locked.applications.filter(status=AS.SUBMITTED).update(status=AS.NOT_AWARDED)
    _event(locked, action="close", actor=user, from_status=from_status, reason=reason)
    _index_challenge(locked)
    return locked


def _index_challenge(challenge: Challenge) -> None:
    """Hand the challenge to the search index if the index knows challenges (optional seam)."""
    hook = getattr(settings, "CHALLENGES_INDEX_HOOK", "")
    if hook:
        from django.utils.module_loading import import_string

        transaction.on_commit(lambda: import_string(hook)(challenge.pk))


# --- Applications -------------------------------------------------------------------------------------


def _require_window(challenge: Challenge, action: str) -> None:
    now = clock.now()
    if challenge.status != CS.OPEN or now < challenge.opens_at:
        raise Conflict(_("榜单未在申报期内,不能%(a)s。") % {"a": action}, code="not_open")
    if now >= challenge.closes_at:
        raise Conflict(
            _("申报已于 %(t)s 截止,不能%(a)s。")
            % {"t": timezone.localtime(challenge.closes_at).strftime("%Y-%m-%d %H:%M"), "a": action},
            code="deadline_passed",
        )


def _check_eligibility(challenge: Challenge, organisation: Organisation) -> None:
    if not organisation.is_institution or not organisation.is_approved:
        raise NotAllowed(_("只有已认证的高校、科研院所和新型研发机构可以揭榜。"))
    kinds = challenge.institution_kinds or []
    if kinds and organisation.kind not in kinds:
        raise NotAllowed(_("本榜单不接受“%(k)s”类机构申报。") % {"k": organisation.get_kind_display()})
    if challenge.scope != Challenge.Scope.ANY:
        in_province = bool(organisation.region_id) and organisation.region.province_code == home_province_code()
        if organisation.country_code != "156":
            in_province = False
        if challenge.scope == Challenge.Scope.IN_PROVINCE and not in_province:
            raise NotAllowed(_("本榜单仅限省内单位申报。"))
        if challenge.scope == Challenge.Scope.OUT_OF_PROVINCE and in_province:
            raise NotAllowed(_("本榜单仅限省外单位申报。"))


def _replace_application_children(
    application: Application, *, partners=None, milestones=None, track_record=None
) -> None:
    if partners is not None:
        partners = list(partners)
        if any(p.pk == application.lead_id for p in partners):
            raise DomainError(
                _("牵头单位不能同时作为联合单位。"), field_errors={"partners": [_("请勿重复选择牵头单位。")]}
            )
        application.partners.set(partners)
    if milestones is not None:
        application.milestones.all().delete()
        for index, row in enumerate(milestones):
            milestone = ApplicationMilestone(
                application=application, sort_order=index, **_only(row, ("title", "indicator", "due_on", "payment_cny"))
            )
            _full_clean(milestone, exclude=["application"], prefix=f"milestones[{index}].")
            milestone.save()
    if track_record is not None:
        pages = list(track_record)
        for page in pages:
            if page.institution_organisation_id not in {
                application.lead_id,
                *application.partners.values_list("pk", flat=True),
            }:
                raise DomainError(
                    _("“%(t)s”不是申报单位的成果。") % {"t": page.title},
                    field_errors={"track_record": [_("只能列出申报单位在平台发布的成果。")]},
                )
        application.track_record.set(pages)


@transaction.atomic
def application_create(
    *,
    user: User,
    challenge: Challenge,
    data: dict[str, Any],
    partners: list[Organisation] | None = None,
    milestones: list[dict] | None = None,
    track_record: list[AchievementPage] | None = None,
) -> Application:
    """A draft application by the user's institution; one per institution per challenge."""
    if not (user.is_authenticated and user.is_institution_editor):
        raise NotAllowed(_("只有科研机构的编辑可以揭榜申报。"))
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    _require_window(challenge, _("申报"))
    organisation = user.organisation
    _check_eligibility(challenge, organisation)
    if Application.objects.filter(challenge=challenge, lead=organisation).exists():
        raise Conflict(_("贵单位已有本榜单的申报,请修改原申报。"), code="duplicate")
    application = Application(challenge=challenge, lead=organisation, created_by=user)
    _set(application, data, APPLICATION_FIELDS)
    _full_clean(application, exclude=["created_by", "challenge", "lead"])
    application.save()
    _replace_application_children(application, partners=partners, milestones=milestones, track_record=track_record)
    return application


@transaction.atomic
def application_update(
    *,
    user: User,
    application: Application,
    data: dict[str, Any] | None = None,
    partners: list[Organisation] | None = None,
    milestones: list[dict] | None = None,
    track_record: list[AchievementPage] | None = None,
) -> Application:
    permissions.require_applicant(user, application)
    locked = Application.objects.select_for_update().get(pk=application.pk)
    _require_status(locked, (AS.DRAFT, AS.WITHDRAWN), _("修改"))
    _require_window(locked.challenge, _("修改申报"))
    _set(locked, data or {}, APPLICATION_FIELDS)
    _full_clean(locked, exclude=["created_by", "challenge", "lead"])
    locked.status = AS.DRAFT
    locked.save()
    _replace_application_children(locked, partners=partners, milestones=milestones, track_record=track_record)
    return locked


@transaction.atomic
def application_submit(*, user: User, application: Application) -> Application:
    permissions.require_applicant(user, application)
    locked = Application.objects.select_for_update().get(pk=application.pk)
    _require_status(locked, (AS.DRAFT, AS.WITHDRAWN), _("提交"))
    challenge = locked.challenge
    _require_window(challenge, _("提交申报"))
    _check_eligibility(challenge, locked.lead)
    errors: dict[str, list[str]] = {}
    if not locked.technical_route.strip():
        errors["technical_route"] = [_("请填写技术路线。")]
    if not locked.team_lead.strip():
        errors["team_lead"] = [_("请填写挂帅人。")]
    if not (locked.declares_no_conflict and locked.declares_originality):
        errors["declarations"] = [_("请确认无利益冲突声明和原创性声明。")]
    milestones = list(locked.milestones.all())
    if not milestones:
        errors["milestones"] = [_("请至少填写一个攻关节点。")]
    else:
        total = sum((m.payment_cny for m in milestones), Decimal("0"))
        if total != challenge.reward_cny:
            errors["milestones"] = [
                _("各节点拨付合计 %(t)s 元,须等于悬赏金额 %(r)s 元。") % {"t": total, "r": challenge.reward_cny}
            ]
        last_day = timezone.localdate(challenge.closes_at) + timedelta(days=365 * challenge.term_years + 1)
        if any(m.due_on > last_day for m in milestones):
            errors.setdefault("milestones", []).append(_("节点日期超出支持期限。"))
    if errors:
        raise DomainError(_("申报内容不完整:%(m)s") % {"m": next(iter(errors.values()))[0]}, field_errors=errors)
    locked.status = AS.SUBMITTED
    locked.submitted_at = clock.now()
    locked.save(update_fields=["status", "submitted_at", "updated_at"])
    return locked


@transaction.atomic
def application_withdraw(*, user: User, application: Application) -> Application:
    permissions.require_applicant(user, application)
    locked = Application.objects.select_for_update().get(pk=application.pk)
    _require_status(locked, (AS.SUBMITTED, AS.DRAFT), _("撤回"))
    _require_window(locked.challenge, _("撤回"))
    locked.status = AS.WITHDRAWN
    locked.save(update_fields=["status", "updated_at"])
    return locked


# --- Review -------------------------------------------------------------------------------------------


@transaction.atomic
def panel_add_expert(*, user: User, challenge: Challenge, expert: User) -> PanelMember:
    permissions.require_staff(user)
    if not expert.is_expert:
        raise DomainError(_("“%(n)s”不是评审专家。") % {"n": expert}, field_errors={"expert": [_("请选择评审专家。")]})
    locked = _lock_challenge(challenge)
    _require_status(locked, (CS.DRAFT, CS.OPEN, CS.UNDER_REVIEW), _("调整专家组"))
    member, _created = PanelMember.objects.get_or_create(challenge=locked, expert=expert)
    return member


@transaction.atomic
def panel_remove_expert(*, user: User, challenge: Challenge, expert: User) -> None:
    permissions.require_staff(user)
    locked = _lock_challenge(challenge)
    _require_status(locked, (CS.DRAFT, CS.OPEN, CS.UNDER_REVIEW), _("调整专家组"))
    if Review.objects.filter(application__challenge=locked, expert=expert).exists():
        raise Conflict(_("该专家已评分,不能移出专家组。"))
    PanelMember.objects.filter(challenge=locked, expert=expert).delete()


def weighted_score(scores: dict[int, int], criteria: list[ReviewCriterion]) -> Decimal:
    """Σ score × weight / Σ weight, to two places (weights add up to 100, so this is a 0–100 score)."""
    total_weight = sum(c.weight for c in criteria)
    raw = sum(Decimal(scores[c.pk]) * c.weight for c in criteria) / Decimal(total_weight)
    return raw.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@transaction.atomic
def review_submit(*, user: User, application: Application, scores: dict[int, int], comment: str) -> Review:
    """An expert on the panel scores an application against every published criterion (may revise until the
    review date); an expert tied to an applicant organisation may not score it."""
    challenge = _lock_challenge(application.challenge)
    if not permissions.is_on_panel(user, challenge):
        raise NotAllowed(_("您不是本榜单的评审专家。"))
    if permissions.has_conflict(user, application):
        raise NotAllowed(_("您与该申报单位存在利益关联,须回避评审。"), code="conflict_of_interest")
    _require_status(challenge, (CS.UNDER_REVIEW,), _("评分"))
    if clock.now() > end_of_day(challenge.review_by):
        raise Conflict(_("评审已于 %(d)s 截止。") % {"d": challenge.review_by}, code="deadline_passed")
    if application.status != AS.SUBMITTED:
        raise Conflict(_("只能对已提交的申报评分。"))
    if not (comment or "").strip():
        raise DomainError(_("请填写评审意见。"), field_errors={"comment": [_("请填写评审意见。")]})
    criteria = list(challenge.criteria.all())
    scores = {int(k): v for k, v in scores.items()}
    missing = [c.name for c in criteria if c.pk not in scores]
    unknown = set(scores) - {c.pk for c in criteria}
    if missing or unknown:
        raise DomainError(
            _("请对每项评审标准打分(缺:%(m)s)。") % {"m": "、".join(missing) or "—"},
            field_errors={"scores": [_("评分须与公布的评审标准一一对应。")]},
        )
    for name, value in scores.items():
        if not isinstance(value, int) or not 0 <= value <= 100:
            raise DomainError(
                _("得分须为 0–100 的整数。"), field_errors={f"scores.{name}": [_("得分须为 0–100 的整数。")]}
            )
    review, _created = Review.objects.update_or_create(
        application=application,
        expert=user,
        defaults={"comment": comment, "weighted_score": weighted_score(scores, criteria), "submitted_at": clock.now()},
    )
    review.scores.all().delete()
    ReviewScore.objects.bulk_create([ReviewScore(review=review, criterion_id=k, score=v) for k, v in scores.items()])
    return review


# --- Award --------------------------------------------------------------------------------------------


def _contract_filer(application: Application) -> User:
    """The winner's institution editor who files the contract (the applicant, or a colleague if they left)."""
    user = application.created_by
    if user is not None and user.is_institution_editor and user.organisation_id == application.lead_id:
        return user
    colleague = User.objects.filter(
        role=User.Role.INSTITUTION_EDITOR, organisation_id=application.lead_id, is_active=True
    ).first()
    if colleague is None:
        raise Conflict(_("揭榜单位没有可填报技术合同的机构编辑账号。"))
    return colleague


def contract_terms_text(milestones: list[Milestone]) -> str:
    lines = [_("按攻关节点验收后分期拨付:")]
    for index, m in enumerate(milestones, 1):
        lines.append(
            _("%(i)s. %(title)s(%(indicator)s),%(due)s 前完成,拨付 %(amount)s 元")
            % {"i": index, "title": m.title, "indicator": m.indicator, "due": m.due_on, "amount": m.payment_cny}
        )
    return "\n".join(lines)


def _contract_draft_for(award: Award, milestones: list[Milestone]) -> Any:
    """A 技术开发 draft pre-filled through registration's public service: 委托开发 with the co-funders as
    buyers, or 合作开发 with the partner institutions when nobody co-funds."""
    application = award.application
    challenge = award.challenge
    co_funders = list(challenge.co_funders.all())
    partners = list(application.partners.all())
    parties = [{"side": "seller", "party_role": "developer", "organisation": application.lead, "name": ""}]
    if co_funders:
        sub_type = "commissioned_development"
        parties += [{"side": "buyer", "party_role": "commissioner", "organisation": o, "name": ""} for o in co_funders]
        parties += [{"side": "other", "party_role": "other", "organisation": o, "name": ""} for o in partners]
    else:
        sub_type = "cooperative_development"
        parties += [{"side": "buyer", "party_role": "co_developer", "organisation": o, "name": ""} for o in partners]
    start = timezone.localdate(award.decided_at)
    targets = "\n".join(f"{t.indicator}:{t.value}{t.unit}({t.test_method})" for t in challenge.targets.all())
    data = {
        "project_name": challenge.title[:200],
        "contract_type": "development",
        "sub_type": sub_type,
        "technical_field": challenge.technical_field,
        "technical_content": f"{challenge.problem}\n{targets}"[:5000],
        "programme_source": "city",
        "payment_method": "instalments",
        "price_terms": contract_terms_text(milestones)[:2000],
        "total_amount_cny": award.amount_cny,
        "term_start": start,
        "term_end": max([m.due_on for m in milestones] + [start + timedelta(days=365 * challenge.term_years)]),
    }
    return contract_create_draft(user=_contract_filer(application), data=data, parties=parties)


def _notify_applicants(challenge: Challenge, winner: Application) -> None:
    applications = list(challenge.applications.filter(status__in=[AS.AWARDED, AS.NOT_AWARDED]).select_related("lead"))
    messages = []
    for application in applications:
        recipients = list(
            User.objects.filter(organisation_id=application.lead_id, role=User.Role.INSTITUTION_EDITOR)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        won = application.pk == winner.pk
        subject = (_("揭榜成功:%(t)s") if won else _("揭榜结果:%(t)s")) % {"t": challenge.title}
        body = (
            _("贵单位申报的“%(t)s”已揭榜成功,请登录平台确认技术开发合同草稿。")
            if won
            else _("“%(t)s”揭榜结果已公布,贵单位的申报未入选。感谢参与。")
        ) % {"t": challenge.title}
        messages.append((subject, body, recipients))
    Application.objects.filter(pk__in=[a.pk for a in applications]).update(notified_at=clock.now())

    def send():
        for subject, body, recipients in messages:
            if recipients:
                send_mail(subject, body, None, recipients, fail_silently=True)

    transaction.on_commit(send)


@transaction.atomic
def challenge_award(
    *, user: User, challenge: Challenge, application: Application, reasons: str, amount_cny: Decimal | None = None
) -> Award:
    """Record the award with its reasons and the ranking, notify every applicant, publish the result, and
    create the winner's 技术开发 contract draft pre-filled from the award."""
    from .. import selectors

    permissions.require_staff(user)
    locked = _lock_challenge(challenge)
    _require_status(locked, (CS.UNDER_REVIEW,), _("揭榜"))
    if clock.now() > end_of_day(locked.award_by):
        raise Conflict(
            _("揭榜公布日期 %(d)s 已过,请结束榜单或重新发榜。") % {"d": locked.award_by}, code="deadline_passed"
        )
    if not (reasons or "").strip():
        raise DomainError(_("请填写揭榜理由。"), field_errors={"reasons": [_("请填写揭榜理由。")]})
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.challenge_id != locked.pk or application.status != AS.SUBMITTED:
        raise Conflict(_("只能从本榜单已提交的申报中确定揭榜单位。"))
    if not application.reviews.exists():
        raise Conflict(_("该申报尚无专家评分,不能揭榜。"))
    amount = amount_cny if amount_cny is not None else locked.reward_cny
    if amount <= 0 or amount > locked.reward_cny:
        raise DomainError(_("资助金额须大于 0 且不超过悬赏金额。"), field_errors={"amount_cny": [_("金额超出范围。")]})
    ranking = [
        {
            "application": row.application.pk,
            "lead": row.application.lead.name,
            "score": str(row.score),
            "reviews": row.reviews,
            "rank": row.rank,
        }
        for row in selectors.ranking(locked)
    ]
    award = Award.objects.create(
        challenge=locked,
        application=application,
        amount_cny=amount,
        reasons=reasons,
        ranking=ranking,
        decided_by=user,
        decided_at=clock.now(),
    )
    planned = list(application.milestones.all())
    scale = amount / locked.reward_cny
    milestones = []
    for index, m in enumerate(planned):
        payment = (m.payment_cny * scale).quantize(Decimal("0.01"))
        if index == len(planned) - 1:
            payment = amount - sum((x.payment_cny for x in milestones), Decimal("0"))
        milestones.append(
            Milestone.objects.create(
                award=award,
                title=m.title,
                indicator=m.indicator,
                due_on=m.due_on,
                payment_cny=payment,
                sort_order=index,
            )
        )
    application.status = AS.AWARDED
    application.save(update_fields=["status", "updated_at"])
    locked.applications.filter(status=AS.SUBMITTED).exclude(pk=application.pk).update(status=AS.NOT_AWARDED)
    locked.status = CS.AWARDED
    locked.save(update_fields=["status", "updated_at"])
    _event(locked, action="award", actor=user, from_status=CS.UNDER_REVIEW, reason=reasons)
    award.contract = _contract_draft_for(award, milestones)
    award.save(update_fields=["contract"])
    _notify_applicants(locked, application)
    _index_challenge(locked)
    return award


@transaction.atomic
def award_contract_registered(*, contract) -> Award | None:
    """The award's contract was registered: its key problems are solved (called from the registration signal)."""
    award = Award.objects.select_for_update().filter(contract=contract).first()
    if award is None:
        return None
    now = clock.now()
    award.contract_registered_at = award.contract_registered_at or now
    award.save(update_fields=["contract_registered_at"])
    award.challenge.key_problems.exclude(status=KeyProblem.Status.SOLVED).update(
        status=KeyProblem.Status.SOLVED, solved_at=now
    )
    # Duplicates merged into a solved problem are solved with it.
    KeyProblem.objects.filter(merged_into__in=award.challenge.key_problems.all()).exclude(
        status=KeyProblem.Status.SOLVED
    ).update(status=KeyProblem.Status.SOLVED, solved_at=now)
    return award


# --- Milestones ---------------------------------------------------------------------------------------


def _milestone_event(milestone: Milestone, action: str, actor, reason: str = "") -> None:
    MilestoneEvent.objects.create(milestone=milestone, action=action, actor=actor, reason=reason, at=clock.now())


@transaction.atomic
def milestone_report(*, user: User, milestone: Milestone, report: str, evidence: str) -> Milestone:
    locked = Milestone.objects.select_for_update().select_related("award__application").get(pk=milestone.pk)
    if not permissions.is_applicant_editor(user, locked.award.application.lead_id):
        raise NotAllowed(_("只有揭榜单位可以报告节点完成情况。"))
    _require_status(locked, (MS.PENDING, MS.REJECTED), _("报告"))
    if not (report or "").strip() or not (evidence or "").strip():
        raise DomainError(
            _("请填写完成情况并提供佐证材料。"),
            field_errors={
                k: [_("必填。")] for k, v in (("report", report), ("evidence", evidence)) if not (v or "").strip()
            },
        )
    locked.report = report
    locked.evidence = evidence
    locked.status = MS.REPORTED
    locked.reported_at = clock.now()
    locked.enterprise_accepted_at = locked.bureau_accepted_at = None
    locked.enterprise_accepted_by = locked.bureau_accepted_by = None
    locked.rejection_reason = ""
    locked.save()
    _milestone_event(locked, "report", user)
    return locked


@transaction.atomic
def milestone_decide(*, user: User, milestone: Milestone, accept: bool, reason: str = "") -> Milestone:
    """The co-funding enterprise and the bureau each accept or reject a reported milestone (with reasons).

    Accepted by both (by the bureau alone when nobody co-funds), the milestone's payment is released on record.
    """
    locked = Milestone.objects.select_for_update().select_related("award__challenge").get(pk=milestone.pk)
    challenge = locked.award.challenge
    funder_ids = set(challenge.co_funders.values_list("pk", flat=True))
    as_bureau = permissions.is_staff(user)
    as_enterprise = bool(user.is_authenticated and user.is_enterprise_member and user.organisation_id in funder_ids)
    if not (as_bureau or as_enterprise):
        raise NotAllowed(_("只有出资企业和科技局可以验收攻关节点。"))
    _require_status(locked, (MS.REPORTED,), _("验收"))
    now = clock.now()
    if not accept:
        if not (reason or "").strip():
            raise DomainError(_("请填写不予验收的理由。"), field_errors={"reason": [_("请填写理由。")]})
        locked.status = MS.REJECTED
        locked.rejection_reason = reason
        locked.save()
        _milestone_event(locked, "reject", user, reason)
        return locked
    if as_enterprise:
        locked.enterprise_accepted_at, locked.enterprise_accepted_by = now, user
    else:
        locked.bureau_accepted_at, locked.bureau_accepted_by = now, user
    enterprise_done = locked.enterprise_accepted_at is not None or not funder_ids
    if enterprise_done and locked.bureau_accepted_at is not None:
        locked.status = MS.ACCEPTED
        locked.payment_released_at = now
    locked.save()
    _milestone_event(locked, "accept", user, reason)
    return locked
