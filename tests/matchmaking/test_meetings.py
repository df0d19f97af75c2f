"""Meeting proposals come only from pairs above the relevance floor; both sides answer; requests; the schedule is
built by scheduling.plan and a re-plan after a cancellation keeps the meetings that still fit."""

import pytest

from common.errors import Conflict, NotAllowed
from matchmaking import services
from matchmaking.models import Meeting

from .conftest import shared_bureau_staff, shared_fair

pytestmark = pytest.mark.django_db

# The fair is built once for this module (see ``_fair_once`` in conftest): every test here uses it.
user_bureau_staff = pytest.fixture(shared_bureau_staff, name="user_bureau_staff")
fair = pytest.fixture(shared_fair, name="fair")


def _pairs(meetings):
    return {(m.enterprise_signup_id, m.institution_signup_id) for m in meetings}


def test_proposals_only_for_pairs_above_the_floor(fair, user_bureau_staff):
    created = services.meetings_propose(user=user_bureau_staff, event=fair.event)
    s = fair.signups
    # Both battery enterprises meet the battery institute; nobody is sent to the rice breeders.
    assert _pairs(created) == {(s.battery.pk, s.lab.pk), (s.cells.pk, s.lab.pk)}
    for meeting in created:
        assert meeting.achievement_id == fair.achievements.cathode.pk
        assert meeting.score > 0
        assert meeting.reasons  # the matcher's reasons are stored with the proposal
    # Running it again proposes nothing new.
    assert services.meetings_propose(user=user_bureau_staff, event=fair.event) == []
    assert Meeting.objects.filter(event=fair.event).count() == 2


def test_a_floor_above_every_score_proposes_nothing(fair, user_bureau_staff, settings):
    settings.SEARCH_MATCH_FLOOR = 10_000
    settings.SEARCH_MATCH_FLOOR_BASIC = 10_000
    assert services.meetings_propose(user=user_bureau_staff, event=fair.event) == []


def test_only_staff_propose(fair):
    with pytest.raises(NotAllowed):
        services.meetings_propose(user=fair.users.battery, event=fair.event)


def test_both_sides_accept_then_schedule_without_double_booking(fair, user_bureau_staff):
    created = services.meetings_propose(user=user_bureau_staff, event=fair.event)
    for meeting in created:
        services.meeting_respond(user=fair.users.lab, meeting=meeting, accept=True)
        assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.PROPOSED  # one side is not enough
        enterprise_user = (
            fair.users.battery if meeting.enterprise_signup_id == fair.signups.battery.pk else fair.users.cells
        )
        services.meeting_respond(user=enterprise_user, meeting=meeting, accept=True)
    with pytest.raises(NotAllowed):
        services.meeting_respond(user=fair.users.farm, meeting=created[0], accept=False)
    schedule = services.schedule_build(user=user_bureau_staff, event=fair.event)
    assert len(schedule.placements) == 2 and schedule.unplaced == ()
    placed = list(Meeting.objects.filter(event=fair.event, slot__isnull=False))
    assert len(placed) == 2
    # The institute is in both meetings, so they are in different slots.
    assert len({m.slot for m in placed}) == 2


def test_replan_after_cancellation_keeps_the_remaining_meeting(fair, user_bureau_staff):
    created = services.meetings_propose(user=user_bureau_staff, event=fair.event)
    users = {fair.signups.battery.pk: fair.users.battery, fair.signups.cells.pk: fair.users.cells}
    for meeting in created:
        services.meeting_respond(user=fair.users.lab, meeting=meeting, accept=True)
        services.meeting_respond(user=users[meeting.enterprise_signup_id], meeting=meeting, accept=True)
    services.schedule_build(user=user_bureau_staff, event=fair.event)
    before = {m.pk: (m.slot, m.table) for m in Meeting.objects.filter(event=fair.event)}
    services.signup_cancel(user=fair.users.battery, signup=fair.signups.battery)
    services.schedule_build(user=user_bureau_staff, event=fair.event)
    after = {m.pk: (m.slot, m.table) for m in Meeting.objects.filter(event=fair.event)}
    cancelled = Meeting.objects.get(event=fair.event, enterprise_signup=fair.signups.battery)
    kept = Meeting.objects.get(event=fair.event, enterprise_signup=fair.signups.cells)
    assert after[cancelled.pk] == (None, None)
    assert after[kept.pk] == before[kept.pk]


def test_declining_takes_the_meeting_off_and_requests_need_the_other_side(fair, user_bureau_staff):
    request = services.meeting_request(user=fair.users.farm, event=fair.event, other=fair.signups.battery)
    assert request.origin == Meeting.Origin.REQUEST
    assert request.institution_response == Meeting.Response.ACCEPTED
    assert request.status == Meeting.Status.PROPOSED
    with pytest.raises(Conflict):
        services.meeting_request(user=fair.users.battery, event=fair.event, other=fair.signups.farm)
    declined = services.meeting_respond(user=fair.users.battery, meeting=request, accept=False)
    assert declined.status == Meeting.Status.DECLINED
    with pytest.raises(Conflict):  # two enterprises do not meet one-to-one here
        services.meeting_request(user=fair.users.battery, event=fair.event, other=fair.signups.cells)


def test_schedules_are_emailed_to_each_attendee(fair, user_bureau_staff, django_capture_on_commit_callbacks):
    from django.core import mail
    from icalendar import Calendar

    from .factories import accept_all

    accept_all(fair, user_bureau_staff)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.schedule_send(user=user_bureau_staff, event=fair.event)
    assert sent == 4  # every approved attendee, the rice breeders too (with an empty schedule)
    by_recipient = {m.to[0]: m for m in mail.outbox}
    lab_mail = by_recipient[fair.users.lab.email]
    assert "锂电新能源有限公司" in lab_mail.body and "储能电池科技有限公司" in lab_mail.body
    calendar = Calendar.from_ical(lab_mail.attachments[0][1])
    assert len(list(calendar.walk("VEVENT"))) == 3  # the event and the lab's two meetings
    assert "暂无已安排的洽谈" in by_recipient[fair.users.farm.email].body
