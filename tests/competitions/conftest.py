"""Competition fixtures: a competition open for entries, run by bureau staff."""

import pytest

from .factories import make_competition


@pytest.fixture
def competition(user_bureau_staff):
    return make_competition(user_bureau_staff)
