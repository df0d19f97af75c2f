"""A need written without any code (no field, no chain, no keywords: the enterprise's own words) is matched in
basic mode, and its best match is the fitting achievement among several of the same field (issue 13)."""

from __future__ import annotations

import pytest

from marketplace import services
from search.matching import matches_for_achievement, matches_for_need
from tests.search.factories import built_once, fresh

pytestmark = pytest.mark.django_db

UNCODED = {
    # need text, the achievement it should find first (its runner-up shares words or field with it)
    "phone-heat": (
        "手机发热问题",
        "我们生产 5G 手机,机身发热严重,想找导热系数高的石墨烯散热膜,替代现在的人工石墨片。",
        "ach-graphene-film",  # not the graphene anti-corrosion coating, though both say 石墨烯
    ),
    "battery": (
        "储能电站电池衰减快",
        "储能电站的锂电池用两年容量就衰减,想找循环寿命更长的磷酸铁锂正极材料。",
        "ach-lfp-cathode",  # not the PVDF binder, though both are about lithium batteries
    ),
}


@pytest.fixture(scope="module")
def _small_set(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker) as out:
        yield out


@pytest.fixture
def data(_small_set, db):
    return fresh(_small_set)


@pytest.fixture
def approved_need(user_enterprise_a, user_bureau_staff):
    def make(title, problem):
        need = services.need_create(user=user_enterprise_a, data={"title": title, "problem": problem}, submit=True)
        return services.need_approve(user=user_bureau_staff, need=need)

    return make


@pytest.mark.parametrize("key", list(UNCODED))
def test_a_need_without_codes_finds_the_fitting_achievement_first(data, approved_need, key):
    title, problem, best = UNCODED[key]
    need = approved_need(title, problem)
    assert need.technical_field is None and need.industry_chain is None and need.keywords == ""
    matches = matches_for_need(need)
    assert len(matches) >= 2
    assert matches[0].external_id == best
    assert matches[0].recommended


def test_the_achievement_finds_the_need_without_codes(data, approved_need):
    title, problem, _best = UNCODED["phone-heat"]
    need = approved_need(title, problem)
    assert need.pk in [m.object_id for m in matches_for_achievement(data["graphene-film"])]


@pytest.mark.engine
@pytest.mark.parametrize("key", list(UNCODED))
def test_the_engine_matches_it_the_same_way(data, approved_need, key):
    from search.services import index_rebuild

    title, problem, best = UNCODED[key]
    need = approved_need(title, problem)
    index_rebuild()
    matches = matches_for_need(need)
    assert matches.mode == "engine"
    assert matches[0].external_id == best
