"""The rebuild's bulk load: bodies serialised once and cut by size, sent from threads with failures surfacing, and
the new indices built without refreshes, replicas or a synchronous translog, then given their normal settings."""

from __future__ import annotations

import json
from concurrent.futures import Future

import pytest

from search import services
from search.documents import ACHIEVEMENT, NEED, achievement_document, alias_name, built_settings, index_body
from search.engine import get_engine
from search.services import BULK_FILTER, BulkSender, bulk_bodies, index_rebuild
from search.sync import outbox_high_water_mark
from tests.search.factories import build_small_set


def parse(body: bytes) -> list[dict]:
    assert body.endswith(b"\n")
    return [json.loads(line) for line in body.decode("utf-8").splitlines()]


def test_bulk_bodies_are_ndjson_cut_by_size_with_every_document_once(monkeypatch):
    monkeypatch.setattr(services, "BULK_BYTES", 600)
    documents = [(pk, {"title": f"石墨烯导热膜 {pk}", "summary": "高导热" * 40}) for pk in range(1, 8)]
    bodies = bulk_bodies("idx-1", documents, 42)
    assert len(bodies) > 2  # cut by size, not by count
    lines = [line for body in bodies for line in parse(body)]
    metas, sources = lines[0::2], lines[1::2]
    assert [meta["index"]["_id"] for meta in metas] == list(range(1, 8))
    assert {(m["index"]["_index"], m["index"]["version"], m["index"]["version_type"]) for m in metas} == {
        ("idx-1", 42, "external_gte")
    }
    assert sources == [document for _pk, document in documents]
    # A document larger than the limit still goes, alone in its body.
    assert len(bulk_bodies("idx-1", [(1, {"summary": "长" * 1000}), (2, {"summary": "短"})], 1)) == 2


class FakeEngine:
    def __init__(self, responses):
        self.responses = list(responses)
        self.sent = []

    def bulk_raw(self, body, *, filter_path=None, timeout=None):
        self.sent.append((body, filter_path))
        assert timeout >= 60
        return self.responses.pop(0)


def test_the_sender_sends_every_body_trimmed_and_ignores_version_conflicts():
    engine = FakeEngine(
        [{"errors": False}, {"errors": True, "items": [{"index": {"status": 201}}, {"index": {"status": 409}}]}]
    )
    sender = BulkSender(engine, senders=2)
    sender.send(b"one\n")
    sender.send(b"two\n")
    sender.close()
    assert sorted(body for body, _ in engine.sent) == [b"one\n", b"two\n"]
    assert {path for _, path in engine.sent} == {BULK_FILTER}


def test_the_sender_fails_the_load_when_a_document_is_refused():
    refused = {"index": {"status": 400, "error": {"type": "strict_dynamic_mapping_exception"}}}
    engine = FakeEngine([{"errors": False}, {"errors": True, "items": [{"index": {"status": 201}}, refused]}])
    sender = BulkSender(engine, senders=1)
    sender.send(b"one\n")
    sender.send(b"two\n")
    with pytest.raises(RuntimeError, match="bulk load failed for 1 documents"):
        sender.close()


def test_the_sender_keeps_a_bounded_number_of_requests_queued():
    sender = BulkSender(FakeEngine([{"errors": False}] * 10), senders=2)
    for body in range(10):
        sender.send(str(body).encode())
        assert len(sender.inflight) <= sender.limit == 4
        assert all(isinstance(future, Future) for future in sender.inflight)
    sender.close()
    assert not sender.inflight


def test_a_building_index_has_no_refresh_no_replica_and_an_async_translog(settings):
    settings.SEARCH_INDEX_REPLICAS = 1
    building = index_body(building=True)["settings"]
    assert (building["refresh_interval"], building["number_of_replicas"]) == ("-1", 0)
    assert building["translog"] == {"durability": "async"}
    assert built_settings() == {
        "number_of_replicas": 1,
        "refresh_interval": "1s",
        "translog": {"durability": "request"},
    }
    assert index_body()["settings"]["refresh_interval"] == "1s"


@pytest.mark.engine
@pytest.mark.django_db
def test_the_rebuilt_index_holds_the_same_documents_with_its_normal_settings_back(institution_page):
    data = build_small_set(institution_page)
    mark = outbox_high_water_mark()
    assert mark > 1  # the listings' outbox rows
    report = index_rebuild()
    assert report.documents == {ACHIEVEMENT: 10, NEED: 4, "percolator": 4, "challenge": 0}
    engine = get_engine()
    for kind in (ACHIEVEMENT, NEED, "percolator"):
        name = report.indices[kind]
        index = engine.client.indices.get_settings(index=name)[name]["settings"]["index"]
        assert (index["refresh_interval"], index["number_of_replicas"]) == ("1s", "0")
        assert index["translog"]["durability"] == "request"
    page = data["graphene-coating"]
    stored = engine.client.get(index=alias_name(ACHIEVEMENT), id=page.pk)
    assert stored["_source"] == json.loads(json.dumps(achievement_document(page.specific)))
    assert stored["_version"] == mark  # the rebuild writes the outbox high-water mark as the external version
    mapping = engine.client.indices.get_mapping(index=report.indices[ACHIEVEMENT])[report.indices[ACHIEVEMENT]]
    fields = mapping["mappings"]["properties"]
    assert fields["glossary_text"]["index"] is False  # read from _source only
    assert fields["title"]["index_options"] == "freqs" and fields["summary_words"]["index_options"] == "freqs"


@pytest.mark.engine
@pytest.mark.django_db
def test_the_rebuild_merges_the_new_listing_indices_in_the_background(institution_page, monkeypatch):
    build_small_set(institution_page)
    engine = get_engine(background=True)
    started = []
    real = type(engine).merge_in_background

    def recording(self, index, **kwargs):
        started.append(index)
        return real(self, index, **kwargs)  # the real engine accepts it and returns at once

    monkeypatch.setattr(type(engine), "merge_in_background", recording)
    report = index_rebuild()
    assert started == [f"{report.indices[ACHIEVEMENT]},{report.indices[NEED]}"]
    assert engine.indices_for_alias(alias_name(ACHIEVEMENT)) == [report.indices[ACHIEVEMENT]]


@pytest.mark.engine
@pytest.mark.django_db
def test_a_merge_that_cannot_start_does_not_fail_the_rebuild(institution_page, monkeypatch):
    from search.engine import EngineUnavailable

    build_small_set(institution_page)
    engine = get_engine(background=True)

    def refused(self, index, **kwargs):
        raise EngineUnavailable("merge refused")

    monkeypatch.setattr(type(engine), "merge_in_background", refused)
    report = index_rebuild()
    assert report.documents[ACHIEVEMENT] == 10
    assert engine.indices_for_alias(alias_name(ACHIEVEMENT)) == [report.indices[ACHIEVEMENT]]
