"""The pages: seller form with formsets, detail, submission, queue, review actions, verification."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from registration import services
from registration.models import TechnologyContract

from .factories import pdf_upload, ready_draft, submitted

pytestmark = pytest.mark.django_db


def formset_data(prefix, rows, extra_fields=()):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


def draft_post(seller_org, buyer_org, **overrides):
    today = timezone.localdate()
    data = {
        "project_name": "锂电池正极材料技术开发",
        "is_written": "on",
        "signed_on": (today - timedelta(days=5)).isoformat(),
        "effective_on": (today - timedelta(days=5)).isoformat(),
        "term_start": (today - timedelta(days=5)).isoformat(),
        "term_end": (today + timedelta(days=200)).isoformat(),
        "contract_type": "development",
        "sub_type": "commissioned_development",
        "technical_field": "",
        "programme_source": "none",
        "payment_method": "lump_sum",
        "total_amount_cny": "800000.00",
        "language": "zh",
    }
    from taxonomy.models import TechnicalField

    data["technical_field"] = str(TechnicalField.objects.get(code="energy").pk)
    data.update(overrides)
    data.update(
        formset_data(
            "parties",
            [
                {
                    "side": "seller",
                    "party_role": "developer",
                    "organisation": str(seller_org.pk),
                    "country_code": "156",
                },
                {
                    "side": "buyer",
                    "party_role": "commissioner",
                    "organisation": str(buyer_org.pk),
                    "country_code": "156",
                },
            ],
        )
    )
    data.update(
        formset_data(
            "deductions",
            [{"category": "raw_material", "description": "原材料", "amount_cny": "50000", "quantity": "1"}],
        )
    )
    data.update(formset_data("ip", []))
    return data


def test_seller_creates_draft_through_the_form(client, user_enterprise_a, enterprise_a, enterprise_b, registry):
    client.force_login(user_enterprise_a)
    assert client.get(reverse("registration:contract_create")).status_code == 200
    response = client.post(reverse("registration:contract_create"), draft_post(enterprise_a, enterprise_b))
    assert response.status_code == 302, response.content.decode()[:2000]
    contract = TechnologyContract.objects.get()
    assert contract.parties.count() == 2 and str(contract.technology_amount_cny) == "750000.00"
    page = client.get(response["Location"]).content.decode()
    assert "预审结果" in page and "请上传已签章的合同文本" in page


def test_bad_form_input_gives_field_messages_and_saves_nothing(
    client, user_enterprise_a, enterprise_a, enterprise_b, registry
):
    client.force_login(user_enterprise_a)
    data = draft_post(enterprise_a, enterprise_b, total_amount_cny="abc")
    data["deductions-0-amount_cny"] = "9999999"
    response = client.post(reverse("registration:contract_create"), data)
    assert response.status_code == 200
    assert not TechnologyContract.objects.exists()
    assert "请按提示修改后再保存" in response.content.decode()


def test_deductions_above_total_are_reported_on_the_form(
    client, user_enterprise_a, enterprise_a, enterprise_b, registry
):
    client.force_login(user_enterprise_a)
    data = draft_post(enterprise_a, enterprise_b)
    data["deductions-0-amount_cny"] = "900000"
    response = client.post(reverse("registration:contract_create"), data, follow=True)
    assert response.status_code == 200 and not TechnologyContract.objects.exists()
    assert "技术交易额不能为负数" in response.content.decode()


def test_upload_rejects_non_pdf_and_accepts_pdf(client, user_enterprise_a, enterprise_b, registry):
    contract = ready_draft(user_enterprise_a, enterprise_b, attachments=())
    client.force_login(user_enterprise_a)
    url = reverse("registration:contract_attach", args=[contract.pk])
    fake = pdf_upload("contract.pdf", b"MZ\x90\x00 not a pdf")
    page = client.post(url, {"kind": "signed_contract", "file": fake}, follow=True).content.decode()
    assert "只接受 PDF 文件" in page and not contract.attachments.exists()
    client.post(url, {"kind": "signed_contract", "file": pdf_upload()}, follow=True)
    assert contract.attachments.count() == 1


def test_upload_size_limit(client, settings, user_enterprise_a, enterprise_b, registry):
    settings.REGISTRATION_ATTACHMENT_MAX_BYTES = 100
    contract = ready_draft(user_enterprise_a, enterprise_b, attachments=())
    client.force_login(user_enterprise_a)
    big = pdf_upload("big.pdf", b"%PDF-1.4\n" + b"0" * 200)
    page = client.post(
        reverse("registration:contract_attach", args=[contract.pk]), {"kind": "other", "file": big}, follow=True
    )
    assert "文件过大" in page.content.decode() and not contract.attachments.exists()


def test_submit_register_and_verify_through_pages(client, user_enterprise_a, enterprise_b, registry, user_registrar):
    contract = ready_draft(user_enterprise_a, enterprise_b)
    client.force_login(user_enterprise_a)
    client.post(reverse("registration:contract_submit", args=[contract.pk]))
    contract.refresh_from_db()
    assert contract.status == "submitted"
    client.force_login(user_registrar)
    queue = client.get(reverse("registration:queue")).content.decode()
    assert contract.project_name in queue
    review = client.get(reverse("registration:contract_review", args=[contract.pk]))
    assert review.status_code == 200 and "认定要点" in review.content.decode()
    client.post(
        reverse("registration:review_correct", args=[contract.pk]),
        {"field": "technology_amount_cny", "corrected_cny": "900000", "reason": "核减"},
    )
    client.post(reverse("registration:review_register", args=[contract.pk]), {"explanation": "符合技术开发认定条件。"})
    contract.refresh_from_db()
    assert contract.status == "registered"
    client.logout()
    page = client.get(
        reverse("registration:verify"), {"number": contract.registration_number, "code": contract.verification_code}
    )
    text = page.content.decode()
    assert page.status_code == 200 and "已登记" in text and "900,000.00" in text and contract.project_name in text


def test_registrar_refusal_from_review_page_requires_codes(
    client, user_enterprise_a, enterprise_b, registry, user_registrar
):
    contract = submitted(user_enterprise_a, enterprise_b)
    client.force_login(user_registrar)
    page = client.post(reverse("registration:review_refuse", args=[contract.pk]), {"explanation": "x"}, follow=True)
    assert "不予登记理由" in page.content.decode()
    contract.refresh_from_db()
    assert contract.status == "submitted"
    client.post(
        reverse("registration:review_refuse", args=[contract.pk]),
        {"reason_codes": ["R2026-1"], "explanation": "当事人不明确"},
    )
    contract.refresh_from_db()
    assert contract.status == "refused"


def test_illegal_transition_from_page_shows_message(client, user_enterprise_a, enterprise_b, registry, user_registrar):
    contract = submitted(user_enterprise_a, enterprise_b)
    services.contract_register(user=user_registrar, contract=contract, issue_certificate=False)
    client.force_login(user_registrar)
    page = client.post(reverse("registration:review_register", args=[contract.pk]), {}, follow=True).content.decode()
    assert "不能登记" in page


def test_review_page_names_the_refusal_reason_of_each_recognition_check(
    client, user_enterprise_a, enterprise_b, registry, user_registrar
):
    from registration.rules import ruleset

    contract = submitted(user_enterprise_a, enterprise_b)
    client.force_login(user_registrar)
    html = client.get(reverse("registration:contract_review", args=[contract.pk])).content.decode()
    checks = ruleset(contract.rule_set_key).recognition_checks_with_reasons(contract.contract_type)
    assert len(checks) >= 2
    for check in checks:
        assert check["label"] in html and check["refusal_code"] in html
