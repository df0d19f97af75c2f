"""20 parallel writers: need submissions and contract registrations, on SQLite and on PostgreSQL.

Each writer is a thread with its own database connection, as gunicorn workers or runserver threads are. On
SQLite the test copies the (in-memory) test database into a real file first: an in-memory database cannot
show the file locking that made 18 of 20 parallel submissions fail with "database is locked".
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.utils import timezone

from marketplace.models import TechnologyNeed
from marketplace.services import need_create
from registration import services as registration_services
from registration.models import TechnologyContract
from taxonomy.models import TechnicalField
from tests.registration.factories import city_registry, submitted

# serialized_rollback puts back the rows data migrations seeded (taxonomy, registry) after the flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WRITERS = 20


@pytest.fixture
def shared_database(tmp_path, settings):
    """The database every thread connects to; on SQLite a file copy of the test database."""
    settings.MEDIA_ROOT = tmp_path / "media"
    if connection.vendor != "sqlite":
        yield
        return
    path = tmp_path / "concurrency.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    # New connections (one per thread) read this dict; the main thread keeps its in-memory connection.
    database = connections.settings["default"]
    original = database["NAME"]
    database["NAME"] = str(path)
    try:
        yield
    finally:
        database["NAME"] = original


def _in_parallel(function, items):
    barrier = threading.Barrier(len(items))

    def run(item):
        try:
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=10)
            return function(item), None
        except Exception as error:  # noqa: BLE001 - the test reports every failure, of whatever kind
            return None, error
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(items)) as pool:
        return list(pool.map(run, items))


def _in_thread(function):
    """Read in a thread of its own, so it sees the shared database (the file on SQLite)."""
    [(result, error)] = _in_parallel(lambda _: function(), [None])
    assert error is None, error
    return result


def test_twenty_parallel_need_submissions_all_succeed(user_enterprise_a, request):
    field = TechnicalField.objects.get(code="energy")
    request.getfixturevalue("shared_database")

    def submit(i):
        data = {"title": f"并发需求{i:02d}", "problem": "需要提高锂电池正极材料的循环寿命。", "technical_field": field}
        return need_create(user=user_enterprise_a, data=data, submit=True).pk

    results = _in_parallel(submit, list(range(WRITERS)))
    errors = [error for _, error in results if error is not None]
    assert errors == []
    titles = _in_thread(
        lambda: sorted(TechnologyNeed.objects.filter(title__startswith="并发需求").values_list("title", flat=True))
    )
    assert titles == [f"并发需求{i:02d}" for i in range(WRITERS)]
    statuses = _in_thread(
        lambda: set(TechnologyNeed.objects.filter(title__startswith="并发需求").values_list("status", flat=True))
    )
    assert statuses == {TechnologyNeed.Status.PENDING_REVIEW}


def test_twenty_parallel_registrations_get_gapless_numbers(user_enterprise_a, enterprise_b, user_registrar, request):
    city_registry(user_registrar)
    contracts = [submitted(user_enterprise_a, enterprise_b, project_name=f"并发{i}") for i in range(WRITERS)]
    request.getfixturevalue("shared_database")

    def register(contract):
        registration_services.contract_register(user=user_registrar, contract=contract, issue_certificate=False)
        return contract.pk

    results = _in_parallel(register, contracts)
    assert [error for _, error in results if error is not None] == []
    numbers = _in_thread(
        lambda: sorted(
            TechnologyContract.objects.filter(status="registered").values_list("registration_number", flat=True)
        )
    )
    year = timezone.localdate().year
    assert numbers == [f"{year}350400{n:06d}" for n in range(1, WRITERS + 1)]
