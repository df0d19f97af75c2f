"""Uploads in the CMS: documents must be PDF by content and within UPLOAD_MAX_BYTES; images must be images."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document
from wagtail.images.models import Image

from marketplace.uploads import validate_pdf_upload

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _png() -> bytes:
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def staff_client(client, user_bureau_staff):
    client.force_login(user_bureau_staff)
    return client


def _add_document(client, name: str, content: bytes):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post("/admin/documents/add/", {"title": "测试附件", "file": upload, "collection": 1})


def test_a_real_pdf_is_accepted(staff_client):
    response = _add_document(staff_client, "report.pdf", PDF)
    assert response.status_code == 302
    assert Document.objects.filter(title="测试附件").exists()


def test_non_pdf_content_named_pdf_is_refused_with_a_chinese_message(staff_client):
    response = _add_document(staff_client, "macro.pdf", b"PK\x03\x04 this is a zip/docx renamed to pdf")
    assert response.status_code == 200
    assert "该文件的内容不是 PDF" in response.content.decode()
    assert not Document.objects.exists()


def test_other_extensions_are_refused(staff_client):
    response = _add_document(staff_client, "tool.exe", PDF)
    assert response.status_code == 200
    assert not Document.objects.exists()


def test_oversize_document_is_refused(staff_client, settings):
    settings.UPLOAD_MAX_BYTES = 100
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = None  # our own check must hold even without Wagtail's
    response = _add_document(staff_client, "big.pdf", PDF + b"0" * 200)
    assert response.status_code == 200
    assert "文件过大" in response.content.decode()
    assert not Document.objects.exists()


def test_validator_reads_only_the_header_and_rewinds():
    upload = SimpleUploadedFile("a.pdf", PDF)
    validate_pdf_upload(upload)
    assert upload.tell() == 0
    with pytest.raises(Exception, match="PDF"):
        validate_pdf_upload(SimpleUploadedFile("a.pdf", b"<html>not a pdf</html>"))


def test_image_upload_checks_content_and_size(staff_client, settings):
    fake = SimpleUploadedFile("photo.png", b"not an image at all", content_type="image/png")
    response = staff_client.post("/admin/images/add/", {"title": "假图片", "file": fake, "collection": 1})
    assert response.status_code == 200 and not Image.objects.exists()
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10
    big = SimpleUploadedFile("photo.png", _png(), content_type="image/png")
    response = staff_client.post("/admin/images/add/", {"title": "大图片", "file": big, "collection": 1})
    assert response.status_code == 200 and not Image.objects.exists()
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
    ok = SimpleUploadedFile("photo.png", _png(), content_type="image/png")
    response = staff_client.post("/admin/images/add/", {"title": "好图片", "file": ok, "collection": 1})
    assert response.status_code == 302 and Image.objects.filter(title="好图片").exists()


def test_institution_editor_may_upload_documents(client, user_institution_editor):
    client.force_login(user_institution_editor)
    assert _add_document(client, "spec.pdf", PDF).status_code == 302
