"""The API: draft CRUD, submission with pre-check output, registrar actions, verification."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from registration.models import TechnologyContract

from .factories import pdf_upload, submitted

pytestmark = pytest.mark.django_db
BASE = "/api/v1/registration"


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def draft_payload(buyer_org, seller_org=None, **overrides):
    today = timezone.localdate()
    payload = {
        "project_name": "电子级氢氟酸提纯技术秘密转让",
        "signed_on": str(today - timedelta(days=3)),
        "effective_on": str(today - timedelta(days=3)),
        "term_end": str(today + timedelta(days=300)),
        "contract_type": "transfer",
        "sub_type": "technical_secret_transfer",
        "technical_field": "materials",
        "payment_method": "lump_sum",
        "total_amount_cny": "2500000.00",
        "parties": [
            {
                "side": "seller",
                "party_role": "assignor",
                "organisation": seller_org.pk if seller_org else None,
                "name": "甲企业有限公司",
            },
            {"side": "buyer", "party_role": "assignee", "organisation": buyer_org.pk},
        ],
        "deductions": [
            {
                "category": "equipment",
                "description": "提纯装置 1 套",
                "amount_cny": "300000",
                "is_reasonable_carrier": True,
            }
        ],
    }
    payload.update(overrides)
    return payload


def test_draft_crud_submit_and_register(user_enterprise_a, enterprise_a, enterprise_b, registry, user_registrar):
    client = api(user_enterprise_a)
    payload = draft_payload(enterprise_b)
    payload["parties"][0]["organisation"] = enterprise_a.pk
    response = client.post(f"{BASE}/contracts/", payload, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    pk = body["id"]
    assert body["status"] == "draft" and body["technology_amount_cny"] == "2500000.00"
    assert "verification_code" not in body
    response = client.patch(f"{BASE}/contracts/{pk}/", {"contract_number": "JS-01"}, format="json")
    assert response.status_code == 200 and response.json()["contract_number"] == "JS-01"

    response = client.post(f"{BASE}/contracts/{pk}/submit/")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "precheck_failed" and any(f["code"] == "contract_text_missing" for f in body["findings"])

    response = client.post(
        f"{BASE}/contracts/{pk}/attachments/", {"kind": "signed_contract", "file": pdf_upload()}, format="multipart"
    )
    assert response.status_code == 201
    findings = client.get(f"{BASE}/contracts/{pk}/precheck/").json()
    assert not [f for f in findings if f["severity"] == "blocking"]
    response = client.post(f"{BASE}/contracts/{pk}/submit/")
    assert response.status_code == 200 and response.json()["status"] == "submitted"

    registrar = api(user_registrar)
    assert [c["id"] for c in registrar.get(f"{BASE}/queue/").json()["results"]] == [pk]
    response = registrar.post(f"{BASE}/contracts/{pk}/register/", {"explanation": "符合认定条件"}, format="json")
    assert response.status_code == 200
    contract = TechnologyContract.objects.get(pk=pk)
    assert contract.status == "registered"
    response = registrar.post(f"{BASE}/contracts/{pk}/register/", {}, format="json")
    assert response.status_code == 409 and "不能登记" in response.json()["detail"]


def test_bad_input_gets_field_messages_and_saves_nothing(user_enterprise_a, enterprise_b, registry):
    client = api(user_enterprise_a)
    payload = draft_payload(enterprise_b, total_amount_cny="-5", technical_field="nope")
    response = client.post(f"{BASE}/contracts/", payload, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "total_amount_cny" in errors and "technical_field" in errors
    payload = draft_payload(enterprise_b)
    payload["parties"][1]["region_code"] = "12"
    response = client.post(f"{BASE}/contracts/", payload, format="json")
    assert response.status_code == 400 and "parties[1].region_code" in response.json()["errors"]
    assert not TechnologyContract.objects.exists()


def test_deductions_above_total_via_api_is_400_and_nothing_saved(user_enterprise_a, enterprise_b, registry):
    payload = draft_payload(enterprise_b, total_amount_cny="100")
    payload["deductions"][0]["is_reasonable_carrier"] = False
    response = api(user_enterprise_a).post(f"{BASE}/contracts/", payload, format="json")
    assert response.status_code == 400 and "deductions" in response.json()["errors"]
    assert not TechnologyContract.objects.exists()


def test_delete_draft_only(user_enterprise_a, enterprise_b, registry):
    client = api(user_enterprise_a)
    contract = submitted(user_enterprise_a, enterprise_b)
    assert client.delete(f"{BASE}/contracts/{contract.pk}/").status_code == 409
    pk = client.post(f"{BASE}/contracts/", draft_payload(enterprise_b), format="json").json()["id"]
    assert client.delete(f"{BASE}/contracts/{pk}/").status_code == 204
    assert not TechnologyContract.objects.filter(pk=pk).exists()


def test_registrar_actions_validate_input(user_enterprise_a, enterprise_b, registry, user_registrar):
    contract = submitted(user_enterprise_a, enterprise_b)
    registrar = api(user_registrar)
    url = f"{BASE}/contracts/{contract.pk}"
    assert registrar.post(f"{url}/refuse/", {"reason_codes": [], "explanation": "x"}, format="json").status_code == 400
    response = registrar.post(f"{url}/refuse/", {"reason_codes": ["R2000-01"], "explanation": "x"}, format="json")
    assert response.status_code == 400 and "reason_codes" in response.json()["errors"]
    response = registrar.post(
        f"{url}/classify/", {"contract_type": "service", "sub_type": "patent_transfer"}, format="json"
    )
    assert response.status_code == 400 and "sub_type" in response.json()["errors"]
    response = registrar.post(
        f"{url}/correct-amount/",
        {"field": "technology_amount_cny", "corrected_cny": "99999999", "reason": "x"},
        format="json",
    )
    assert response.status_code == 400
    response = registrar.post(f"{url}/request-material/", {"note": "请补充技术指标"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "material_requested"


def test_verify_api_same_answer_for_unknown_number_and_wrong_code(
    user_enterprise_a, enterprise_b, registry, user_registrar
):
    from registration import services

    contract = submitted(user_enterprise_a, enterprise_b)
    services.contract_register(user=user_registrar, contract=contract, issue_certificate=False)
    client = api()
    good = client.get(f"{BASE}/verify/", {"number": contract.registration_number, "code": contract.verification_code})
    assert good.status_code == 200
    body = good.json()
    assert body["status"] == "registered" and body["technology_amount_cny"] == "1000000.00"
    assert body["sellers"] == ["甲企业有限公司"]
    wrong_code = client.get(f"{BASE}/verify/", {"number": contract.registration_number, "code": "AAAAAAAA"})
    unknown = client.get(f"{BASE}/verify/", {"number": "2026350400999999", "code": contract.verification_code})
    assert wrong_code.status_code == unknown.status_code == 404
    assert wrong_code.json() == unknown.json()
    assert client.get(f"{BASE}/verify/").status_code == 400


def test_ruleset_endpoint_is_public():
    body = api().get(f"{BASE}/rulesets/2026/").json()
    assert (
        body["time_limit"] == {"days": 15, "kind": "working"} and len(body["refusal_reasons"]) == 9
    )  # art. 39 six + three kept (rules §5)
    assert api().get(f"{BASE}/rulesets/1999/").status_code == 404


def test_schema_documents_the_registration_api(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    text = response.content.decode()
    assert (
        "/api/v1/registration/contracts/{id}/register/" in text
        or "/api/v1/registration/contracts/{pk}/register/" in text
    )


def test_prefill_endpoint(institution_page, user_institution_editor, user_enterprise_a, enterprise_b, registry):
    from tests.factories import make_achievement

    achievement = make_achievement(institution_page)
    payload = {"achievement": achievement.pk, "buyer_organisation": enterprise_b.pk}
    assert api(user_enterprise_a).post(f"{BASE}/contracts/prefill/", payload, format="json").status_code == 403
    response = api(user_institution_editor).post(f"{BASE}/contracts/prefill/", payload, format="json")
    assert response.status_code == 201 and response.json()["project_name"] == achievement.title
    response = api(user_institution_editor).post(f"{BASE}/contracts/prefill/", {"achievement": 0}, format="json")
    assert response.status_code == 400 and {"achievement", "buyer_organisation"} <= set(response.json()["errors"])


def test_parts_of_one_signed_contract_are_filed_with_its_number_and_their_part(
    user_enterprise_a, enterprise_a, enterprise_b, registry
):
    """A contract whose parts register separately: the API takes and returns each part's name."""
    client = api(user_enterprise_a)
    created = []
    for part in ("技术转让部分", "技术服务部分"):
        payload = draft_payload(enterprise_b, contract_number="HT-2026-088", contract_part=part)
        payload["parties"][0]["organisation"] = enterprise_a.pk
        response = client.post(f"{BASE}/contracts/", payload, format="json")
        assert response.status_code == 201, response.json()
        created.append(response.json())
    assert [(c["contract_number"], c["contract_part"]) for c in created] == [
        ("HT-2026-088", "技术转让部分"),
        ("HT-2026-088", "技术服务部分"),
    ]
