"""Read-mostly test data built once per module (docs/test-speed.md): the transaction it lives in, fresh copies for
each test, and the institution page most marketplace modules build on."""

from __future__ import annotations

from contextlib import contextmanager


@contextmanager
def module_transaction(django_db_blocker):
    """For a module-scoped fixture: a transaction that stays open while the module's tests run and is rolled back
    after them. Each test's own transaction is a savepoint inside it, so whatever a test writes is undone before
    the next."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def fresh(row):
    """The same row, read again: the state the module's data has at the start of every test, so an object one test
    changed in memory never reaches the next."""
    return type(row).objects.get(pk=row.pk)


def institution_with_page():
    """The suite's usual institution (测试石墨烯研究院) and its published institution page."""
    from tests.factories import InstitutionFactory, make_institution_page

    institution = InstitutionFactory(name="测试石墨烯研究院")
    return institution, make_institution_page(institution)
