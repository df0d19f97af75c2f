"""Expert review: the panel, weighted scores, submitting a review."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from common import clock
from common.errors import Conflict, DomainError, NotAllowed

from .. import permissions
from ..models import (
    Application,
    Challenge,
    PanelMember,
    Review,
    ReviewCriterion,
    ReviewScore,
)
from ._base import AS, CS, _lock_challenge, _require_status, end_of_day

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
