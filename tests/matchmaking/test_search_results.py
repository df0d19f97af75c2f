"""Published events are findable from the public search page (through search's extra result providers)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from matchmaking.index_cache import public_index
from matchmaking.models import EventIndexPage, EventPage
from matchmaking.search_results import event_results
from search import searching

from ..module_data import IMMEDIATE_TASKS
from .factories import make_event

# The event search reads Wagtail's search index, which Wagtail's tasks keep.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_tasks")]


def _build_events():
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


@pytest.fixture(scope="module")
def _events_once(django_db_setup, django_db_blocker):
    """The events, built once for the module inside a transaction rolled back after it; each test's writes (view
    restrictions, drafts, an unpublished index) roll back to a savepoint, and the suite's _forget_event_index drops
    the cached index after every test."""
    from django.db import transaction
    from django.test import override_settings

    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(TASKS=IMMEDIATE_TASKS):
            events = _build_events()
        yield events
        transaction.set_rollback(True)


@pytest.fixture
def events(_events_once, db):
    return {name: type(page).objects.get(pk=page.pk) for name, page in _events_once.items()}


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


def titles(query: str, limit: int = 5) -> set[str]:
    return {r.title for r in event_results(query, limit).results}


def test_a_private_event_and_a_draft_are_not_leaked(events):
    """A view restriction hides an event; a published event's unpublished draft title is not searchable; an event
    never published is not found."""
    PageViewRestriction.objects.create(page=events["contest"], restriction_type=PageViewRestriction.LOGIN)
    assert titles("石墨烯") == {events["fair"].title}
    fair = EventPage.objects.get(pk=events["fair"].pk)
    fair.title = "石墨烯草稿标题"
    fair.save_revision()  # a draft: the live page keeps its title
    never = EventPage(
        title="石墨烯未发布活动",
        live=False,
        starts_at=fair.starts_at,
        ends_at=fair.ends_at,
        signup_deadline=fair.signup_deadline,
    )
    EventIndexPage.objects.get().add_child(instance=never)
    assert titles("草稿") == set()
    assert titles("未发布") == set()
    assert titles("石墨烯") == {events["fair"].title}


def test_results_are_those_of_the_public_event_queryset(events):
    """The section searches the events under the cached index minus its private sections: the same events, in the
    same order, as Wagtail's search over ``EventPage.objects.listed()`` (what it searched before)."""
    PageViewRestriction.objects.create(page=events["other"], restriction_type=PageViewRestriction.LOGIN)
    for query in ("石墨烯", "对接会", "graphene", "招商", "路演"):
        expected = [e.pk for e in EventPage.objects.listed().search(query)[:5]]
        found = [e.pk for e in public_index().events().search(query)[:5]]
        assert found == expected, query
    section = event_results("石墨烯", 5)
    assert [r.url for r in section.results] == [e.url for e in EventPage.objects.listed().search("石墨烯")[:5]]
    assert len(section.results) == 2


def test_the_section_reads_only_the_events_search_once_the_index_is_cached(events):
    event_results("石墨烯", 5)
    with CaptureQueriesContext(connection) as queries:
        section = event_results("石墨烯", 5)
    assert len(section.results) == 2
    sql = " ".join(q["sql"] for q in queries.captured_queries).lower()
    assert "pageviewrestriction" not in sql and "wagtailcore_site" not in sql
    assert len(queries) == 1  # the search; no index page, view restriction or site root query


def test_the_cached_index_is_forgotten_when_it_is_unpublished_or_restricted(events):
    index = EventIndexPage.objects.get()
    assert event_results("石墨烯", 5).more_url.startswith(index.url)
    index.unpublish()
    assert event_results("石墨烯", 5) is None
    index.save_revision().publish()
    assert titles("石墨烯") == {events["fair"].title, events["contest"].title}
    restriction = PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    assert event_results("石墨烯", 5) is None
    restriction.delete()
    assert len(event_results("石墨烯", 5).results) == 2
