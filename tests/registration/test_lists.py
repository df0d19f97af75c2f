"""Every registration list that can grow is paginated, searchable and filterable, on the page and in the API,
with one FilterSet shared by both (no silent cut-off at 200 rows)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from registration.models import TechnologyContract

from .factories import city_registry, ready_draft, submitted
from .statistics_factories import registered

PAGE = 5


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr("registration.views._shared.PAGE_SIZE", PAGE)


@pytest.fixture
def register(user_registrar):
    """Twelve registered contracts (more than two pages), two of them last year."""
    registry = city_registry(user_registrar)
    this_year = timezone.localdate().year
    contracts = [
        registered(user_registrar, registry, registered_on=date(this_year, 1, 1) + timedelta(days=i)) for i in range(10)
    ]
    contracts += [
        registered(user_registrar, registry, registered_on=date(this_year - 1, 6, 1) + timedelta(days=i))
        for i in range(2)
    ]
    return contracts


def _names(html: str) -> list[str]:
    return re.findall(r'<a href="/registration/contracts/\d+/">([^<]+)</a>', html)


def test_registrar_list_pages_past_the_first(client, user_registrar, register, small_pages):
    client.force_login(user_registrar)
    url = reverse("registration:contract_list")
    seen = []
    page = 1
    while True:
        html = client.get(url, {"page": page}).content.decode()
        names = _names(html)
        assert len(names) <= PAGE
        seen += names
        if 'rel="next"' not in html:
            break
        page += 1
    assert page == 3
    assert len(seen) == len(set(seen)) == 12


def test_search_by_number_name_party_and_credit_code(client, user_registrar, register, small_pages):
    client.force_login(user_registrar)
    url = reverse("registration:contract_list")
    target = register[3]
    party = target.parties.get(side="seller")
    for text in (target.registration_number, target.project_name, party.name):
        names = _names(client.get(url, {"q": text}).content.decode())
        assert names == [target.project_name], text
    party.credit_code = "91350400MA2XYZ1234"
    party.save()
    assert _names(client.get(url, {"q": "MA2XYZ"}).content.decode()) == [target.project_name]


def test_filters_by_year_state_and_type(client, user_registrar, register, small_pages):
    client.force_login(user_registrar)
    url = reverse("registration:contract_list")
    last_year = timezone.localdate().year - 1
    html = client.get(url, {"year": last_year}).content.decode()
    assert sorted(_names(html)) == sorted(c.project_name for c in register[10:])
    assert "共 2 项" in html
    html = client.get(url, {"status": "registered", "contract_type": "development"}).content.decode()
    assert "共 12 项" in html
    transfer = client.get(url, {"contract_type": "transfer"}).content.decode()
    assert _names(transfer) == [] and "没有符合条件的技术合同" in transfer


def test_queue_overdue_filter_and_api(client, user_enterprise_a, enterprise_b, user_registrar, small_pages):
    city_registry(user_registrar)
    cases = [submitted(user_enterprise_a, enterprise_b, project_name=f"队列案件 {i}") for i in range(7)]
    late = cases[:2]
    TechnologyContract.objects.filter(pk__in=[c.pk for c in late]).update(
        deadline=timezone.localdate() - timedelta(days=3)
    )
    client.force_login(user_registrar)
    url = reverse("registration:queue")
    first = client.get(url).content.decode()
    assert "共 7 项" in first and 'rel="next"' in first
    second = client.get(url, {"page": 2}).content.decode()
    assert len(re.findall(r"/review/\">", second)) == 2
    overdue = client.get(url, {"overdue": "true"}).content.decode()
    assert "共 2 项" in overdue
    api = client.get("/api/v1/registration/queue/", {"overdue": "true", "page_size": 1}).json()
    assert api["count"] == 2 and len(api["results"]) == 1 and api["next"]
    follow = client.get(api["next"]).json()
    assert {api["results"][0]["id"], follow["results"][0]["id"]} == {c.pk for c in late}


def test_api_contract_list_pages_searches_and_filters(client, user_registrar, register):
    client.force_login(user_registrar)
    url = "/api/v1/registration/contracts/"
    ids = []
    page = client.get(url, {"page_size": 5}).json()
    assert page["count"] == 12
    while True:
        ids += [row["id"] for row in page["results"]]
        if not page["next"]:
            break
        page = client.get(page["next"]).json()
    assert sorted(ids) == sorted(c.pk for c in register)
    found = client.get(url, {"q": register[5].registration_number}).json()
    assert [row["id"] for row in found["results"]] == [register[5].pk]
    last_year = client.get(url, {"year": timezone.localdate().year - 1}).json()
    assert last_year["count"] == 2
    bad = client.get(url, {"status": "nonsense"})
    assert bad.status_code == 400


def test_seller_list_is_paginated_too(client, user_enterprise_a, enterprise_b, small_pages):
    for i in range(6):
        ready_draft(user_enterprise_a, enterprise_b, project_name=f"卖方草稿 {i}", attachments=())
    client.force_login(user_enterprise_a)
    url = reverse("registration:contract_list")
    assert len(_names(client.get(url).content.decode())) == PAGE
    assert len(_names(client.get(url, {"page": 2}).content.decode())) == 1
    assert len(_names(client.get(url, {"q": "草稿 3"}).content.decode())) == 1


def test_the_overdue_filter_speaks_the_readers_language(client, user_registrar):
    """django-filter builds its yes/no labels at import, in whatever language is active then; ours render late."""
    client.force_login(user_registrar)
    url = reverse("registration:contract_list")
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    assert '<option value="true">Yes</option>' in english and '<option value="false">No</option>' in english
    assert "未知" not in english and ">是<" not in english
    client.cookies["django_language"] = "zh-hans"
    chinese = client.get(url).content.decode()
    assert '<option value="true">是</option>' in chinese and '<option value="" selected>全部</option>' in chinese
