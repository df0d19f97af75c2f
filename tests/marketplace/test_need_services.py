from decimal import Decimal

import pytest

from common.errors import Conflict, DomainError, NotAllowed
from marketplace import services
from marketplace.models import TechnologyNeed
from taxonomy.models import TechnicalField

pytestmark = pytest.mark.django_db

Status = TechnologyNeed.Status


def _data(**overrides):
    data = {
        "title": "高导热石墨烯散热膜国产化",
        "problem": "现有人工石墨膜导热系数约 1000 W/(m·K),需要提升到 1500 以上。",
        "technical_field": TechnicalField.objects.get(code="materials"),
        "budget_min_cny": Decimal("200000"),
        "budget_max_cny": Decimal("1000000"),
    }
    data.update(overrides)
    return data


def test_full_lifecycle(user_enterprise_a, user_bureau_staff):
    need = services.need_create(
        user=user_enterprise_a, data=_data(), indicators=[{"name": "导热系数", "target": "≥1500", "unit": "W/(m·K)"}]
    )
    assert need.status == Status.DRAFT and need.enterprise == user_enterprise_a.organisation
    assert need.indicators.count() == 1
    services.need_submit(user=user_enterprise_a, need=need)
    services.need_approve(user=user_bureau_staff, need=need)
    need.refresh_from_db()
    assert need.status == Status.PUBLISHED and need.published_at is not None
    assert TechnologyNeed.objects.listed().filter(pk=need.pk).exists()
    services.need_close(user=user_enterprise_a, need=need, reason="no_longer_needed")
    need.refresh_from_db()
    assert need.status == Status.CLOSED
    assert not TechnologyNeed.objects.listed().filter(pk=need.pk).exists()


def test_bad_input_names_each_field_and_saves_nothing(user_enterprise_a):
    with pytest.raises(DomainError) as info:
        services.need_create(
            user=user_enterprise_a,
            data=_data(title="<b>x</b>", budget_min_cny=Decimal("5"), budget_max_cny=Decimal("1"), min_trl=12),
            indicators=[{"name": "", "target": "1"}],
        )
    errors = info.value.field_errors
    assert {"title", "budget_max_cny", "min_trl", "indicators[1].name"} <= set(errors)
    assert TechnologyNeed.objects.count() == 0


def test_other_enterprise_cannot_edit_and_staff_only_reviews(user_enterprise_a, user_enterprise_b, user_bureau_staff):
    need = services.need_create(user=user_enterprise_a, data=_data(), submit=True)
    with pytest.raises(NotAllowed):
        services.need_update(user=user_enterprise_b, need=need, data={"title": "改"})
    with pytest.raises(NotAllowed):
        services.need_approve(user=user_enterprise_a, need=need)
    with pytest.raises(DomainError):
        services.need_reject(user=user_bureau_staff, need=need, note=" ")
    services.need_reject(user=user_bureau_staff, need=need, note="请补充量化指标")
    need.refresh_from_db()
    assert need.status == Status.REJECTED


def test_illegal_transitions_are_conflicts(user_enterprise_a, user_bureau_staff):
    need = services.need_create(user=user_enterprise_a, data=_data())
    with pytest.raises(Conflict):
        services.need_approve(user=user_bureau_staff, need=need)
    services.need_close(user=user_enterprise_a, need=need, reason="no_longer_needed")
    with pytest.raises(Conflict):
        services.need_close(user=user_enterprise_a, need=need, reason="no_longer_needed")
    with pytest.raises(Conflict):
        services.need_update(user=user_enterprise_a, need=need, data={"title": "新标题"})


def test_unapproved_enterprise_cannot_submit(user_enterprise_a):
    org = user_enterprise_a.organisation
    org.status = org.Status.PENDING
    org.save()
    need = services.need_create(user=user_enterprise_a, data=_data())
    with pytest.raises(Conflict):
        services.need_submit(user=user_enterprise_a, need=need)


def test_editing_a_published_need_sends_it_back_to_review(user_enterprise_a, user_bureau_staff):
    need = services.need_create(user=user_enterprise_a, data=_data(), submit=True)
    services.need_approve(user=user_bureau_staff, need=need)
    services.need_update(user=user_enterprise_a, need=need, data={"title": "高导热石墨烯散热膜(修订)"})
    need.refresh_from_db()
    assert need.status == Status.PENDING_REVIEW


@pytest.mark.parametrize(
    ("reason", "note", "field"),
    [("", "", "reason"), ("bored", "", "reason"), ("no_longer_needed", "<b>不要了</b>", "note")],
)
def test_closing_without_a_valid_reason_or_with_html_says_which_and_changes_nothing(
    user_enterprise_a, reason, note, field
):
    need = services.need_create(user=user_enterprise_a, data=_data())
    with pytest.raises(DomainError) as info:
        services.need_close(user=user_enterprise_a, need=need, reason=reason, note=note)
    assert set(info.value.field_errors) == {field}
    need.refresh_from_db()
    assert (need.status, need.close_reason, need.closed_at) == (Status.DRAFT, "", None)


def test_closing_keeps_the_reason_and_the_trimmed_note(user_enterprise_a):
    need = services.need_create(user=user_enterprise_a, data=_data())
    services.need_close(user=user_enterprise_a, need=need, reason="nothing_suitable", note="  缺耐 300 ℃ 的涂层 \n")
    need.refresh_from_db()
    assert (need.status, need.close_reason, need.close_note) == (Status.CLOSED, "nothing_suitable", "缺耐 300 ℃ 的涂层")
