"""Certificates read back with pdftotext: Chinese text, the number, both amounts, the verification code."""

import hashlib
import shutil
import subprocess
from decimal import Decimal

import pytest

from registration import services
from registration.models import Certificate

from .factories import submitted

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("certificates_at_once")]


def pdf_text(certificate: Certificate) -> str:
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "poppler-utils (pdftotext) is required"
    result = subprocess.run([pdftotext, "-layout", certificate.file.path, "-"], capture_output=True, check=True)  # noqa: S603
    return result.stdout.decode("utf-8")


def test_registration_certificate_contains_the_registered_facts(
    user_enterprise_a, enterprise_b, registry, user_registrar
):
    contract = submitted(
        user_enterprise_a,
        enterprise_b,
        total_amount_cny=Decimal("1234567.89"),
        deductions=[{"category": "equipment", "description": "生产设备", "amount_cny": Decimal("234567.89")}],
    )
    services.contract_register(user=user_registrar, contract=contract)
    certificate = contract.certificates.get()
    with certificate.file.open("rb") as stored:
        raw = stored.read()
    assert raw.startswith(b"%PDF") and hashlib.sha256(raw).hexdigest() == certificate.sha256
    text = pdf_text(certificate)
    assert "技术合同登记证明" in text
    assert contract.registration_number in text
    assert "高导热石墨烯散热膜制备技术开发" in text
    assert "1,234,567.89" in text and "1,000,000.00" in text
    assert "技术开发" in text and "委托开发" in text
    assert "甲企业有限公司" in text and "乙企业有限公司" in text
    assert "新材料及其应用" in text
    assert contract.verification_code in text
    assert "2026" in text and "三明市技术合同认定登记站" in text


def test_refusal_notice_lists_reasons(user_enterprise_a, enterprise_b, registry, user_registrar):
    contract = submitted(user_enterprise_a, enterprise_b)
    services.contract_refuse(
        user=user_registrar, contract=contract, reason_codes=["R2026-3"], explanation="提成比例未约定。"
    )
    text = pdf_text(contract.certificates.get())
    assert "未予登记通知书" in text and "R2026-3" in text and "价款、报酬或使用费不明确" in text
    assert "提成比例未约定" in text


def test_stored_certificate_is_served_unchanged(client, user_enterprise_a, enterprise_b, registry, user_registrar):
    from django.urls import reverse

    contract = submitted(user_enterprise_a, enterprise_b)
    services.contract_register(user=user_registrar, contract=contract)
    certificate = contract.certificates.get()
    client.force_login(user_enterprise_a)
    response = client.get(reverse("registration:certificate", args=[certificate.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content)
    response.close()
    assert hashlib.sha256(body).hexdigest() == certificate.sha256
    assert "attachment" in response["Content-Disposition"]


def test_the_qr_code_is_a_png_that_decodes_to_the_verification_url(
    user_enterprise_a, enterprise_b, registry, user_registrar
):
    from pypdf import PdfReader

    from registration.certificates import verification_url

    zxingcpp = pytest.importorskip("zxingcpp")
    contract = submitted(user_enterprise_a, enterprise_b)
    services.contract_register(user=user_registrar, contract=contract)
    certificate = contract.certificates.get()
    with certificate.file.open("rb") as stored:
        images = [image for page in PdfReader(stored).pages for image in page.images]
        assert len(images) == 1  # the QR code, embedded as a raster image (it was an SVG drawing before)
        picture = images[0].image
        picture.load()
    decoded = [result.text for result in zxingcpp.read_barcodes(picture.convert("L"))]
    contract.refresh_from_db()
    assert decoded == [verification_url(contract)]
    assert contract.registration_number in decoded[0] and contract.verification_code in decoded[0]


def _font_names(content: bytes) -> set[str]:
    """The BaseFont of every font the PDF's pages use (pypdf)."""
    import io

    from pypdf import PdfReader

    names = set()
    for page in PdfReader(io.BytesIO(content)).pages:
        for font in (page["/Resources"].get_object().get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_the_font_warm_up_loads_the_configured_family(settings):
    from registration.certificates import certificate_fonts_warm

    # Serif, not what a missing family falls back to (Sans for Chinese): the family list's own quotes used to end
    # the warm-up's style attribute and leave it empty.
    settings.REGISTRATION_CERTIFICATE_FONT_FAMILY = '"Noto Serif CJK SC"'
    assert any("Serif-CJK" in name for name in _font_names(certificate_fonts_warm()))
