"""The events API and its permission matrix (roles × actions): published events for everyone, own sign-ups,
proposals, schedule and outcomes only, the running of the event for bureau staff."""

from datetime import timedelta

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from common import clock
from matchmaking.models import Meeting, MeetingOutcome
from tests.factories import UserFactory

from .conftest import shared_bureau_staff, shared_fair
from .factories import accept_all, enterprise_user, make_event

pytestmark = pytest.mark.django_db

# Bureau staff and the fair are built once for the module (conftest's _fair_once): fresh copies per test, each
# test's writes roll back to a savepoint.
user_bureau_staff = pytest.fixture(shared_bureau_staff, name="user_bureau_staff")
fair = pytest.fixture(shared_fair, name="fair")


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_public_sees_published_events_only(fair):
    draft = make_event(title="草稿活动")
    draft.unpublish()
    response = api().get("/api/v1/events/")
    assert response.status_code == 200
    ids = {row["id"] for row in response.json()["results"]}
    assert fair.event.pk in ids and draft.pk not in ids
    assert api().get(f"/api/v1/events/{draft.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 401), ("public", 403), ("registrar", 403), ("staff", 403), ("enterprise", 201)],
)
def test_who_may_sign_up(role, expected, user_registrar, user_bureau_staff):
    event = make_event()
    users = {
        "anonymous": None,
        "public": UserFactory(role=User.Role.PUBLIC),
        "registrar": user_registrar,
        "staff": user_bureau_staff,
        "enterprise": enterprise_user("接口企业"),
    }
    response = api(users[role]).post(f"/api/v1/events/{event.pk}/signups/", {"attendees": "甲"}, format="json")
    assert response.status_code == expected


def test_own_signups_meetings_and_schedule_only(fair, user_bureau_staff):
    accept_all(fair, user_bureau_staff)
    own = api(fair.users.battery).get("/api/v1/events/signups/").json()
    assert [row["id"] for row in own] == [fair.signups.battery.pk]
    meetings = api(fair.users.battery).get("/api/v1/events/meetings/").json()
    assert len(meetings) == 1 and meetings[0]["institution"] == "新能源材料研究所"
    lab_meetings = api(fair.users.lab).get("/api/v1/events/meetings/").json()
    assert len(lab_meetings) == 2
    assert api(fair.users.farm).get("/api/v1/events/meetings/").json() == []
    schedule = api(fair.users.cells).get(f"/api/v1/events/{fair.event.pk}/schedule/").json()
    assert len(schedule["meetings"]) == 1
    full = api(user_bureau_staff).get(f"/api/v1/events/{fair.event.pk}/schedule/").json()
    assert len(full["meetings"]) == 2
    assert api(UserFactory(role=User.Role.PUBLIC)).get(f"/api/v1/events/{fair.event.pk}/schedule/").status_code == 403


ACTIONS = ["approve", "propose", "respond", "outcome", "staff_signups"]
MATRIX = {
    # role: {action: expected status}
    "anonymous": {"approve": 401, "propose": 401, "respond": 401, "outcome": 401, "staff_signups": 401},
    "public": {"approve": 404, "propose": 403, "respond": 404, "outcome": 404, "staff_signups": 403},
    "registrar": {"approve": 404, "propose": 403, "respond": 404, "outcome": 404, "staff_signups": 403},
    "other_attendee": {"approve": 404, "propose": 403, "respond": 404, "outcome": 404, "staff_signups": 403},
    "side": {"approve": 404, "propose": 403, "respond": 200, "outcome": 200, "staff_signups": 403},
    "staff": {"approve": 200, "propose": 200, "respond": 403, "outcome": 403, "staff_signups": 200},
}


@pytest.mark.parametrize("role", list(MATRIX))
def test_permission_matrix(role, fair, user_bureau_staff, user_registrar):
    meetings = accept_all(fair, user_bureau_staff)
    meeting = next(m for m in meetings if m.enterprise_signup_id == fair.signups.battery.pk)
    pending = enterprise_user("待批企业")
    from .factories import sign_up

    signup = sign_up(pending, fair.event)
    users = {
        "anonymous": None,
        "public": UserFactory(role=User.Role.PUBLIC),
        "registrar": user_registrar,
        "other_attendee": fair.users.farm,
        "side": fair.users.battery,
        "staff": user_bureau_staff,
    }
    client = api(users[role])
    results = {
        "approve": client.post(f"/api/v1/events/signups/{signup.pk}/approve/", {}, format="json").status_code,
        "propose": client.post(f"/api/v1/events/{fair.event.pk}/propose/", {}, format="json").status_code,
        "respond": client.post(
            f"/api/v1/events/meetings/{meeting.pk}/respond/", {"accept": True}, format="json"
        ).status_code,
        "staff_signups": client.get(f"/api/v1/events/{fair.event.pk}/signups/").status_code,
    }
    with clock.at(fair.event.starts_at + timedelta(hours=2)):
        results["outcome"] = client.post(
            f"/api/v1/events/meetings/{meeting.pk}/outcome/", {"result": "no_interest"}, format="json"
        ).status_code
    assert results == MATRIX[role]
    if role != "side":
        assert not MeetingOutcome.objects.exists()
    assert Meeting.objects.filter(event=fair.event).count() == 2


def test_bad_sign_ups_get_a_clear_answer_and_save_nothing():
    from marketplace.models import TechnologyNeed
    from matchmaking.models import Signup

    from .factories import need_of

    fair = make_event(title="报名规则测试会")
    ours = enterprise_user("报名测试企业甲")
    theirs = enterprise_user("报名测试企业乙")
    foreign = need_of(theirs, status=TechnologyNeed.Status.PUBLISHED)
    url = f"/api/v1/events/{fair.pk}/signups/"

    missing = api(ours).post(url, {}, format="json")
    assert missing.status_code == 400 and "attendees" in str(missing.json())
    borrowed = api(ours).post(url, {"attendees": "张三", "needs": [foreign.pk]}, format="json")
    assert borrowed.status_code == 403 and "本企业" in str(borrowed.json())
    with clock.at(fair.signup_deadline + timedelta(minutes=1)):
        late = api(ours).post(url, {"attendees": "张三"}, format="json")
    assert late.status_code == 409 and "截止" in str(late.json())
    assert not Signup.objects.filter(organisation=ours.organisation).exists()
