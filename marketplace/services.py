"""Write-side logic of the marketplace: technology needs and their review.

Need lifecycle (each arrow is one service; anything else raises ``Conflict``):

    draft ──submit──▶ pending_review ──approve──▶ published ──close──▶ closed
      ▲                    │  ▲                       │
      └──── (edit) ◀─reject┘  └────── edit (re-review)┘

Every change of a need's content or status is announced once, inside its transaction
(``events.need_changed``); the search app writes its outbox row there, so the index can never miss it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.errors import Conflict, DomainError, NotAllowed

from . import permissions
from .events import announce_need_changed
from .models import NeedIndicator, TechnologyNeed
from .suggestion_services import need_classification_suggestions_infer

# The fields an enterprise edits, in the order the form shows them: the form, the API input and the writes use
# this one list (tests/marketplace/test_one_shape.py holds the API serializer to it).
NEED_EDITABLE_FIELDS = (
    "title",
    "problem",
    "keywords",
    "technical_field",
    "industry_chain",
    "budget_min_cny",
    "budget_max_cny",
    "deadline",
    "min_trl",
    "cooperation_mode",
    "region",
    "visibility",
)
Status = TechnologyNeed.Status


def _validate(need: TechnologyNeed, indicators: list[NeedIndicator]) -> None:
    errors: dict[str, list[str]] = {}
    try:
        need.full_clean(exclude=["enterprise", "created_by", "reviewed_by"])
    except ValidationError as error:
        errors.update({field: [str(m) for m in messages] for field, messages in error.message_dict.items()})
    for position, indicator in enumerate(indicators, start=1):
        try:
            indicator.full_clean(exclude=["need"])
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(f"indicators[{position}].{field}", []).extend(str(m) for m in messages)
    if errors:
        raise DomainError(_("技术需求填写有误,请按提示修改。"), field_errors=errors)


def _build_indicators(indicators: list[dict[str, Any]] | None) -> list[NeedIndicator]:
    built = []
    for order, item in enumerate(indicators or []):
        if not any(str(item.get(key) or "").strip() for key in ("name", "target", "unit")):
            continue  # an empty form row is not an indicator
        built.append(
            NeedIndicator(
                name=str(item.get("name") or "").strip(),
                target=str(item.get("target") or "").strip(),
                unit=str(item.get("unit") or "").strip(),
                sort_order=order,
            )
        )
    return built


def _save_indicators(need: TechnologyNeed, indicators: list[NeedIndicator]) -> None:
    need.indicators.all().delete()
    for indicator in indicators:
        indicator.need = need
    NeedIndicator.objects.bulk_create(indicators)


@transaction.atomic
def need_create(
    *, user, data: dict[str, Any], indicators: list[dict[str, Any]] | None = None, submit: bool = False
) -> TechnologyNeed:
    """An enterprise member drafts a need for their own organisation (optionally sending it to review)."""
    if not permissions.can_create_need(user):
        raise NotAllowed(_("只有企业用户可以发布技术需求。"))
    need = TechnologyNeed(enterprise=user.organisation, created_by=user, status=Status.DRAFT)
    for field in NEED_EDITABLE_FIELDS:
        if field in data:
            setattr(need, field, data[field])
    built = _build_indicators(indicators)
    _validate(need, built)
    need.save()
    _save_indicators(need, built)
    # No field or chain (the enterprise may not know the codes): a guess from the text waits for staff.
    need_classification_suggestions_infer(need=need)
    if submit:
        return need_submit(user=user, need=need)  # announces the change once, with the final status
    announce_need_changed(need)
    return need


@transaction.atomic
def need_update(
    *,
    user,
    need: TechnologyNeed,
    data: dict[str, Any],
    indicators: list[dict[str, Any]] | None = None,
    submit: bool = False,
) -> TechnologyNeed:
    """The owner edits a need (optionally sending it to review in the same change). A published need goes
    back to review so staff see what the public will."""
    need = TechnologyNeed.objects.select_for_update().get(pk=need.pk)
    if not permissions.can_edit_need(user, need):
        raise NotAllowed(_("您只能修改本企业的技术需求。"))
    if need.status == Status.CLOSED:
        raise Conflict(_("已关闭的技术需求不能再修改。"))
    for field in NEED_EDITABLE_FIELDS:
        if field in data:
            setattr(need, field, data[field])
    built = _build_indicators(indicators) if indicators is not None else None
    _validate(need, built or [])
    if need.status == Status.PUBLISHED:
        need.status = Status.PENDING_REVIEW
    need.save()
    if built is not None:
        _save_indicators(need, built)
    need_classification_suggestions_infer(need=need)
    if submit:
        return need_submit(user=user, need=need)  # announces the change once, with the final status
    announce_need_changed(need)
    return need


@transaction.atomic
def need_submit(*, user, need: TechnologyNeed) -> TechnologyNeed:
    need = TechnologyNeed.objects.select_for_update().select_related("enterprise").get(pk=need.pk)
    if not permissions.can_edit_need(user, need):
        raise NotAllowed(_("您只能提交本企业的技术需求。"))
    if not need.enterprise.is_approved:
        raise Conflict(_("贵企业尚未通过科技局认证,认证通过后才能提交需求审核。"))
    if need.status not in (Status.DRAFT, Status.REJECTED):
        raise Conflict(_("当前状态为“%(status)s”,不能提交审核。") % {"status": need.get_status_display()})
    need.status = Status.PENDING_REVIEW
    need.save(update_fields=["status", "updated_at"])
    announce_need_changed(need)
    return need


@transaction.atomic
def need_approve(*, user, need: TechnologyNeed, note: str = "") -> TechnologyNeed:
    need = TechnologyNeed.objects.select_for_update().get(pk=need.pk)
    if not permissions.can_review_needs(user):
        raise NotAllowed(_("只有科技局工作人员可以审核技术需求。"))
    if need.status != Status.PENDING_REVIEW:
        raise Conflict(_("只有待审核的需求可以通过审核。"))
    need.status = Status.PUBLISHED
    need.reviewed_by = user
    need.review_note = note
    need.published_at = timezone.now()
    need.save(update_fields=["status", "reviewed_by", "review_note", "published_at", "updated_at"])
    announce_need_changed(need)
    return need


@transaction.atomic
def need_reject(*, user, need: TechnologyNeed, note: str) -> TechnologyNeed:
    need = TechnologyNeed.objects.select_for_update().get(pk=need.pk)
    if not permissions.can_review_needs(user):
        raise NotAllowed(_("只有科技局工作人员可以审核技术需求。"))
    if need.status != Status.PENDING_REVIEW:
        raise Conflict(_("只有待审核的需求可以退回。"))
    if not (note or "").strip():
        raise DomainError(_("退回时请写明原因,便于企业修改。"), field_errors={"note": [_("请填写退回原因。")]})
    need.status = Status.REJECTED
    need.reviewed_by = user
    need.review_note = note.strip()
    need.save(update_fields=["status", "reviewed_by", "review_note", "updated_at"])
    announce_need_changed(need)
    return need


@transaction.atomic
def need_close(*, user, need: TechnologyNeed, reason: str, note: str = "") -> TechnologyNeed:
    """Close a need with the owner's reason (``TechnologyNeed.CloseReason``) and an optional note."""
    need = TechnologyNeed.objects.select_for_update().get(pk=need.pk)
    if not permissions.can_close_need(user, need):
        raise NotAllowed(_("您只能关闭本企业的技术需求。"))
    if need.status == Status.CLOSED:
        raise Conflict(_("该需求已经关闭。"))
    if reason not in TechnologyNeed.CloseReason.values:
        message = _("请选择关闭原因。")
        raise DomainError(message, field_errors={"reason": [message]})
    note = (note or "").strip()
    try:
        # The note's own field rules only: an old need's other fields must not stop it from being closed.
        TechnologyNeed._meta.get_field("close_note").clean(note, need)
    except ValidationError as error:
        raise DomainError(error.messages[0], field_errors={"note": error.messages}) from error
    need.status = Status.CLOSED
    need.closed_at = timezone.now()
    need.close_reason = reason
    need.close_note = note
    need.save(update_fields=["status", "closed_at", "close_reason", "close_note", "updated_at"])
    announce_need_changed(need)
    return need
