"""Public verification: good code, wrong code, unknown number, statuses, and the rate limit."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from registration import services

from .factories import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def registered(user_enterprise_a, enterprise_b, registry, user_registrar):
    contract = submitted(user_enterprise_a, enterprise_b)
    services.contract_register(user=user_registrar, contract=contract, issue_certificate=False)
    return contract


def check(client, number, code):
    return client.get(reverse("registration:verify"), {"number": number, "code": code})


def test_good_code_shows_registered_facts(client, registered):
    response = check(client, registered.registration_number, registered.verification_code.lower())
    text = response.content.decode()
    assert response.status_code == 200 and "已登记" in text
    assert registered.registration_number in text and "1,000,000.00" in text and "乙企业有限公司" in text


def test_wrong_code_and_unknown_number_reveal_nothing(client, registered):
    wrong = check(client, registered.registration_number, "ZZZZZZZZ").content.decode()
    unknown = check(client, "2026350400999999", registered.verification_code).content.decode()
    for text in (wrong, unknown):
        assert "未能核验" in text and registered.project_name not in text
    # Same page apart from the echoed input and the CSRF tokens.
    wrong, unknown = (re.sub(r'value="[A-Za-z0-9]{64}"', "", t) for t in (wrong, unknown))
    assert wrong.replace(registered.registration_number, "").replace("ZZZZZZZZ", "") == unknown.replace(
        "2026350400999999", ""
    ).replace(registered.verification_code, "")


def test_status_after_amendment_and_cancellation(client, registered, user_enterprise_a, user_registrar):
    amendment = services.contract_request_amendment(
        user=user_enterprise_a, contract=registered, changes={"contract_number": "HT-B"}, reason="补充协议"
    )
    services.contract_decide_amendment(user=user_registrar, amendment=amendment, approve=True)
    assert "已变更" in check(client, registered.registration_number, registered.verification_code).content.decode()
    services.contract_cancel(user=user_registrar, contract=registered, reason="合同解除")
    assert "已注销" in check(client, registered.registration_number, registered.verification_code).content.decode()


def test_failed_attempts_are_rate_limited_even_for_a_correct_code_afterwards(client, settings, registered):
    settings.REGISTRATION_VERIFY_FAILURE_RATE = "3/h"
    for _ in range(3):
        assert check(client, registered.registration_number, "WRONG123").status_code == 200
    limited = check(client, registered.registration_number, registered.verification_code)
    assert limited.status_code == 429 and "次数过多" in limited.content.decode()
    # Another client IP is not affected.
    other = client.get(
        reverse("registration:verify"),
        {"number": registered.registration_number, "code": registered.verification_code},
        REMOTE_ADDR="10.1.2.3",
    )
    assert other.status_code == 200 and "已登记" in other.content.decode()


def test_successful_checks_do_not_count(client, settings, registered):
    settings.REGISTRATION_VERIFY_FAILURE_RATE = "2/h"
    for _ in range(5):
        assert check(client, registered.registration_number, registered.verification_code).status_code == 200


def test_api_rate_limit(client, settings, registered):
    settings.REGISTRATION_VERIFY_FAILURE_RATE = "2/h"
    url = "/api/v1/registration/verify/"
    for _ in range(2):
        assert client.get(url, {"number": registered.registration_number, "code": "NOPE"}).status_code == 404
    assert (
        client.get(url, {"number": registered.registration_number, "code": registered.verification_code}).status_code
        == 429
    )
