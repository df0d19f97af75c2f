"""Published events are findable from the public search page (through search's extra result providers)."""

import pytest
from django.urls import reverse
from django.utils import translation

from matchmaking.search_results import event_results
from search import searching

from .factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    """Two published graphene events, one unpublished graphene event (never public), one about something else."""
    fair = make_event(title="石墨烯产业对接会", title_en="Graphene industry fair", summary="石墨烯企业与院所对接。")
    contest = make_event(
        title="石墨烯创新创业大赛",
        title_en="Graphene innovation contest",
        kind="competition",
        summary="石墨烯项目路演。",
    )
    hidden = make_event(title="石墨烯闭门会", summary="石墨烯内部研讨。")
    hidden.unpublish()
    other = make_event(title="氟化工招商会", title_en="Fluorochemicals investment session", summary="氟化工招商。")
    return {"fair": fair, "contest": contest, "hidden": hidden, "other": other}


def test_the_provider_finds_published_events_only(events):
    section = event_results("石墨烯", 5)
    assert {r.title for r in section.results} == {events["fair"].title, events["contest"].title}
    assert all(r.url for r in section.results)
    assert len(event_results("石墨烯", 1).results) == 1
    assert event_results("不存在的词", 5).results == []


def test_the_public_search_page_shows_matching_events(client, events, monkeypatch):
    monkeypatch.setattr(searching, "engine_enabled", lambda: False)  # listings from the database: no index needed
    body = client.get(reverse("search:search"), {"q": "石墨烯"}).content.decode()
    assert "对接活动" in body and events["fair"].url in body and events["contest"].url in body
    assert events["hidden"].title not in body and events["other"].title not in body


def test_english_readers_get_the_english_title(events):
    with translation.override("en"):
        titles = {r.title for r in event_results("graphene", 5).results}
    assert titles == {"Graphene industry fair", "Graphene innovation contest"}
