"""Challenge fixtures: a published challenge with a co-funding enterprise and two applicants."""

import pytest

from .factories import institution_editor, make_challenge


@pytest.fixture(autouse=True)
def _media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _forget_match_profiles():
    """Alerts run the search matcher, which caches profiles by (pk, revision); SQLite reuses both after a
    rollback, so a later module's different achievement with the same ids would get this module's profile."""
    yield
    from search import matching

    matching._PROFILE_CACHE.clear()


@pytest.fixture
def challenge(user_bureau_staff, enterprise_a):
    return make_challenge(user_bureau_staff, co_funders=[enterprise_a])


@pytest.fixture
def applicant_a(db):
    return institution_editor("氟化学研究院")


@pytest.fixture
def applicant_b(db):
    return institution_editor("省外材料大学")
