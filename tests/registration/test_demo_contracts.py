"""Demo contracts: every workflow state, realistic commercialisation, and idempotence (small scale)."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.db import transaction

from registration import statistics
from registration.demo import DEMO_PREFIX, load_demo_contracts
from registration.models import Certificate, Registry, TechnologyContract, TransitionLog
from tests.factories import make_achievement

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Figures are cached by a version that lives in the cache; each test starts from an empty one.
    cache.clear()


Status = TechnologyContract.Status


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The registrar, six achievements and one load of the demo contracts, made once for the module (the load was
    a third of this module's time, three times over). The tests only read them, or write inside their own
    transaction, which rolls back to this state; the module's transaction rolls everything back at the end."""
    from accounts.models import User
    from tests.factories import UserFactory

    out = io.StringIO()
    with django_db_blocker.unblock(), transaction.atomic(), pytest.MonkeyPatch.context() as patch:
        # As the package's certificates_at_once fixture does for a test: certificates render at once (read below).
        patch.setattr("registration.certificates.on_commit", lambda func, robust=False: func())
        UserFactory(username="registrar", role=User.Role.REGISTRAR)
        for _ in range(6):
            make_achievement()
        cache.clear()
        first = load_demo_contracts(stdout=out, scale=0.1, progress=False)
        yield first, out.getvalue()
        transaction.set_rollback(True)


def test_demo_contracts_cover_every_state_and_are_idempotent(loaded):
    first, output = loaded
    assert first.created > 0 and first.skipped == 0
    assert "演示技术合同" in output

    demo = TechnologyContract.objects.filter(contract_number__startswith=DEMO_PREFIX)
    statuses = set(demo.values_list("status", flat=True))
    assert {
        Status.DRAFT,
        Status.SUBMITTED,
        Status.MATERIAL_REQUESTED,
        Status.REGISTERED,
        Status.REFUSED,
        Status.CANCELLED,
        Status.REDETERMINATION,
        Status.WITHDRAWN,
    } <= statuses
    assert demo.filter(status=Status.REGISTERED, amended_at__isnull=False).exists()
    assert demo.filter(status=Status.REFUSED, decisions__reasons__isnull=False).exists()
    assert set(demo.values_list("contract_type", flat=True)) >= {"development", "transfer", "service"}
    # Through the services: numbers, audit trail, and a handful of real certificates.
    registered = demo.filter(status=Status.REGISTERED)
    assert not registered.filter(registration_number__isnull=True).exists()
    assert TransitionLog.objects.filter(contract__in=demo).count() >= demo.count()
    assert Certificate.objects.filter(contract__in=demo).count() >= registered.count()

    registry = Registry.objects.get(code="350400")
    assert registry.registrars.filter(username="registrar").exists()
    assert statistics.commercialisation_progress(statistics.current_year()).count > 0

    counts = (demo.count(), TransitionLog.objects.count(), Certificate.objects.count())
    second = load_demo_contracts(scale=0.1, progress=False)
    assert second.created == 0 and second.skipped == first.created
    assert (demo.count(), TransitionLog.objects.count(), Certificate.objects.count()) == counts


def test_demo_amounts_and_parties_are_realistic(loaded):
    demo = TechnologyContract.objects.filter(contract_number__startswith=DEMO_PREFIX, status=Status.REGISTERED)
    amounts = list(demo.values_list("effective_total_amount_cny", flat=True))
    assert min(amounts) >= 50_000 and max(amounts) <= 20_050_000
    stats = statistics.year_statistics(statistics.current_year())
    assert stats.totals.count > 0 and stats.totals.previous_count > 0
    output = {r.key: r.count for r in stats.breakdown("flow_output").rows}
    assert output["in_province"] > 0


def test_demo_contracts_are_coherent(loaded):
    """Every registered contract has its certificate and passes the pre-check as of its registration;
    sub-type, IP type, field, parties and the linked achievement agree."""
    from registration.demo import PROJECT_TOPICS, SUB_TYPE_IP
    from registration.precheck import precheck
    from registration.rules import ruleset

    registered = TechnologyContract.objects.filter(contract_number__startswith=DEMO_PREFIX, status=Status.REGISTERED)
    assert registered.count() > 5
    fields_of_topic = dict(PROJECT_TOPICS)
    for contract in registered.prefetch_related("achievements", "parties"):
        assert contract.certificates.filter(kind="registered").exists(), contract.contract_number
        blocking = [f.code for f in precheck(contract, on=contract.registered_on) if f.is_blocking]
        assert blocking == [], (contract.contract_number, blocking)
        allowed_ip = SUB_TYPE_IP.get(contract.sub_type)
        if allowed_ip:
            assert contract.ip_type.code in allowed_ip, (contract.sub_type, contract.ip_type.code)
        rules = ruleset(contract.rule_set_key)
        sellers = [p for p in contract.parties.all() if p.side == "seller"]
        assert all(p.party_role in rules.type(contract.contract_type).seller_roles for p in sellers)
        linked = list(contract.achievements.all())
        for achievement in linked:
            assert contract.technical_field_id == achievement.technical_field_id
            assert achievement.title[:20] in contract.project_name
        if not linked:
            topic = next((t for t in fields_of_topic if contract.project_name.startswith(t)), None)
            if topic is not None:
                assert contract.technical_field.code == fields_of_topic[topic], contract.project_name
