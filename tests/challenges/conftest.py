"""Challenge fixtures: a published challenge with a co-funding enterprise and two applicants."""

import pytest

from .factories import institution_editor, make_challenge


@pytest.fixture(autouse=True)
def _media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def challenge(user_bureau_staff, enterprise_a):
    return make_challenge(user_bureau_staff, co_funders=[enterprise_a])


@pytest.fixture
def applicant_a(db):
    return institution_editor("氟化学研究院")


@pytest.fixture
def applicant_b(db):
    return institution_editor("省外材料大学")
