"""Pages of the filing flow: one guided flow with the pre-check inline, names beside codes on the form,
deadlines said in working days with the due date, and a clear 403 on pages for one role."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from registration.models import TechnologyContract
from taxonomy.models import EntityType, Region

from .factories import city_registry, pdf_upload, ready_draft, submitted


@pytest.mark.parametrize(
    ("role", "url_name", "who"),
    [
        ("user_registrar", "registration:calendar", "科技局工作人员"),
        ("user_enterprise_a", "registration:calendar", "科技局工作人员"),
        ("user_enterprise_a", "registration:queue", "登记机构的登记员"),
        ("user_bureau_staff", "registration:queue", "登记机构的登记员"),
        ("user_registrar", "registration:contract_create", "企业用户或机构编辑"),
    ],
)
def test_staff_only_pages_answer_403_saying_who_may_use_them(client, request, role, url_name, who, settings):
    settings.DEBUG = True  # the case the issue saw: a DEBUG 404 instead of a clear page
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse(url_name))
    assert response.status_code == 403
    html = response.content.decode()
    assert f"此页面仅供{who}使用" in html and "无权访问" in html


def test_review_page_of_another_role_is_403(client, user_enterprise_a, enterprise_b, user_registrar, user_bureau_staff):
    city_registry(user_registrar)
    contract = submitted(user_enterprise_a, enterprise_b)
    client.force_login(user_bureau_staff)
    response = client.get(reverse("registration:contract_review", args=[contract.pk]))
    assert response.status_code == 403 and "登记员" in response.content.decode()


def _form_data(page_html_client, enterprise_b, **extra):
    data = {
        "project_name": "引导式填报测试合同",
        "is_written": "on",
        "signed_on": "2026-11-01",
        "effective_on": "2026-11-01",
        "term_start": "2026-11-01",
        "term_end": "2027-11-01",
        "contract_type": "development",
        "sub_type": "commissioned_development",
        "programme_source": "none",
        "payment_method": "lump_sum",
        "total_amount_cny": "800000",
        "language": "zh",
        "parties-TOTAL_FORMS": "2",
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "0",
        "parties-MAX_NUM_FORMS": "20",
        "parties-0-side": "seller",
        "parties-0-party_role": "developer",
        "parties-0-country_code": "156",
        "parties-1-side": "buyer",
        "parties-1-party_role": "commissioner",
        "parties-1-organisation": str(enterprise_b.pk),
        "parties-1-country_code": "156",
        "deductions-TOTAL_FORMS": "0",
        "deductions-INITIAL_FORMS": "0",
        "deductions-MIN_NUM_FORMS": "0",
        "deductions-MAX_NUM_FORMS": "50",
        "ip-TOTAL_FORMS": "0",
        "ip-INITIAL_FORMS": "0",
        "ip-MIN_NUM_FORMS": "0",
        "ip-MAX_NUM_FORMS": "50",
    }
    data.update(extra)
    return data


def test_filing_is_one_guided_flow_with_the_precheck_inline(
    client, user_enterprise_a, enterprise_b, user_registrar, enterprise_a
):
    from taxonomy.models import TechnicalField

    city_registry(user_registrar)
    client.force_login(user_enterprise_a)
    form_page = client.get(reverse("registration:contract_create")).content.decode()
    for step in ("1. 当事人", "2. 标的与金额", "3. 附件", "4. 预审与提交"):
        assert step in form_page
    field = TechnicalField.objects.get(code="materials")
    response = client.post(
        reverse("registration:contract_create"),
        _form_data(
            client,
            enterprise_b,
            **{"technical_field": str(field.pk), "parties-0-organisation": str(enterprise_a.pk)},
        ),
    )
    contract = TechnologyContract.objects.get(project_name="引导式填报测试合同")
    file_url = reverse("registration:contract_file", args=[contract.pk])
    assert response.status_code == 302 and response["Location"] == file_url

    step = client.get(file_url).content.decode()
    assert 'id="step-attachments"' in step and 'id="precheck"' in step and 'id="submit-button"' in step
    assert "请上传已签章的合同文本" in step  # the blocking finding is shown where the upload is

    # Upload from the flow returns to the flow, and the finding is gone.
    response = client.post(
        reverse("registration:contract_attach", args=[contract.pk]),
        {"kind": "signed_contract", "file": pdf_upload(), "from": "file"},
    )
    assert response["Location"] == file_url
    step = client.get(file_url).content.decode()
    assert "请上传已签章的合同文本" not in step and 'aria-current="step">4.' in step

    response = client.post(reverse("registration:contract_submit", args=[contract.pk]), {"from": "file"})
    contract.refresh_from_db()
    assert contract.status == TechnologyContract.Status.SUBMITTED
    assert response["Location"] == reverse("registration:contract_detail", args=[contract.pk])


def test_a_refused_submission_stays_in_the_flow(client, user_enterprise_a, enterprise_b, user_registrar):
    city_registry(user_registrar)
    contract = ready_draft(user_enterprise_a, enterprise_b, attachments=())
    client.force_login(user_enterprise_a)
    response = client.post(reverse("registration:contract_submit", args=[contract.pk]), {"from": "file"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("registration:contract_file", args=[contract.pk])
    assert "请上传已签章的合同文本" in response.content.decode()
    contract.refresh_from_db()
    assert contract.status == TechnologyContract.Status.DRAFT


def test_form_offers_names_beside_codes_and_defaults_from_the_organisation(client, user_enterprise_a, enterprise_a):
    enterprise_a.region = Region.objects.get(code="350404")
    enterprise_a.entity_type = EntityType.objects.get(code="170")
    enterprise_a.save()
    client.force_login(user_enterprise_a)
    html = client.get(reverse("registration:contract_create")).content.decode()
    assert '<option value="156" selected>中国 (156)</option>' in html
    assert "德国 (276)" in html
    assert '<optgroup label="福建省">' in html
    assert '<option value="350404" selected>福建省 › 三明市 › 三元区 (350404)</option>' in html
    assert "私营企业 (170)" in html and "selected>\u3000私营企业 (170)" in html
    assert '<option value="zh" selected>中文 (zh)</option>' in html
    assert "日语 (ja)" in html


def test_form_in_english_names_countries_and_entity_types_in_english(client, user_enterprise_a):
    client.force_login(user_enterprise_a)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(reverse("registration:contract_create")).content.decode()
    assert "Germany (276)" in html and "Japanese (ja)" in html
    assert "Private enterprise (170)" in html


def test_deadline_says_working_days_and_the_due_date(client, user_enterprise_a, enterprise_b, user_registrar):
    city_registry(user_registrar)
    contract = submitted(user_enterprise_a, enterprise_b)
    TechnologyContract.objects.filter(pk=contract.pk).update(
        time_limit_kind="working", time_limit_days=15, deadline=date(2099, 12, 28)
    )
    client.force_login(user_enterprise_a)
    html = client.get(reverse("registration:contract_detail", args=[contract.pk])).content.decode()
    cell = html.split('id="deadline">')[1].split("</td>")[0]
    assert "2099年12月28日" in cell and "时限 15 个工作日" in cell and "个工作日" in cell.split("·")[1]
    assert "天" not in cell
    client.force_login(user_registrar)
    queue = client.get(reverse("registration:queue")).content.decode()
    assert "剩余" in queue and "个工作日" in queue


def test_party_country_defaults_from_the_chosen_organisation(
    client, user_enterprise_a, enterprise_a, enterprise_b, user_registrar
):
    from taxonomy.models import TechnicalField

    enterprise_b.country_code = "276"
    enterprise_b.save()
    city_registry(user_registrar)
    client.force_login(user_enterprise_a)
    data = _form_data(
        client,
        enterprise_b,
        **{
            "technical_field": str(TechnicalField.objects.get(code="materials").pk),
            "parties-0-organisation": str(enterprise_a.pk),
            "parties-1-country_code": "",
            "parties-TOTAL_FORMS": "3",
            "parties-2-side": "buyer",
            "parties-2-name": "个人买方",
            "parties-2-country_code": "",
        },
    )
    response = client.post(reverse("registration:contract_create"), data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    contract = TechnologyContract.objects.get(project_name="引导式填报测试合同")
    countries = {p.name: p.country_code for p in contract.parties.all()}
    assert countries[enterprise_b.name] == "276" and countries["个人买方"] == "156"
