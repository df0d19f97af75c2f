"""Deal-flow reminders (manage.py dealflow_reminders): unanswered enquiries after 7 days, ended price notices;
each item and deadline once, however often the job runs."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command

from dealflow import services
from dealflow.models import Deal, DealReminder, Notification

from .conftest import send_enquiry, to_terms

pytestmark = pytest.mark.django_db
K = DealReminder.Kind


def test_an_enquiry_unanswered_for_7_days_is_reminded_once(
    fake_clock, achievement, institution, user_enterprise_a, user_enterprise_b
):
    waiting = send_enquiry(user_enterprise_a, achievement)  # 2026-04-01: answer due by 04-08
    fake_clock.advance(days=5)
    recent = send_enquiry(user_enterprise_b, achievement)  # 2026-04-06: not due until 04-13
    fake_clock.set(fake_clock.current.replace(day=8))
    before = Notification.objects.filter(organisation=institution).count()

    run = services.deal_reminders_send()
    assert [(r.kind, r.object_id, r.deadline) for r in run.sent] == [
        (K.ENQUIRY_UNANSWERED, waiting.pk, date(2026, 4, 8))
    ]
    notices = Notification.objects.filter(organisation=institution).order_by("pk")
    assert notices.count() == before + 1
    assert "7 天未答复" in notices.last().text and user_enterprise_a.organisation.name in notices.last().text

    again = services.deal_reminders_send()
    assert again.sent == [] and again.already_sent == 1
    assert Notification.objects.filter(organisation=institution).count() == before + 1

    fake_clock.set(fake_clock.current.replace(day=13))
    later = services.deal_reminders_send()
    assert [(r.kind, r.object_id) for r in later.sent] == [(K.ENQUIRY_UNANSWERED, recent.pk)]
    assert DealReminder.objects.count() == 2


def test_an_answered_enquiry_is_not_reminded(fake_clock, deal):
    fake_clock.advance(days=30)
    assert services.deal_reminders_send().sent == []


def test_an_ended_price_notice_tells_both_parties_once(fake_clock, deal, user_institution_editor):
    to_terms(deal, user_institution_editor)
    services.deal_set_price(user=user_institution_editor, deal=deal, price_cny="880000")  # notice 04-01 … 04-15
    deal.refresh_from_db()
    assert deal.stage == Deal.Stage.NOTICE
    notice = deal.price_notices.get()
    before = Notification.objects.count()

    fake_clock.set(fake_clock.current.replace(day=15))
    assert services.deal_reminders_send().sent == []  # the last day of the notice: not ended yet
    fake_clock.set(fake_clock.current.replace(day=16))
    run = services.deal_reminders_send()
    assert [(r.kind, r.object_id, r.deadline) for r in run.sent] == [(K.NOTICE_ENDED, notice.pk, notice.ends_on)]
    told = Notification.objects.order_by("pk")[before:]
    assert {n.organisation_id for n in told} == {deal.seller_organisation_id, deal.buyer_organisation_id}
    assert all("可推进签约" in n.text for n in told)
    assert services.deal_reminders_send(on=notice.ends_on + timedelta(days=3)).sent == []
    assert Notification.objects.count() == before + 2


def test_the_command_reports_what_it_sent(fake_clock, achievement, user_enterprise_a, capsys):
    send_enquiry(user_enterprise_a, achievement)
    call_command("dealflow_reminders", "--date", "2026-04-08")
    assert "已发送 1 条提醒,此前已发送 0 条" in capsys.readouterr().out
    call_command("dealflow_reminders", "--date", "2026-04-09")
    assert "已发送 0 条提醒,此前已发送 1 条" in capsys.readouterr().out
