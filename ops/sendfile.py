"""Hand a private file to the client: through nginx (X-Accel-Redirect) in production, streamed in development.

With ``PRIVATE_MEDIA_ACCEL_PREFIX`` set (e.g. ``/_protected/``, an ``internal`` nginx location aliased to
MEDIA_ROOT) Django only checks permission and answers with a header; nginx sends the bytes. Also the
``SENDFILE_BACKEND`` Wagtail's document view uses, so documents take the same path.
"""

from __future__ import annotations

import mimetypes
import os
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse


def _relative(filename: str | os.PathLike) -> str:
    root = Path(settings.MEDIA_ROOT).resolve()
    path = Path(filename).resolve()
    if root not in path.parents:
        raise Http404  # never hand out anything outside MEDIA_ROOT
    return path.relative_to(root).as_posix()


def sendfile(request, filename, **kwargs) -> HttpResponse:
    relative = _relative(filename)
    if not os.path.isfile(filename):
        raise Http404
    prefix = getattr(settings, "PRIVATE_MEDIA_ACCEL_PREFIX", "")
    content_type = kwargs.get("mimetype") or mimetypes.guess_type(str(filename))[0] or "application/octet-stream"
    if prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(relative)
    else:
        response = FileResponse(open(filename, "rb"), content_type=content_type)  # noqa: SIM115 - FileResponse closes it
    # Private: a shared cache must never keep a copy for the next person.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def serve_media(request, relative_path: str, *, download_name: str | None = None) -> HttpResponse:
    response = sendfile(request, Path(settings.MEDIA_ROOT) / relative_path)
    if download_name:
        ascii_name = download_name.encode("ascii", "ignore").decode() or "download"
        response["Content-Disposition"] = (
            f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(download_name)}"
        )
    return response
