"""Challenges (揭榜挂帅) lifecycle: create, edit, publish, start review, close without award."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from common import clock
from common.errors import Conflict, DomainError
from search.engine import engine_enabled

from .. import alerts, permissions
from ..models import (
    Challenge,
    ChallengeTarget,
    KeyProblem,
    Review,
    ReviewCriterion,
)
from ._base import (
    AS,
    CHALLENGE_FIELDS,
    CS,
    INSTITUTION_KINDS,
    _changed,
    _event,
    _full_clean,
    _lock_challenge,
    _require_status,
    _set,
)

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
    _changed(challenge)
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
    _changed(locked)
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
    # Institutions whose listed work fits hear about it: with the engine, the outbox worker alerts once the
    # challenge's document is indexed (its self-score is read there); in basic mode right after the commit.
    _changed(locked, alert=True)
    if not engine_enabled():
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
    _changed(locked)
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
    _changed(locked)
    return locked
