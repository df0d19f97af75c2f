"""Fixtures shared by the whole suite: one user per role, each in its own organisation."""

from __future__ import annotations

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
