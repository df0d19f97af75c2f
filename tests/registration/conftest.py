"""Registration fixtures: the city registry with its registrar, a second registrar, a buyer."""

import pytest

from accounts.models import User
from tests.factories import UserFactory

from .factories import city_registry


@pytest.fixture(autouse=True)
def _media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def registry(user_registrar, db):
    return city_registry(user_registrar)


@pytest.fixture
def second_registrar(registry) -> User:
    user = UserFactory(username="registrar2", role=User.Role.REGISTRAR)
    registry.registrars.add(user)
    return user


@pytest.fixture
def deferred_certificates():
    """Certificates wait for a real commit (on_commit callbacks), as in production. Without
    ``certificates_at_once`` that is every test here: a test's transaction never commits, so nothing is rendered."""


@pytest.fixture
def certificates_at_once(monkeypatch):
    """The after-commit rendering of a decision's certificate runs at once, as it does in production right after
    the decision's commit (a test's transaction never commits). Only tests that read certificates ask for it:
    rendering one with WeasyPrint is about 0.3 s of CPU, and most registrations in tests are only counted."""
    monkeypatch.setattr("registration.certificates.on_commit", lambda func, robust=False: func())
