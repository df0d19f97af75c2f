"""Challenge life cycle: legal and illegal transitions, the audit trail, and deadlines in Asia/Shanghai."""

from datetime import timedelta

import pytest
from django.utils import timezone

from challenges import services
from challenges.models import Challenge, KeyProblem
from common import clock
from common.errors import Conflict, DomainError, NotAllowed
from taxonomy.models import IndustryChainNode

from .factories import CRITERIA, TARGETS, after_close, challenge_data, make_challenge, submitted_application

pytestmark = pytest.mark.django_db


def test_full_life_cycle_is_audited(user_bureau_staff, applicant_a):
    problem = services.problem_create(
        user=user_bureau_staff, node=IndustryChainNode.objects.get(code="FLU.01.01"), title="电子级氢氟酸杂质"
    )
    challenge = make_challenge(user_bureau_staff, publish=False, key_problems=[problem])
    assert challenge.status == Challenge.Status.DRAFT
    challenge = services.challenge_publish(user=user_bureau_staff, challenge=challenge)
    assert challenge.status == Challenge.Status.OPEN
    problem.refresh_from_db()
    assert problem.status == KeyProblem.Status.IN_CHALLENGE
    submitted_application(applicant_a, challenge)
    with after_close(challenge):
        challenge = services.challenge_start_review(user=user_bureau_staff, challenge=challenge)
    assert challenge.status == Challenge.Status.UNDER_REVIEW
    challenge = services.challenge_close(user=user_bureau_staff, challenge=challenge, reason="无合格申报")
    assert list(challenge.events.values_list("action", "from_status", "to_status")) == [
        ("create", "", "draft"),
        ("publish", "draft", "open"),
        ("start_review", "open", "under_review"),
        ("close", "under_review", "closed"),
    ]
    problem.refresh_from_db()
    assert problem.status == KeyProblem.Status.OPEN  # back on the map as unsolved


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("publish", Challenge.Status.OPEN),
        ("start_review", Challenge.Status.DRAFT),
        ("start_review", Challenge.Status.CLOSED),
        ("close", Challenge.Status.DRAFT),
        ("close", Challenge.Status.CLOSED),
    ],
)
def test_illegal_transitions_raise_conflict_and_change_nothing(user_bureau_staff, action, status):
    challenge = make_challenge(user_bureau_staff, publish=False)
    Challenge.objects.filter(pk=challenge.pk).update(status=status)
    challenge.refresh_from_db()
    kwargs = {"reason": "x"} if action == "close" else {}
    with pytest.raises(Conflict), clock.at(challenge.closes_at + timedelta(days=1)):
        getattr(services, f"challenge_{action}")(user=user_bureau_staff, challenge=challenge, **kwargs)
    challenge.refresh_from_db()
    assert challenge.status == status
    assert challenge.events.count() == 1  # only the creation


def test_review_cannot_start_before_the_deadline(challenge, user_bureau_staff):
    with clock.at(challenge.closes_at - timedelta(seconds=1)), pytest.raises(Conflict) as error:
        services.challenge_start_review(user=user_bureau_staff, challenge=challenge)
    assert error.value.code == "deadline_not_reached"


def test_only_staff_drive_the_life_cycle(challenge, user_enterprise_a, user_institution_editor, user_registrar):
    for user in (user_enterprise_a, user_institution_editor, user_registrar):
        with pytest.raises(NotAllowed):
            services.challenge_close(user=user, challenge=challenge, reason="x")


def test_close_needs_a_reason(challenge, user_bureau_staff):
    with pytest.raises(DomainError):
        services.challenge_close(user=user_bureau_staff, challenge=challenge, reason="  ")


def test_bad_terms_save_nothing(user_bureau_staff):
    bad = [
        ({"closes_at": timezone.now() - timedelta(days=2)}, "closes_at"),
        ({"award_by": timezone.localdate() + timedelta(days=40)}, "award_by"),
        ({"institution_kinds": ["enterprise"]}, "institution_kinds"),
    ]
    for overrides, field in bad:
        with pytest.raises(DomainError) as error:
            services.challenge_create(
                user=user_bureau_staff, data=challenge_data(**overrides), targets=TARGETS, criteria=CRITERIA
            )
        assert field in error.value.field_errors
    with pytest.raises(DomainError) as error:
        services.challenge_create(
            user=user_bureau_staff, data=challenge_data(), targets=TARGETS, criteria=[{"name": "a", "weight": 50}]
        )
    assert "criteria" in error.value.field_errors
    with pytest.raises(DomainError):
        services.challenge_create(user=user_bureau_staff, data=challenge_data(), targets=[], criteria=CRITERIA)
    assert Challenge.objects.count() == 0


def test_deadline_is_the_instant_in_shanghai(user_bureau_staff, applicant_a):
    # Closes at 17:00 Beijing time = 09:00 UTC: at 16:59:59 Beijing an application goes in, at 17:00 it does not.
    closes = timezone.make_aware(timezone.datetime(2031, 3, 31, 17, 0))
    assert closes.utcoffset() == timedelta(hours=8)
    challenge = make_challenge(
        user_bureau_staff,
        opens_at=closes - timedelta(days=30),
        closes_at=closes,
        review_by=closes.date() + timedelta(days=10),
        award_by=closes.date() + timedelta(days=20),
    )
    with clock.at(closes - timedelta(seconds=1)):
        submitted_application(applicant_a, challenge)
    other = make_challenge(
        user_bureau_staff,
        title="另一个榜单",
        opens_at=closes - timedelta(days=30),
        closes_at=closes,
        review_by=closes.date() + timedelta(days=10),
        award_by=closes.date() + timedelta(days=20),
    )
    with clock.at(closes), pytest.raises(Conflict) as error:
        submitted_application(applicant_a, other)
    assert "2031-03-31 17:00" in error.value.message
