"""Shared pieces of the challenges write side: status aliases, field lists, validation, the event log, row locks, deadlines."""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation
from common import clock
from common.errors import Conflict, DomainError

from ..models import (
    Application,
    Challenge,
    ChallengeEvent,
    Milestone,
)

# Same logger name as before the split into a package.
logger = logging.getLogger(__package__)

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


def _changed(challenge: Challenge, *, alert: bool = False) -> None:
    """One search outbox row per service call that changes a challenge, in its transaction: the outbox worker
    indexes it when public and deletes its document otherwise (drafts never reach the index). A save never
    waits for the engine. ``alert``: once indexed, the worker alerts institutions whose work fits."""
    from search.sync import document_changed

    from ..search_documents import KIND

    document_changed(KIND, challenge.pk, alert=alert)


def _lock_challenge(challenge: Challenge) -> Challenge:
    return Challenge.objects.select_for_update().get(pk=challenge.pk)


def _require_status(obj, allowed: tuple[str, ...], action: str) -> None:
    if obj.status not in allowed:
        raise Conflict(
            _("当前状态为“%(status)s”,不能%(action)s。") % {"status": obj.get_status_display(), "action": action},
            code="illegal_transition",
        )
