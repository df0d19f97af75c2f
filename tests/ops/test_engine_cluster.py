"""A 3-node OpenSearch cluster with one replica loses a node: nothing is lost and search and matching keep answering.

The test starts its own private cluster (devtools/opensearch.sh with OPENSEARCH_NODES=3, three JVMs with a small
heap, spare ports, data under .devdata/) and stops, for real, the node that holds the achievements' primary shard.
The shared development node is never touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import timezone

from marketplace.models import TechnologyNeed
from search import sync
from search.documents import ACHIEVEMENT, alias_name
from search.engine import get_engine
from search.matching import matches_for_need
from search.models import SearchOutbox
from search.searching import SearchParams, search_listings
from tests.factories import NeedFactory, make_achievement

pytestmark = [pytest.mark.engine, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[2]


class PrivateCluster:
    def __init__(self, base: Path):
        self.base = base
        self.env = {
            **os.environ,
            "OPENSEARCH_DIR": str(base),
            "OPENSEARCH_LIB": os.environ.get("OPENSEARCH_LIB", str(ROOT / ".devdata" / "opensearch" / "lib")),
            "OPENSEARCH_NODES": "3",
            # http 9284/9286/9288, transport 9484–9486 (the runner refuses http ports above 9299)
            "OPENSEARCH_BASE_PORT": os.environ.get("CLUSTER_TEST_BASE_PORT", "9283"),
            "OPENSEARCH_HEAP": "256m",
            # Quick start for three JVMs on a small shared machine: the client compiler only (C2's warm-up compiles
            # are most of a node's start-up CPU and a test's few requests never profit from them), the serial
            # collector (no parallel GC threads fighting over the cores), no perf-data file. Halved the cluster's
            # start (116 s → 52 s at load 15); nothing the test checks depends on JIT or GC choices.
            "OPENSEARCH_JAVA_OPTS": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData",
            "OPENSEARCH_CLUSTER": "techtransfer-cluster-test",
            "OPENSEARCH_WRITE_ENV": "0",
        }

    def _run(self, *command: str) -> None:
        subprocess.run(  # noqa: S603 - a fixed script of this repository, no user input
            ["/bin/bash", str(ROOT / "devtools" / "opensearch.sh"), *command],
            env=self.env,
            cwd=ROOT,
            check=True,
            timeout=400,
            capture_output=True,
        )

    def start_in_background(self) -> subprocess.Popen:
        return subprocess.Popen(  # noqa: S603 - a fixed script of this repository, no user input
            ["/bin/bash", str(ROOT / "devtools" / "opensearch.sh"), "start"],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )

    def wait_started(self, booting: subprocess.Popen) -> str:
        output, _ = booting.communicate(timeout=400)
        if booting.returncode != 0:
            raise AssertionError(f"the private cluster did not start: {output.decode(errors='replace')[-2000:]}")
        return (self.base / "url").read_text().strip()

    def stop_node(self, number: int) -> None:
        self._run("stop-node", str(number))

    def stop(self) -> None:
        self._run("stop")


@pytest.fixture(scope="module")
def booting_cluster():
    """Starts the three JVMs without waiting: module fixtures are set up before the test database is created (by the
    module's django_db mark, a function-level fixture), so the nodes boot while the template is migrated or the
    database cloned — see ``cluster``, which waits for them and must not ask for ``db`` itself (that would set the
    database up first)."""
    base = Path(os.environ.get("CLUSTER_TEST_DIR", ROOT / ".devdata" / "engine-cluster-test"))
    private = PrivateCluster(base)
    booting = private.start_in_background()
    yield private, booting
    if booting.poll() is None:
        booting.kill()
        booting.wait()
    private.stop()
    if "CLUSTER_TEST_DIR" not in os.environ:
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def cluster(booting_cluster):  # the database comes from the module's mark
    private, booting = booting_cluster
    urls = private.wait_started(booting) if booting.returncode is None else (private.base / "url").read_text().strip()
    return private, urls


def _drain_until_empty(attempts: int = 6) -> None:
    """The outbox worker's job: retry what failed (e.g. during the cluster-manager election) until nothing waits."""
    for _ in range(attempts):
        SearchOutbox.objects.filter(processed_at__isnull=True).update(next_attempt_at=timezone.now())
        sync.drain_all()
        if not SearchOutbox.objects.filter(processed_at__isnull=True).exists():
            return
    pending = list(SearchOutbox.objects.filter(processed_at__isnull=True).values_list("last_error", flat=True))
    raise AssertionError(f"outbox rows still pending: {pending}")


def _wait_health(engine, *, nodes: int, statuses: tuple[str, ...]) -> dict:
    """Poll cluster health (each call waits up to 30 s on the server) until the cluster has settled."""
    health: dict = {}
    for _ in range(6):
        health = engine.client.cluster.health(wait_for_nodes=str(nodes), wait_for_status=statuses[-1])
        if health["number_of_nodes"] == nodes and health["status"] in statuses:
            return health
    raise AssertionError(f"cluster did not settle: {health}")


def _primary_node_number(engine, index_alias: str, urls: list[str]) -> int:
    shards = engine.client.cat.shards(index=index_alias, format="json", h="prirep,id")
    [node_id] = [shard["id"] for shard in shards if shard["prirep"] == "p"]
    address = engine.client.nodes.info(node_id=node_id, metric="http")["nodes"][node_id]["http"]["publish_address"]
    port = address.rsplit(":", 1)[1]
    return next(i for i, url in enumerate(urls, start=1) if url.endswith(f":{port}"))


def _titles(q: str) -> set[str]:
    results = search_listings(SearchParams(q=q))
    assert results.basic_mode is False  # the engine answered, not the database fallback
    return {hit.title for hit in results.hits if hit.title.startswith("碳化钨粉")}  # achievements, not the need


def test_stopping_a_node_loses_nothing_and_keeps_answering(cluster, settings, institution_page, enterprise_a):
    private, url_list = cluster
    urls = url_list.split(",")
    settings.SEARCH_URL = url_list
    settings.SEARCH_INDEX_REPLICAS = 1
    settings.SEARCH_TIMEOUT_SECONDS = 10
    settings.SEARCH_MATCH_FLOOR = 0  # every candidate counts: the point is that matching answers, not its ranking
    sync._ENSURED.clear()
    engine = get_engine()
    alias = alias_name(ACHIEVEMENT)

    before = {f"碳化钨粉工艺{i}" for i in range(5)}
    for title in before:
        make_achievement(institution_page, title=title, summary="超细碳化钨粉的制备与分级工艺。")
    _drain_until_empty()
    _wait_health(engine, nodes=3, statuses=("green",))
    index = engine.indices_for_alias(alias)[0]
    assert engine.client.indices.get_settings(index=index)[index]["settings"]["index"]["number_of_replicas"] == "1"
    need = NeedFactory(
        enterprise=enterprise_a,
        title="超细碳化钨粉制备技术",
        problem="需要超细碳化钨粉的制备工艺,粒度小于 0.5 微米。",
        status=TechnologyNeed.Status.PUBLISHED,
    )
    engine.refresh(alias)
    assert _titles("碳化钨") == before
    matched_before = {match.title for match in matches_for_need(need, limit=20)}
    assert matched_before  # the need has matches to keep

    private.stop_node(_primary_node_number(engine, alias, urls))
    # Two nodes remain: a majority, so a cluster manager is (re-)elected and the replica becomes primary.
    _wait_health(engine, nodes=2, statuses=("green", "yellow"))

    assert _titles("碳化钨") == before  # nothing lost
    after = {f"碳化钨粉新工艺{i}" for i in range(3)}
    for title in after:
        make_achievement(institution_page, title=title, summary="超细碳化钨粉的制备与分级工艺。")
    _drain_until_empty()
    engine.refresh(alias)
    assert _titles("碳化钨") == before | after
    assert engine.count(alias) == len(before | after)
    matched_after = {match.title for match in matches_for_need(need, limit=20)}
    assert matched_before <= matched_after
