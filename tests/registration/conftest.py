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
    """Opt out of ``_certificates_at_commit``: certificates wait for a real commit (on_commit callbacks)."""


@pytest.fixture(autouse=True)
def _certificates_at_commit(request, monkeypatch):
    # Tests run inside one transaction that never commits, so the after-commit rendering of certificates
    # runs at once here, as it does in production right after the decision's commit.
    if "deferred_certificates" not in request.fixturenames:
        monkeypatch.setattr("registration.certificates.on_commit", lambda func, robust=False: func())
