"""What an institution editor may see in the CMS, and which stored files the public may fetch.

Bureau staff and superusers see everything. An institution editor sees live pages plus their own institution's
page tree, and the documents/images in collections their groups hold a permission for (each institution has its
own collection, accounts/cms.py). A document is public only while a listed achievement page links to it.
"""

from __future__ import annotations

from django.db.models import Q


def sees_everything(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_superuser or user.is_bureau_staff))


def pages_visible_to(user, pages):
    if sees_everything(user):
        return pages
    from marketplace.models import InstitutionPage

    visible = Q(live=True)
    if user and user.is_authenticated and user.organisation_id:
        for path in InstitutionPage.objects.filter(organisation_id=user.organisation_id).values_list("path", flat=True):
            visible |= Q(path__startswith=path)
    return pages.filter(visible)


def documents_visible_to(user, documents):
    if sees_everything(user):
        return documents
    if not (user and user.is_authenticated):
        return documents.none()
    from wagtail.documents import get_document_model
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(get_document_model())
    collections = policy.collections_user_has_any_permission_for(user, ["add", "change", "choose"])
    return documents.filter(collection__in=collections)


def document_is_public(document) -> bool:
    from marketplace.models import AchievementAttachment, AchievementPage

    return AchievementAttachment.objects.filter(document=document, page__in=AchievementPage.objects.listed()).exists()


def user_may_fetch_document(user, document) -> bool:
    if document_is_public(document):
        return True
    return documents_visible_to(user, type(document).objects.filter(pk=document.pk)).exists()
