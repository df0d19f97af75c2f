"""Who may see and do what in the deal flow. Pages, the API and services all ask here.

The rule of thumb: an organisation sees only what it is a party to; bureau staff see metadata (who, what, stage,
dates) of everything but read a private thread only once a party invites them as broker (技术经纪人).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from common.errors import NotAllowed


def is_party_user(user) -> bool:
    return bool(
        user.is_authenticated
        and (user.is_enterprise_member or user.is_institution_editor)
        and user.organisation_id is not None
    )


def org_is_party(user, obj) -> bool:
    """``obj`` has seller_organisation_id/buyer_organisation_id (a conversation or a deal)."""
    return is_party_user(user) and user.organisation_id in (obj.seller_organisation_id, obj.buyer_organisation_id)


def is_seller(user, obj) -> bool:
    return is_party_user(user) and user.is_institution_editor and user.organisation_id == obj.seller_organisation_id


def is_buyer(user, obj) -> bool:
    return is_party_user(user) and user.organisation_id == obj.buyer_organisation_id


def is_broker(user, conversation) -> bool:
    return bool(user.is_authenticated and user.is_bureau_staff and conversation.brokers.filter(pk=user.pk).exists())


def can_read_thread(user, conversation) -> bool:
    return org_is_party(user, conversation) or is_broker(user, conversation)


def can_see_deal(user, deal) -> bool:
    return org_is_party(user, deal) or bool(user.is_authenticated and user.is_bureau_staff)


def require_party(user, obj) -> None:
    if not org_is_party(user, obj):
        raise NotAllowed(_("只有洽谈双方可以执行此操作。"))


def require_seller(user, obj) -> None:
    if not is_seller(user, obj):
        raise NotAllowed(_("只有成果方(机构编辑)可以执行此操作。"))


def require_bureau(user) -> None:
    if not (user.is_authenticated and user.is_bureau_staff):
        raise NotAllowed(_("只有科技局工作人员可以执行此操作。"))


def require_approved_enterprise(user) -> None:
    if not (user.is_authenticated and user.is_enterprise_member):
        raise NotAllowed(_("只有企业用户可以发送意向咨询。"))
    if not user.organisation.is_approved:
        raise NotAllowed(_("贵单位尚未通过认证,认证后才能发送意向咨询。"))


def require_institution_editor(user) -> None:
    if not (user.is_authenticated and user.is_institution_editor):
        raise NotAllowed(_("只有机构编辑可以执行此操作。"))
