"""The confidential tier and the NDA: disclosures, their files, NDA versions and acceptance, stamped downloads."""

from __future__ import annotations

import hashlib
import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from common import clock
from common.errors import Conflict, DomainError, NotAllowed, NotFoundError
from marketplace.models import AchievementPage
from marketplace.uploads import validate_pdf_upload

from .. import permissions
from ..models import (
    ConfidentialDisclosure,
    ConfidentialFile,
    Deal,
    DisclosureAccessLog,
    NdaAcceptance,
    NonDisclosureAgreement,
)
from ._base import Stage, _clean, _funnel_changed, _lock, _move, _required_text
from .funnel import funnel_count_deal

# --- the confidential tier and the NDA ---------------------------------------------------------------


def _require_own_achievement(user: User, achievement: AchievementPage) -> None:
    permissions.require_institution_editor(user)
    if achievement.institution_organisation_id != user.organisation_id:
        raise NotAllowed(_("只能编辑本机构科技成果的保密层。"))


@transaction.atomic
def disclosure_update(*, user: User, achievement: AchievementPage, details: str, now=None) -> ConfidentialDisclosure:
    _require_own_achievement(user, achievement)
    disclosure, _created = ConfidentialDisclosure.objects.get_or_create(
        achievement=achievement, defaults={"updated_at": now or clock.now()}
    )
    disclosure.details = (details or "").strip()
    disclosure.updated_by = user
    disclosure.updated_at = now or clock.now()
    _clean(disclosure, exclude=["achievement", "updated_by"])
    disclosure.save()
    return disclosure


@transaction.atomic
def disclosure_add_file(
    *, user: User, achievement: AchievementPage, title: str, uploaded, now=None
) -> ConfidentialFile:
    _require_own_achievement(user, achievement)
    try:
        validate_pdf_upload(uploaded)
    except ValidationError as error:
        raise DomainError(error.messages[0], field_errors={"file": error.messages}) from error
    disclosure, _created = ConfidentialDisclosure.objects.get_or_create(
        achievement=achievement, defaults={"updated_at": now or clock.now(), "updated_by": user}
    )
    uploaded.seek(0)
    content = uploaded.read()
    digest = hashlib.sha256(content).hexdigest()
    record = ConfidentialFile(
        disclosure=disclosure,
        title=_required_text(title, "title", _("名称")),
        sha256=digest,
        uploaded_at=now or clock.now(),
    )
    _clean(record, exclude=["disclosure", "file"])
    record.file.save(f"{digest[:16]}.pdf", ContentFile(content), save=False)
    record.save()
    return record


def nda_current(organisation: Organisation) -> NonDisclosureAgreement | None:
    return NonDisclosureAgreement.objects.filter(organisation=organisation).order_by("-version").first()


@transaction.atomic
def nda_publish(*, user: User, text: str, now=None) -> NonDisclosureAgreement:
    """A new version of the institution's NDA; acceptances of older versions stay as they were."""
    permissions.require_institution_editor(user)
    Organisation.objects.select_for_update().get(pk=user.organisation_id)  # serialises version numbers
    current = nda_current(user.organisation)
    nda = NonDisclosureAgreement(
        organisation_id=user.organisation_id,
        version=(current.version + 1) if current else 1,
        text=_required_text(text, "text", _("保密协议文本")),
        created_by=user,
        created_at=now or clock.now(),
    )
    _clean(nda, exclude=["organisation", "created_by"])
    nda.save()
    return nda


@transaction.atomic
def nda_accept(*, user: User, deal: Deal, version: int, ip_address: str | None = None, now=None) -> NdaAcceptance:
    """The buyer accepts the seller's current NDA (click-through); a deal before 保密协议 moves there."""
    now = now or clock.now()
    locked = _lock(deal)
    if not permissions.is_buyer(user, locked):
        raise NotAllowed(_("只有需求方可以签署保密协议。"))
    if locked.status != Deal.Status.OPEN:
        raise Conflict(_("该项目已终止。"))
    nda = nda_current(locked.seller_organisation)
    if nda is None:
        raise Conflict(_("成果方尚未发布保密协议。"))
    if nda.version != version:
        raise Conflict(_("保密协议已更新为第 %(v)s 版,请阅读新版本后再签署。") % {"v": nda.version})
    _funnel_changed()
    if not NdaAcceptance.objects.filter(deal=locked).exists():
        funnel_count_deal("nda", locked, at=now)
    acceptance = NdaAcceptance.objects.create(
        nda=nda,
        version=nda.version,
        user=user,
        organisation_id=user.organisation_id,
        deal=locked,
        accepted_at=now,
        ip_address=ip_address or None,
    )
    if locked.stage in (Stage.INTENT, Stage.NEGOTIATION):
        _move(locked, actor=user, to_stage=Stage.NDA, action="nda_accept", reason=_("需求方签署保密协议"), now=now)
    else:
        Deal.objects.filter(pk=locked.pk).update(last_activity_at=now)
    deal.refresh_from_db()
    return acceptance


def disclosure_access_allowed(user: User, achievement: AchievementPage) -> bool:
    """The confidential tier opens to the seller's editors, and to a buyer with an open deal on this achievement
    that has accepted the seller's *current* NDA version."""
    if not permissions.is_party_user(user):
        return False
    if user.is_institution_editor and user.organisation_id == achievement.institution_organisation_id:
        return True
    nda = nda_current(achievement.institution_organisation) if achievement.institution_organisation_id else None
    if nda is None:
        return False
    return NdaAcceptance.objects.filter(
        nda=nda,
        organisation_id=user.organisation_id,
        deal__status=Deal.Status.OPEN,
        deal__buyer_organisation_id=user.organisation_id,
        deal__achievements=achievement,
    ).exists()


def _require_disclosure_access(user: User, achievement: AchievementPage) -> ConfidentialDisclosure:
    if not disclosure_access_allowed(user, achievement):
        raise NotAllowed(_("签署成果方的保密协议并经对方接受洽谈后,才能查看保密资料。"))
    disclosure = ConfidentialDisclosure.objects.filter(achievement=achievement).first()
    if disclosure is None:
        raise NotFoundError(_("该成果没有保密资料。"))
    return disclosure


@transaction.atomic
def disclosure_open(*, user: User, achievement: AchievementPage, ip_address: str | None = None, now=None):
    """Read the confidential tier; every view is logged."""
    disclosure = _require_disclosure_access(user, achievement)
    DisclosureAccessLog.objects.create(
        disclosure=disclosure,
        user=user,
        organisation_id=user.organisation_id,
        action=DisclosureAccessLog.Action.VIEW,
        at=now or clock.now(),
        ip_address=ip_address or None,
    )
    return disclosure


def _stamp_overlay(width: float, height: float, text: str) -> bytes:
    """One transparent page with the stamp line at its foot, drawn by WeasyPrint so Chinese names render."""
    from django.utils.html import escape
    from weasyprint import HTML

    font = getattr(settings, "REGISTRATION_CERTIFICATE_FONT_FAMILY", "Noto Sans CJK SC")
    html = (
        f"<html><head><style>@page {{ size: {width}pt {height}pt; margin: 0 }}"
        # The setting is a CSS family list with its own quotes ("Noto Sans CJK SC", …): used as it is, not quoted
        # again into one family name no font has.
        f"body {{ margin: 0; font-family: {font}, sans-serif; }}"
        f"p {{ position: absolute; left: 18pt; bottom: 8pt; font-size: 8pt; color: #b00000; margin: 0 }}"
        f"</style></head><body><p>{escape(text)}</p></body></html>"
    )
    # Nothing may be fetched while rendering: the overlay has no links, images or external styles.
    return HTML(string=html, url_fetcher=_no_fetch).write_pdf()


def _no_fetch(url, *args, **kwargs):
    raise ValueError(f"refused to fetch {url}")


def stamp_pdf(content: bytes, text: str) -> bytes:
    """Every page of the PDF with ``text`` stamped at its foot (pypdf merges a WeasyPrint overlay)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(content))
        pages = list(reader.pages)
    except (PdfReadError, ValueError, KeyError) as error:
        raise DomainError(_("该文件无法读取,请联系成果方重新上传。")) from error
    writer = PdfWriter()
    overlays: dict[tuple[float, float], object] = {}
    for page in pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        if size not in overlays:
            overlays[size] = PdfReader(io.BytesIO(_stamp_overlay(*size, text))).pages[0]
        # Merged into the writer's copy: pypdf 7 drops merging into a page no writer owns.
        writer.add_page(page).merge_page(overlays[size])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@transaction.atomic
def disclosure_download(
    *, user: User, file: ConfidentialFile, ip_address: str | None = None, now=None
) -> tuple[str, bytes]:
    """The file stamped with the viewer's organisation and the time; every download is logged."""
    now = now or clock.now()
    achievement = file.disclosure.achievement
    _require_disclosure_access(user, achievement)
    with file.file.open("rb") as handle:
        content = handle.read()
    organisation = user.organisation
    local = timezone.localtime(now)
    stamp = _("保密资料 · 仅供 %(org)s(%(user)s)查阅 · %(time)s") % {
        "org": organisation.name,
        "user": user.username,
        "time": local.strftime("%Y-%m-%d %H:%M"),
    }
    DisclosureAccessLog.objects.create(
        disclosure=file.disclosure,
        file=file,
        user=user,
        organisation=organisation,
        action=DisclosureAccessLog.Action.DOWNLOAD,
        at=now,
        ip_address=ip_address or None,
    )
    return f"{file.title}.pdf", stamp_pdf(content, stamp)
