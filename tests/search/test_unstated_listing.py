"""A listing that states no TRL, field or chain (a real imported one) is indexed, found and matched, in both modes."""

from __future__ import annotations

import pytest

from search.matching import matches_for_need
from search.searching import SearchParams, search_listings
from search.services import index_rebuild
from tests.factories import NeedFactory, make_achievement

pytestmark = pytest.mark.django_db


@pytest.fixture
def unstated_and_need(institution_page):
    page = make_achievement(
        institution_page,
        title="锂电池硅碳负极材料",
        summary="纳米硅与石墨复合的锂电池负极材料,比容量 650 mAh/g,循环 500 次容量保持率 85%。",
        technical_field=None,
        trl=None,
        external_id="ach-unstated",
        keywords=["硅碳负极", "锂电池"],
    )
    need = NeedFactory(title="提高锂电池负极比容量", problem="需要比容量更高的锂电池负极材料,硅碳负极优先。", min_trl=5)
    return page, need


def test_basic_mode_matches_a_listing_without_field_or_trl(unstated_and_need):
    _page, need = unstated_and_need
    assert "ach-unstated" in [m.external_id for m in matches_for_need(need)]


@pytest.mark.engine
def test_the_engine_indexes_searches_and_matches_it(unstated_and_need):
    _page, need = unstated_and_need
    index_rebuild()
    hits = search_listings(SearchParams(q="硅碳负极", filters={})).hits
    assert [hit.external_id for hit in hits][:1] == ["ach-unstated"] and hits[0].trl is None
    assert "ach-unstated" in [m.external_id for m in matches_for_need(need)]
