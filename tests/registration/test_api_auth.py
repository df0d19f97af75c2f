"""The registry API answers anonymous calls 401 with a WWW-Authenticate challenge, and its schema marks
nullable fields nullable."""

from __future__ import annotations

import pytest
from django.urls import reverse

from .factories import city_registry, ready_draft

PROTECTED = [
    ("get", "/api/v1/registration/contracts/"),
    ("post", "/api/v1/registration/contracts/"),
    ("get", "/api/v1/registration/queue/"),
    ("get", "/api/v1/registration/contracts/1/"),
    ("post", "/api/v1/registration/contracts/1/submit/"),
    ("get", "/api/v1/registration/statistics/"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "url"), PROTECTED)
def test_anonymous_calls_get_401_with_a_challenge(client, method, url):
    response = getattr(client, method)(url)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")


def test_signed_in_without_the_role_still_gets_403(client, user_enterprise_a):
    client.force_login(user_enterprise_a)
    assert client.get("/api/v1/registration/queue/").status_code == 403


@pytest.mark.django_db
def test_schema_marks_nullable_fields(client):
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()["components"]["schemas"]
    contract = schema["ContractOutput"]["properties"]
    assert contract["ip_type"].get("nullable") is True
    assert contract["technical_field"].get("nullable") is True
    assert schema["PartyOutput"]["properties"]["entity_type"].get("nullable") is True
    params = {
        p["name"]
        for p in client.get(reverse("api-schema"), {"format": "json"}).json()["paths"][
            "/api/v1/registration/contracts/"
        ]["get"]["parameters"]
    }
    assert {"q", "status", "contract_type", "year", "overdue", "page", "page_size"} <= params


def test_null_values_come_back_as_null(client, user_enterprise_a, enterprise_b, user_registrar):
    city_registry(user_registrar)
    contract = ready_draft(user_enterprise_a, enterprise_b, technical_field=None, attachments=())
    client.force_login(user_enterprise_a)
    body = client.get(f"/api/v1/registration/contracts/{contract.pk}/").json()
    assert body["ip_type"] is None and body["technical_field"] is None
