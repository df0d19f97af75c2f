"""The challenge pages: public list and detail, staff publishing, applying, scoring, awarding, milestones."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from challenges import services
from challenges.models import Application, Challenge, Milestone
from taxonomy.models import IndustryChainNode, TechnicalField

from .factories import after_close, make_challenge, make_expert, submitted_application

pytestmark = pytest.mark.django_db


def test_public_list_and_detail_hide_drafts(client, user_bureau_staff, challenge):
    draft = make_challenge(user_bureau_staff, publish=False, title="草稿榜单")
    body = client.get(reverse("challenges:challenge_list")).content.decode()
    assert challenge.title in body and "草稿榜单" not in body
    assert client.get(reverse("challenges:challenge_detail", args=[draft.pk])).status_code == 404
    page = client.get(reverse("challenges:challenge_detail", args=[challenge.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "单项金属杂质" in page.content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(reverse("challenges:challenge_list")).content.decode()
    assert "Purification of electronic-grade hydrofluoric acid" in english
    assert "Reward" in english and "悬赏揭榜" not in english
    assert client.get(reverse("challenges:challenge_list") + "?status=open&q=氢氟酸").status_code == 200


def test_staff_publish_through_the_form(client, user_bureau_staff, enterprise_a):
    client.force_login(user_bureau_staff)
    now = timezone.localtime()
    data = {
        "title": "固态电解质界面稳定性攻关",
        "problem": "界面阻抗过高。",
        "node": IndustryChainNode.objects.get(code="FLU.01.01").pk,
        "technical_field": TechnicalField.objects.get(code="energy").pk,
        "reward_cny": "2000000",
        "term_years": "3",
        "scope": "any",
        "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
        "closes_at": (now + timedelta(days=20)).strftime("%Y-%m-%dT%H:%M"),
        "review_by": (now + timedelta(days=30)).strftime("%Y-%m-%d"),
        "award_by": (now + timedelta(days=40)).strftime("%Y-%m-%d"),
        "ip_terms": "共有",
        "co_funders": [enterprise_a.pk],
        "target_0_indicator": "界面阻抗",
        "target_0_value": "≤10",
        "target_0_unit": "Ω·cm²",
        "target_0_test_method": "EIS",
        "criterion_0_name": "可行性",
        "criterion_0_weight": "100",
        "publish": "1",
    }
    response = client.post(reverse("challenges:challenge_create"), data)
    challenge = Challenge.objects.get()
    assert response.status_code == 302
    assert challenge.status == Challenge.Status.OPEN
    bad = dict(data, criterion_0_weight="50", title="另一个")
    response = client.post(reverse("challenges:challenge_create"), bad)
    assert response.status_code == 200 and "权重合计须为 100" in response.content.decode()
    assert Challenge.objects.count() == 1


def test_non_staff_cannot_reach_staff_pages(client, user_enterprise_a, challenge):
    client.force_login(user_enterprise_a)
    for url in (
        reverse("challenges:challenge_create"),
        reverse("challenges:ranking", args=[challenge.pk]),
        reverse("challenges:campaign_list"),
        reverse("challenges:statistics"),
        reverse("challenges:problem_manage", args=["FLU"]),
    ):
        assert client.get(url).status_code == 403, url
    assert (
        client.post(
            reverse("challenges:challenge_transition", args=[challenge.pk, "close"]), {"reason": "x"}
        ).status_code
        == 403
    )


def test_apply_through_the_form(client, challenge, applicant_a):
    client.force_login(applicant_a)
    due = timezone.localdate(challenge.closes_at)
    data = {
        "team_lead": "张教授",
        "technical_route": "精馏",
        "budget_cny": "3000000",
        "declares_no_conflict": "on",
        "declares_originality": "on",
        "milestone_0_title": "中试",
        "milestone_0_indicator": "杂质≤50ppt",
        "milestone_0_due_on": (due + timedelta(days=200)).isoformat(),
        "milestone_0_payment_cny": "3000000",
        "submit": "1",
    }
    response = client.post(reverse("challenges:application_edit", args=[challenge.pk]), data)
    assert response.status_code == 302
    assert Application.objects.get().status == Application.Status.SUBMITTED


def test_review_ranking_award_and_milestones_through_pages(
    client, challenge, applicant_a, user_bureau_staff, user_enterprise_a, registry_fixture
):
    application = submitted_application(applicant_a, challenge)
    expert = make_expert("page_expert")
    services.panel_add_expert(user=user_bureau_staff, challenge=challenge, expert=expert)
    with after_close(challenge):
        services.challenge_start_review(user=user_bureau_staff, challenge=challenge)
        client.force_login(expert)
        route, people = challenge.criteria.all()
        response = client.post(
            reverse("challenges:review", args=[challenge.pk]),
            {"application": application.pk, f"score_{route.pk}": "90", f"score_{people.pk}": "80", "comment": "好"},
        )
        assert response.status_code == 302
        client.force_login(applicant_a)
        assert client.get(reverse("challenges:ranking", args=[challenge.pk])).status_code == 403
        assert client.get(reverse("challenges:review", args=[challenge.pk])).status_code == 404
        client.force_login(user_bureau_staff)
        ranking = client.get(reverse("challenges:ranking", args=[challenge.pk])).content.decode()
        assert "86.00" in ranking
        client.post(
            reverse("challenges:ranking", args=[challenge.pk]), {"application": application.pk, "reasons": "第一"}
        )
    challenge.refresh_from_db()
    assert challenge.status == Challenge.Status.AWARDED
    milestone = challenge.award.milestones.first()
    client.force_login(applicant_a)
    client.post(
        reverse("challenges:milestone_action", args=[milestone.pk, "report"]), {"report": "完成", "evidence": "报告"}
    )
    client.force_login(user_enterprise_a)
    client.post(reverse("challenges:milestone_action", args=[milestone.pk, "decide"]), {"accept": "1"})
    client.force_login(user_bureau_staff)
    client.post(reverse("challenges:milestone_action", args=[milestone.pk, "decide"]), {"accept": "1"})
    milestone.refresh_from_db()
    assert milestone.status == Milestone.Status.ACCEPTED
    public = client.get(reverse("challenges:challenge_detail", args=[challenge.pk])).content.decode()
    assert "已验收" in public
    assert client.get(reverse("challenges:statistics")).status_code == 200


@pytest.fixture
def registry_fixture(user_registrar):
    from tests.registration.factories import city_registry

    return city_registry(user_registrar)


def test_english_pages_name_chains_and_fields_in_english(client, challenge):
    """Taxonomy terms go through the ``term`` filter: the list, the detail's chain path and field, and the problem
    map show their English names to an English reader, the Chinese ones to a Chinese reader."""
    client.cookies["django_language"] = "en"
    listing = client.get(reverse("challenges:challenge_list")).content.decode()
    assert "Anhydrous HF and fluorite" in listing and "无水氟化氢与萤石综合利用" not in listing
    detail = client.get(reverse("challenges:challenge_detail", args=[challenge.pk])).content.decode()
    assert "Fluorine new materials › Basic fluorochemicals › Anhydrous HF and fluorite" in detail
    assert challenge.technical_field.name_en in detail and challenge.technical_field.name not in detail
    chain_map = client.get(reverse("challenges:map_chain", args=["FLU"])).content.decode()
    assert "Fluorine new materials" in chain_map and "氟新材料" not in chain_map
    client.cookies["django_language"] = "zh-hans"
    detail = client.get(reverse("challenges:challenge_detail", args=[challenge.pk])).content.decode()
    assert "氟新材料 › 氟化工基础原料 › 无水氟化氢与萤石综合利用" in detail


def test_chain_choices_in_forms_are_named_in_the_readers_language(client, user_bureau_staff):
    client.force_login(user_bureau_staff)
    client.cookies["django_language"] = "en"
    form = client.get(reverse("challenges:challenge_create")).content.decode()
    assert "FLU.01.01 Anhydrous HF and fluorite" in form and "FLU.01.01 无水氟化氢与萤石综合利用" not in form
    client.cookies["django_language"] = "zh-hans"
    assert "FLU.01.01 无水氟化氢与萤石综合利用" in client.get(reverse("challenges:challenge_create")).content.decode()
