"""Registration numbers: pattern, gapless per registry and year, and correct under concurrency."""

import contextlib
import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from registration import services
from registration.models import RegistrationNumberSequence, Registry, TechnologyContract
from registration.numbering import format_registration_number, registration_number_allocate

from .factories import city_registry, submitted


def require_postgres():
    if connection.vendor != "postgresql":
        message = "needs PostgreSQL: set DATABASE_URL=postgres://…"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.mark.django_db
def test_default_pattern_is_16_digits():
    registry = Registry.objects.get(code="350400")
    assert format_registration_number(registry=registry, year=2026, serial=7) == "2026350400000007"


@pytest.mark.django_db
def test_pattern_is_configurable(settings):
    settings.REGISTRATION_NUMBER_PATTERN = "{year:04d}-{registry_code_text}-{serial:05d}"
    registry = Registry.objects.get(code="350400")
    assert format_registration_number(registry=registry, year=2026, serial=7) == "2026-350400-00007"


@pytest.mark.django_db
def test_serials_are_per_registry_and_year_and_rollback_leaves_no_gap():
    registry = Registry.objects.get(code="350400")
    with transaction.atomic():
        assert registration_number_allocate(registry=registry, year=2026)[0] == 1
        assert registration_number_allocate(registry=registry, year=2026)[0] == 2
        assert registration_number_allocate(registry=registry, year=2027)[0] == 1
    try:
        with transaction.atomic():
            registration_number_allocate(registry=registry, year=2026)
            raise RuntimeError("the registering transaction fails")
    except RuntimeError:
        pass
    with transaction.atomic():
        assert registration_number_allocate(registry=registry, year=2026)[0] == 3


@pytest.mark.django_db
def test_registered_contracts_get_consecutive_numbers(user_enterprise_a, enterprise_b, registry, user_registrar):
    numbers = []
    for _ in range(3):
        contract = submitted(user_enterprise_a, enterprise_b)
        services.contract_register(user=user_registrar, contract=contract, issue_certificate=False)
        numbers.append(contract.registration_number)
    year = timezone.localdate().year
    assert numbers == [f"{year}350400{n:06d}" for n in (1, 2, 3)]


@pytest.mark.postgres
# serialized_rollback restores the rows data migrations seeded (registry, calendar) for later tests.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_parallel_registrations_get_fifty_distinct_consecutive_numbers(
    user_enterprise_a, enterprise_b, user_registrar
):
    require_postgres()
    city_registry(user_registrar)
    contracts = [submitted(user_enterprise_a, enterprise_b, project_name=f"并发{i}") for i in range(50)]
    barrier = threading.Barrier(10)

    def register(contract):
        try:
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=5)
            services.contract_register(user=user_registrar, contract=contract, issue_certificate=False)
            return contract.registration_number
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=10) as pool:
        numbers = list(pool.map(register, contracts))
    year = timezone.localdate().year
    assert len(set(numbers)) == 50
    assert sorted(numbers) == [f"{year}350400{n:06d}" for n in range(1, 51)]
    assert RegistrationNumberSequence.objects.get(registry__code="350400", year=year).last_serial == 50
    assert TechnologyContract.objects.filter(status="registered").count() == 50


@pytest.mark.postgres
@pytest.mark.django_db
def test_seeded_rows_survive_the_transactional_test():
    require_postgres()
    assert Registry.objects.filter(code="350400").exists()
