"""Deadline reminders: who is told, when, exactly once per contract and threshold, and the command around it."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from registration import services
from registration.models import DeadlineReminder, TechnologyContract
from registration.services import reminders

from .factories import submitted

pytestmark = pytest.mark.django_db

BUREAU = "bureau@kjj.example.gov.cn"


@pytest.fixture(autouse=True)
def _bureau_address(settings):
    settings.BUREAU_CONTACT_EMAIL = BUREAU
    settings.REGISTRATION_REMINDER_DAYS_BEFORE = 2


@pytest.fixture
def cases(user_enterprise_a, enterprise_b, registry, second_registrar):
    """Three open cases: two due on the same day, one far off."""
    first = submitted(user_enterprise_a, enterprise_b, project_name="石墨烯散热膜制备技术开发")
    second = submitted(user_enterprise_a, enterprise_b, project_name="氟化物固态电解质技术转让")
    far = submitted(user_enterprise_a, enterprise_b, project_name="远期合同")
    TechnologyContract.objects.filter(pk=far.pk).update(deadline=first.deadline + timedelta(days=60))
    return first, second, far


def test_cases_due_soon_remind_their_registry_once(cases, user_registrar, second_registrar):
    first, second, _far = cases
    run = services.deadline_reminders_send(on=first.deadline)
    assert {r.contract_id for r in run.sent} == {first.pk, second.pk}
    assert len(mail.outbox) == 2
    assert all(set(m.to) == {user_registrar.email, second_registrar.email} for m in mail.outbox)
    assert all("临近期限" in m.subject for m in mail.outbox)
    assert BUREAU not in mail.outbox[0].to  # the bureau hears only about overdue cases
    assert f"/registration/contracts/{first.pk}/review/" in next(
        m.body for m in mail.outbox if first.project_name in m.subject
    )

    again = services.deadline_reminders_send(on=first.deadline)
    assert again.sent == [] and again.already_sent == 2
    assert len(mail.outbox) == 2
    assert DeadlineReminder.objects.count() == 2


def test_overdue_cases_also_tell_the_bureau_after_the_due_soon_reminder(cases, user_registrar):
    first, second, far = cases
    services.deadline_reminders_send(on=first.deadline)
    mail.outbox.clear()
    run = services.deadline_reminders_send(on=first.deadline + timedelta(days=3))
    assert {r.contract_id for r in run.sent} == {first.pk, second.pk}
    assert all(BUREAU in m.to and user_registrar.email in m.to for m in mail.outbox)
    assert all("已超期" in m.subject for m in mail.outbox)
    assert services.deadline_reminders_send(on=first.deadline + timedelta(days=4)).sent == []
    assert set(DeadlineReminder.objects.values_list("threshold", flat=True)) == {"due_soon", "overdue"}
    assert not DeadlineReminder.objects.filter(contract=far).exists()


def test_nothing_before_the_window_and_nothing_for_paused_or_decided_cases(cases, user_registrar):
    first, second, _far = cases
    deadline = first.deadline
    assert services.deadline_reminders_send(on=deadline - timedelta(days=30)).sent == []
    services.contract_request_material(user=user_registrar, contract=first, note="请补充技术服务验收标准。")
    services.contract_register(user=user_registrar, contract=second)
    assert services.deadline_reminders_send(on=deadline + timedelta(days=3)).sent == []
    assert not DeadlineReminder.objects.exists()
    assert not any("临近" in m.subject or "超期" in m.subject for m in mail.outbox)


def test_an_assigned_registrar_alone_hears_of_a_case_due_soon(cases, user_registrar, second_registrar):
    first, second, _far = cases
    TechnologyContract.objects.filter(pk=first.pk).update(assigned_registrar=second_registrar)
    services.deadline_reminders_send(on=first.deadline)
    to_first = next(m for m in mail.outbox if first.project_name in m.subject)
    to_second = next(m for m in mail.outbox if second.project_name in m.subject)
    assert to_first.to == [second_registrar.email]
    assert set(to_second.to) == {user_registrar.email, second_registrar.email}


def test_a_new_deadline_earns_new_reminders(cases):
    first, _second, _far = cases
    services.deadline_reminders_send(on=first.deadline)
    later = first.deadline + timedelta(days=20)
    TechnologyContract.objects.filter(pk=first.pk).update(deadline=later)  # e.g. the clock restarted after 补正
    run = services.deadline_reminders_send(on=later)
    assert first.pk in {r.contract_id for r in run.sent}
    assert sorted(DeadlineReminder.objects.filter(contract=first).values_list("threshold", "deadline")) == [
        ("due_soon", first.deadline),
        ("due_soon", later),
    ]


def test_a_mail_that_fails_is_not_recorded_and_is_retried(cases, monkeypatch):
    first, _second, _far = cases

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(reminders, "send_mail", refuse)
    run = services.deadline_reminders_send(on=first.deadline)
    assert len(run.failed) == 2 and run.sent == []
    assert not DeadlineReminder.objects.exists()
    monkeypatch.undo()
    assert len(services.deadline_reminders_send(on=first.deadline).sent) == 2


def test_a_case_without_any_address_is_reported(cases, user_registrar, second_registrar):
    first, _second, _far = cases
    for user in (user_registrar, second_registrar):
        user.email = ""
        user.save(update_fields=["email"])
    run = services.deadline_reminders_send(on=first.deadline)
    assert run.sent == [] and len(run.without_recipients) == 2


def test_command_prints_progress_and_a_summary_and_dry_run_sends_nothing(cases):
    first, _second, _far = cases
    out = StringIO()
    call_command("registration_deadline_reminders", "--date", first.deadline.isoformat(), "--dry-run", stdout=out)
    assert out.getvalue().count("将发送") == 2 and mail.outbox == [] and not DeadlineReminder.objects.exists()

    out = StringIO()
    call_command("registration_deadline_reminders", "--date", first.deadline.isoformat(), stdout=out)
    assert out.getvalue().count("已发送(") == 2 and "已发送 2 条提醒" in out.getvalue()
    out = StringIO()
    call_command("registration_deadline_reminders", "--date", first.deadline.isoformat(), stdout=out)
    assert "已发送 0 条提醒,此前已发送 2 条" in out.getvalue()
    assert len(mail.outbox) == 2


def test_command_refuses_a_bad_date_and_fails_when_mail_fails(cases, monkeypatch):
    first, _second, _far = cases
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("registration_deadline_reminders", "--date", "2026-13-40", stdout=StringIO())

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(reminders, "send_mail", refuse)
    with pytest.raises(CommandError, match="发送失败"):
        call_command("registration_deadline_reminders", "--date", first.deadline.isoformat(), stdout=StringIO())
