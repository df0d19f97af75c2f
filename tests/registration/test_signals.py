"""Registration announces its decisions; apps above it (deal flow, challenges, events) listen instead of being called."""

import pytest

from registration import services, signals
from registration.models import Decision

from .factories import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    events = []

    def on_registered(sender, contract, decision, user, **kwargs):
        events.append(("registered", contract.pk, decision.outcome, user.pk))

    def on_refused(sender, contract, decision, user, **kwargs):
        events.append(("refused", contract.pk, decision.outcome, user.pk))

    signals.contract_registered.connect(on_registered)
    signals.contract_refused.connect(on_refused)
    yield events
    signals.contract_registered.disconnect(on_registered)
    signals.contract_refused.disconnect(on_refused)


def test_register_and_refuse_are_announced_once_each(heard, user_enterprise_a, enterprise_b, registry, user_registrar):
    first = submitted(user_enterprise_a, enterprise_b)
    second = submitted(user_enterprise_a, enterprise_b, contract_number="HT-SIGNAL-2")
    services.contract_register(user=user_registrar, contract=first)
    services.contract_refuse(
        user=user_registrar, contract=second, reason_codes=["R2026-2"], explanation="不属于技术合同。"
    )
    assert heard == [
        ("registered", first.pk, Decision.Outcome.REGISTERED, user_registrar.pk),
        ("refused", second.pk, Decision.Outcome.REFUSED, user_registrar.pk),
    ]
