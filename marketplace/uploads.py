"""Upload checks for the CMS: documents must really be PDF (by content, not only by name) and not too large.

Wagtail already checks the extension (WAGTAILDOCS_EXTENSIONS) and, for images, the content (Willow opens
the file) and WAGTAILIMAGES_MAX_UPLOAD_SIZE. A renamed executable or office file would pass an extension
check, so documents are also checked by their first bytes.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm

PDF_MAGIC = b"%PDF-"
# The PDF specification lets the header appear within the first 1024 bytes (some writers prefix junk).
PDF_HEADER_WINDOW = 1024


def validate_pdf_upload(uploaded) -> None:
    """Raise ValidationError (Chinese message) unless ``uploaded`` is a PDF within the size limit."""
    limit = settings.UPLOAD_MAX_BYTES
    if uploaded.size is not None and uploaded.size > limit:
        raise ValidationError(
            _("文件过大(%(size)s),单个文件不能超过 %(limit)s。")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    head = uploaded.read(PDF_HEADER_WINDOW)
    uploaded.seek(position)
    if PDF_MAGIC not in head:
        raise ValidationError(
            _("只能上传 PDF 文件:该文件的内容不是 PDF(即使扩展名是 .pdf),请转换为 PDF 后再上传。"),
            code="not_pdf",
        )


class PdfDocumentForm(BaseDocumentForm):
    """Wagtail's document form (single, multiple and chooser uploads) with the PDF content check."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            validate_pdf_upload(uploaded)
        return uploaded
