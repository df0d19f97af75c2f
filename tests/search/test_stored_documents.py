"""Stored index documents (search.docstore): the outbox worker keeps each document it builds, a rebuild sends the
stored bytes while their stamp matches the database and builds again exactly those whose inputs changed — a term's
label, an organisation's name, the glossary, a new revision — so the index stays what the database says."""

from __future__ import annotations

import orjson
import pytest

from accounts.models import Organisation
from marketplace.models import AchievementPage, InstitutionPage, TechnologyNeed
from search import docstore, sync
from search.documents import ACHIEVEMENT, NEED, alias_name
from search.engine import get_engine
from search.models import ListingDocument
from search.services import index_check, index_rebuild
from search.sync import drain
from taxonomy.models import GlossaryTerm, TechnicalField
from tests.factories import InstitutionFactory, make_institution_page
from tests.search.factories import build_small_set, built_once, fresh

pytestmark = [pytest.mark.engine, pytest.mark.django_db]


INSTITUTION = "测试石墨烯研究院"  # the name the suite's ``institution`` fixture gives


def _build_with_institution_page():
    """What the ``institution_page`` fixture gives, then the small set under it."""
    return build_small_set(make_institution_page(InstitutionFactory(name=INSTITUTION)))


@pytest.fixture(scope="module")
def _small_set(django_db_setup, django_db_blocker):
    """The small set is written to the database once for the module (its outbox rows stay pending there); each test
    drains them into its own fresh indices, and its transaction, drained rows and stored documents included, rolls
    back afterwards (as in test_engine.py)."""
    with built_once(django_db_blocker, _build_with_institution_page) as out:
        yield out


@pytest.fixture
def institution(_small_set, db) -> Organisation:
    return Organisation.objects.get(name=INSTITUTION)


@pytest.fixture
def institution_page(_small_set, db):
    return InstitutionPage.objects.get(organisation__name=INSTITUTION)


@pytest.fixture
def data(_small_set, db):
    out = fresh(_small_set)
    drain()  # incremental indexing: the worker indexes every listing and keeps its document
    return out


def indexed(kind: str) -> dict[int, dict]:
    """object_id → _source of every document behind the kind's alias."""
    engine = get_engine()
    alias = alias_name(kind)
    engine.refresh(alias)
    hits = engine.search(alias, {"size": 100, "query": {"match_all": {}}})["hits"]["hits"]
    return {int(hit["_id"]): hit["_source"] for hit in hits}


def stored(kind: str, pk: int) -> dict:
    return orjson.loads(ListingDocument.objects.get(kind=kind, object_id=pk).source)


def test_the_worker_keeps_the_documents_it_indexes_and_forgets_withdrawn_ones(data):
    assert ListingDocument.objects.filter(kind=ACHIEVEMENT).count() == 10
    assert ListingDocument.objects.filter(kind=NEED).count() == 4
    assert ListingDocument.objects.filter(kind="percolator").count() == 4
    page = data["mushroom"]
    assert stored(ACHIEVEMENT, page.pk) == indexed(ACHIEVEMENT)[page.pk]
    page.unpublish()
    drain()
    assert not ListingDocument.objects.filter(kind=ACHIEVEMENT, object_id=page.pk).exists()
    assert ListingDocument.objects.filter(kind=ACHIEVEMENT).count() == 9
    other = data["graphene-film"]
    with sync.suspended():  # withdrawn while no worker ran: the next rebuild forgets its document
        other.unpublish()
    report = index_rebuild()
    assert report.documents[ACHIEVEMENT] == 8 and report.built[ACHIEVEMENT] == 0
    assert ListingDocument.objects.filter(kind=ACHIEVEMENT).count() == 8


def test_a_rebuild_from_stored_documents_equals_incremental_indexing(data):
    incremental = {kind: indexed(kind) for kind in (ACHIEVEMENT, NEED, "percolator")}
    assert len(incremental[ACHIEVEMENT]) == 10 and len(incremental["percolator"]) == 4
    report = index_rebuild()
    assert report.built == {ACHIEVEMENT: 0, NEED: 0}  # every document was sent as stored
    assert {kind: indexed(kind) for kind in incremental} == incremental
    report = index_rebuild(fresh=True)  # every document built again from the database: still the same
    assert report.built == {ACHIEVEMENT: 10, NEED: 4}
    assert {kind: indexed(kind) for kind in incremental} == incremental
    assert index_check().ok


def test_a_term_label_change_rebuilds_the_documents_that_carry_it_and_only_those(data):
    field = TechnicalField.objects.get(code="materials")
    carrying = set(AchievementPage.objects.live().filter(technical_field=field).values_list("pk", flat=True))
    assert 2 <= len(carrying) < 10
    index_rebuild()
    field.name = "新材料(更名)"
    field.save()  # a label edited by staff: no outbox row, no new revision
    report = index_rebuild()
    assert report.built[ACHIEVEMENT] == len(carrying)
    documents = indexed(ACHIEVEMENT)
    assert {pk for pk, doc in documents.items() if doc["technical_field_name"] == "新材料(更名)"} == carrying
    assert all(stored(ACHIEVEMENT, pk)["technical_field_name"] == "新材料(更名)" for pk in carrying)
    assert index_rebuild().built[ACHIEVEMENT] == 0  # kept with the new stamp


def test_an_organisation_rename_reaches_the_documents_of_its_listings(data):
    need = data["phone-heat"]
    enterprise = need.enterprise
    own = TechnologyNeed.objects.published().filter(enterprise=enterprise).count()
    assert own >= 2
    enterprise.name = "三明测试电子集团有限公司"
    enterprise.save()
    report = index_rebuild()
    assert report.built[NEED] == own
    assert indexed(NEED)[need.pk]["organisation_name"] == "三明测试电子集团有限公司"


def test_a_glossary_change_reaches_every_document(data):
    page = data["graphene-film"]  # its title names 散热膜
    assert "HSFX" not in indexed(ACHIEVEMENT)[page.pk]["glossary_text"].split()
    term = GlossaryTerm.objects.get(term_zh="散热膜")
    term.abbreviations = "HSFX"
    term.save()  # staff edit a glossary entry
    report = index_rebuild()
    assert report.built == {ACHIEVEMENT: 10, NEED: 4}  # the expansion of any text may change
    assert "HSFX" in indexed(ACHIEVEMENT)[page.pk]["glossary_text"].split()
    assert "HSFX" in stored(ACHIEVEMENT, page.pk)["glossary_text"].split()
    assert index_rebuild().built == {ACHIEVEMENT: 0, NEED: 0}


def test_a_change_the_index_missed_is_found_by_check_and_mended_by_the_rebuild(data):
    page = data["graphene-coating"].specific
    with sync.suspended():  # no outbox row: the index and the stored document both miss the change
        page.title = "石墨烯重防腐涂料(第二代)"
        page.save_revision().publish()
    report = index_check()
    assert report.stale[ACHIEVEMENT] == [page.pk]
    assert index_rebuild().built[ACHIEVEMENT] == 1  # its revision moved: the stored document is stale
    assert indexed(ACHIEVEMENT)[page.pk]["title"] == "石墨烯重防腐涂料(第二代)"
    assert index_check().ok


def test_a_document_stored_after_the_stamps_were_read_is_built_again(data, monkeypatch):
    page = data["mushroom"]
    real_read = docstore.read

    def read_with_a_newer_row(kind, ids):
        rows = real_read(kind, ids)
        if kind == ACHIEVEMENT and page.pk in rows:
            rows[page.pk] = ("a-stamp-written-meanwhile", b'{"title": "not this one"}')
        return rows

    monkeypatch.setattr(docstore, "read", read_with_a_newer_row)
    report = index_rebuild()
    assert report.built[ACHIEVEMENT] == 1
    assert indexed(ACHIEVEMENT)[page.pk]["title"] == page.title
