"""/media/: every stored file goes through a permission check; only images are public.

Contract attachments and certificates ask registration's own permission functions (the same the download views
use); Wagtail documents ask ops/cms.py. Anything not recognised is 404, as is anything the user may not see.
"""

from __future__ import annotations

from django.http import Http404

from .sendfile import serve_media

PUBLIC_PREFIXES = ("images/", "original_images/")


def _allowed(user, path: str) -> bool:
    if path.startswith(PUBLIC_PREFIXES):
        return True
    if path.startswith("registration/attachments/"):
        from registration import permissions
        from registration.models import Attachment

        attachment = Attachment.objects.select_related("contract").filter(file=path).first()
        return attachment is not None and permissions.can_view(user, attachment.contract)
    if path.startswith("registration/certificates/"):
        from registration import permissions
        from registration.models import Certificate

        certificate = Certificate.objects.select_related("contract").filter(file=path).first()
        return certificate is not None and permissions.can_download_certificate(user, certificate.contract)
    if path.startswith("documents/"):
        from wagtail.documents import get_document_model

        from .cms import user_may_fetch_document

        document = get_document_model().objects.filter(file=path).first()
        return document is not None and user_may_fetch_document(user, document)
    return False


def media(request, path: str):
    if ".." in path.split("/") or path.startswith("/"):
        raise Http404
    if not _allowed(request.user, path):
        raise Http404  # not "forbidden": others' files do not reveal that they exist
    return serve_media(request, path)
