"""The service-level clock: working days with holidays, 调休, staff overrides, and the 补正 restart."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from registration import services
from registration.models import CalendarDay
from registration.selectors import days_left, registrar_queue
from registration.working_days import add_working_days, working_days_between

from .factories import ready_draft, submitted

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_national_day_holidays_are_skipped():
    # 2026-09-30 (Wed) → the next working day is 10-08: 10-01…10-07 are the National Day break.
    assert add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 8)


def test_adjusted_working_saturday_counts():
    # 2026-10-10 is a Saturday worked in lieu (调休).
    assert add_working_days(date(2026, 9, 30), 3) == date(2026, 10, 10)
    assert add_working_days(date(2026, 9, 30), 4) == date(2026, 10, 12)


def test_fifteen_working_days_across_mid_autumn_and_national_day():
    # From 09-24: 09-25 is Mid-autumn; count 28,29,30 | 8,9,10 | 12–16 | 19–22 → 10-22.
    assert add_working_days(date(2026, 9, 24), 15) == date(2026, 10, 22)
    assert working_days_between(date(2026, 9, 24), date(2026, 10, 22)) == 15


def test_staff_override_moves_the_deadline():
    CalendarDay.objects.create(date=date(2026, 10, 12), is_working_day=False, name="临时停工", source="staff")
    assert add_working_days(date(2026, 9, 30), 4) == date(2026, 10, 13)


def test_days_without_calendar_rows_fall_back_to_monday_to_friday():
    # 2030 has no seeded rows: 2030-01-04 is a Friday, so one working day later is Monday 01-07.
    assert add_working_days(date(2030, 1, 4), 1) == date(2030, 1, 7)


def _submit_at(monkeypatch, moment, user, buyer, **overrides):
    monkeypatch.setattr(services._base, "_now", lambda: moment)
    contract = ready_draft(user, buyer, **overrides)
    services.contract_submit(user=user, contract=contract)
    return contract


def test_2000_rule_set_uses_30_calendar_days(monkeypatch, user_enterprise_a, enterprise_b, registry):
    contract = _submit_at(
        monkeypatch,
        datetime(2026, 2, 10, 10, tzinfo=SHANGHAI),
        user_enterprise_a,
        enterprise_b,
        effective_on=date(2026, 1, 5),
        signed_on=date(2026, 1, 5),
        term_start=date(2026, 1, 5),
    )
    assert contract.rule_set_key == "2000"
    assert (contract.time_limit_days, contract.time_limit_kind) == (30, "calendar")
    assert contract.deadline == date(2026, 3, 12)


def test_2026_rule_set_uses_15_working_days(monkeypatch, user_enterprise_a, enterprise_b, registry):
    contract = _submit_at(
        monkeypatch,
        datetime(2026, 9, 24, 9, tzinfo=SHANGHAI),
        user_enterprise_a,
        enterprise_b,
        effective_on=date(2026, 9, 1),
        signed_on=date(2026, 9, 1),
        term_start=date(2026, 9, 1),
    )
    assert contract.rule_set_key == "2026" and contract.deadline == date(2026, 10, 22)
    assert not contract.expert_review_required


def test_expert_review_above_five_million_gets_30_working_days(monkeypatch, user_enterprise_a, enterprise_b, registry):
    contract = _submit_at(
        monkeypatch,
        datetime(2026, 9, 24, 9, tzinfo=SHANGHAI),
        user_enterprise_a,
        enterprise_b,
        effective_on=date(2026, 9, 1),
        signed_on=date(2026, 9, 1),
        term_start=date(2026, 9, 1),
        total_amount_cny=Decimal("5000000"),
    )
    assert contract.expert_review_required and contract.time_limit_days == 30
    assert contract.deadline == add_working_days(date(2026, 9, 24), 30)


def test_disputed_contract_gets_expert_review(monkeypatch, user_enterprise_a, enterprise_b, registry):
    contract = _submit_at(
        monkeypatch,
        datetime(2026, 9, 24, 9, tzinfo=SHANGHAI),
        user_enterprise_a,
        enterprise_b,
        effective_on=date(2026, 9, 1),
        signed_on=date(2026, 9, 1),
        term_start=date(2026, 9, 1),
        is_disputed=True,
    )
    assert contract.expert_review_required and contract.time_limit_days == 30


def test_correction_above_threshold_extends_the_limit_from_the_same_start(
    monkeypatch, user_enterprise_a, enterprise_b, registry, user_registrar
):
    contract = _submit_at(
        monkeypatch,
        datetime(2026, 9, 24, 9, tzinfo=SHANGHAI),
        user_enterprise_a,
        enterprise_b,
        effective_on=date(2026, 9, 1),
        signed_on=date(2026, 9, 1),
        term_start=date(2026, 9, 1),
        total_amount_cny=Decimal("6000000"),
        deductions=[{"category": "equipment", "description": "生产线", "amount_cny": Decimal("2000000")}],
    )
    assert not contract.expert_review_required
    services.contract_correct_amount(
        user=user_registrar,
        contract=contract,
        field="technology_amount_cny",
        corrected_cny=Decimal("5500000"),
        reason="生产线属于技术载体",
    )
    assert contract.expert_review_required and contract.deadline == add_working_days(date(2026, 9, 24), 30)


def test_material_request_restarts_clock_from_resubmission(
    monkeypatch, user_enterprise_a, enterprise_b, registry, user_registrar
):
    contract = _submit_at(
        monkeypatch,
        datetime(2026, 9, 24, 9, tzinfo=SHANGHAI),
        user_enterprise_a,
        enterprise_b,
        effective_on=date(2026, 9, 1),
        signed_on=date(2026, 9, 1),
        term_start=date(2026, 9, 1),
    )
    services.contract_request_material(user=user_registrar, contract=contract, note="补充签章页")
    monkeypatch.setattr(services._base, "_now", lambda: datetime(2026, 10, 9, 15, tzinfo=SHANGHAI))
    services.contract_resubmit(user=user_enterprise_a, contract=contract)
    assert contract.clock_started_on == date(2026, 10, 9)
    assert contract.deadline == add_working_days(date(2026, 10, 9), 15)


def test_queue_puts_overdue_first_and_days_left(user_enterprise_a, enterprise_b, registry, user_registrar):
    on_time = submitted(user_enterprise_a, enterprise_b, project_name="按期")
    late = submitted(user_enterprise_a, enterprise_b, project_name="超期")
    late.deadline = date(2020, 1, 2)
    late.save(update_fields=["deadline"])
    queue = list(registrar_queue(user_registrar))
    assert [c.pk for c in queue] == [late.pk, on_time.pk]
    assert queue[0].is_overdue == 1 and queue[1].is_overdue == 0
    assert days_left(late) < 0 and days_left(on_time) > 0


def test_staff_edit_the_calendar_on_the_site(client, user_bureau_staff, user_enterprise_a):
    from django.urls import reverse

    url = reverse("registration:calendar")
    client.force_login(user_enterprise_a)
    assert client.get(url).status_code == 403  # a clear "who may use this page", not a hidden 404
    client.force_login(user_bureau_staff)
    page = client.get(url, {"year": 2026}).content.decode()
    assert "国庆节" in page
    client.post(url, {"date": "2026-10-12", "is_working_day": "0", "name": "临时停工"})
    entry = CalendarDay.objects.get(date=date(2026, 10, 12))
    assert entry.source == "staff" and not entry.is_working_day and entry.updated_by == user_bureau_staff
    client.post(f"{url}?year=2026", {"clear": "2026-10-12"})
    assert not CalendarDay.objects.filter(date=date(2026, 10, 12)).exists()
    response = client.post(url, {"date": "not a date", "is_working_day": "0"})
    assert response.status_code == 200 and "日期" in response.content.decode()


def test_calendar_services_refuse_non_staff(user_enterprise_a, user_registrar):
    from common.errors import NotAllowed

    for user in (user_enterprise_a, user_registrar):
        with pytest.raises(NotAllowed):
            services.calendar_day_set(user=user, day=date(2026, 5, 6), is_working_day=False)


def test_seed_command_keeps_staff_edits(user_bureau_staff):
    from django.core.management import call_command

    services.calendar_day_set(user=user_bureau_staff, day=date(2026, 10, 1), is_working_day=True, name="值班")
    CalendarDay.objects.filter(date=date(2026, 10, 2)).delete()
    call_command("registration_seed_calendar", "--years", "2026", "2027", verbosity=0)
    assert CalendarDay.objects.get(date=date(2026, 10, 1)).is_working_day is True
    assert CalendarDay.objects.get(date=date(2026, 10, 2)).is_working_day is False
