"""API v1 of the deal flow: the journey through the API, errors, and the schema."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from dealflow.models import Deal

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_journey_through_the_api(api, achievement, user_enterprise_a, user_institution_editor):
    api.force_authenticate(user_enterprise_a)
    response = api.post(
        reverse("api-deal-enquiry-create"),
        {
            "achievement": achievement.pk,
            "purpose": "散热",
            "intended_use": "电池包",
            "timeline": "now",
            "transfer_mode": "licence",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    enquiry_id = response.json()["id"]
    assert api.post(reverse("api-deal-approach-accept", args=["enquiry", enquiry_id])).status_code == 403
    api.force_authenticate(user_institution_editor)
    response = api.post(reverse("api-deal-approach-accept", args=["enquiry", enquiry_id]))
    assert response.status_code == 201 and response.json()["stage"] == "intent"
    deal_id = response.json()["id"]
    bad = api.post(reverse("api-deal-transition", args=[deal_id]), {"to_stage": "signing"}, format="json")
    assert bad.status_code == 409 and bad.json()["code"] == "conflict"
    assert Deal.objects.get().stage == "intent"
    ok = api.post(reverse("api-deal-transition", args=[deal_id]), {"to_stage": "negotiation"}, format="json")
    assert ok.json()["stage"] == "negotiation"
    api.post(reverse("api-deal-transition", args=[deal_id]), {"to_stage": "terms"}, format="json")
    priced = api.post(reverse("api-deal-price", args=[deal_id]), {"price_cny": "880000.00"}, format="json")
    assert priced.json()["stage"] == "notice"
    notices = APIClient().get(reverse("api-deal-notices")).json()
    assert notices["count"] == 1 if isinstance(notices, dict) else len(notices) == 1


def test_bad_input_is_a_clear_400_in_the_users_language(api, achievement, user_enterprise_a):
    api.force_authenticate(user_enterprise_a)
    response = api.post(
        reverse("api-deal-enquiry-create"),
        {
            "achievement": achievement.pk,
            "purpose": "x",
            "intended_use": "y",
            "timeline": "now",
            "budget_min_cny": "9",
            "budget_max_cny": "1",
        },
        format="json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400 and "budget_max_cny" in response.json()["errors"]


def test_schema_documents_the_deal_endpoints(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    paths = response.json()["paths"] if response["Content-Type"].startswith("application/json") else None
    if paths is None:
        import yaml

        paths = yaml.safe_load(response.content)["paths"]
    for path in (
        "/api/v1/deals/",
        "/api/v1/deals/{id}/transition/",
        "/api/v1/deals/enquiries/",
        "/api/v1/deals/funnel/",
        "/api/v1/deals/notices/",
    ):
        assert path in paths, path
