"""Deadline reminders (manage.py challenges_deadline_reminders): who is told before the application close, the
review date and milestone dates, who is told when late, and that a second run sends nothing twice."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from challenges import services
from challenges.models import ChallengeReminder, Milestone
from tests.registration.factories import city_registry

from .factories import (
    after_close,
    application_data,
    make_challenge,
    make_expert,
    milestones_for,
    submitted_application,
)

pytestmark = pytest.mark.django_db
K = ChallengeReminder.Kind


def _draft(user, challenge):
    return services.application_create(
        user=user, challenge=challenge, data=application_data(), partners=[], milestones=milestones_for(challenge)
    )


def _score_all(expert, challenge, applications):
    route, people = challenge.criteria.all()
    for application in applications:
        services.review_submit(
            user=expert, application=application, scores={route.pk: 80, people.pk: 80}, comment="意见"
        )


def test_a_draft_is_reminded_once_before_its_challenge_closes(user_bureau_staff, applicant_a, applicant_b):
    soon = make_challenge(user_bureau_staff, closes_at=timezone.now() + timedelta(days=2))
    later = make_challenge(user_bureau_staff, title="另一个榜单")  # closes in 30 days: not yet
    draft_soon = _draft(applicant_a, soon)
    _draft(applicant_b, later)
    submitted_application(applicant_b, soon)  # submitted already: nothing to remind
    mail.outbox.clear()

    run = services.challenge_reminders_send()
    assert [(r.kind, r.object_id) for r in run.sent] == [(K.APPLICATION_CLOSING, draft_soon.pk)]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [applicant_a.email]
    assert soon.title in mail.outbox[0].subject

    again = services.challenge_reminders_send()
    assert again.sent == [] and again.already_sent == 1
    assert len(mail.outbox) == 1
    assert ChallengeReminder.objects.count() == 1


def test_experts_owing_scores_are_reminded_before_the_review_date_and_the_bureau_after(
    user_bureau_staff, applicant_a, applicant_b, settings
):
    settings.BUREAU_CONTACT_EMAIL = "cgzh@kjj.example.gov.cn"
    challenge = make_challenge(user_bureau_staff)
    applications = [submitted_application(applicant_a, challenge), submitted_application(applicant_b, challenge)]
    owing, finished = make_expert("owing"), make_expert("finished")
    for expert in (owing, finished):
        services.panel_add_expert(user=user_bureau_staff, challenge=challenge, expert=expert)
    with after_close(challenge):
        services.challenge_start_review(user=user_bureau_staff, challenge=challenge)
        _score_all(finished, challenge, applications)
        _score_all(owing, challenge, applications[:1])
    challenge.refresh_from_db()
    mail.outbox.clear()

    assert services.challenge_reminders_send(on=challenge.review_by - timedelta(days=10)).sent == []
    day_before = challenge.review_by - timedelta(days=1)
    run = services.challenge_reminders_send(on=day_before)
    assert [(r.kind, r.deadline) for r in run.sent] == [(K.REVIEW_DUE, challenge.review_by)]
    assert [m.to for m in mail.outbox] == [[owing.email]]
    assert "1 份" in mail.outbox[0].subject
    assert services.challenge_reminders_send(on=day_before).sent == []

    late = services.challenge_reminders_send(on=challenge.review_by + timedelta(days=1))
    assert [r.kind for r in late.sent] == [K.REVIEW_OVERDUE]
    assert mail.outbox[-1].to == [user_bureau_staff.email, "cgzh@kjj.example.gov.cn"]
    assert services.challenge_reminders_send(on=challenge.review_by + timedelta(days=2)).sent == []
    assert len(mail.outbox) == 2


@pytest.fixture
def awarded(user_bureau_staff, enterprise_a, applicant_a, applicant_b, user_registrar):
    city_registry(user_registrar)
    challenge = make_challenge(user_bureau_staff, co_funders=[enterprise_a])
    winner = submitted_application(applicant_a, challenge)
    loser = submitted_application(applicant_b, challenge)
    expert = make_expert("expert")
    services.panel_add_expert(user=user_bureau_staff, challenge=challenge, expert=expert)
    with after_close(challenge):
        services.challenge_start_review(user=user_bureau_staff, challenge=challenge)
        _score_all(expert, challenge, [winner, loser])
        return services.challenge_award(
            user=user_bureau_staff, challenge=challenge, application=winner, reasons="综合得分第一"
        )


def test_milestones_are_reminded_before_their_date_and_flagged_once_when_late(awarded, applicant_a, user_bureau_staff):
    first, second = awarded.milestones.order_by("due_on")
    mail.outbox.clear()

    before = services.challenge_reminders_send(on=first.due_on - timedelta(days=1))
    assert [(r.kind, r.object_id) for r in before.sent] == [(K.MILESTONE_DUE, first.pk)]
    assert mail.outbox[-1].to == [applicant_a.email]
    assert services.challenge_reminders_send(on=first.due_on - timedelta(days=1)).already_sent == 1

    late_day = first.due_on + timedelta(days=2)
    assert first.is_late(today=late_day) and not second.is_late(today=late_day)
    late = services.challenge_reminders_send(on=late_day)
    assert [(r.kind, r.object_id) for r in late.sent] == [(K.MILESTONE_LATE, first.pk)]
    assert applicant_a.email in mail.outbox[-1].to and user_bureau_staff.email in mail.outbox[-1].to
    assert "逾期 2 天" in mail.outbox[-1].body
    assert services.challenge_reminders_send(on=late_day + timedelta(days=1)).sent == []
    assert len(mail.outbox) == 2

    Milestone.objects.filter(pk=second.pk).update(status=Milestone.Status.REPORTED)
    assert services.challenge_reminders_send(on=second.due_on).sent == []  # reported: nothing to remind


def test_the_command_sends_once_and_refuses_a_bad_date(awarded, capsys):
    first = awarded.milestones.order_by("due_on").first()
    day = (first.due_on - timedelta(days=2)).isoformat()
    call_command("challenges_deadline_reminders", "--date", day, "--dry-run")
    assert ChallengeReminder.objects.count() == 0 and "将发送" in capsys.readouterr().out
    call_command("challenges_deadline_reminders", "--date", day)
    assert "已发送 1 条提醒,此前已发送 0 条" in capsys.readouterr().out
    call_command("challenges_deadline_reminders", "--date", day)
    assert "已发送 0 条提醒,此前已发送 1 条" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("challenges_deadline_reminders", "--date", "2026-13-01")
