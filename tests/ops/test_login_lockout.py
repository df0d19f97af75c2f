"""Brute force: 30 wrong passwords lock the account and the address on every login endpoint (django-axes)."""

from __future__ import annotations

import logging

import pytest
from django.test import Client

from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Correct-horse-42"
ENDPOINTS = ["/accounts/login/", "/api/v1/auth/token/", "/admin/login/", "/django-admin/login/"]


def _user(username: str) -> User:
    user = UserFactory(username=username, role=User.Role.BUREAU_STAFF, is_staff=True, is_superuser=True)
    user.set_password(PASSWORD)
    user.save()
    return user


def _login(endpoint: str, username: str, password: str, address: str, **extra):
    client = Client(REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE="zh-hans", **extra)
    if endpoint.startswith("/api/"):
        return client.post(endpoint, {"username": username, "password": password}, content_type="application/json")
    return client.post(endpoint, {"username": username, "password": password})


def _succeeded(endpoint: str, response) -> bool:
    if endpoint.startswith("/api/"):
        return response.status_code == 200 and "token" in response.json()
    return response.status_code == 302


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_thirty_wrong_passwords_lock_the_account_and_the_address(endpoint, caplog):
    _user("victim")
    _user("bystander")
    caplog.set_level(logging.WARNING, logger="security.login")
    statuses = [_login(endpoint, "victim", f"wrong-{i}", "203.0.113.7").status_code for i in range(30)]
    assert statuses[0] in (200, 400)  # the first failures are ordinary "wrong password" answers
    assert statuses[-1] == 429
    assert statuses.count(429) >= 25

    locked = _login(endpoint, "victim", PASSWORD, "203.0.113.7")
    assert locked.status_code == 429
    assert "锁定" in locked.content.decode()
    assert locked["Retry-After"] == "900"
    # The account stays locked from another address, and the address stays locked for another account.
    assert _login(endpoint, "victim", PASSWORD, "198.51.100.9").status_code == 429
    assert _login(endpoint, "bystander", PASSWORD, "203.0.113.7").status_code == 429
    # Another user from another address is not affected.
    assert _succeeded(endpoint, _login(endpoint, "bystander", PASSWORD, "198.51.100.9"))
    assert any(getattr(r, "event", "") == "login_locked_out" for r in caplog.records)


def test_lockout_message_in_english():
    _user("victim")
    for i in range(6):
        response = _login("/accounts/login/", "victim", f"wrong-{i}", "203.0.113.7", HTTP_COOKIE="django_language=en")
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_api_lockout_is_json_with_the_message():
    _user("victim")
    for i in range(6):
        response = _login("/api/v1/auth/token/", "victim", f"wrong-{i}", "203.0.113.7")
    assert response.status_code == 429
    assert response.json()["code"] == "locked_out"
    assert "锁定" in response.json()["detail"]


def test_behind_the_proxy_each_client_is_counted_by_its_own_address(settings):
    settings.TRUSTED_PROXY_HEADER = "HTTP_X_REAL_IP"
    _user("victim")
    _user("bystander")
    for i in range(6):
        _login("/accounts/login/", "victim", f"wrong-{i}", "127.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
    assert (
        _login("/accounts/login/", "bystander", PASSWORD, "127.0.0.1", HTTP_X_REAL_IP="203.0.113.7").status_code == 429
    )
    assert _succeeded(
        "/accounts/login/",
        _login("/accounts/login/", "bystander", PASSWORD, "127.0.0.1", HTTP_X_REAL_IP="198.51.100.9"),
    )
