"""Demo contracts: every workflow state, realistic commercialisation, and idempotence (small scale)."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache

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


@pytest.fixture
def achievements(db):
    return [make_achievement() for _ in range(6)]


def test_demo_contracts_cover_every_state_and_are_idempotent(user_registrar, achievements):
    out = io.StringIO()
    first = load_demo_contracts(stdout=out, scale=0.1, progress=False)
    assert first.created > 0 and first.skipped == 0
    assert "演示技术合同" in out.getvalue()

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
    assert 1 <= Certificate.objects.filter(contract__in=demo).count() <= 10

    registry = Registry.objects.get(code="350400")
    assert registry.registrars.filter(username="registrar").exists()
    assert statistics.commercialisation_progress(statistics.current_year()).count > 0

    counts = (demo.count(), TransitionLog.objects.count(), Certificate.objects.count())
    second = load_demo_contracts(scale=0.1, progress=False)
    assert second.created == 0 and second.skipped == first.created
    assert (demo.count(), TransitionLog.objects.count(), Certificate.objects.count()) == counts


def test_demo_amounts_and_parties_are_realistic(user_registrar, achievements):
    load_demo_contracts(scale=0.1, progress=False)
    demo = TechnologyContract.objects.filter(contract_number__startswith=DEMO_PREFIX, status=Status.REGISTERED)
    amounts = list(demo.values_list("effective_total_amount_cny", flat=True))
    assert min(amounts) >= 50_000 and max(amounts) <= 20_050_000
    stats = statistics.year_statistics(statistics.current_year())
    assert stats.totals.count > 0 and stats.totals.previous_count > 0
    output = {r.key: r.count for r in stats.breakdown("flow_output").rows}
    assert output["in_province"] > 0
