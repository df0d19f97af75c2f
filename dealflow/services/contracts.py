"""Deal → registry contract → receipts: filing the registration draft, the registry's decision, money received."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from common import clock
from common.errors import Conflict, DomainError
from registration.rules import ruleset_for_date
from registration.services import contract_create_draft

from .. import permissions
from ..models import (
    Deal,
    Receipt,
)
from ._base import PATENT_CODES, TRANSFER_MODE_CONTRACT, Stage, _clean, _local_date, _lock, _log, _money, _move, notify

# --- deal → contract → target ------------------------------------------------------------------------


def contract_suggestion(deal: Deal) -> dict[str, Any]:
    """What the registration draft will say, derived from the deal (also shown before filing)."""
    achievements = list(deal.achievements.all().prefetch_related("ip_records__ip_type"))
    records = [r for page in achievements for r in page.ip_records.all() if r.status != "na"]
    has_patent = any(r.ip_type.code in PATENT_CODES for r in records)
    mode = deal.transfer_mode.code if deal.transfer_mode_id else "transfer"
    contract_type, with_patent, without = TRANSFER_MODE_CONTRACT.get(mode, TRANSFER_MODE_CONTRACT["transfer"])
    sub_type = with_patent if has_patent else without
    rules = ruleset_for_date(clock.today())
    if rules.type(contract_type) is None and contract_type == "licence":
        contract_type = "transfer"  # the 2000 rule set keeps licences inside 技术转让
        sub_type = "patent_licence" if has_patent else "technical_secret_transfer"
    return {
        "mode": mode,
        "contract_type": contract_type,
        "sub_type": sub_type,
        "is_equity_contribution": mode == "equity",
        "achievements": achievements,
        "ip_records": records,
    }


def _party_row(side: str, role: str, organisation: Organisation) -> dict[str, Any]:
    return {
        "side": side,
        "party_role": role,
        "organisation": organisation,
        "name": organisation.name,
        "credit_code": organisation.credit_code or "",
        "region_code": organisation.region.code if organisation.region_id else "",
        "entity_type": organisation.entity_type,
        "country_code": organisation.country_code,
    }


@transaction.atomic
def deal_file_contract(*, user: User, deal: Deal, now=None):
    """ "File as technology contract": a registration draft pre-filled from the deal, via registration's service."""
    now = now or clock.now()
    locked = _lock(deal)
    permissions.require_seller(user, locked)
    if locked.status != Deal.Status.OPEN or locked.stage != Stage.SIGNING:
        raise Conflict(_("只有处于“签约”阶段的项目可以填报技术合同。"))
    if locked.contract_id is not None and locked.contract.status not in ("refused", "withdrawn", "cancelled"):
        raise Conflict(_("该项目已填报技术合同(%(s)s)。") % {"s": locked.contract.get_status_display()})
    suggestion = contract_suggestion(locked)
    contract_type = suggestion["contract_type"]
    seller_role = {"development": "developer", "licence": "licensor", "service": "consultant"}.get(
        contract_type, "assignor"
    )
    buyer_role = {"development": "co_developer", "licence": "licensee", "service": "commissioner"}.get(
        contract_type, "assignee"
    )
    records = suggestion["ip_records"]
    first = suggestion["achievements"][0] if suggestion["achievements"] else None
    data = {
        "project_name": locked.title[:200],
        "technical_field": locked.technical_field,
        "technical_content": (first.summary if first else "")[:5000],
        "contract_type": contract_type,
        "sub_type": suggestion["sub_type"],
        "is_equity_contribution": suggestion["is_equity_contribution"],
        "ip_type": records[0].ip_type if records else None,
        "total_amount_cny": locked.agreed_price_cny or Decimal("0.00"),
    }
    parties = [
        _party_row("seller", seller_role, locked.seller_organisation),
        _party_row("buyer", buyer_role, locked.buyer_organisation),
    ]
    ip_records = [
        {
            "ip_type": r.ip_type,
            "number": r.number,
            "holder": r.holder,
            "status": r.status if r.status in ("pending", "expired") else "granted",
            "expires_on": r.expires_on,
        }
        for r in records
    ]
    contract = contract_create_draft(
        user=user, data=data, parties=parties, ip_records=ip_records, achievements=suggestion["achievements"]
    )
    locked.contract = contract
    locked.refusal_decision = None
    locked.last_activity_at = now
    locked.save()
    _log(
        locked,
        actor=user,
        action="file_contract",
        from_stage=locked.stage,
        to_stage=locked.stage,
        reason=_("已生成技术合同登记草稿 #%(id)s") % {"id": contract.pk},
        now=now,
    )
    deal.refresh_from_db()
    return contract


@transaction.atomic
def deal_contract_registered(*, contract, user=None, now=None) -> Deal | None:
    """Registry said 予以登记: the deal reaches 登记 (its achievements now count toward the target)."""
    deal = Deal.objects.select_for_update().filter(contract=contract).first()
    if deal is None or deal.status != Deal.Status.OPEN or deal.stage != Stage.SIGNING:
        return deal
    deal.registered_on = contract.registered_on
    deal.refusal_decision = None
    _move(
        deal,
        actor=user,
        to_stage=Stage.REGISTERED,
        action="registered",
        reason=_("登记编号 %(n)s") % {"n": contract.registration_number},
        now=now,
    )
    for org in (deal.seller_organisation, deal.buyer_organisation):
        notify(
            organisation=org,
            text=_("项目“%(t)s”的技术合同已登记。") % {"t": deal.title},
            url=f"/deals/{deal.pk}/",
            now=now,
        )
    return deal


@transaction.atomic
def deal_contract_refused(*, contract, decision, user=None, now=None) -> Deal | None:
    """Registry said 不予登记: the deal is (back) at 签约 with the 未予登记 notice attached."""
    deal = Deal.objects.select_for_update().filter(contract=contract).first()
    if deal is None or deal.status != Deal.Status.OPEN:
        return deal
    deal.refusal_decision = decision
    deal.registered_on = None
    if deal.stage in (Stage.REGISTERED, Stage.IMPLEMENTATION, Stage.SIGNING):
        _move(
            deal,
            actor=user,
            to_stage=Stage.SIGNING,
            action="refused",
            reason=decision.explanation[:2000] if decision else "",
            now=now,
        )
    for org in (deal.seller_organisation, deal.buyer_organisation):
        notify(
            organisation=org,
            text=_("项目“%(t)s”的技术合同未予登记。") % {"t": deal.title},
            url=f"/deals/{deal.pk}/",
            now=now,
        )
    return deal


@transaction.atomic
def deal_record_receipt(*, user: User, deal: Deal, amount_cny, received_on: date, note: str = "", now=None) -> Receipt:
    """到账: an instalment received, recorded by either party once the contract is registered."""
    now = now or clock.now()
    locked = _lock(deal)
    permissions.require_party(user, locked)
    if locked.stage not in (Stage.REGISTERED, Stage.IMPLEMENTATION):
        raise Conflict(_("技术合同登记后才能记录到账。"))
    amount = _money(amount_cny, "amount_cny")
    if amount is None or amount <= 0:
        message = _("请填写大于 0 的到账金额。")
        raise DomainError(message, field_errors={"amount_cny": [message]})
    if received_on > _local_date(now):
        message = _("到账日期不能晚于今天。")
        raise DomainError(message, field_errors={"received_on": [message]})
    last = locked.receipts.order_by("-instalment").first()
    receipt = Receipt(
        deal=locked,
        instalment=(last.instalment + 1) if last else 1,
        amount_cny=amount,
        received_on=received_on,
        note=(note or "").strip(),
        recorded_by=user,
        recorded_at=now,
    )
    _clean(receipt, exclude=["deal", "recorded_by"])
    receipt.save()
    Deal.objects.filter(pk=locked.pk).update(last_activity_at=now)
    return receipt
