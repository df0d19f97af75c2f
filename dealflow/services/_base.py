"""Shared pieces of the deal flow's write side: stage rules, validation helpers, notifications, the audit log, row locks."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from common import clock
from common.errors import DomainError
from marketplace import events
from marketplace.models import AchievementPage

from .. import permissions
from ..models import (
    Deal,
    DealTransition,
    InstitutionDealSettings,
    Notification,
)

Stage = Deal.Stage

# Moves the parties make by hand. 签约 → 登记 happens only when the registry registers the contract.
MANUAL_TRANSITIONS: dict[str, set[str]] = {
    Stage.INTENT: {Stage.NEGOTIATION},
    Stage.NEGOTIATION: {Stage.NDA, Stage.TERMS},
    Stage.NDA: {Stage.TERMS, Stage.NEGOTIATION},
    Stage.TERMS: {Stage.SIGNING, Stage.NEGOTIATION},
    Stage.NOTICE: {Stage.SIGNING},
    Stage.SIGNING: set(),
    Stage.REGISTERED: {Stage.IMPLEMENTATION},
    Stage.IMPLEMENTATION: set(),
}
STAGE_ORDER = [s.value for s in Stage]
# Where a deal may be closed as lost: anything before the registry has registered it.
LOSABLE = {Stage.INTENT, Stage.NEGOTIATION, Stage.NDA, Stage.TERMS, Stage.NOTICE, Stage.SIGNING}

STATE_FUNDED_KINDS = {
    Organisation.Kind.CAS_INSTITUTE,
    Organisation.Kind.UNIVERSITY,
    Organisation.Kind.RESEARCH_INSTITUTE,
}

# Transfer mode → (contract type, sub-type with a patent, sub-type without) under the 2026 rule set.
TRANSFER_MODE_CONTRACT = {
    "transfer": ("transfer", "patent_transfer", "technical_secret_transfer"),
    "licence": ("licence", "patent_licence", "technical_secret_licence"),
    "equity": ("transfer", "patent_transfer", "technical_secret_transfer"),
    "joint": ("development", "cooperative_development", "cooperative_development"),
    "service": ("service", "technical_service", "technical_service"),
}
PATENT_CODES = ("invention", "utility", "design")
IMAGE_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}


# --- helpers ---------------------------------------------------------------------------------------


def _clean(instance, *, exclude: list[str] | None = None) -> None:
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        field_errors = {k: [str(m) for m in v] for k, v in error.message_dict.items()}
        first = next(iter(field_errors.values()))[0]
        raise DomainError(first, field_errors=field_errors) from error


def _money(value, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except ArithmeticError as error:
        message = _("金额格式不正确。")
        raise DomainError(message, field_errors={field: [message]}) from error
    if amount < 0:
        message = _("金额不能为负数。")
        raise DomainError(message, field_errors={field: [message]})
    return amount


def _check_range(low, high, field: str) -> None:
    if low is not None and high is not None and low > high:
        message = _("上限不能低于下限。")
        raise DomainError(message, field_errors={field: [message]})


def _required_text(value: str, field: str, label: str) -> str:
    value = (value or "").strip()
    if not value:
        message = _("请填写%(label)s。") % {"label": label}
        raise DomainError(message, field_errors={field: [message]})
    return value


def _chain_code(achievement: AchievementPage | None) -> str:
    if achievement is None:
        return ""
    codes = sorted(node.code for node in achievement.industry_chains.all())
    return codes[0].split(".")[0] if codes else ""


def notify(*, organisation: Organisation | None, text: str, url: str = "", for_bureau: bool = False, now=None):
    """An on-site notice plus an e-mail to the organisation's members, sent after the transaction commits."""
    Notification.objects.create(
        organisation=organisation, for_bureau=for_bureau, text=text, url=url, created_at=now or clock.now()
    )
    if for_bureau:
        recipients = list(
            User.objects.filter(role=User.Role.BUREAU_STAFF, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    else:
        recipients = list(organisation.members.filter(is_active=True).exclude(email="").values_list("email", flat=True))
    if recipients:
        subject = _("[成果转化洽谈] %(text)s") % {"text": text[:60]}
        body = text + ("\n\n" + url if url else "")
        transaction.on_commit(
            lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=True)
        )


def is_state_funded(organisation: Organisation) -> bool:
    settings_row = InstitutionDealSettings.objects.filter(organisation=organisation).first()
    if settings_row is not None:
        return settings_row.state_funded
    return organisation.kind in STATE_FUNDED_KINDS


@transaction.atomic
def institution_settings_update(
    *, user: User, organisation: Organisation, state_funded: bool, objection_contact: str = ""
) -> InstitutionDealSettings:
    """Bureau staff say whether an institution is state-funded (its negotiated prices are then noticed)."""
    permissions.require_bureau(user)
    row, _created = InstitutionDealSettings.objects.get_or_create(organisation=organisation)
    row.state_funded = state_funded
    row.objection_contact = objection_contact
    _clean(row)
    row.save()
    return row


def _funnel_changed() -> None:
    from ..selectors import funnel_touch

    # Now (so this transaction's own reads are fresh) and after commit (so nothing cached meanwhile survives).
    funnel_touch()
    transaction.on_commit(funnel_touch)


def _log(deal: Deal, *, actor, action: str, from_stage: str, to_stage: str, reason: str = "", now=None):
    from .funnel import funnel_count_stage

    _funnel_changed()
    now = now or clock.now()
    funnel_count_stage(deal, from_stage=from_stage, to_stage=to_stage, at=now)
    DealTransition.objects.create(
        deal=deal,
        actor=actor,
        action=action,
        from_stage=from_stage,
        to_stage=to_stage,
        reason=reason,
        at=now,
    )


def _announce_need_deal(deal: Deal) -> None:
    """Tell the apps beside us (through the marketplace, below both) that a deal about a need opened or closed."""
    if deal.need_id is not None:
        events.need_deal_changed.send(
            sender=Deal, need_id=deal.need_id, deal_id=deal.pk, active=deal.status == Deal.Status.OPEN
        )


def _lock(deal: Deal) -> Deal:
    return Deal.objects.select_for_update().get(pk=deal.pk)


# --- stage moves, shared by stages, notices and contracts ------------------------------------------


def _move(locked: Deal, *, actor, to_stage: str, action: str, reason: str = "", now=None) -> None:
    now = now or clock.now()
    from_stage = locked.stage
    locked.stage = to_stage
    locked.stage_changed_at = now
    locked.last_activity_at = now
    locked.idle_flagged_at = None
    locked.save()
    _log(locked, actor=actor, action=action, from_stage=from_stage, to_stage=to_stage, reason=reason, now=now)


def _local_date(moment) -> date:
    return timezone.localdate(moment)
