"""Enterprise need forms and staff review on the public site: they call the services and save nothing half-way."""

from decimal import Decimal

import pytest

from marketplace.models import NeedIndicator, TechnologyNeed
from taxonomy.models import TechnicalField
from tests.factories import NeedFactory, make_achievement

pytestmark = pytest.mark.django_db
Status = TechnologyNeed.Status


def form_data(**overrides):
    data = {
        "title": "PVDF 膜材料耐候性提升",
        "problem": "户外使用 5 年后拉伸强度下降 30%,需要控制在 10% 以内。",
        "keywords": "PVDF, 耐候",
        "technical_field": TechnicalField.objects.get(code="materials").pk,
        "budget_min_cny": "500000",
        "budget_max_cny": "2000000",
        "visibility": "public",
        "indicators-TOTAL_FORMS": "3",
        "indicators-INITIAL_FORMS": "0",
        "indicators-MIN_NUM_FORMS": "0",
        "indicators-MAX_NUM_FORMS": "20",
        "indicators-0-name": "拉伸强度保持率",
        "indicators-0-target": "≥90",
        "indicators-0-unit": "%",
        "indicators-1-name": "",
        "indicators-1-target": "",
        "indicators-1-unit": "",
        "indicators-2-name": "耐紫外老化",
        "indicators-2-target": "3000",
        "indicators-2-unit": "h",
    }
    data.update(overrides)
    return data


def test_enterprise_creates_a_draft_with_indicator_rows(client, user_enterprise_a):
    client.force_login(user_enterprise_a)
    assert client.get("/needs/new/").status_code == 200
    response = client.post("/needs/new/", form_data(save="1"))
    need = TechnologyNeed.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/needs/{need.pk}/"
    assert need.status == Status.DRAFT and need.enterprise == user_enterprise_a.organisation
    assert [(i.name, i.target) for i in need.indicators.all()] == [("拉伸强度保持率", "≥90"), ("耐紫外老化", "3000")]


def test_save_and_submit_in_one_go(client, user_enterprise_a):
    client.force_login(user_enterprise_a)
    response = client.post("/needs/new/", form_data(submit="1"), follow=True)
    assert TechnologyNeed.objects.get().status == Status.PENDING_REVIEW
    assert "已保存并提交科技局审核" in response.content.decode()


def test_bad_input_shows_messages_next_to_fields_and_saves_nothing(client, user_enterprise_a):
    client.force_login(user_enterprise_a)
    response = client.post(
        "/needs/new/",
        form_data(
            title="<b>标题</b>",
            budget_min_cny="900",
            budget_max_cny="100",
            **{"indicators-0-target": ""},
        ),
    )
    assert response.status_code == 400
    form, formset = response.context["form"], response.context["formset"]
    assert "title" in form.errors  # HTML is refused by the model's validator
    assert "budget_max_cny" in form.errors
    assert formset.forms[0].errors
    assert TechnologyNeed.objects.count() == 0 and NeedIndicator.objects.count() == 0


def test_service_errors_are_placed_next_to_fields(client, user_enterprise_a, monkeypatch):
    from common.errors import DomainError
    from marketplace import services

    def refuse(**kwargs):
        raise DomainError(
            "x", field_errors={"deadline": ["截止日期不能早于今天。"], "indicators[2].unit": ["单位有误。"]}
        )

    monkeypatch.setattr(services, "need_create", refuse)
    client.force_login(user_enterprise_a)
    response = client.post("/needs/new/", form_data())
    assert response.context["form"].errors["deadline"] == ["截止日期不能早于今天。"]
    # the second *filled* row is the third form (the middle one is blank)
    assert response.context["formset"].forms[2].errors["unit"] == ["单位有误。"]


def test_refused_submission_rolls_back_the_edit(client, user_enterprise_a):
    organisation = user_enterprise_a.organisation
    need = NeedFactory(enterprise=organisation, status=Status.DRAFT, title="原标题")
    organisation.status = organisation.Status.PENDING
    organisation.save()
    client.force_login(user_enterprise_a)
    response = client.post(f"/needs/{need.pk}/edit/", form_data(title="新标题", submit="1"))
    assert response.status_code == 400
    assert "尚未通过科技局认证" in response.content.decode()
    need.refresh_from_db()
    assert need.title == "原标题" and need.status == Status.DRAFT


def test_edit_prefills_and_replaces_indicators(client, user_enterprise_a):
    need = NeedFactory(enterprise=user_enterprise_a.organisation, status=Status.PUBLISHED)
    NeedIndicator.objects.create(need=need, name="旧指标", target="1")
    client.force_login(user_enterprise_a)
    assert "旧指标" in client.get(f"/needs/{need.pk}/edit/").content.decode()
    client.post(f"/needs/{need.pk}/edit/", form_data(save="1"))
    need.refresh_from_db()
    assert need.status == Status.PENDING_REVIEW  # a published need goes back to review
    assert list(need.indicators.values_list("name", flat=True)) == ["拉伸强度保持率", "耐紫外老化"]


def test_submit_close_and_review_flow(client, user_enterprise_a, user_bureau_staff):
    need = NeedFactory(enterprise=user_enterprise_a.organisation, status=Status.DRAFT)
    client.force_login(user_enterprise_a)
    client.post(f"/needs/{need.pk}/submit/")
    need.refresh_from_db()
    assert need.status == Status.PENDING_REVIEW

    client.force_login(user_bureau_staff)
    queue = client.get("/staff/needs/")
    assert need.title in queue.content.decode()
    response = client.post(f"/needs/{need.pk}/review/", {"decision": "reject", "note": ""})
    need.refresh_from_db()
    assert need.status == Status.PENDING_REVIEW  # a rejection needs a reason
    assert "请填写退回原因" in client.get(response["Location"]).content.decode()
    client.post(f"/needs/{need.pk}/review/", {"decision": "reject", "note": "请补充量化指标"})
    need.refresh_from_db()
    assert need.status == Status.REJECTED and need.review_note == "请补充量化指标"

    client.force_login(user_enterprise_a)
    assert "请补充量化指标" in client.get(f"/needs/{need.pk}/").content.decode()
    client.post(f"/needs/{need.pk}/submit/")
    client.force_login(user_bureau_staff)
    client.post(f"/needs/{need.pk}/review/", {"decision": "approve", "next": "/staff/needs/"})
    need.refresh_from_db()
    assert need.status == Status.PUBLISHED
    assert need.title in client.get("/needs/").content.decode()

    client.force_login(user_enterprise_a)
    client.post(f"/needs/{need.pk}/close/", {"reason": "solved_elsewhere"})
    need.refresh_from_db()
    assert need.status == Status.CLOSED
    assert need.title not in client.get("/needs/").content.decode()


def test_illegal_transition_is_a_message_not_an_error_page(client, user_enterprise_a):
    need = NeedFactory(enterprise=user_enterprise_a.organisation, status=Status.PUBLISHED)
    client.force_login(user_enterprise_a)
    response = client.post(f"/needs/{need.pk}/submit/", follow=True)
    assert response.status_code == 200
    assert "不能提交审核" in response.content.decode()


def test_open_redirect_is_ignored(client, user_enterprise_a):
    need = NeedFactory(enterprise=user_enterprise_a.organisation, status=Status.DRAFT)
    client.force_login(user_enterprise_a)
    response = client.post(
        f"/needs/{need.pk}/close/", {"reason": "no_longer_needed", "next": "https://evil.example.com/"}
    )
    assert response["Location"] == f"/needs/{need.pk}/"


def test_matches_placeholder_renders_nothing_without_matches(client, user_enterprise_a):
    need = NeedFactory(enterprise=user_enterprise_a.organisation, status=Status.DRAFT)
    client.force_login(user_enterprise_a)
    assert "need-matches" not in client.get(f"/needs/{need.pk}/").content.decode()


def test_need_page_shows_matches_to_its_owner_only(client, user_enterprise_a, institution_page):
    """The owner sees the achievements that match, with reasons; the public sees the need but not the matches."""
    make_achievement(
        institution_page,
        title="石墨烯高导热散热膜",
        summary="石墨烯散热膜导热系数 1500 W/(m·K),用于手机芯片散热。",
        keywords=["石墨烯", "散热膜", "导热"],
        industry_chains=["GRA.02.01"],
    )
    need = NeedFactory(
        enterprise=user_enterprise_a.organisation,
        title="手机芯片散热用石墨烯导热膜",
        problem="手机芯片发热严重,需要导热系数 1500 W/(m·K) 以上的石墨烯散热膜。",
        keywords="石墨烯,散热膜,导热",
        budget_max_cny=Decimal("900000"),
    )
    client.force_login(user_enterprise_a)
    html = client.get(f"/needs/{need.pk}/").content.decode()
    assert "匹配的科技成果" in html and "石墨烯高导热散热膜" in html
    client.logout()
    public = client.get(f"/needs/{need.pk}/").content.decode()
    assert "石墨烯高导热散热膜" not in public


# --- Closing asks why -----------------------------------------------------------------------------------------------


def test_closing_asks_why_and_keeps_what_was_typed_when_the_reason_is_missing(client, user_enterprise_a):
    need = NeedFactory(enterprise=user_enterprise_a.organisation, status=Status.PUBLISHED)
    client.force_login(user_enterprise_a)
    page = client.get(f"/needs/{need.pk}/close/?next=/dashboard/").content.decode()
    assert page.count('type="radio" name="reason"') == len(TechnologyNeed.CloseReason.choices) == 4
    assert "平台上没有合适的技术" in page and 'name="next" value="/dashboard/"' in page

    response = client.post(f"/needs/{need.pk}/close/", {"note": "试了三家都不行", "next": "/dashboard/"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "请选择关闭原因。" in text and "试了三家都不行" in text  # the note is not lost
    need.refresh_from_db()
    assert need.status == Status.PUBLISHED

    response = client.post(
        f"/needs/{need.pk}/close/", {"reason": "nothing_suitable", "note": "试了三家都不行", "next": "/dashboard/"}
    )
    assert response.status_code == 302 and response["Location"] == "/dashboard/"
    need.refresh_from_db()
    assert (need.status, need.close_reason, need.close_note) == (Status.CLOSED, "nothing_suitable", "试了三家都不行")
    detail = client.get(f"/needs/{need.pk}/").content.decode()
    assert "关闭原因" in detail and "平台上没有合适的技术" in detail and "试了三家都不行" in detail
    # Closed already: the page says so instead of asking again.
    again = client.get(f"/needs/{need.pk}/close/", follow=True)
    assert "该需求已经关闭。" in again.content.decode()


def test_only_the_owner_and_staff_get_the_closing_page(client, user_enterprise_a, user_enterprise_b, user_bureau_staff):
    need = NeedFactory(enterprise=user_enterprise_a.organisation, status=Status.PUBLISHED)
    client.force_login(user_enterprise_b)
    assert client.get(f"/needs/{need.pk}/close/").status_code == 403
    assert client.post(f"/needs/{need.pk}/close/", {"reason": "no_longer_needed"}).status_code == 403
    client.force_login(user_bureau_staff)
    assert client.get(f"/needs/{need.pk}/close/").status_code == 200
    need.refresh_from_db()
    assert need.status == Status.PUBLISHED


def test_closing_page_in_english(client, user_enterprise_a):
    need = NeedFactory(enterprise=user_enterprise_a.organisation, status=Status.PUBLISHED)
    client.force_login(user_enterprise_a)
    client.cookies["django_language"] = "en"
    text = client.get(f"/needs/{need.pk}/close/").content.decode()
    assert "No suitable technology on the platform" in text and "平台上没有合适的技术" not in text
