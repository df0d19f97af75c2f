"""The engine goes down: saves still succeed, nothing is lost, and the backlog drains when it returns.

This test starts its own private OpenSearch node (devtools/opensearch.sh with another directory and
port), stops it for real and starts it again; the shared development node is never touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from search import sync
from search.documents import ACHIEVEMENT, alias_name
from search.engine import EngineUnavailable, breaker_reset, get_engine
from search.models import SearchOutbox
from search.searching import SearchParams, search_listings
from tests.factories import make_achievement

pytestmark = [pytest.mark.engine, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[2]


class PrivateNode:
    def __init__(self, base: Path):
        self.base = base
        self.env = {
            **os.environ,
            "OPENSEARCH_DIR": str(base),
            # Reuse the project's jars (fetched by `make services`; the script fetches them when missing).
            "OPENSEARCH_LIB": os.environ.get("OPENSEARCH_LIB", str(ROOT / ".devdata" / "opensearch" / "lib")),
            "OPENSEARCH_BASE_PORT": os.environ.get("OUTAGE_TEST_BASE_PORT", "9279"),
            "OPENSEARCH_HEAP": "512m",
            # The node starts twice in this test: the quick-start flags of tests/ops/test_engine_cluster.py (client
            # compiler only, serial collector) roughly halve each start; nothing checked here depends on them.
            "OPENSEARCH_JAVA_OPTS": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData",
            "OPENSEARCH_CLUSTER": "techtransfer-outage-test",
            "OPENSEARCH_WRITE_ENV": "0",
        }

    def _run(self, command: str) -> None:
        subprocess.run(  # noqa: S603 - a fixed script of this repository, no user input
            ["/bin/bash", str(ROOT / "devtools" / "opensearch.sh"), command],
            env=self.env,
            cwd=ROOT,
            check=True,
            timeout=300,
            capture_output=True,
        )

    def start(self) -> str:
        self._run("start")
        return (self.base / "url").read_text().strip()

    def stop(self) -> None:
        self._run("stop")


@pytest.fixture
def node(tmp_path_factory):
    base = tmp_path_factory.mktemp("opensearch-outage")
    private = PrivateNode(base)
    yield private
    private.stop()
    shutil.rmtree(base, ignore_errors=True)


def titles(q):
    return [hit.title for hit in search_listings(SearchParams(q=q)).hits]


def test_saves_succeed_while_the_engine_is_down_and_the_backlog_drains_after(
    node, settings, institution_page, django_capture_on_commit_callbacks
):
    settings.SEARCH_URL = node.start()
    sync._ENSURED.clear()
    first = make_achievement(institution_page, title="钨粉超细化工艺", summary="超细碳化钨粉制备。")
    sync.drain_all()
    get_engine().refresh(alias_name(ACHIEVEMENT))
    assert titles("碳化钨") == ["钨粉超细化工艺"]

    node.stop()
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

    restarted = node.start()
    settings.SEARCH_URL = restarted
    breaker_reset()  # the cool-down has passed
    call_command("search_outbox")
    get_engine().refresh(alias_name(ACHIEVEMENT))
    assert not SearchOutbox.objects.filter(processed_at__isnull=True).exists()
    assert titles("竹纤维") == ["竹纤维复合材料"]
    assert titles("碳化钨") == []
