"""Integration tests against the real engine (OpenSearch 2.19 here; SEARCH_URL). They fail under CI=true when
the engine is missing (see conftest)."""

from __future__ import annotations

import threading

import pytest
from django.core.management import call_command

from marketplace.events import announce_need_changed
from marketplace.models import InstitutionPage, TechnologyNeed
from search import sync
from search.documents import ACHIEVEMENT, NEED, alias_name
from search.engine import get_engine
from search.matching import match_floor, matches_for_achievement, matches_for_need
from search.models import SearchOutbox
from search.searching import SearchParams, search_listings
from search.services import index_check, index_create_missing, index_rebuild
from taxonomy.models import TechnicalField
from tests.factories import InstitutionFactory, NeedFactory, make_achievement, make_institution_page
from tests.search.factories import build_small_set, built_once, fresh

pytestmark = [pytest.mark.engine, pytest.mark.django_db]

INSTITUTION = "测试石墨烯研究院"  # the name the suite's ``institution`` fixture gives


def drain():
    sync.drain_all()
    engine = get_engine()
    for kind in (ACHIEVEMENT, NEED, "percolator"):
        engine.refresh(alias_name(kind))


def external_ids(hits):
    return [h.external_id for h in hits]


def search(q="", **filters):
    return search_listings(SearchParams(q=q, filters=filters))


def _build_with_institution_page():
    """What the ``institution_page`` fixture gives, then the small set under it."""
    return build_small_set(make_institution_page(InstitutionFactory(name=INSTITUTION)))


@pytest.fixture(scope="module")
def _small_set(django_db_setup, django_db_blocker):
    """The small set is written to the database once for the module (its outbox rows stay pending there); each test
    drains them into its own fresh indices, and its transaction, drained rows included, rolls back afterwards."""
    with built_once(django_db_blocker, _build_with_institution_page) as out:
        yield out


@pytest.fixture
def institution_page(_small_set, db):
    return InstitutionPage.objects.get(organisation__name=INSTITUTION)


@pytest.fixture
def data(_small_set, db):
    out = fresh(_small_set)
    drain()
    return out


def test_indices_are_strict_single_shard_and_behind_aliases(data):
    engine = get_engine()
    names = engine.indices_for_alias(alias_name(ACHIEVEMENT))
    assert len(names) == 1 and names[0].startswith(alias_name(ACHIEVEMENT) + "-")
    index = engine.client.indices.get(index=names[0])[names[0]]
    assert index["mappings"]["dynamic"] == "strict"
    assert index["settings"]["index"]["number_of_shards"] == "1"
    assert index["settings"]["index"]["number_of_replicas"] == "0"
    refused = engine.bulk(
        [{"_op_type": "index", "_index": alias_name(ACHIEVEMENT), "_id": "x", "_source": {"surprise": 1}}]
    )
    assert refused[0]["status"] == 400
    assert refused[0]["error"]["type"] == "strict_dynamic_mapping_exception"
    assert index_create_missing() == []  # idempotent: everything exists already


def test_chinese_analysis(data):
    assert "ach-image-recognition" in external_ids(search("图像识别").hits)
    analyzed = get_engine().client.indices.analyze(
        index=alias_name(ACHIEVEMENT), body={"field": "title", "text": "PVDF膜用于5G与LiFePO4"}
    )
    tokens = {t["token"] for t in analyzed["tokens"]}
    assert {"pvdf", "5g", "lifepo4"} <= tokens
    assert external_ids(search("PVDF").hits)[0] == "ach-pvdf-binder"
    assert external_ids(search("LiFePO4").hits)[0] == "ach-lfp-cathode"
    assert "ach-5g-filter" in external_ids(search("5G").hits)
    # One-character and two-character queries.
    assert "ach-mushroom" in external_ids(search("菌").hits)
    assert external_ids(search("涂料").hits)[0] == "ach-graphene-coating"


def test_search_facets_highlight_and_pagination(data):
    results = search("石墨烯")
    assert results.basic_mode is False
    assert {"ach-graphene-film", "ach-graphene-coating", "need-phone-heat"} <= set(external_ids(results.hits))
    assert any("<mark>" in hit.snippet for hit in results.hits)
    fields = {b.value: b.count for b in results.facets["technical_field"]}
    assert fields["materials"] >= 3
    chains = {b.value for b in results.facets["industry_chain"]}
    assert {"GRA", "GRA.02"} <= chains
    only_needs = search("石墨烯", kind="need")
    assert external_ids(only_needs.hits) == ["need-phone-heat"]
    by_chain = search("", industry_chain="GRA")
    assert {h.external_id for h in by_chain.hits} == {"ach-graphene-film", "ach-graphene-coating", "need-phone-heat"}
    everything = search_listings(SearchParams(q="", page=2))
    assert everything.total == 14 and len(everything.hits) == 4


def test_outbox_sync_on_publish_unpublish_delete_and_drafts(institution_page, data):
    page = make_achievement(
        institution_page, title="钙钛矿太阳能电池封装", summary="钙钛矿组件封装工艺。", publish=False
    )
    drain()
    assert "钙钛矿太阳能电池封装" not in [h.title for h in search("钙钛矿").hits]  # a draft never leaks
    page.save_revision().publish()
    drain()
    assert [h.title for h in search("钙钛矿").hits] == ["钙钛矿太阳能电池封装"]
    page.refresh_from_db()  # publish() worked on the revision's copy; this instance still says live=False
    page.title = "钙钛矿太阳能电池封装(新版草稿)"
    page.save_revision()
    drain()
    assert [h.title for h in search("钙钛矿").hits] == ["钙钛矿太阳能电池封装"]  # still the published revision
    page.unpublish()
    drain()
    assert search("钙钛矿").hits == []
    page.save_revision().publish()
    drain()
    page.delete()
    drain()
    assert search("钙钛矿").hits == []
    assert not SearchOutbox.objects.filter(processed_at__isnull=True).exists()


def test_need_status_changes_follow_the_index(data):
    need = data["battery-life"]
    need.status = TechnologyNeed.Status.CLOSED
    need.save()
    announce_need_changed(need)  # as the services do
    drain()
    assert "need-battery-life" not in external_ids(search("储能").hits)
    need.status = TechnologyNeed.Status.PUBLISHED
    need.save()
    announce_need_changed(need)
    drain()
    assert "need-battery-life" in external_ids(search("储能").hits)


def test_external_versioning_rejects_a_stale_write(data):
    page = data["graphene-film"]
    engine = get_engine()
    newer = sync.achievement_changed(page)
    drain()
    stale = {
        "_op_type": "index",
        "_index": alias_name(ACHIEVEMENT),
        "_id": page.pk,
        "version": newer.pk - 1,
        "_source": {"kind": "achievement", "object_id": page.pk, "title": "旧标题"},
    }
    result = engine.bulk([stale], refresh=True)
    assert result[0]["status"] == 409
    assert search("高导热石墨烯").hits[0].title == page.title


def test_matching_reasons_and_floor(data):
    matches = matches_for_need(data["phone-heat"])
    assert matches[0].external_id == "ach-graphene-film"
    assert {"title_text", "keywords", "body_text"} <= set(matches[0].clauses)
    text = " ".join(matches[0].reasons)
    assert "共同关键词" in text and "同属产业链环节" in text and "同属技术领域" in text and "TRL 7" in text
    assert all(m.score >= match_floor() for m in matches)
    assert [m for m in matches_for_need(data["space-travel"]) if m.recommended] == []
    assert matches_for_need(data["battery-life"])[0].external_id == "ach-lfp-cathode"
    assert matches_for_need(data["defect-detection"])[0].external_id == "ach-image-recognition"
    assert matches_for_achievement(data["lfp-cathode"])[0].external_id == "need-battery-life"


def test_engine_bridges_languages_through_the_glossary(data):
    from search.services import index_rebuild
    from tests.factories import make_achievement

    page = make_achievement(
        title="Cemented carbide end mills for titanium alloys",
        summary="Ultrafine-grain cemented carbide end mills with TiAlN coating; tool life doubled in Ti-6Al-4V milling.",
        technical_field=TechnicalField.objects.get(code="materials"),
        external_id="ach-carbide-en",
    )
    need = NeedFactory(title="钛合金铣削用硬质合金刀具", problem="钛合金零件铣削时刀具磨损快,寻求长寿命硬质合金刀具。")
    index_rebuild()
    matches = matches_for_need(need)
    english = next(m for m in matches if m.external_id == "ach-carbide-en")
    assert english.recommended and matches.index(english) <= 1  # beside the Chinese carbide-coating listing
    assert any("术语对照" in r and "cemented carbide" in r for r in english.reasons)
    assert need.pk in [m.object_id for m in matches_for_achievement(page, include_private=True)]


def test_rebuild_swaps_alias_while_search_keeps_answering(data):
    engine = get_engine()
    old = engine.indices_for_alias(alias_name(ACHIEVEMENT))
    answers, stop = [], threading.Event()

    def keep_searching():
        while not stop.is_set():
            response = engine.search(alias_name(ACHIEVEMENT), {"query": {"match": {"title": "石墨烯"}}})
            answers.append(response["hits"]["total"]["value"])

    searcher = threading.Thread(target=keep_searching)
    searcher.start()
    try:
        report = index_rebuild()
        report2 = index_rebuild()
    finally:
        stop.set()
        searcher.join()
    assert answers and min(answers) == 2  # never empty, never an error
    assert report.documents[ACHIEVEMENT] == 10 and report.documents[NEED] == 4
    new = engine.indices_for_alias(alias_name(ACHIEVEMENT))
    assert new == [report2.indices[ACHIEVEMENT]] and new != old
    assert not engine.index_exists(old[0])
    assert index_check().ok


def test_rebuild_replays_changes_written_during_the_load(data, monkeypatch):
    from search import docstore

    real_read = docstore.read
    page = data["mushroom"]

    def read_and_meanwhile_edit(kind, ids):
        # The drain kept every document: the rebuild reads them from the table (built nothing again).
        loaded = real_read(kind, ids)
        if not SearchOutbox.objects.filter(object_id=page.pk, kind="achievement", processed_at__isnull=True).exists():
            page.title = "食用菌工厂化栽培技术(第二版)"
            page.save_revision().publish()  # a change while the new index is being loaded
        return loaded

    monkeypatch.setattr(docstore, "read", read_and_meanwhile_edit)
    report = index_rebuild()
    assert report.built == {ACHIEVEMENT: 0, NEED: 0}
    assert report.replayed >= 1
    get_engine().refresh(alias_name(ACHIEVEMENT))
    assert search("食用菌").hits[0].title == "食用菌工厂化栽培技术(第二版)"


def test_check_reports_missing_and_stale(data, capsys):
    engine = get_engine()
    assert index_check().ok
    engine.client.delete(index=alias_name(ACHIEVEMENT), id=data["mushroom"].pk, refresh=True)
    page = data["graphene-coating"]
    type(page).objects.filter(pk=page.pk).update(title="改过但未同步的标题")
    report = index_check()
    assert report.missing[ACHIEVEMENT] == [data["mushroom"].pk]
    assert report.stale[ACHIEVEMENT] == [page.pk]
    with pytest.raises(Exception, match="不一致"):
        call_command("search_index", "--check")
    call_command("search_index", "--rebuild")
    call_command("search_index", "--check")
    assert "一致" in capsys.readouterr().out


def test_api_and_pages_on_the_engine(client, data, user_bureau_staff):
    payload = client.get("/api/v1/search/", {"q": "图像识别"}).json()
    assert payload["basic_mode"] is False
    assert payload["results"][0]["external_id"] == "ach-image-recognition"
    body = client.get("/search/", {"q": "石墨烯"}).content.decode()
    assert "高导热石墨烯散热膜制备技术" in body and "<mark>" in body and "基础模式" not in body
    client.force_login(user_bureau_staff)
    matches = client.get(f"/api/v1/needs/{data['phone-heat'].pk}/matches/").json()
    assert matches["basic_mode"] is False and matches["results"][0]["external_id"] == "ach-graphene-film"
    page = client.get(f"/search/needs/{data['phone-heat'].pk}/matches/").content.decode()
    assert "高导热石墨烯散热膜制备技术" in page and "同属产业链环节" in page
