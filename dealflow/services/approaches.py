"""Write-side of the deal flow: enquiries, proposals, messages, the confidential tier, deal stages, notices, receipts.

Every function checks who is acting and the current state and raises a domain error (never a silent no-op);
state changes lock the row and write a ``DealTransition`` in the same transaction, so a refused transition
leaves the deal where it was.

Deal stages::

    意向 → 洽谈 → 保密协议 → 条款/定价 ─(state-funded + negotiated price)→ 价格公示 ─(period over)→ 签约
                                      └──────────────────────────────────────────────────────→ 签约
    签约 ─(registry registers the filed contract)→ 登记 → 实施        any open stage before 登记 → 已终止 (lost)
"""

from __future__ import annotations

import hashlib
import io
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from common.errors import Conflict, DomainError, NotAllowed, NotFoundError
from marketplace.models import AchievementPage, TechnologyNeed
from marketplace.uploads import validate_pdf_upload
from registration.rules import ruleset_for_date
from registration.services import contract_create_draft

from .. import clock, permissions
from ..models import (
    NOTICE_MIN_DAYS,
    Approach,
    ConfidentialDisclosure,
    ConfidentialFile,
    Conversation,
    Deal,
    DealTransition,
    DeclineReason,
    DisclosureAccessLog,
    Enquiry,
    InstitutionDealSettings,
    LostReason,
    Message,
    MessageAttachment,
    NdaAcceptance,
    NonDisclosureAgreement,
    NoticeObjection,
    Notification,
    PriceNotice,
    Receipt,
    SolutionProposal,
    Timeline,
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
    _funnel_changed()
    DealTransition.objects.create(
        deal=deal,
        actor=actor,
        action=action,
        from_stage=from_stage,
        to_stage=to_stage,
        reason=reason,
        at=now or clock.now(),
    )


def _lock(deal: Deal) -> Deal:
    return Deal.objects.select_for_update().get(pk=deal.pk)


# --- enquiries and proposals -------------------------------------------------------------------------


@transaction.atomic
def enquiry_send(
    *,
    user: User,
    achievement: AchievementPage,
    purpose: str,
    intended_use: str,
    timeline: str,
    budget_min_cny=None,
    budget_max_cny=None,
    transfer_mode=None,
    need: TechnologyNeed | None = None,
    now=None,
) -> Enquiry:
    """An approved enterprise asks about a listed achievement; the institution is notified."""
    permissions.require_approved_enterprise(user)
    now = now or clock.now()
    if not AchievementPage.objects.listed(on=clock.today()).filter(pk=achievement.pk).exists():
        raise NotFoundError(_("该科技成果不存在或未公开。"))
    if need is not None and need.enterprise_id != user.organisation_id:
        raise NotAllowed(_("只能关联本企业的技术需求。"))
    if achievement.institution_organisation_id is None:
        raise Conflict(_("该成果未关联机构,暂不能咨询。"))
    if Enquiry.objects.filter(
        achievement=achievement, sender_organisation_id=user.organisation_id, status=Approach.Status.SENT
    ).exists():
        raise Conflict(_("贵单位已就该成果发送过意向咨询,请等待对方答复。"))
    low = _money(budget_min_cny, "budget_min_cny")
    high = _money(budget_max_cny, "budget_max_cny")
    _check_range(low, high, "budget_max_cny")
    if timeline not in Timeline.values:
        message = _("请选择时间安排。")
        raise DomainError(message, field_errors={"timeline": [message]})
    enquiry = Enquiry(
        achievement=achievement,
        need=need,
        sender_organisation_id=user.organisation_id,
        sender_user=user,
        recipient_organisation_id=achievement.institution_organisation_id,
        purpose=_required_text(purpose, "purpose", _("拟开展的工作")),
        intended_use=_required_text(intended_use, "intended_use", _("应用场景与规模")),
        timeline=timeline,
        budget_min_cny=low,
        budget_max_cny=high,
        transfer_mode=transfer_mode,
        technical_field_id=achievement.technical_field_id,
        chain_code=_chain_code(achievement),
        created_at=now,
    )
    _funnel_changed()
    _clean(enquiry)
    enquiry.save()
    conversation = Conversation.objects.create(
        seller_organisation_id=enquiry.recipient_organisation_id,
        buyer_organisation_id=enquiry.sender_organisation_id,
        enquiry=enquiry,
        subject=achievement.title[:300],
        created_at=now,
        last_message_at=now,
    )
    notify(
        organisation=enquiry.recipient_organisation,
        text=_("%(org)s 就成果“%(title)s”发来意向咨询。") % {"org": user.organisation.name, "title": achievement.title},
        url=f"/deals/conversations/{conversation.pk}/",
        now=now,
    )
    return enquiry


@transaction.atomic
def proposal_send(
    *,
    user: User,
    need: TechnologyNeed,
    approach: str,
    duration: str,
    achievements: list[AchievementPage] | None = None,
    cost_min_cny=None,
    cost_max_cny=None,
    now=None,
) -> SolutionProposal:
    """An institution answers a public need, naming 0..n of its own live achievements."""
    permissions.require_institution_editor(user)
    now = now or clock.now()
    if not TechnologyNeed.objects.listed(on=clock.today()).filter(pk=need.pk).exists():
        raise NotFoundError(_("该技术需求不存在或未公开。"))
    achievements = list(achievements or [])
    for page in achievements:
        if page.institution_organisation_id != user.organisation_id or not page.live:
            raise NotAllowed(_("只能选择本机构已发布的科技成果。"))
    low = _money(cost_min_cny, "cost_min_cny")
    high = _money(cost_max_cny, "cost_max_cny")
    _check_range(low, high, "cost_max_cny")
    proposal = SolutionProposal(
        need=need,
        sender_organisation_id=user.organisation_id,
        sender_user=user,
        recipient_organisation_id=need.enterprise_id,
        approach=_required_text(approach, "approach", _("技术方案")),
        duration=_required_text(duration, "duration", _("所需时间")),
        cost_min_cny=low,
        cost_max_cny=high,
        technical_field_id=need.technical_field_id,
        chain_code=(need.industry_chain.code.split(".")[0] if need.industry_chain_id else ""),
        created_at=now,
    )
    _funnel_changed()
    _clean(proposal)
    proposal.save()
    proposal.achievements.set(achievements)
    conversation = Conversation.objects.create(
        seller_organisation_id=proposal.sender_organisation_id,
        buyer_organisation_id=proposal.recipient_organisation_id,
        proposal=proposal,
        subject=need.title[:300],
        created_at=now,
        last_message_at=now,
    )
    notify(
        organisation=need.enterprise,
        text=_("%(org)s 针对需求“%(title)s”提交了解决方案。") % {"org": user.organisation.name, "title": need.title},
        url=f"/deals/conversations/{conversation.pk}/",
        now=now,
    )
    return proposal


def _lock_approach(approach):
    return type(approach).objects.select_for_update().get(pk=approach.pk)


@transaction.atomic
def approach_accept(*, user: User, approach: Enquiry | SolutionProposal, now=None) -> Deal:
    """The receiving organisation accepts: the conversation becomes a deal at 意向."""
    now = now or clock.now()
    locked = _lock_approach(approach)
    if not (permissions.is_party_user(user) and user.organisation_id == locked.recipient_organisation_id):
        raise NotAllowed(_("只有接收方可以答复。"))
    if locked.status != Approach.Status.SENT:
        raise Conflict(_("该咨询已答复(%(status)s),不能重复答复。") % {"status": locked.get_status_display()})
    locked.status = Approach.Status.ACCEPTED
    locked.answered_at = now
    locked.answered_by = user
    locked.save()
    conversation = locked.conversation
    if isinstance(locked, Enquiry):
        achievements = [locked.achievement]
        need = locked.need
        transfer_mode = locked.transfer_mode
        title = locked.achievement.title
    else:
        achievements = list(locked.achievements.all())
        need = locked.need
        transfer_mode = need.cooperation_mode
        title = need.title
    deal = Deal.objects.create(
        conversation=conversation,
        seller_organisation_id=conversation.seller_organisation_id,
        buyer_organisation_id=conversation.buyer_organisation_id,
        title=title[:200],
        need=need,
        transfer_mode=transfer_mode,
        technical_field_id=locked.technical_field_id,
        chain_code=locked.chain_code,
        created_at=now,
        stage_changed_at=now,
        last_activity_at=now,
    )
    deal.achievements.set(achievements)
    _log(deal, actor=user, action="accept", from_stage="", to_stage=Stage.INTENT, now=now)
    notify(
        organisation=locked.sender_organisation,
        text=_("对方已接受您关于“%(title)s”的洽谈请求。") % {"title": title},
        url=f"/deals/{deal.pk}/",
        now=now,
    )
    approach.refresh_from_db()
    return deal


@transaction.atomic
def approach_decline(
    *, user: User, approach: Enquiry | SolutionProposal, reason: str, note: str = "", now=None
) -> Enquiry | SolutionProposal:
    """Decline with a reason from the fixed list; the sender sees reason and note, the bureau only the reason."""
    now = now or clock.now()
    locked = _lock_approach(approach)
    if not (permissions.is_party_user(user) and user.organisation_id == locked.recipient_organisation_id):
        raise NotAllowed(_("只有接收方可以答复。"))
    if locked.status != Approach.Status.SENT:
        raise Conflict(_("该咨询已答复(%(status)s),不能重复答复。") % {"status": locked.get_status_display()})
    if reason not in DeclineReason.values:
        message = _("请从列表中选择婉拒原因。")
        raise DomainError(message, field_errors={"reason": [message]})
    if reason == DeclineReason.OTHER and not (note or "").strip():
        message = _("选择“其他”时请说明原因。")
        raise DomainError(message, field_errors={"note": [message]})
    _funnel_changed()
    locked.status = Approach.Status.DECLINED
    locked.decline_reason = reason
    locked.decline_note = (note or "").strip()
    locked.answered_at = now
    locked.answered_by = user
    _clean(locked)
    locked.save()
    notify(
        organisation=locked.sender_organisation,
        text=_("对方婉拒了您的洽谈请求:%(reason)s") % {"reason": DeclineReason(reason).label},
        url=f"/deals/conversations/{locked.conversation.pk}/",
        now=now,
    )
    approach.refresh_from_db()
    return locked


# --- conversations -----------------------------------------------------------------------------------


def _validate_attachment(uploaded) -> str:
    """'pdf' or 'image', checked by content the way marketplace checks CMS uploads; else a clear error."""
    name = (uploaded.name or "").lower()
    if name.endswith(".pdf"):
        try:
            validate_pdf_upload(uploaded)
        except ValidationError as error:
            raise DomainError(error.messages[0], field_errors={"files": error.messages}) from error
        return "pdf"
    if uploaded.size is not None and uploaded.size > settings.UPLOAD_MAX_BYTES:
        try:
            validate_pdf_upload(uploaded)  # gives the size message in the same words
        except ValidationError as error:
            raise DomainError(error.messages[0], field_errors={"files": error.messages}) from error
    from PIL import Image, UnidentifiedImageError

    uploaded.seek(0)
    try:
        with Image.open(uploaded) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        message = _("附件只能是 PDF 文件或图片(JPEG、PNG、GIF、WebP)。")
        raise DomainError(message, field_errors={"files": [message]}) from error
    finally:
        uploaded.seek(0)
    if image_format not in IMAGE_FORMATS:
        message = _("附件只能是 PDF 文件或图片(JPEG、PNG、GIF、WebP)。")
        raise DomainError(message, field_errors={"files": [message]})
    return "image"


@transaction.atomic
def message_send(*, user: User, conversation: Conversation, body: str, files: list | None = None, now=None) -> Message:
    """A message from a party or an invited broker; attachments are checked before anything is saved."""
    now = now or clock.now()
    if not permissions.can_read_thread(user, conversation):
        raise NotAllowed(_("您不是该洽谈的参与方。"))
    files = list(files or [])
    kinds = [_validate_attachment(f) for f in files]
    message = Message(
        conversation=conversation,
        author=user,
        author_organisation_id=user.organisation_id if permissions.org_is_party(user, conversation) else None,
        body=_required_text(body, "body", _("消息内容")),
        created_at=now,
    )
    _clean(message, exclude=["conversation", "author", "author_organisation"])
    message.save()
    for uploaded, kind in zip(files, kinds, strict=True):
        uploaded.seek(0)
        content = uploaded.read()
        attachment = MessageAttachment(
            message=message,
            original_name=(uploaded.name or "")[-255:],
            kind=kind,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
        )
        attachment.file.save(
            f"{hashlib.sha256(content).hexdigest()[:16]}.{'pdf' if kind == 'pdf' else 'img'}",
            ContentFile(content),
            save=False,
        )
        attachment.save()
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now)
    Deal.objects.filter(conversation=conversation, status=Deal.Status.OPEN).update(last_activity_at=now)
    other = (
        conversation.buyer_organisation
        if user.organisation_id == conversation.seller_organisation_id
        else conversation.seller_organisation
    )
    notify(
        organisation=other,
        text=_("洽谈“%(subject)s”有新消息。") % {"subject": conversation.subject},
        url=f"/deals/conversations/{conversation.pk}/",
        now=now,
    )
    return message


@transaction.atomic
def conversation_invite_broker(*, user: User, conversation: Conversation, broker: User) -> Conversation:
    """A party invites a bureau staff member as broker (技术经纪人); only then may they read the thread."""
    permissions.require_party(user, conversation)
    if not broker.is_bureau_staff:
        raise DomainError(_("只能邀请科技局工作人员担任技术经纪人。"))
    conversation.brokers.add(broker)
    return conversation


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
        f"body {{ margin: 0; font-family: '{font}', sans-serif; }}"
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
        page.merge_page(overlays[size])
        writer.add_page(page)
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


# --- deal stages -------------------------------------------------------------------------------------


def _move(locked: Deal, *, actor, to_stage: str, action: str, reason: str = "", now=None) -> None:
    now = now or clock.now()
    from_stage = locked.stage
    locked.stage = to_stage
    locked.stage_changed_at = now
    locked.last_activity_at = now
    locked.idle_flagged_at = None
    locked.save()
    _log(locked, actor=actor, action=action, from_stage=from_stage, to_stage=to_stage, reason=reason, now=now)


def current_notice(deal: Deal) -> PriceNotice | None:
    return deal.price_notices.filter(withdrawn_at__isnull=True).order_by("-published_at").first()


def notice_required(deal: Deal) -> bool:
    return deal.price_negotiated and is_state_funded(deal.seller_organisation)


def _guard_signing(locked: Deal, today: date) -> None:
    if locked.agreed_price_cny is None:
        raise Conflict(_("请先约定价格,再进入签约阶段。"))
    if locked.stage == Stage.TERMS and notice_required(locked):
        raise Conflict(_("成果方为国家设立的研究开发机构或高等院校,协议定价须先公示,公示期满后才能签约。"))
    if locked.stage == Stage.NOTICE:
        notice = current_notice(locked)
        if notice is None:
            raise Conflict(_("没有有效的价格公示。"))
        if today <= notice.ends_on:
            raise Conflict(_("公示期至 %(date)s 结束,期满后才能签约。") % {"date": notice.ends_on.isoformat()})
        if notice.objections.filter(outcome=NoticeObjection.Outcome.PENDING).exists():
            raise Conflict(_("公示期内收到的异议尚未处理完毕,处理后才能签约。"))


@transaction.atomic
def deal_transition(*, user: User, deal: Deal, to_stage: str, reason: str = "", now=None) -> Deal:
    """A party moves the deal along the allowed path; anything else is refused and the deal stays put."""
    now = now or clock.now()
    locked = _lock(deal)
    permissions.require_party(user, locked)
    if locked.status != Deal.Status.OPEN:
        raise Conflict(_("该项目已终止,不能变更阶段。"))
    if to_stage not in Stage.values:
        raise DomainError(_("未知的阶段。"), field_errors={"to_stage": [_("未知的阶段。")]})
    if to_stage not in MANUAL_TRANSITIONS[locked.stage]:
        if to_stage == Stage.REGISTERED:
            raise Conflict(_("“登记”由登记机构的认定结果决定,不能手动设置。"))
        if to_stage == Stage.NOTICE:
            raise Conflict(_("请通过“约定价格”发起价格公示。"))
        raise Conflict(
            _("项目当前处于“%(from)s”阶段,不能变更为“%(to)s”。")
            % {"from": Stage(locked.stage).label, "to": Stage(to_stage).label}
        )
    if to_stage == Stage.SIGNING:
        _guard_signing(locked, _local_date(now))
    _move(locked, actor=user, to_stage=to_stage, action="transition", reason=(reason or "").strip(), now=now)
    deal.refresh_from_db()
    return locked


def _local_date(moment) -> date:
    return timezone.localdate(moment)


@transaction.atomic
def deal_set_price(
    *,
    user: User,
    deal: Deal,
    price_cny,
    negotiated: bool = True,
    notice_days: int = NOTICE_MIN_DAYS,
    starts_on: date | None = None,
    objection_contact: str = "",
    now=None,
) -> Deal:
    """The seller records the agreed price at 条款/定价. A state-funded seller's negotiated price is published as
    a notice (≥ 15 days) and the deal moves to 价格公示."""
    now = now or clock.now()
    locked = _lock(deal)
    permissions.require_seller(user, locked)
    if locked.status != Deal.Status.OPEN or locked.stage != Stage.TERMS:
        raise Conflict(_("只有处于“条款/定价”阶段的项目可以约定价格。"))
    price = _money(price_cny, "price_cny")
    if price is None or price <= 0:
        message = _("请填写大于 0 的约定价格。")
        raise DomainError(message, field_errors={"price_cny": [message]})
    locked.agreed_price_cny = price
    locked.price_negotiated = bool(negotiated)
    locked.last_activity_at = now
    _clean(locked, exclude=["conversation", "contract", "refusal_decision", "need", "transfer_mode"])
    locked.save()
    _log(
        locked,
        actor=user,
        action="set_price",
        from_stage=locked.stage,
        to_stage=locked.stage,
        reason=_("约定价格 %(p)s 元") % {"p": price},
        now=now,
    )
    if notice_required(locked):
        if notice_days < NOTICE_MIN_DAYS:
            message = _("公示期不得少于 %(n)s 天。") % {"n": NOTICE_MIN_DAYS}
            raise DomainError(message, field_errors={"notice_days": [message]})
        today = _local_date(now)
        starts_on = starts_on or today
        if starts_on < today:
            message = _("公示开始日期不能早于今天。")
            raise DomainError(message, field_errors={"starts_on": [message]})
        contact = (objection_contact or "").strip()
        if not contact:
            row = InstitutionDealSettings.objects.filter(organisation_id=locked.seller_organisation_id).first()
            contact = (row.objection_contact if row else "") or _(
                "书面异议请寄送市科学技术局成果转化科,或发送电子邮件至 %(email)s。"
            ) % {"email": settings.DEFAULT_FROM_EMAIL}
        first = locked.achievements.order_by("pk").first()
        PriceNotice.objects.create(
            deal=locked,
            achievement_title=(first.title if first else locked.title)[:300],
            seller_name=locked.seller_organisation.name,
            buyer_name=locked.buyer_organisation.name,
            proposed_price_cny=price,
            transfer_mode_name=locked.transfer_mode.name if locked.transfer_mode_id else "",
            starts_on=starts_on,
            ends_on=starts_on + timedelta(days=notice_days - 1),
            objection_contact=contact[:300],
            published_at=now,
        )
        _move(locked, actor=user, to_stage=Stage.NOTICE, action="notice_publish", reason=_("协议定价公示"), now=now)
    deal.refresh_from_db()
    return locked


@transaction.atomic
def notice_object(*, notice: PriceNotice, name: str, contact: str, grounds: str, now=None) -> NoticeObjection:
    """Anyone may object while the notice runs; bureau staff are told and must resolve it."""
    now = now or clock.now()
    today = _local_date(now)
    if notice.withdrawn_at is not None or not (notice.starts_on <= today <= notice.ends_on):
        raise Conflict(_("该公示不在公示期内,不能提出异议。"))
    objection = NoticeObjection(
        notice=notice,
        name=_required_text(name, "name", _("异议人")),
        contact=_required_text(contact, "contact", _("联系方式")),
        grounds=_required_text(grounds, "grounds", _("异议理由")),
        submitted_at=now,
    )
    _clean(objection, exclude=["notice", "resolved_by"])
    objection.save()
    notify(
        organisation=None,
        for_bureau=True,
        text=_("协议定价公示“%(t)s”收到异议,请处理。") % {"t": notice.achievement_title},
        url=f"/deals/notices/{notice.pk}/",
        now=now,
    )
    return objection


@transaction.atomic
def objection_resolve(
    *, user: User, objection: NoticeObjection, upheld: bool, resolution: str, now=None
) -> NoticeObjection:
    """Bureau staff decide. An upheld objection withdraws the notice and sends the deal back to 条款/定价."""
    permissions.require_bureau(user)
    now = now or clock.now()
    locked = NoticeObjection.objects.select_for_update().get(pk=objection.pk)
    if locked.outcome != NoticeObjection.Outcome.PENDING:
        raise Conflict(_("该异议已处理。"))
    locked.outcome = NoticeObjection.Outcome.UPHELD if upheld else NoticeObjection.Outcome.DISMISSED
    locked.resolution = _required_text(resolution, "resolution", _("处理意见"))
    locked.resolved_by = user
    locked.resolved_at = now
    locked.save()
    notice = locked.notice
    if upheld and notice.withdrawn_at is None:
        notice.withdrawn_at = now
        notice.save(update_fields=["withdrawn_at"])
        deal = _lock(notice.deal)
        if deal.status == Deal.Status.OPEN and deal.stage == Stage.NOTICE:
            _move(deal, actor=user, to_stage=Stage.TERMS, action="objection_upheld", reason=locked.resolution, now=now)
    for org_id in (notice.deal.seller_organisation_id, notice.deal.buyer_organisation_id):
        notify(
            organisation=Organisation.objects.get(pk=org_id),
            text=_("公示异议已处理:%(o)s") % {"o": locked.get_outcome_display()},
            url=f"/deals/{notice.deal_id}/",
            now=now,
        )
    objection.refresh_from_db()
    return locked


@transaction.atomic
def deal_mark_lost(*, user: User, deal: Deal, reason: str, note: str = "", now=None) -> Deal:
    now = now or clock.now()
    locked = _lock(deal)
    permissions.require_party(user, locked)
    if locked.status != Deal.Status.OPEN or locked.stage not in LOSABLE:
        raise Conflict(_("该项目当前不能终止。"))
    if reason not in LostReason.values:
        message = _("请从列表中选择终止原因。")
        raise DomainError(message, field_errors={"reason": [message]})
    if reason == LostReason.OTHER and not (note or "").strip():
        message = _("选择“其他”时请说明原因。")
        raise DomainError(message, field_errors={"note": [message]})
    locked.status = Deal.Status.LOST
    locked.lost_reason = reason
    locked.lost_note = (note or "").strip()
    locked.closed_at = now
    locked.last_activity_at = now
    locked.save()
    _log(
        locked,
        actor=user,
        action="lost",
        from_stage=locked.stage,
        to_stage=locked.stage,
        reason=f"{LostReason(reason).label} {locked.lost_note}".strip(),
        now=now,
    )
    deal.refresh_from_db()
    return locked


@transaction.atomic
def deals_flag_idle(*, now=None) -> int:
    """Flag open deals with no activity for 30 days, once, to both parties and the bureau. Returns the count."""
    from ..models import IDLE_DAYS

    now = now or clock.now()
    cutoff = now - timedelta(days=IDLE_DAYS)
    deals = list(
        Deal.objects.select_for_update()
        .filter(status=Deal.Status.OPEN, last_activity_at__lt=cutoff, idle_flagged_at__isnull=True)
        .exclude(stage=Stage.IMPLEMENTATION)
        .select_related("seller_organisation", "buyer_organisation")
    )
    for deal in deals:
        deal.idle_flagged_at = now
        deal.save(update_fields=["idle_flagged_at"])
        text = _("项目“%(t)s”已 %(n)s 天没有进展。") % {"t": deal.title, "n": IDLE_DAYS}
        notify(organisation=deal.seller_organisation, text=text, url=f"/deals/{deal.pk}/", now=now)
        notify(organisation=deal.buyer_organisation, text=text, url=f"/deals/{deal.pk}/", now=now)
    if deals:
        notify(
            organisation=None,
            for_bureau=True,
            text=_("%(n)s 个转化项目超过 %(d)s 天没有进展。") % {"n": len(deals), "d": IDLE_DAYS},
            url="/deals/bureau/",
            now=now,
        )
    return len(deals)


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


def approach_for(*, kind: str, pk: int):
    model = {"enquiry": Enquiry, "proposal": SolutionProposal}.get(kind)
    if model is None:
        raise NotFoundError(_("不存在。"))
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise NotFoundError(_("不存在。"))
    return found
