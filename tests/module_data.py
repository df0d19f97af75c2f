"""Read-mostly test data built once per module (docs/test-speed.md): the transaction it lives in, fresh copies for
each test, and the institution page most marketplace modules build on."""

from __future__ import annotations

from contextlib import contextmanager

# Wagtail's tasks as production runs them (at once, after each save); the test settings only record them. For the
# ``wagtail_tasks`` fixture (tests/conftest.py) and module fixtures whose data must be in Wagtail's search index.
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


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


def suite_roles(*, with_institution_page: bool = False) -> dict:
    """The rows of the suite's role fixtures (tests/conftest.py: same names, usernames and keys, created in the same
    order), for modules that build them once: ``institution`` (and ``institution_page``), ``enterprise_a``,
    ``user_enterprise_a``, ``enterprise_b``, ``user_enterprise_b``, ``user_institution_editor``, ``user_registrar``,
    ``user_bureau_staff``."""
    from accounts.models import User
    from tests.factories import InstitutionFactory, OrganisationFactory, UserFactory

    if with_institution_page:
        institution, page = institution_with_page()
        rows = {"institution": institution, "institution_page": page}
    else:
        rows = {"institution": InstitutionFactory(name="测试石墨烯研究院")}
    rows["enterprise_a"] = OrganisationFactory(name="甲企业有限公司")
    rows["user_enterprise_a"] = UserFactory(
        username="ent_a", role=User.Role.ENTERPRISE_MEMBER, organisation=rows["enterprise_a"]
    )
    rows["enterprise_b"] = OrganisationFactory(name="乙企业有限公司")
    rows["user_enterprise_b"] = UserFactory(
        username="ent_b", role=User.Role.ENTERPRISE_MEMBER, organisation=rows["enterprise_b"]
    )
    rows["user_institution_editor"] = UserFactory(
        username="inst_editor", role=User.Role.INSTITUTION_EDITOR, organisation=rows["institution"]
    )
    rows["user_registrar"] = UserFactory(username="registrar", role=User.Role.REGISTRAR)
    rows["user_bureau_staff"] = UserFactory(username="bureau", role=User.Role.BUREAU_STAFF, is_staff=True)
    return rows
