"""Fixtures shared by the whole suite: one user per role, each in its own organisation."""

from __future__ import annotations

import os

import pytest

from accounts.models import Organisation, User
from tests.factories import InstitutionFactory, OrganisationFactory, UserFactory, make_institution_page


@pytest.fixture(autouse=True)
def _forget_match_profiles():
    """The matcher caches listing profiles by (pk, revision). SQLite reuses both after a test's rollback, so a
    later test's different listing with the same ids would get an earlier test's profile. The compiled glossary
    is forgotten too: a term a test edited and rolled back sends no signal, and the cache would keep the edit."""
    yield
    from search.matching import database
    from taxonomy import glossary

    database._PROFILE_CACHE.clear()
    glossary.invalidate()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the site's default language. LocaleMiddleware activates a request's language in the
    thread and nothing deactivates it, so an English request in one test would turn the next test's gettext
    (reasons, messages) English."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _forget_filter_choices():
    """The listing filters cache their select lists; a rolled-back test's institutions must not reach the next."""
    yield
    from marketplace.filters import _filter_choices_delete

    _filter_choices_delete()


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


def _is_transactional(item) -> bool:
    if "transactional_db" in item.fixturenames or "live_server" in item.fixturenames:
        return True
    marker = item.get_closest_marker("django_db")
    return bool(marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))


def pytest_collection_modifyitems(config, items):
    """Integration tests need their real services. Locally they skip, with the reason, when a service
    is missing; under CI=true they fail instead, so a missing service can never look like a green run.

    Transactional tests also get ``serialized_rollback``: Django then snapshots the freshly migrated database
    (taxonomies, regions, calendar, page tree, all seeded by migrations) once, and ``pytest_runtest_teardown``
    below reloads it after each flush. Without xdist, pytest-django runs transactional tests last, so their flush
    never reaches another test; a parallel worker runs whole files in whatever order it is sent them."""
    in_ci = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
    missing = _missing_services()
    for item in items:
        if _is_transactional(item):
            marker = item.get_closest_marker("django_db")
            kwargs = dict(marker.kwargs) if marker else {"transaction": True}
            kwargs["serialized_rollback"] = True
            item.add_marker(pytest.mark.django_db(*(marker.args if marker else ()), **kwargs), append=False)
        for marker, reason in missing.items():
            if marker in item.keywords:
                if in_ci:
                    item.add_marker(pytest.mark.usefixtures("_fail_required_service_missing"))
                else:
                    item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test has flushed every table, put the migration-seeded data back for the next test."""
    yield
    # After the last test the session's database fixture has already dropped the test database and pointed the
    # connection back at the real one: nothing follows that needs the data, and nothing may be written there.
    if nextitem is None or not _is_transactional(item):
        return
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        for connection in connections.all(initialized_only=True):
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)


@pytest.fixture
def _fail_required_service_missing(request):
    missing = _missing_services()
    reasons = [reason for marker, reason in missing.items() if marker in request.node.keywords]
    pytest.fail("CI: required service missing — " + "; ".join(reasons))


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser(monkeypatch):
    """Debian's Chromium driven by Playwright (never a downloaded browser). Skips locally without it; fails in CI."""
    import shutil

    if not shutil.which(CHROMIUM):
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("Debian chromium is required for browser tests (apt-get install chromium)")
        pytest.skip("Debian chromium is not installed")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still sequential.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
