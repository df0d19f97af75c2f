"""A sick engine (issue 12): short timeouts, a circuit breaker that sends reads to the database at once while
the engine is unhealthy, and match lists that say which matcher actually served them."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache

from search import engine as engine_module
from search.engine import (
    BREAKER_FAILURES_KEY,
    BREAKER_OPEN_UNTIL_KEY,
    EngineUnavailable,
    breaker_is_open,
    get_engine,
)
from search.matching import DATABASE_MODE, matches_for_need
from tests.factories import InstitutionFactory, make_institution_page
from tests.search.factories import build_small_set, built_once, fresh

pytestmark = pytest.mark.django_db


class ApiError(Exception):
    def __init__(self, status_code):
        super().__init__(f"status {status_code}")
        self.status_code = status_code


class SickEngine:
    """Counts calls; each one fails like a hung or refusing node, or like a bad request."""

    def __init__(self, cause=None):
        self.calls = 0
        self.cause = cause or ConnectionError("read timed out")

    def _fail(self, *args, **kwargs):
        self.calls += 1
        raise EngineUnavailable(f"{type(self.cause).__name__}: {self.cause}") from self.cause

    msearch = search = count = health = _fail


@pytest.fixture
def sick(monkeypatch, settings):
    settings.SEARCH_URL = "http://engine.invalid:9200"
    settings.SEARCH_BREAKER_FAILURES = 3
    settings.SEARCH_BREAKER_COOLDOWN_SECONDS = 30
    engine = SickEngine()
    monkeypatch.setattr(engine_module, "_build", lambda *args, **kwargs: engine)
    return engine


def _build_with_institution_page():
    """What the ``institution_page`` fixture gives, then the small set under it."""
    return build_small_set(make_institution_page(InstitutionFactory(name="测试石墨烯研究院")))


@pytest.fixture(scope="module")
def _small_set(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker, _build_with_institution_page) as out:
        yield out


@pytest.fixture
def data(_small_set, db):
    return fresh(_small_set)


def test_request_path_has_short_timeouts_and_no_retries(settings):
    settings.SEARCH_URL = "http://127.0.0.1:9"
    settings.SEARCH_ENGINE = "opensearch"
    transport = get_engine().client.transport
    timeout = transport.get_connection().timeout
    assert (timeout.connect_timeout, timeout.read_timeout) == (1.0, 3.0)  # SEARCH_CONNECT/READ_TIMEOUT_SECONDS
    assert transport.max_retries == 0
    worker = get_engine(background=True).client.transport
    assert worker.get_connection().timeout.read_timeout == settings.SEARCH_TIMEOUT_SECONDS
    assert worker.max_retries == 3


def test_request_path_moves_to_another_node_of_a_cluster_but_never_retries_a_timeout(settings):
    settings.SEARCH_URL = "http://127.0.0.1:9,http://127.0.0.2:9,http://127.0.0.3:9"
    settings.SEARCH_ENGINE = "opensearch"
    transport = get_engine().client.transport
    assert transport.max_retries == 2 and transport.retry_on_timeout is False


def test_breaker_opens_after_failures_and_then_costs_nothing(sick, data):
    need = data["phone-heat"]
    for _ in range(3):
        matches = matches_for_need(need)
        assert matches.mode == DATABASE_MODE and matches  # each falls back to the database matcher
    assert sick.calls == 3 and breaker_is_open()
    for _ in range(4):
        assert matches_for_need(need).mode == DATABASE_MODE
    assert sick.calls == 3  # open: the engine is not called at all


def test_after_the_cool_down_one_probe_closes_it(sick, data, monkeypatch):
    need = data["phone-heat"]
    for _ in range(3):
        matches_for_need(need)
    cache.set(BREAKER_OPEN_UNTIL_KEY, time.time() - 1)  # the cool-down has passed
    answered = []

    def healthy_msearch(searches):
        answered.append(len(searches))
        return [{"hits": {"hits": []}} for _ in searches]

    monkeypatch.setattr(sick, "msearch", healthy_msearch)
    matches_for_need(need)  # the probe reaches the engine and succeeds
    assert answered == [2] and not breaker_is_open() and cache.get(BREAKER_FAILURES_KEY) is None
    matches_for_need(need)
    assert answered == [2, 2]  # closed again: every request goes to the engine


def test_a_failed_probe_opens_it_again(sick, data):
    need = data["phone-heat"]
    for _ in range(3):
        matches_for_need(need)
    cache.set(BREAKER_OPEN_UNTIL_KEY, time.time() - 1)
    matches_for_need(need)
    assert sick.calls == 4 and breaker_is_open()


def test_bad_requests_do_not_trip_it(sick, data):
    sick.cause = ApiError(400)
    for _ in range(5):
        assert matches_for_need(data["phone-heat"]).mode == DATABASE_MODE
    assert sick.calls == 5 and not breaker_is_open()


def test_match_api_says_which_matcher_served(client, settings, sick, data, user_bureau_staff):
    settings.SEARCH_MATCH_FLOOR, settings.SEARCH_MATCH_FLOOR_BASIC = 40.0, 25.0  # tell the two floors apart
    client.force_login(user_bureau_staff)
    url = f"/api/v1/needs/{data['phone-heat'].pk}/matches/"
    payload = client.get(url).json()
    # The engine is configured but did not answer: the database matcher served, and the answer says so.
    assert payload["mode"] == "database" and payload["basic_mode"] is True
    assert payload["results"] and payload["floor"] == 25.0  # the database matcher's floor, not the engine's


def test_match_pages_show_the_fallback_notice(client, sick, data, user_enterprise_a, user_bureau_staff):
    client.force_login(user_bureau_staff)
    body = client.get(f"/search/needs/{data['phone-heat'].pk}/matches/").content.decode()
    assert 'data-match-mode="database"' in body
    page = data["graphene-film"]
    body = client.get(f"/search/achievements/{page.pk}/matches/").content.decode()
    assert 'data-match-mode="database"' in body


def test_no_fallback_notice_in_basic_mode(client, data, user_bureau_staff, settings):
    settings.SEARCH_URL = ""  # basic mode is announced once for the whole site, not per list
    client.force_login(user_bureau_staff)
    body = client.get(f"/search/needs/{data['phone-heat'].pk}/matches/").content.decode()
    assert 'data-match-mode="database"' not in body
    assert client.get(f"/api/v1/needs/{data['phone-heat'].pk}/matches/").json()["mode"] == "database"
