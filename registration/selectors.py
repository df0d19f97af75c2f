"""Read-side of the registry: what each user may list, the registrar's queue, the public verification."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import date

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from common.errors import NotFoundError

from . import permissions
from .models import TechnologyContract
from .rules import ruleset
from .working_days import working_days_between

Status = TechnologyContract.Status


def contracts_visible_to(user) -> QuerySet[TechnologyContract]:
    """Every contract the user may open, defined once (lists, detail, API, downloads use it)."""
    qs = TechnologyContract.objects.select_related("registry", "technical_field", "seller_organisation")
    if not user.is_authenticated:
        return qs.none()
    if permissions.is_filer(user):
        own = Q(seller_organisation_id=user.organisation_id)
        as_party = Q(parties__organisation_id=user.organisation_id) & ~Q(status=Status.DRAFT)
        return qs.filter(own | as_party).distinct()
    if user.is_registrar:
        return qs.filter(registry__registrars=user).exclude(status=Status.DRAFT)
    if user.is_bureau_staff:
        return qs.exclude(status=Status.DRAFT)
    return qs.none()


def contract_get_for(user, pk: int) -> TechnologyContract:
    contract = contracts_visible_to(user).filter(pk=pk).first()
    if contract is None:
        raise NotFoundError(_("未找到该技术合同。"))
    return contract


def registrar_queue(user, *, on: date | None = None) -> QuerySet[TechnologyContract]:
    """The registrar's registry's open cases: overdue first, then by deadline; paused (补正) last."""
    on = on or timezone.localdate()
    return (
        contracts_visible_to(user)
        .filter(status__in=[Status.SUBMITTED, Status.REDETERMINATION, Status.MATERIAL_REQUESTED])
        .annotate(
            is_overdue=Case(
                When(Q(deadline__lt=on) & ~Q(status=Status.MATERIAL_REQUESTED), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            is_paused=Case(
                When(status=Status.MATERIAL_REQUESTED, then=Value(1)), default=Value(0), output_field=IntegerField()
            ),
        )
        .order_by("is_paused", "-is_overdue", "deadline", "submitted_at")
    )


def days_left(contract: TechnologyContract, *, on: date | None = None) -> int | None:
    """Days left until the deadline in the clock's own unit (negative when overdue)."""
    if contract.deadline is None:
        return None
    on = on or timezone.localdate()
    if contract.time_limit_kind == TechnologyContract.ClockKind.WORKING:
        return working_days_between(on, contract.deadline)
    return (contract.deadline - on).days


def labels_for(contract: TechnologyContract) -> dict[str, str]:
    """Type, sub-type and objective labels from the contract's rule set (or today's for a draft)."""
    from .precheck import applicable_ruleset

    rules = ruleset(contract.rule_set_key) if contract.rule_set_key else applicable_ruleset(contract)
    return {
        "rule_set_key": rules.key,
        "rule_set_title": rules.title,
        "type": rules.type_label(contract.contract_type) if contract.contract_type else "",
        "sub_type": rules.sub_type_label(contract.contract_type, contract.sub_type) if contract.sub_type else "",
        "objective": rules.objective_label(contract.socio_economic_objective)
        if contract.socio_economic_objective
        else "",
    }


@dataclass(frozen=True)
class VerificationResult:
    contract: TechnologyContract
    status_label: str
    status_code: str  # registered | amended | cancelled | revoked


def contract_verify(*, number: str, code: str) -> VerificationResult | None:
    """The registered facts for a number and its verification code, or None.

    Unknown numbers, wrong codes and never-registered contracts all give None, so the answer
    reveals nothing about which numbers exist.
    """
    number = (number or "").strip()
    code = (code or "").strip().upper()
    if not number or not code:
        return None
    contract = (
        TechnologyContract.objects.select_related("registry", "technical_field", "decided_by")
        .filter(registration_number=number)
        .first()
    )
    # Compare even when no contract matched so timing does not reveal whether the number exists.
    expected = contract.verification_code if contract is not None else "-" * len(code)
    if not hmac.compare_digest(expected.encode(), code.encode()) or contract is None:
        return None
    if contract.status == Status.REGISTERED:
        if contract.is_amended:
            return VerificationResult(contract, _("已登记(已变更)"), "amended")
        return VerificationResult(contract, _("已登记"), "registered")
    if contract.status == Status.CANCELLED:
        return VerificationResult(contract, _("已注销"), "cancelled")
    if contract.status == Status.REDETERMINATION:
        return VerificationResult(contract, _("已登记(异议复核中)"), "under_objection")
    return VerificationResult(contract, _("登记已撤销"), "revoked")


def commercialised_figures() -> dict:
    """The home page's registry figures (marketplace.events.commercialised_figures reads this):
    contracts registered this year and achievements commercialised against the yearly target."""
    from .statistics import home_summary

    summary = home_summary()
    return {
        "contracts": summary["contracts_registered"],
        "this_year": summary["count"],
        "target": summary["target"],
        "percent": summary["percent"],
        "technology_amount_cny": summary["technology_amount_cny"],
        "year": summary["year"],
    }


def home_figures_answer(sender, **kwargs) -> dict:
    """Receiver of ``marketplace.events.home_figures_requested``: the home page's registered-contract figures."""
    return commercialised_figures()
