"""CMS separation between institutions: choosers, the admin documents API, and document downloads."""

from __future__ import annotations

from django.http import Http404
from wagtail import hooks
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet

from .cms import documents_visible_to, pages_visible_to, user_may_fetch_document


@hooks.register("construct_page_chooser_queryset")
def _scope_page_chooser(pages, request):
    return pages_visible_to(request.user, pages)


@hooks.register("construct_document_chooser_queryset")
def _scope_document_chooser(documents, request):
    return documents_visible_to(request.user, documents)


class ScopedDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    def get_queryset(self):
        return documents_visible_to(self.request.user, super().get_queryset())


@hooks.register("construct_admin_api", order=100)  # after wagtail.documents registered its own endpoint
def _scope_documents_api(router):
    router.register_endpoint("documents", ScopedDocumentsAdminAPIViewSet)


@hooks.register("before_serve_document", order=100)
def _check_document_permission(document, request):
    if not user_may_fetch_document(request.user, document):
        raise Http404
