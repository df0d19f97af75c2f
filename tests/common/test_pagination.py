"""The cached count's key: what is counted decides it, not what is shown (common/pagination.py)."""

import pytest
from django.db import connection

from common import pagination
from marketplace.models import AchievementPage
from marketplace.selectors import achievements_for_listing

pytestmark = pytest.mark.django_db


def test_the_count_key_ignores_ordering_and_shown_annotations_but_not_filters():
    listed = AchievementPage.objects.listed()
    key = pagination._count_key(listed)
    assert pagination._count_key(listed.order_by("title")) == key
    assert pagination._count_key(achievements_for_listing(listed)) == key  # the cards' JSON terms count nothing
    assert pagination._count_key(listed.filter(trl__gte=6)) != key
    assert pagination._count_key(listed.filter(trl__gte=7)) != pagination._count_key(listed.filter(trl__gte=6))


@pytest.mark.postgres
def test_a_large_table_is_remembered_and_a_small_one_asked_again(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("the planner's row estimate is PostgreSQL's")
    monkeypatch.setattr(pagination, "_large_tables", {})
    listed = AchievementPage.objects.listed()
    assert pagination.is_large_table(listed) is False
    assert pagination._large_tables == {}  # small: not remembered, so growth is noticed at once
    monkeypatch.setattr(pagination, "LARGE_TABLE_ROWS", -1)  # an unanalysed table estimates -1 rows
    assert pagination.is_large_table(listed) is True
    monkeypatch.setattr(pagination, "LARGE_TABLE_ROWS", 10**12)
    assert pagination.is_large_table(listed) is True  # remembered for a few minutes without asking again
