"""The database matcher (basic mode): same clauses, boosts and segmentation as the engine, scored in Python."""

import pytest

from marketplace.models import TechnologyNeed
from search.matching import match_floor, matches_for_achievement, matches_for_need
from tests.search.factories import built_once, fresh

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _small_set(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker) as out:
        yield out


@pytest.fixture
def data(_small_set, db):
    return fresh(_small_set)


def test_need_finds_the_fitting_achievement_first_with_reasons(data):
    matches = matches_for_need(data["phone-heat"])
    assert matches[0].external_id == "ach-graphene-film"
    reasons = " ".join(matches[0].reasons)
    assert "共同关键词" in reasons and "石墨烯" in reasons
    assert "同属产业链环节" in reasons
    assert "TRL 7" in reasons
    assert all(m.score >= match_floor(basic=True) for m in matches)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


@pytest.mark.parametrize(
    ("need", "best"),
    [("battery-life", "ach-lfp-cathode"), ("defect-detection", "ach-image-recognition")],
)
def test_each_need_gets_its_obvious_match(data, need, best):
    assert matches_for_need(data[need])[0].external_id == best


def test_nothing_fits_means_nothing_is_padded(data):
    assert matches_for_need(data["space-travel"]) == []


def test_achievement_to_needs_and_bureau_only_needs_stay_private(data):
    matches = matches_for_achievement(data["lfp-cathode"])
    assert matches[0].external_id == "need-battery-life"
    need = data["battery-life"]
    need.visibility = TechnologyNeed.Visibility.BUREAU_ONLY
    need.save()
    assert "need-battery-life" not in [m.external_id for m in matches_for_achievement(data["lfp-cathode"])]
    assert "need-battery-life" in [
        m.external_id for m in matches_for_achievement(data["lfp-cathode"], include_private=True)
    ]


def test_trl_below_the_need_minimum_lowers_the_score_and_says_so(data):
    page = data["graphene-film"]
    before = matches_for_need(data["phone-heat"])[0].score
    need = data["phone-heat"]
    need.min_trl = 9
    need.save()
    after = next(m for m in matches_for_need(need) if m.external_id == "ach-graphene-film")
    assert after.score < before
    assert any("低于需求的最低要求" in r for r in after.reasons)
    assert page.trl == 7


def test_unpublished_and_expired_achievements_are_not_matched(data):
    data["graphene-film"].unpublish()
    assert "ach-graphene-film" not in [m.external_id for m in matches_for_need(data["phone-heat"])]
