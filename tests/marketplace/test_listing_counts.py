"""Public listing totals: pagination and the cached count of a large table, on data each test builds itself (no
other achievement may exist here, unlike in test_listings.py whose catalogue is built once per module)."""

import pytest

from tests.factories import make_achievement

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _forget_large_tables():
    """Which tables are large is remembered per process for minutes; a test that made the achievements' table
    large (test_large_table_estimate_reads_postgresql_statistics) must not make another's small table large."""
    from common import pagination

    pagination._large_tables.clear()
    yield
    pagination._large_tables.clear()


def titles(response) -> set[str]:
    return {page.title for page in response.context["achievements"]}


def test_pagination(client, institution_page):
    for number in range(14):
        make_achievement(institution_page, title=f"成果{number:02d}")
    first = client.get("/achievements/?field=materials")
    second = client.get("/achievements/?field=materials&page=2")
    assert len(first.context["achievements"]) == 12 and len(second.context["achievements"]) == 2
    assert titles(first).isdisjoint(titles(second))
    assert "field=materials&amp;page=2" in first.content.decode()


def test_html_listing_reuses_the_count_of_a_large_table_and_shows_fresh_rows(monkeypatch, client, institution_page):
    """The page numbers' exact COUNT(*) was most of the listing's time at 100,000 rows: on a large table the
    listing shares the API's cached count; small tables always count exactly."""
    from django.core.cache import cache

    from common import pagination

    cache.clear()
    make_achievement(institution_page, title="第一项成果")
    make_achievement(institution_page, title="第二项成果")
    assert "共 2 项成果" in client.get("/achievements/").content.decode()
    make_achievement(institution_page, title="第三项成果")
    assert "共 3 项成果" in client.get("/achievements/").content.decode()  # small: always exact
    monkeypatch.setattr(pagination, "is_large_table", lambda queryset: True)
    assert "共 3 项成果" in client.get("/achievements/").content.decode()  # counted once, now cached
    make_achievement(institution_page, title="第四项成果")
    page = client.get("/achievements/").content.decode()
    assert "共 3 项成果" in page and "第四项成果" in page  # the cached total for a minute; the rows are fresh
    cache.clear()


def test_the_filters_panel_says_set_only_when_a_filter_is(client, institution_page):
    """Turning to page 2 sets no filter: the collapsed panel must not claim one is set (it did, as the form was
    bound by any query string)."""
    for number in range(14):
        make_achievement(institution_page, title=f"成果{number:02d}")
    marker = "(已设置)"
    assert marker not in client.get("/achievements/").content.decode()
    assert marker not in client.get("/achievements/?page=2").content.decode()
    assert marker in client.get("/achievements/?trl_min=6").content.decode()
    assert marker in client.get("/achievements/?trl_min=6&page=1").content.decode()
    assert marker not in client.get("/needs/?page=1").content.decode()
