"""Outcomes after the fair: "follow-up" from the enterprise opens dealflow's normal enquiry (need attached) tagged
with the event; "deal" from both sides accepts it into a deal."""

from datetime import timedelta

import pytest

from common import clock
from common.errors import Conflict, NotAllowed
from dealflow.models import Approach, Deal, Enquiry
from matchmaking import services
from matchmaking.models import EventEnquiry, Meeting, MeetingOutcome, Signup

from .conftest import shared_bureau_staff, shared_fair
from .factories import accept_all

pytestmark = pytest.mark.django_db

# The fair is built once for this module (see ``_fair_once`` in conftest): every test here uses it.
user_bureau_staff = pytest.fixture(shared_bureau_staff, name="user_bureau_staff")
fair = pytest.fixture(shared_fair, name="fair")


def _after(fair):
    return clock.at(fair.event.starts_at + timedelta(hours=3))


def test_follow_up_opens_one_tagged_enquiry(fair, user_bureau_staff):
    meetings = accept_all(fair, user_bureau_staff)
    meeting = next(m for m in meetings if m.enterprise_signup_id == fair.signups.battery.pk)
    with pytest.raises(Conflict):  # not before the event
        services.outcome_record(user=fair.users.battery, meeting=meeting, result="follow_up")
    with _after(fair):
        services.outcome_record(user=fair.users.lab, meeting=meeting, result="follow_up")
        assert not EventEnquiry.objects.exists()  # the enquiry is the enterprise's to send
        services.outcome_record(user=fair.users.battery, meeting=meeting, result="follow_up")
        services.outcome_record(user=fair.users.battery, meeting=meeting, result="follow_up")  # changing: no second
    tag = EventEnquiry.objects.get()
    assert tag.event_id == fair.event.pk and tag.meeting_id == meeting.pk
    enquiry = Enquiry.objects.get()
    assert tag.enquiry_id == enquiry.pk
    assert enquiry.need_id == fair.needs.battery.pk
    assert enquiry.achievement_id == fair.achievements.cathode.pk
    assert enquiry.sender_organisation_id == fair.users.battery.organisation_id
    assert enquiry.status == Approach.Status.SENT
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.HELD
    assert MeetingOutcome.objects.filter(meeting=meeting).count() == 2
    attended = set(Signup.objects.filter(event=fair.event, attended=True).values_list("pk", flat=True))
    assert attended == {fair.signups.battery.pk, fair.signups.lab.pk}


def test_deal_from_both_sides_accepts_the_enquiry_into_a_deal(fair, user_bureau_staff):
    meetings = accept_all(fair, user_bureau_staff)
    meeting = next(m for m in meetings if m.enterprise_signup_id == fair.signups.cells.pk)
    with _after(fair):
        services.outcome_record(user=fair.users.lab, meeting=meeting, result="deal")
        assert not Deal.objects.exists()
        services.outcome_record(user=fair.users.cells, meeting=meeting, result="deal")
    enquiry = EventEnquiry.objects.get(meeting=meeting).enquiry
    assert enquiry.status == Approach.Status.ACCEPTED
    deal = Deal.objects.get()
    assert deal.conversation.enquiry_id == enquiry.pk
    assert deal.need_id == fair.needs.cells.pk


def test_only_the_two_sides_record_and_only_held_kinds(fair, user_bureau_staff):
    meetings = accept_all(fair, user_bureau_staff)
    with _after(fair):
        with pytest.raises(NotAllowed):
            services.outcome_record(user=fair.users.farm, meeting=meetings[0], result="deal")
        with pytest.raises(NotAllowed):
            services.outcome_record(user=user_bureau_staff, meeting=meetings[0], result="deal")
    assert not MeetingOutcome.objects.exists()


def test_no_interest_opens_nothing(fair, user_bureau_staff):
    meetings = accept_all(fair, user_bureau_staff)
    with _after(fair):
        for meeting in meetings:
            user = fair.users.battery if meeting.enterprise_signup_id == fair.signups.battery.pk else fair.users.cells
            services.outcome_record(user=user, meeting=meeting, result="no_interest")
    assert not Enquiry.objects.exists()
    assert MeetingOutcome.objects.filter(result="no_interest").count() == 2
