"""Seller side: drafts, attachments, the pre-check, and a draft pre-filled from a marketplace achievement."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts.models import Organisation, User
from common.errors import DomainError, NotAllowed

from .. import permissions
from ..amounts import money
from ..models import (
    Attachment,
    Registry,
    TechnologyContract,
)
from ..precheck import Finding, precheck
from ..rules import ruleset_for_date
from ._base import (
    DRAFT_FIELDS,
    PDF_MAGIC,
    Status,
    _full_clean,
    _lock,
    _log,
    _recompute_declared_amounts,
    _replace_children,
    _require_status,
    _set_fields,
    registry_for_organisation,
)

# --- Seller side -----------------------------------------------------------------------------------


@transaction.atomic
def contract_create_draft(
    *,
    user: User,
    data: dict[str, Any],
    parties: list[dict] | None = None,
    deductions: list[dict] | None = None,
    ip_records: list[dict] | None = None,
    achievements: list | None = None,
    registry: Registry | None = None,
) -> TechnologyContract:
    """A new draft filed by the user's organisation. Nothing is visible to registrars until submitted."""
    permissions.require_file(user)
    organisation = user.organisation
    contract = TechnologyContract(
        registry=registry or registry_for_organisation(organisation),
        seller_organisation=organisation,
        created_by=user,
        status=Status.DRAFT,
    )
    _set_fields(contract, data, DRAFT_FIELDS)
    _full_clean(
        contract,
        exclude=[
            "registry",
            "seller_organisation",
            "created_by",
            "technology_amount_cny",
            "effective_total_amount_cny",
            "effective_technology_amount_cny",
        ],
    )
    contract.total_amount_cny = money(contract.total_amount_cny or 0)
    contract.technology_amount_cny = Decimal("0.00")
    contract.save()
    _replace_children(
        contract, parties=parties, deductions=deductions, ip_records=ip_records, achievements=achievements
    )
    _recompute_declared_amounts(contract)
    contract.save()
    _log(contract, action="create", actor=user, from_status="")
    return contract


@transaction.atomic
def contract_update_draft(
    *,
    user: User,
    contract: TechnologyContract,
    data: dict[str, Any] | None = None,
    parties: list[dict] | None = None,
    deductions: list[dict] | None = None,
    ip_records: list[dict] | None = None,
    achievements: list | None = None,
) -> TechnologyContract:
    """Edit a draft, or an application sent back for more material (补正)."""
    permissions.require_seller(user, contract)
    locked = _lock(contract)
    _require_status(locked, (Status.DRAFT, Status.MATERIAL_REQUESTED), pgettext("transition", "修改"))
    _set_fields(locked, data or {}, DRAFT_FIELDS)
    _full_clean(
        locked,
        exclude=[
            "registry",
            "seller_organisation",
            "created_by",
            "technology_amount_cny",
            "effective_total_amount_cny",
            "effective_technology_amount_cny",
        ],
    )
    _replace_children(locked, parties=parties, deductions=deductions, ip_records=ip_records, achievements=achievements)
    _recompute_declared_amounts(locked)
    locked.save()
    if locked.status == Status.MATERIAL_REQUESTED:
        _log(locked, action="edit", actor=user, from_status=locked.status, details={"fields": sorted(data or {})})
    contract.refresh_from_db()
    return locked


@transaction.atomic
def contract_delete_draft(*, user: User, contract: TechnologyContract) -> None:
    """Delete a draft that was never submitted; anything submitted stays on record."""
    permissions.require_seller(user, contract)
    locked = _lock(contract)
    _require_status(locked, (Status.DRAFT,), pgettext("transition", "删除"))
    for attachment in locked.attachments.all():
        attachment.file.delete(save=False)
    locked.delete()


def _validate_pdf(uploaded) -> bytes:
    from django.conf import settings

    name = getattr(uploaded, "name", "") or ""
    size = getattr(uploaded, "size", None)
    limit = settings.REGISTRATION_ATTACHMENT_MAX_BYTES
    if size is not None and size > limit:
        message = _("文件过大:上限为 %(mb)s MB。") % {"mb": limit // (1024 * 1024)}
        raise DomainError(message, field_errors={"file": [message]})
    content = uploaded.read()
    if len(content) > limit:
        message = _("文件过大:上限为 %(mb)s MB。") % {"mb": limit // (1024 * 1024)}
        raise DomainError(message, field_errors={"file": [message]})
    if not name.lower().endswith(".pdf") or not content.startswith(PDF_MAGIC):
        message = _("只接受 PDF 文件(文件内容须为 PDF 格式)。")
        raise DomainError(message, field_errors={"file": [message]})
    return content


@transaction.atomic
def contract_attach(*, user: User, contract: TechnologyContract, kind: str, uploaded_file) -> Attachment:
    """Attach a PDF; the content is checked (magic bytes), not just the name."""
    permissions.require_seller(user, contract)
    locked = _lock(contract)
    _require_status(locked, (Status.DRAFT, Status.MATERIAL_REQUESTED), pgettext("transition", "上传附件"))
    if kind not in Attachment.Kind.values:
        message = _("附件类别不正确。")
        raise DomainError(message, field_errors={"kind": [message]})
    content = _validate_pdf(uploaded_file)
    from django.core.files.base import ContentFile

    attachment = Attachment(
        contract=locked,
        kind=kind,
        original_name=(uploaded_file.name or "")[-255:],
        size_bytes=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=user,
    )
    attachment.file.save("upload.pdf", ContentFile(content), save=False)
    attachment.save()
    if locked.status == Status.MATERIAL_REQUESTED:
        _log(locked, action="attach", actor=user, from_status=locked.status, details={"kind": kind})
    return attachment


@transaction.atomic
def contract_remove_attachment(*, user: User, attachment: Attachment) -> None:
    permissions.require_seller(user, attachment.contract)
    locked = _lock(attachment.contract)
    _require_status(locked, (Status.DRAFT, Status.MATERIAL_REQUESTED), pgettext("transition", "删除附件"))
    attachment.file.delete(save=False)
    attachment.delete()


def contract_precheck(*, user: User, contract: TechnologyContract) -> list[Finding]:
    """The pre-check as the seller (or the registrar) sees it; changes nothing."""
    permissions.require_view(user, contract)
    return precheck(contract)


# --- Bridges for other parts of the platform ---------------------------------------------------------

TRANSFER_MODE_TO_TYPE = {
    # transfer mode code → (type, sub-type with a patent, sub-type without) under the 2026 set;
    # the 2000 set has no separate licence type, handled below.
    "transfer": ("transfer", "patent_transfer", "technical_secret_transfer"),
    "licence": ("licence", "patent_licence", "technical_secret_licence"),
    "equity": ("transfer", "patent_transfer", "technical_secret_transfer"),
    "joint": ("development", "cooperative_development", "cooperative_development"),
    "service": ("service", "technical_service", "technical_service"),
}


@transaction.atomic
def contract_prefill_from_achievement(
    *, achievement, buyer_organisation: Organisation, seller_user: User
) -> TechnologyContract:
    """A draft pre-filled from an achievement and the two parties: the marketplace → registry bridge."""
    permissions.require_file(seller_user)
    if achievement.institution_organisation_id != seller_user.organisation_id:
        raise NotAllowed(_("只能为本单位的科技成果填报技术合同。"))
    rules = ruleset_for_date(timezone.localdate())
    records = list(achievement.ip_records.select_related("ip_type"))
    has_patent = any(r.ip_type.code in ("invention", "utility", "design") for r in records)
    modes = [m.code for m in achievement.transfer_modes.all()]
    mode = next((m for m in ("transfer", "licence", "equity", "joint", "service") if m in modes), "transfer")
    contract_type, with_patent, without = TRANSFER_MODE_TO_TYPE[mode]
    sub_type = with_patent if has_patent else without
    if rules.type(contract_type) is None and contract_type == "licence":
        contract_type = "transfer"  # the 2000 set puts licences inside 技术转让
        sub_type = "patent_licence" if has_patent else "technical_secret_transfer"
    data = {
        "project_name": achievement.title[:200],
        "technical_field": achievement.technical_field,
        "technical_content": achievement.summary,
        "contract_type": contract_type,
        "sub_type": sub_type,
        "is_equity_contribution": mode == "equity",
        "ip_type": records[0].ip_type if records else None,
        "total_amount_cny": achievement.price_cny or Decimal("0.00"),
    }
    seller_role = {"development": "developer", "licence": "licensor", "service": "consultant"}.get(
        contract_type, "assignor"
    )
    buyer_role = {"development": "co_developer", "licence": "licensee", "service": "commissioner"}.get(
        contract_type, "assignee"
    )
    parties = [
        {"side": "seller", "party_role": seller_role, "organisation": seller_user.organisation, "name": ""},
        {"side": "buyer", "party_role": buyer_role, "organisation": buyer_organisation, "name": ""},
    ]
    ip_records = [
        {
            "ip_type": r.ip_type,
            "number": r.number,
            "holder": r.holder,
            "status": "expired" if r.status == "expired" else ("pending" if r.status == "pending" else "granted"),
            "expires_on": r.expires_on,
        }
        for r in records
        if r.status != "na"
    ]
    return contract_create_draft(
        user=seller_user, data=data, parties=parties, ip_records=ip_records, achievements=[achievement]
    )
