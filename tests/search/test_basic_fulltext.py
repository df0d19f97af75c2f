"""Basic mode retrieves through the database's own full-text index (SQLite FTS5 / PostgreSQL), from text
segmented once per listing version, and re-segments a listing when it changes."""

import pytest
from django.db import connection

from search import listings
from search.matching import database, matches_for_need, terms
from search.models import ListingTerms
from tests.factories import NeedFactory, make_achievement, make_institution_page
from tests.search.factories import build_small_set

pytestmark = pytest.mark.django_db


def _check_retrieval_through_the_index():
    data = build_small_set()
    assert terms.ensure_fresh("achievement") == 10
    assert terms.ensure_fresh("achievement") == 0  # nothing changed: nothing re-segmented
    film = ListingTerms.objects.get(kind="achievement", object_id=data["graphene-film"].pk)
    assert "石墨烯" in film.headline_words.split() and "导热" in film.headline.split()
    assert "graphene" in film.body.split()  # the glossary expansion is stored with the text
    found = terms.retrieve("achievement", "手机 散热膜 graphene")
    assert found[0] == data["graphene-film"].pk
    assert data["space-travel"].pk not in found
    assert terms.retrieve("achievement", "载人航天 生命保障") == []
    return data


def test_sqlite_fts5_retrieves_and_ranks():
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite twin of test_postgres_full_text_retrieves_and_ranks")
    data = _check_retrieval_through_the_index()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM search_listingterms_fts_achievement WHERE search_listingterms_fts_achievement "
            "MATCH '\"石墨烯\"'"
        )
        assert cursor.fetchone()[0] == 2  # the heat-spreading film and the anti-corrosion coating
    assert matches_for_need(data["phone-heat"])[0].external_id == "ach-graphene-film"


@pytest.mark.postgres
def test_postgres_full_text_retrieves_and_ranks():
    data = _check_retrieval_through_the_index()
    assert matches_for_need(data["phone-heat"])[0].external_id == "ach-graphene-film"
    assert matches_for_need(data["battery-life"])[0].external_id == "ach-lfp-cathode"


def test_a_changed_listing_is_segmented_again():
    data = build_small_set(only={"graphene-film", "lfp-cathode"})
    terms.ensure_fresh("achievement")
    page = data["lfp-cathode"]
    page.title = "高压实磷酸铁锂正极材料(钠离子电池兼容)"
    page.save_revision().publish()
    assert terms.ensure_fresh("achievement") == 1
    row = ListingTerms.objects.get(kind="achievement", object_id=page.pk)
    assert "钠离子" in row.headline_words.split() and row.version == str(page.get_latest_revision().pk)
    assert terms.retrieve("achievement", "钠离子") == [page.pk]


def test_a_match_loads_and_scores_only_what_the_index_retrieves(monkeypatch):
    """No pass over every listing: with more listings sharing the need's words than the retrieval limit, a match
    loads and scores only the limit's worth, the ones the full-text index ranks first."""
    parent = make_institution_page()
    for i in range(5):
        make_achievement(
            parent,
            title=f"石墨烯复合材料第{i}代",
            summary="石墨烯粉体分散于树脂基体,用于结构件增强。",
            keywords=["石墨烯"],
            external_id=f"ach-filler-{i}",
        )
    make_achievement(
        parent,
        title="手机散热用石墨烯导热膜",
        summary="石墨烯导热膜用于手机散热,面内导热系数 1500 W/(m·K),芯片热点降低 12 ℃。",
        keywords=["石墨烯", "导热膜", "散热"],
        external_id="ach-film",
    )
    need = NeedFactory(title="手机散热导热膜", problem="手机芯片发热,需要石墨烯导热膜散热。", keywords="导热膜")
    terms.ensure_fresh("achievement")
    everyone = terms.retrieve("achievement", "石墨烯", limit=100)
    assert len(everyone) == 6  # all six share the word: four beyond the limit below

    monkeypatch.setattr(terms, "RETRIEVE", 2)
    database._PROFILE_CACHE.clear()
    loaded, scored = [], []
    shapes, score = listings.shapes, database.db_score

    def loading(kind, ids=None, **kwargs):
        loaded.extend(ids or [])
        return shapes(kind, ids, **kwargs)

    def scoring(source, target, *args, **kwargs):
        if target is not source:
            scored.append(target.object_id)
        return score(source, target, *args, **kwargs)

    monkeypatch.setattr(listings, "shapes", loading)
    monkeypatch.setattr(database, "db_score", scoring)
    matches = matches_for_need(need)
    assert len(loaded) == 2 and sorted(set(scored)) == sorted(loaded)
    assert matches[0].external_id == "ach-film"
    assert len(matches) <= 2
