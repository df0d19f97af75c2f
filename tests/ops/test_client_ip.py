"""The client's address: the proxy's header is believed only from a trusted proxy."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from common.net import client_ip


@pytest.fixture
def rf():
    return RequestFactory()


def test_without_a_configured_header_the_connecting_address_counts(rf, settings):
    settings.TRUSTED_PROXY_HEADER = ""
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert client_ip(request) == "127.0.0.1"


def test_header_from_the_trusted_proxy_counts(rf, settings):
    settings.TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.TRUSTED_PROXY_IPS = ["127.0.0.1", "10.0.0.0/8"]
    # the right-most entry is what our proxy appended; what the client wrote before it is ignored
    request = rf.get("/", REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.7")
    assert client_ip(request) == "203.0.113.7"


def test_header_from_anyone_else_is_ignored(rf, settings):
    settings.TRUSTED_PROXY_HEADER = "HTTP_X_REAL_IP"
    settings.TRUSTED_PROXY_IPS = ["127.0.0.1"]
    request = rf.get("/", REMOTE_ADDR="198.51.100.9", HTTP_X_REAL_IP="203.0.113.7")
    assert client_ip(request) == "198.51.100.9"


def test_garbage_in_the_header_falls_back_to_the_proxy(rf, settings):
    settings.TRUSTED_PROXY_HEADER = "HTTP_X_REAL_IP"
    settings.TRUSTED_PROXY_IPS = ["127.0.0.1"]
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="not-an-address")
    assert client_ip(request) == "127.0.0.1"
