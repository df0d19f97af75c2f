"""Amounts of too many digits are refused at the edge with a field message (on SQLite and PostgreSQL:
CI runs this file on both), and nothing is saved that could not be read back."""

from __future__ import annotations

from decimal import Decimal

import pytest

from common.errors import DomainError
from registration import services
from registration.amounts import money
from registration.models import TechnologyContract

from .factories import contract_data, parties_for
from .test_api import BASE, api, draft_payload

pytestmark = pytest.mark.django_db
TOO_LONG = "99999999999999.99"  # 16 digits: stored as a float on SQLite, never read back exactly


@pytest.mark.parametrize("field", ["total_amount_cny", "separable_technical_amount_cny", "expected_output_cny"])
def test_api_answers_400_with_a_field_message(field, user_enterprise_a, enterprise_a, enterprise_b, registry):
    payload = draft_payload(enterprise_b, is_mixed=field == "separable_technical_amount_cny", **{field: TOO_LONG})
    payload["parties"][0]["organisation"] = enterprise_a.pk
    response = api(user_enterprise_a).post(f"{BASE}/contracts/", payload, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]
    assert not TechnologyContract.objects.exists()
    # The organisation's list still reads back.
    assert api(user_enterprise_a).get(f"{BASE}/contracts/").status_code == 200


def test_deduction_amount_of_too_many_digits_is_refused(user_enterprise_a, enterprise_a, enterprise_b, registry):
    payload = draft_payload(enterprise_b)
    payload["parties"][0]["organisation"] = enterprise_a.pk
    payload["deductions"][0]["amount_cny"] = TOO_LONG
    response = api(user_enterprise_a).post(f"{BASE}/contracts/", payload, format="json")
    assert response.status_code == 400
    assert not TechnologyContract.objects.exists()


def test_service_refuses_too_many_digits_with_the_field_named(user_enterprise_a, enterprise_b, registry):
    with pytest.raises(DomainError) as exc:
        services.contract_create_draft(
            user=user_enterprise_a,
            data=contract_data(total_amount_cny=Decimal(TOO_LONG)),
            parties=parties_for(user_enterprise_a.organisation, enterprise_b),
        )
    assert "total_amount_cny" in exc.value.field_errors
    assert not TechnologyContract.objects.exists()


def test_largest_amount_round_trips(user_enterprise_a, enterprise_b, registry):
    largest = Decimal("999999999999.99")
    assert money(largest) == largest
    with pytest.raises(DomainError):
        money("1000000000000.00", field="corrected_cny")
    contract = services.contract_create_draft(
        user=user_enterprise_a,
        data=contract_data(total_amount_cny=largest),
        parties=parties_for(user_enterprise_a.organisation, enterprise_b),
    )
    assert TechnologyContract.objects.get(pk=contract.pk).total_amount_cny == largest
