"""An expired need is gone for the public on its page, as it already is in the listing and the API."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from marketplace.models import today_local
from tests.factories import NeedFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def needs(enterprise_a):
    today = today_local()
    return {
        "expired": NeedFactory(enterprise=enterprise_a, title="过期需求", deadline=today - timedelta(days=1)),
        "today": NeedFactory(enterprise=enterprise_a, title="今天截止", deadline=today),
        "open": NeedFactory(enterprise=enterprise_a, title="长期需求", deadline=None),
    }


@pytest.mark.parametrize(
    ("key", "public_status"),
    [("expired", 404), ("today", 200), ("open", 200)],
)
def test_public_need_page_follows_the_api(client, needs, key, public_status):
    need = needs[key]
    page = client.get(reverse("marketplace:need_detail", args=[need.pk]))
    api = client.get(f"/api/v1/needs/{need.pk}/")
    assert page.status_code == public_status
    assert api.status_code == public_status


def test_owner_and_staff_still_see_the_expired_need(client, needs, user_enterprise_a, user_bureau_staff):
    url = reverse("marketplace:need_detail", args=[needs["expired"].pk])
    for user in (user_enterprise_a, user_bureau_staff):
        client.force_login(user)
        assert client.get(url).status_code == 200
    client.force_login(user_enterprise_a)
    assert "过期需求" in client.get(url).content.decode()
