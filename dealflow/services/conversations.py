"""Deal conversations: messages with checked attachments, and inviting a broker into the thread."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from common import clock
from common.errors import DomainError, NotAllowed
from marketplace.uploads import validate_pdf_upload

from .. import permissions
from ..models import (
    Conversation,
    Deal,
    Message,
    MessageAttachment,
)
from ._base import IMAGE_FORMATS, _clean, _required_text, notify

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
