"""Each app owns its parts: accounts routes its own pages and the token endpoint; the CMS groups live in marketplace."""

import importlib
from pathlib import Path

import pytest
from django.urls import resolve, reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "args", "url"),
    [
        ("accounts:staff_organisation_list", [], "/staff/organisations/"),
        ("accounts:staff_organisation_review", [3], "/staff/organisations/3/review/"),
        ("accounts:staff_user_list", [], "/staff/users/"),
        ("accounts:staff_user_assign_role", [4], "/staff/users/4/role/"),
        ("accounts:login", [], "/accounts/login/"),
        ("accounts:signup", [], "/accounts/signup/"),
        ("api-token", [], "/api/v1/auth/token/"),
    ],
)
def test_accounts_pages_keep_their_urls_and_are_served_by_accounts(name, args, url):
    assert reverse(name, args=args) == url
    match = resolve(url)
    assert match.namespace == "accounts" or match.func.view_class.__module__.startswith("accounts.")


def test_accounts_does_not_hold_the_marketplace_cms_groups():
    import accounts

    assert not (Path(accounts.__file__).parent / "cms.py").exists()
    assert importlib.import_module("marketplace.cms").cms_groups_ensure


def test_token_endpoint_still_exchanges_a_password(client, user_enterprise_a):
    user_enterprise_a.set_password("pass-1234-word")
    user_enterprise_a.save()
    response = client.post(
        "/api/v1/auth/token/", {"username": user_enterprise_a.username, "password": "pass-1234-word"}
    )
    assert response.status_code == 200
    assert response.json()["role"] == "enterprise_member"
    bad = client.post("/api/v1/auth/token/", {"username": user_enterprise_a.username, "password": "nope"})
    assert bad.status_code == 400
