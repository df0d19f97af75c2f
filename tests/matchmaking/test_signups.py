"""Sign-up rules: own needs or achievements only, the deadline, capacity, the waiting list and its promotion,
cancellation, and the confirmation e-mail with its .ics calendar file."""

from datetime import timedelta

import pytest
from django.core import mail
from icalendar import Calendar

from common import clock
from common.errors import Conflict, NotAllowed
from matchmaking import services
from matchmaking.models import Meeting, Signup

from .factories import approve, enterprise_user, institution_user, make_event, need_of, sign_up

pytestmark = pytest.mark.django_db


def test_capacity_waiting_list_and_promotion_in_order(user_bureau_staff, django_capture_on_commit_callbacks):
    event = make_event(capacity=2)
    users = [enterprise_user(f"报名企业{i}") for i in range(5)]
    first, second = (sign_up(u, event) for u in users[:2])
    assert {first.status, second.status} == {Signup.Status.PENDING}
    approve(user_bureau_staff, first)
    approve(user_bureau_staff, second)
    waiting = [sign_up(u, event) for u in users[2:]]
    assert [s.status for s in waiting] == [Signup.Status.WAITING] * 3
    with pytest.raises(Conflict):
        approve(user_bureau_staff, waiting[0])  # full: capacity counts approved sign-ups
    assert Signup.objects.filter(event=event, status=Signup.Status.APPROVED).count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.signup_cancel(user=users[0], signup=first)
    assert promoted.pk == waiting[0].pk  # the first on the waiting list, not a later one
    statuses = dict(Signup.objects.filter(event=event).values_list("pk", "status"))
    assert statuses[first.pk] == Signup.Status.CANCELLED
    assert statuses[waiting[0].pk] == Signup.Status.APPROVED
    assert [statuses[w.pk] for w in waiting[1:]] == [Signup.Status.WAITING] * 2
    assert Signup.objects.filter(event=event, status=Signup.Status.APPROVED).count() == 2
    assert [m.to for m in mail.outbox] == [[users[2].email]]  # the promoted one is told, with its .ics

    # A waiting sign-up that cancels frees no place: nobody else is promoted.
    assert services.signup_cancel(user=users[3], signup=waiting[1]) is None
    assert Signup.objects.get(pk=waiting[2].pk).status == Signup.Status.WAITING


def test_deadline_closes_sign_ups():
    event = make_event()
    user = enterprise_user("迟到企业")
    with clock.at(event.signup_deadline + timedelta(minutes=1)), pytest.raises(Conflict):
        sign_up(user, event)
    assert not Signup.objects.filter(event=event).exists()
    with clock.at(event.signup_deadline - timedelta(minutes=1)):
        assert sign_up(user, event).status == Signup.Status.PENDING


def test_only_own_needs_and_approved_organisations():
    event = make_event()
    owner = enterprise_user("需求企业")
    other = enterprise_user("别家企业")
    with pytest.raises(NotAllowed):
        sign_up(other, event, needs=[need_of(owner)])
    pending = enterprise_user("待认证企业")
    pending.organisation.status = "pending"
    pending.organisation.save()
    with pytest.raises(NotAllowed):
        sign_up(pending, event)
    assert not Signup.objects.filter(event=event).exists()


def test_signing_up_twice_is_refused_but_after_cancelling_allowed():
    event = make_event()
    user = enterprise_user("重复企业")
    signup = sign_up(user, event)
    with pytest.raises(Conflict):
        sign_up(user, event)
    services.signup_cancel(user=user, signup=signup)
    again = sign_up(user, event)
    assert again.pk == signup.pk and again.status == Signup.Status.PENDING


def test_cancelling_cancels_open_meetings(user_bureau_staff):
    event = make_event()
    company = enterprise_user("取消企业")
    lab = institution_user("取消研究所")
    ours = approve(user_bureau_staff, sign_up(company, event))
    theirs = approve(user_bureau_staff, sign_up(lab, event))
    meeting = services.meeting_request(user=company, event=event, other=theirs)
    services.signup_cancel(user=company, signup=ours)
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.CANCELLED


def test_confirmation_email_carries_an_ics_file(user_bureau_staff, django_capture_on_commit_callbacks):
    event = make_event(place="市科技会展中心 B 厅")
    user = enterprise_user("日历企业", email="calendar@example.cn")
    signup = sign_up(user, event, attendees="李四 技术总监\n王五 工程师")
    with django_capture_on_commit_callbacks(execute=True):
        approve(user_bureau_staff, signup)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["calendar@example.cn"]
    assert "李四 技术总监、王五 工程师" in message.body
    (name, content, mimetype) = message.attachments[0]
    assert name == "event.ics" and mimetype == "text/calendar"
    calendar = Calendar.from_ical(content)
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) == 1
    entry = events[0]
    assert str(entry["summary"]) == event.title
    assert str(entry["location"]) == "市科技会展中心 B 厅"
    assert entry.decoded("dtstart") == event.starts_at
    assert entry.decoded("dtend") == event.ends_at
    assert Signup.objects.get(pk=signup.pk).confirmed_at is not None


def test_declined_sign_up_gets_no_confirmation(user_bureau_staff, django_capture_on_commit_callbacks):
    event = make_event()
    signup = sign_up(enterprise_user("谢绝企业"), event)
    with django_capture_on_commit_callbacks(execute=True):
        services.signup_decline(user=user_bureau_staff, signup=signup, note="与活动主题不符")
    assert Signup.objects.get(pk=signup.pk).status == Signup.Status.DECLINED
    assert all(not m.attachments for m in mail.outbox)
