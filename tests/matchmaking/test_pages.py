"""Public event list and page, the sign-up form, the attendee's meeting page and the staff page."""

from datetime import timedelta

import pytest
from django.urls import reverse

from common import clock
from matchmaking.models import EventIndexPage, Signup

from .factories import accept_all, enterprise_user, make_event

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("wagtail_tasks")  # the search box reads Wagtail's search index
def test_list_shows_upcoming_and_past_published_events_and_searches(client):
    upcoming = make_event(title="石墨烯创新创业大赛(测试)", kind="competition")
    past = make_event(title="往届中科院成果对接会", starts_at=clock.now() - timedelta(days=60))
    draft = make_event(title="未发布的招商会")
    draft.unpublish()
    index = EventIndexPage.objects.get()
    html = client.get(index.url).content.decode()
    assert upcoming.title in html and past.title in html
    assert draft.title not in html
    assert html.index(upcoming.title) < html.index(past.title)  # upcoming first
    found = client.get(index.url, {"q": "石墨烯"}).content.decode()
    assert upcoming.title in found and past.title not in found


def test_event_page_in_english(client):
    event = make_event()
    client.cookies["django_language"] = "en"
    html = client.get(event.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert event.title_en in html


def test_sign_up_through_the_form(client):
    event = make_event()
    user = enterprise_user("表单企业")
    client.force_login(user)
    response = client.post(reverse("matchmaking:signup", args=[event.pk]), {"attendees": "赵六"})
    assert response.status_code == 302
    assert Signup.objects.get(event=event).status == Signup.Status.PENDING
    bad = client.post(reverse("matchmaking:signup", args=[event.pk]), {"attendees": ""})
    assert bad.status_code == 200  # the form comes back with its message; nothing changed
    assert Signup.objects.get(event=event).attendees == "赵六"


def test_attendee_page_shows_own_schedule(fair, user_bureau_staff, client):
    accept_all(fair, user_bureau_staff)
    client.force_login(fair.users.cells)
    html = client.get(reverse("matchmaking:meetings", args=[fair.event.pk])).content.decode()
    assert "新能源材料研究所" in html
    assert "锂电新能源有限公司" not in html


def test_manage_page_is_staff_only(fair, user_bureau_staff, client):
    client.force_login(fair.users.battery)
    assert client.get(reverse("matchmaking:manage", args=[fair.event.pk])).status_code == 403
    client.force_login(user_bureau_staff)
    html = client.get(reverse("matchmaking:manage", args=[fair.event.pk])).content.decode()
    assert "农业科学研究院" in html
