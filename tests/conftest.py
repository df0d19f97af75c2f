"""Fixtures shared by the whole suite: one user per role, each in its own organisation."""

from __future__ import annotations

import os

import pytest

from accounts.models import Organisation, User
from tests.factories import InstitutionFactory, OrganisationFactory, UserFactory, make_institution_page


@pytest.fixture
def enterprise_a(db) -> Organisation:
    return OrganisationFactory(name="甲企业有限公司")


@pytest.fixture
def enterprise_b(db) -> Organisation:
    return OrganisationFactory(name="乙企业有限公司")


@pytest.fixture
def institution(db) -> Organisation:
    return InstitutionFactory(name="测试石墨烯研究院")


@pytest.fixture
def institution_page(institution):
    return make_institution_page(institution)


@pytest.fixture
def user_enterprise_a(enterprise_a) -> User:
    return UserFactory(username="ent_a", role=User.Role.ENTERPRISE_MEMBER, organisation=enterprise_a)


@pytest.fixture
def user_enterprise_b(enterprise_b) -> User:
    return UserFactory(username="ent_b", role=User.Role.ENTERPRISE_MEMBER, organisation=enterprise_b)


@pytest.fixture
def user_institution_editor(institution) -> User:
    return UserFactory(username="inst_editor", role=User.Role.INSTITUTION_EDITOR, organisation=institution)


@pytest.fixture
def user_registrar(db) -> User:
    return UserFactory(username="registrar", role=User.Role.REGISTRAR)


@pytest.fixture
def user_bureau_staff(db) -> User:
    return UserFactory(username="bureau", role=User.Role.BUREAU_STAFF, is_staff=True)


def _missing_services() -> dict[str, str]:
    from django.conf import settings

    missing = {}
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        missing["postgres"] = "needs PostgreSQL: set DATABASE_URL (make test does)"
    if not settings.SEARCH_URL:
        missing["engine"] = "needs a search engine: set SEARCH_URL (make test does)"
    return missing


def pytest_collection_modifyitems(config, items):
    """Integration tests need their real services. Locally they skip, with the reason, when a service
    is missing; under CI=true they fail instead, so a missing service can never look like a green run."""
    in_ci = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
    missing = _missing_services()
    for item in items:
        for marker, reason in missing.items():
            if marker in item.keywords:
                if in_ci:
                    item.add_marker(pytest.mark.usefixtures("_fail_required_service_missing"))
                else:
                    item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture
def _fail_required_service_missing(request):
    missing = _missing_services()
    reasons = [reason for marker, reason in missing.items() if marker in request.node.keywords]
    pytest.fail("CI: required service missing — " + "; ".join(reasons))
