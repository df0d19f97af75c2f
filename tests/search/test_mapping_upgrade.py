"""Indices created before a mapping field was added keep working: ``ensure_indices`` adds the field to the live
indices before the first write (their mapping is strict), and matching reads documents with or without it."""

from __future__ import annotations

import pytest

from search import sync
from search.documents import ACHIEVEMENT, MENTIONS_FIELD, achievement_document, alias_name, index_body
from search.engine import get_engine
from search.indices import ensure_indices, new_index_name
from search.matching import matches_for_need
from tests.factories import NeedFactory, make_achievement
from tests.search.test_engine import drain

pytestmark = [pytest.mark.engine, pytest.mark.django_db]


def _old_index_body(kind: str) -> dict:
    body = index_body(kind=kind)
    del body["mappings"]["properties"][MENTIONS_FIELD]
    return body


def _mapped_fields(engine, alias: str) -> set[str]:
    mappings = engine.client.indices.get_mapping(index=alias)
    return {field for index in mappings.values() for field in index["mappings"]["properties"]}


def test_an_index_created_before_the_mentions_field_gets_it_and_takes_new_documents(institution_page):
    engine = get_engine(background=True)
    for kind in (ACHIEVEMENT, "need", "percolator"):
        name = new_index_name(kind)
        engine.create_index(name, _old_index_body(kind))
        engine.swap_alias(alias_name(kind), name, [])
    alias = alias_name(ACHIEVEMENT)
    assert MENTIONS_FIELD not in _mapped_fields(engine, alias)
    # An old document, as the index holds it before the upgrade (no mentions in _source).
    with sync.suspended():
        page = make_achievement(institution_page, title="PTFE 覆膜滤料", summary="采用聚四氟乙烯微孔膜,耐高温滤袋。")
    old = achievement_document(page)
    assert old.pop(MENTIONS_FIELD)["glossary"]
    engine.bulk([{"_op_type": "index", "_index": alias, "_id": page.pk, "_source": old}], refresh=True)
    # Without the upgrade the strict mapping refuses a document that carries the field.
    refused = engine.bulk(
        [{"_op_type": "index", "_index": alias, "_id": page.pk, "_source": achievement_document(page)}]
    )
    assert "strict" in str(refused[0].get("error"))
    sync._ENSURED.clear()
    ensure_indices()
    for kind in (ACHIEVEMENT, "need", "percolator"):
        assert MENTIONS_FIELD in _mapped_fields(engine, alias_name(kind))
    ensure_indices()  # once per process; and a second put of the same field is accepted
    sync._ENSURED.clear()
    ensure_indices()

    second = make_achievement(institution_page, title="聚四氟乙烯滤袋", summary="PTFE 覆膜滤袋,用于垃圾焚烧烟气。")
    need = NeedFactory(title="PTFE 滤袋", problem="垃圾焚烧烟气除尘需要耐高温的 PTFE 覆膜滤袋。")
    drain()  # the outbox writes documents carrying the mentions into the upgraded indices
    sources = {
        hit["_source"]["object_id"]: hit["_source"]
        for hit in engine.search(alias_name(ACHIEVEMENT), {"query": {"match_all": {}}})["hits"]["hits"]
    }
    assert {page.pk, second.pk} <= set(sources)
    assert sources[second.pk][MENTIONS_FIELD]["glossary"]  # PTFE / 聚四氟乙烯
    assert MENTIONS_FIELD not in sources[page.pk]  # the old document, read and matched as before
    matches = matches_for_need(need)
    assert matches.mode == "engine" and {page.pk, second.pk} <= {m.object_id for m in matches}
