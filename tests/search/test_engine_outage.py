"""The engine goes down: saves still succeed, nothing is lost, and the backlog drains when it returns.

The engine is reached through a relay (tests/relay.py) that the test cuts and restores: while it is cut the
engine's address refuses connections and open ones are reset, which is what a stopped engine looks like to our
code. (This test used to start and stop a private OpenSearch node: 15-18 s of JVM start-up per run. A real node
being stopped is tested by tests/ops/test_engine_cluster.py.)
"""

from __future__ import annotations

import pytest
from django.core.management import call_command

from search import sync
from search.documents import ACHIEVEMENT, alias_name
from search.engine import EngineUnavailable, breaker_reset, get_engine
from search.models import SearchOutbox
from search.searching import SearchParams, search_listings
from tests.factories import make_achievement
from tests.relay import Relay

pytestmark = [pytest.mark.engine, pytest.mark.django_db]


@pytest.fixture
def link(settings):
    """The engine behind a relay: ``link.cut()`` takes it off the network, ``link.restore()`` brings it back."""
    relay = Relay(settings.SEARCH_URL)
    yield relay
    relay.cut()
    settings.SEARCH_URL = relay.target_url  # the per-test indices are dropped through the engine itself


def titles(q):
    return [hit.title for hit in search_listings(SearchParams(q=q)).hits]


def test_saves_succeed_while_the_engine_is_down_and_the_backlog_drains_after(
    link, settings, institution_page, django_capture_on_commit_callbacks
):
    settings.SEARCH_URL = link.start()
    first = make_achievement(institution_page, title="钨粉超细化工艺", summary="超细碳化钨粉制备。")
    sync.drain_all()
    get_engine().refresh(alias_name(ACHIEVEMENT))
    assert titles("碳化钨") == ["钨粉超细化工艺"]

    link.cut()
    page = make_achievement(institution_page, title="竹纤维复合材料", summary="竹纤维增强复合板材。", publish=False)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()  # the save succeeds: the request only commits the outbox row
    first.unpublish()
    pending = SearchOutbox.objects.filter(processed_at__isnull=True)
    assert pending.count() == 2
    with pytest.raises(EngineUnavailable):
        sync.drain()  # the worker cannot reach the engine: it backs off itself and leaves the rows waiting
    row = pending.get(object_id=page.pk)
    assert row.attempts == 0 and row.dead_at is None  # an outage is nobody's fault: no attempt counted
    # Reads degrade to the database instead of failing.
    results = search_listings(SearchParams(q="竹纤维"))
    assert results.basic_mode is True and [h.title for h in results.hits] == ["竹纤维复合材料"]

    assert link.restore() == settings.SEARCH_URL  # back at the same address
    breaker_reset()  # the cool-down has passed
    call_command("search_outbox")
    get_engine().refresh(alias_name(ACHIEVEMENT))
    assert not SearchOutbox.objects.filter(processed_at__isnull=True).exists()
    assert titles("竹纤维") == ["竹纤维复合材料"]
    assert titles("碳化钨") == []
