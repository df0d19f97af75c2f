"""Write-side logic for people and organisations: enterprise sign-up, approval by bureau staff, roles.

An organisation starts *pending*; nothing it posts can be submitted for publication until bureau staff
approve it (marketplace.services.need_submit checks ``is_approved``).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.errors import Conflict, DomainError, NotAllowed

from .models import Organisation, User

ORGANISATION_REGISTER_FIELDS = (
    "name",
    "short_name",
    "credit_code",
    "region",
    "address",
    "website",
    "contact_name",
    "contact_phone",
    "contact_email",
    "description",
)


def _errors_of(error: ValidationError, prefix: str = "") -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {f"{prefix}{field}": [str(m) for m in messages] for field, messages in error.message_dict.items()}
    return {f"{prefix}__all__": [str(m) for m in error.messages]}


def _require_staff(actor) -> None:
    if not (actor and actor.is_authenticated and actor.is_bureau_staff):
        raise NotAllowed(_("只有科技局工作人员可以审核机构。"))


@transaction.atomic
def organisation_register(
    *,
    username: str,
    password: str,
    email: str = "",
    display_name: str = "",
    phone: str = "",
    organisation: dict[str, Any],
    kind: str = Organisation.Kind.ENTERPRISE,
) -> User:
    """Sign-up: a pending organisation and its first member. Staff must approve before anything is published.

    ``DomainError.field_errors`` names user fields as they are (``username``, ``password``) and organisation
    fields with an ``organisation.`` prefix, so a form can put each message next to its field.
    """
    errors: dict[str, list[str]] = {}
    org = Organisation(kind=kind, status=Organisation.Status.PENDING)
    for field in ORGANISATION_REGISTER_FIELDS:
        if field in organisation:
            value = organisation[field]
            if field == "credit_code" and value:
                value = value.strip().upper()
            setattr(org, field, value if value is not None else "")
    if not org.credit_code:
        org.credit_code = None
        errors["organisation.credit_code"] = [_("请填写统一社会信用代码。")]
    if not org.contact_name:
        errors["organisation.contact_name"] = [_("请填写联系人。")]
    if not org.contact_phone:
        errors["organisation.contact_phone"] = [_("请填写联系电话。")]
    try:
        org.full_clean(exclude=["reviewed_by"])
    except ValidationError as error:
        for field, messages in _errors_of(error, "organisation.").items():
            errors.setdefault(field, []).extend(messages)

    role = User.Role.ENTERPRISE_MEMBER if kind == Organisation.Kind.ENTERPRISE else User.Role.INSTITUTION_EDITOR
    user = User(username=(username or "").strip(), email=email, display_name=display_name, phone=phone, role=role)
    try:
        user.full_clean(exclude=["password", "organisation"])
    except ValidationError as error:
        for field, messages in _errors_of(error).items():
            errors.setdefault(field, []).extend(messages)
    try:
        validate_password(password, user)
    except ValidationError as error:
        errors.setdefault("password", []).extend(str(m) for m in error.messages)
    if errors:
        raise DomainError(_("注册信息填写有误,请按提示修改。"), field_errors=errors)

    org.save()
    user.organisation = org
    user.set_password(password)
    # The CMS groups follow the role through the user's post_save (marketplace listens; accounts never calls it).
    user.save()
    return user


@transaction.atomic
def organisation_approve(*, actor, organisation: Organisation) -> Organisation:
    _require_staff(actor)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.status == Organisation.Status.APPROVED:
        raise Conflict(_("该机构已经通过认证。"))
    organisation.status = Organisation.Status.APPROVED
    organisation.reviewed_by = actor
    organisation.reviewed_at = timezone.now()
    organisation.review_note = ""
    organisation.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note", "updated_at"])
    return organisation


@transaction.atomic
def organisation_reject(*, actor, organisation: Organisation, note: str) -> Organisation:
    _require_staff(actor)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.status != Organisation.Status.PENDING:
        raise Conflict(_("只有待审核的机构可以退回。"))
    if not (note or "").strip():
        raise DomainError(_("退回时请写明原因,便于企业修改。"), field_errors={"note": [_("请填写退回原因。")]})
    organisation.status = Organisation.Status.REJECTED
    organisation.reviewed_by = actor
    organisation.reviewed_at = timezone.now()
    organisation.review_note = note.strip()
    organisation.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note", "updated_at"])
    return organisation


ROLES_WITH_ORGANISATION = {
    User.Role.ENTERPRISE_MEMBER: "enterprise",
    User.Role.INSTITUTION_EDITOR: "institution",
}


@transaction.atomic
def user_assign_role(*, actor, user: User, role: str, organisation: Organisation | None = None) -> User:
    """Give a user one role (and the organisation it needs); their CMS groups follow through post_save.

    ``actor=None`` is the system itself (management commands, demo data); people must be bureau staff.
    """
    if actor is not None and not (actor.is_authenticated and actor.is_bureau_staff):
        raise NotAllowed(_("只有科技局工作人员可以分配角色。"))
    if role not in User.Role.values:
        raise DomainError(_("未知角色。"), field_errors={"role": [_("请选择有效的角色。")]})
    needed = ROLES_WITH_ORGANISATION.get(role)
    if needed == "enterprise" and (organisation is None or not organisation.is_enterprise):
        raise DomainError(_("企业用户必须属于一家企业。"), field_errors={"organisation": [_("请选择所属企业。")]})
    if needed == "institution" and (organisation is None or not organisation.is_institution):
        raise DomainError(_("机构编辑必须属于一家科研机构。"), field_errors={"organisation": [_("请选择所属机构。")]})
    user = User.objects.select_for_update().get(pk=user.pk)
    user.role = role
    user.organisation = organisation if needed else None
    # Bureau staff may also use the Django admin for emergencies; nobody else is ``is_staff``.
    user.is_staff = role == User.Role.BUREAU_STAFF or user.is_superuser
    user.save(update_fields=["role", "organisation", "is_staff"])
    return user
