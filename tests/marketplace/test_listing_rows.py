"""The unfiltered listing's rows: compiled once per day and page, read fresh (marketplace.selectors.achievement_rows)."""

import datetime as dt

import pytest
from django.utils import timezone

from marketplace import selectors
from tests.factories import make_achievement

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_memory():
    selectors._listing_compilations.clear()
    yield
    selectors._listing_compilations.clear()


def titles(response) -> list[str]:
    return [page.title for page in response.context["achievements"]]


def test_the_unfiltered_listing_is_compiled_once_per_page_and_shows_new_rows(client, institution_page):
    for number in range(13):
        make_achievement(institution_page, title=f"成果{number:02d}")
    first = client.get("/achievements/")
    assert len(selectors._listing_compilations) == 1
    make_achievement(institution_page, title="刚刚发布的成果")
    second = client.get("/achievements/")
    assert titles(second)[0] == "刚刚发布的成果" and titles(second)[1:] == titles(first)[:11]
    assert len(selectors._listing_compilations) == 1
    assert len(titles(client.get("/achievements/?page=2"))) == 2
    assert len(selectors._listing_compilations) == 2


def test_a_filtered_listing_is_compiled_as_usual(client, institution_page):
    make_achievement(institution_page, title="成熟成果", trl=8)
    make_achievement(institution_page, title="早期成果", trl=3)
    assert titles(client.get("/achievements/?trl_min=6")) == ["成熟成果"]
    assert titles(client.get("/achievements/?trl_min=6&page=1")) == ["成熟成果"]
    assert len(selectors._listing_compilations) == 0
    assert set(titles(client.get("/achievements/"))) == {"成熟成果", "早期成果"}


def test_an_achievement_leaves_the_listing_the_day_after_its_expiry(monkeypatch, client, institution_page):
    """The expiry filter's date is part of the remembered SQL: the next day is compiled anew."""
    today = timezone.localdate()
    for number in range(13):  # a full first page both days: the same slice of rows
        make_achievement(institution_page, title=f"长期有效的成果{number:02d}")
    make_achievement(institution_page, title="今天到期的成果", valid_until=today)
    assert titles(client.get("/achievements/"))[0] == "今天到期的成果"
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: today + dt.timedelta(days=1))
    shown = titles(client.get("/achievements/"))
    assert len(shown) == 12 and "今天到期的成果" not in shown
    assert len(selectors._listing_compilations) == 2
