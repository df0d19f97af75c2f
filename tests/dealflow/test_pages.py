"""Pages: the journey's forms work, render in both languages, and the permission matrix holds (roles × actions)."""

import pytest
from django.urls import reverse

from dealflow import services
from dealflow.models import Deal, Enquiry, Message, SolutionProposal
from tests.factories import NeedFactory

from .conftest import to_terms

pytestmark = pytest.mark.django_db


def test_enquiry_form_from_a_match_row_carries_the_need(client, user_enterprise_a, achievement):
    need = NeedFactory(enterprise=user_enterprise_a.organisation)
    client.force_login(user_enterprise_a)
    url = reverse("dealflow:enquire", args=[achievement.pk]) + f"?need={need.pk}"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"purpose": "电池散热", "intended_use": "年产十万套", "timeline": "year", "need": need.pk},
    )
    enquiry = Enquiry.objects.get()
    assert response.status_code == 302 and enquiry.need == need


def test_enquiry_form_shows_errors_and_saves_nothing(client, user_enterprise_a, achievement):
    client.force_login(user_enterprise_a)
    response = client.post(
        reverse("dealflow:enquire", args=[achievement.pk]),
        {"purpose": "x", "intended_use": "y", "timeline": "year", "budget_min_cny": "9", "budget_max_cny": "1"},
    )
    assert response.status_code == 200 and "上限不能低于下限" in response.content.decode()
    assert Enquiry.objects.count() == 0


def test_achievement_page_offers_an_enquiry_to_enterprises_only(
    client, user_enterprise_a, user_institution_editor, achievement
):
    link = reverse("dealflow:enquire", args=[achievement.pk])
    assert link not in client.get(achievement.url).content.decode()
    client.force_login(user_enterprise_a)
    assert link in client.get(achievement.url).content.decode()
    client.force_login(user_institution_editor)
    assert link not in client.get(achievement.url).content.decode()


def test_proposal_page(client, user_institution_editor, user_enterprise_a, achievement):
    need = NeedFactory(enterprise=user_enterprise_a.organisation)
    client.force_login(user_institution_editor)
    assert (
        reverse("dealflow:propose", args=[need.pk])
        in client.get(reverse("marketplace:need_detail", args=[need.pk])).content.decode()
    )
    response = client.post(
        reverse("dealflow:propose", args=[need.pk]),
        {"approach": "联合开发", "duration": "6个月", "achievements": [achievement.pk]},
    )
    assert response.status_code == 302
    assert list(SolutionProposal.objects.get().achievements.all()) == [achievement]


def test_accept_decline_and_messages_through_pages(client, enquiry, user_institution_editor, user_enterprise_a):
    conversation = enquiry.conversation
    client.force_login(user_enterprise_a)
    client.post(reverse("dealflow:conversation", args=[conversation.pk]), {"body": "你好"})
    assert Message.objects.count() == 1
    # the sender cannot answer its own enquiry
    assert (
        client.post(reverse("dealflow:conversation_answer", args=[conversation.pk]), {"action": "accept"}).status_code
        == 403
    )
    client.force_login(user_institution_editor)
    response = client.post(reverse("dealflow:conversation_answer", args=[conversation.pk]), {"action": "accept"})
    deal = Deal.objects.get()
    assert response.url == reverse("dealflow:deal", args=[deal.pk])


def test_refused_transition_on_the_page_leaves_the_stage(client, deal, user_institution_editor):
    client.force_login(user_institution_editor)
    response = client.post(reverse("dealflow:deal_transition", args=[deal.pk]), {"to_stage": "signing"}, follow=True)
    assert "不能变更为" in response.content.decode()
    deal.refresh_from_db()
    assert deal.stage == "intent"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_pages_render_for_each_role(
    client, deal, user_institution_editor, user_enterprise_a, user_bureau_staff, language
):
    client.cookies["django_language"] = language
    to_terms(deal, user_institution_editor)
    services.deal_set_price(user=user_institution_editor, deal=deal, price_cny="800000")
    notice = deal.price_notices.get()
    pages = {
        user_enterprise_a: ["board", "inbox", "notifications", "dashboard"],
        user_institution_editor: ["board", "inbox", "notifications", "dashboard", "nda_edit"],
        user_bureau_staff: ["board", "inbox", "notifications", "bureau"],
    }
    for user, names in pages.items():
        client.force_login(user)
        for name in names:
            assert client.get(reverse(f"dealflow:{name}")).status_code == 200, (user, name)
        assert client.get(reverse("dealflow:deal", args=[deal.pk])).status_code == 200
    client.logout()
    assert client.get(reverse("dealflow:notices")).status_code == 200
    body = client.get(reverse("dealflow:notice", args=[notice.pk])).content.decode()
    assert deal.buyer_organisation.name in body and "800,000" in body


def test_public_objection_form(client, deal, user_institution_editor):
    to_terms(deal, user_institution_editor)
    services.deal_set_price(user=user_institution_editor, deal=deal, price_cny="800000")
    notice = deal.price_notices.get()
    response = client.post(
        reverse("dealflow:notice", args=[notice.pk]), {"name": "张三", "contact": "138", "grounds": "偏低"}
    )
    assert response.status_code == 302 and notice.objections.count() == 1


# --- the permission matrix: no organisation reads another's conversations, tiers or deals ---------------------

OUTSIDER_PAGES = ["conversation", "deal", "nda_sign"]


def test_outsiders_get_404_and_uninvited_staff_403(client, deal, user_enterprise_b, user_bureau_staff, user_registrar):
    from tests.factories import InstitutionFactory, UserFactory

    other_institution = UserFactory(role="institution_editor", organisation=InstitutionFactory())
    conversation = deal.conversation
    for user in (user_enterprise_b, other_institution, user_registrar):
        client.force_login(user)
        assert client.get(reverse("dealflow:conversation", args=[conversation.pk])).status_code in (403, 404)
        assert client.get(reverse("dealflow:deal", args=[deal.pk])).status_code in (403, 404)
        assert client.get(reverse("api-deal-detail", args=[deal.pk])).status_code in (403, 404)
        assert client.get(reverse("api-deal-messages", args=[conversation.pk])).status_code in (403, 404)
        listed = client.get(reverse("api-deal-list"))
        assert listed.status_code == 403 or listed.json()["count"] == 0
        assert client.post(
            reverse("dealflow:deal_transition", args=[deal.pk]), {"to_stage": "negotiation"}
        ).status_code in (403, 404)
    client.force_login(user_bureau_staff)
    assert client.get(reverse("dealflow:conversation", args=[conversation.pk])).status_code == 403
    assert client.get(reverse("api-deal-messages", args=[conversation.pk])).status_code == 403
    # staff see the deal's metadata but may not move it
    assert client.get(reverse("dealflow:deal", args=[deal.pk])).status_code == 200
    assert client.post(reverse("api-deal-transition", args=[deal.pk]), {"to_stage": "negotiation"}).status_code == 403
    deal.refresh_from_db()
    assert deal.stage == "intent"


def test_anonymous_is_sent_to_login_and_api_refuses(client, deal):
    assert client.get(reverse("dealflow:deal", args=[deal.pk])).status_code == 302
    assert client.get(reverse("api-deal-list")).status_code in (401, 403)


def test_bureau_pages_are_staff_only(client, user_enterprise_a, user_institution_editor, user_bureau_staff):
    for user in (user_enterprise_a, user_institution_editor):
        client.force_login(user)
        assert client.get(reverse("dealflow:bureau")).status_code == 403
        assert client.get(reverse("dealflow:bureau_export")).status_code == 403
        assert client.get(reverse("api-deal-funnel")).status_code == 403
    client.force_login(user_bureau_staff)
    response = client.get(reverse("dealflow:bureau_export"))
    assert response.status_code == 200 and response.content[:2] == b"PK"


def test_match_rows_link_to_an_enquiry_with_the_need(rf, user_enterprise_a, user_institution_editor, achievement):
    from django.template.loader import render_to_string

    from search.matching import Match

    need = NeedFactory(enterprise=user_enterprise_a.organisation)
    matches = [Match(object_id=achievement.pk, external_id=None, title=achievement.title, url="/x/", score=80.0)]
    context = {"matches": matches, "match_floor": 50.0, "need": need}
    link = reverse("dealflow:enquire", args=[achievement.pk]) + f"?need={need.pk}"
    assert link in render_to_string("search/_matches.html", {**context, "user": user_enterprise_a})
    assert link not in render_to_string("search/_matches.html", {**context, "user": user_institution_editor})


def test_the_bureau_sees_how_the_years_needs_ended(client, user_bureau_staff):
    """Counted against the rows: only needs closed in the year (local time) count, each under its own reason."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from marketplace.models import TechnologyNeed
    from marketplace.selectors import needs_closed_by_reason

    zone = ZoneInfo("Asia/Shanghai")
    closed = TechnologyNeed.Status.CLOSED
    rows = [
        ("nothing_suitable", datetime(2026, 3, 1, 9, tzinfo=zone)),
        ("nothing_suitable", datetime(2026, 6, 1, 9, tzinfo=zone)),
        ("nothing_suitable", datetime(2026, 1, 1, 0, 30, tzinfo=zone)),  # 2025-12-31 16:30 UTC: still 2026 here
        ("solved_here", datetime(2026, 5, 2, 9, tzinfo=zone)),
        ("solved_here", datetime(2026, 7, 2, 9, tzinfo=zone)),
        ("", datetime(2026, 2, 2, 9, tzinfo=zone)),  # closed before the reason was asked
        ("solved_elsewhere", datetime(2025, 12, 31, 23, 30, tzinfo=zone)),  # last year
    ]
    for reason, at in rows:
        NeedFactory(status=closed, close_reason=reason, closed_at=at)
    NeedFactory(status=TechnologyNeed.Status.PUBLISHED)  # open: not counted
    counted = {r["reason"]: r["count"] for r in needs_closed_by_reason(year=2026)}
    assert counted == {"solved_here": 2, "solved_elsewhere": 0, "nothing_suitable": 3, "no_longer_needed": 0, "": 1}
    assert sum(counted.values()) == 6
    client.force_login(user_bureau_staff)
    html = client.get(reverse("dealflow:bureau") + "?year=2026").content.decode()
    assert "需求的去向" in html and "平台上没有合适的技术 · 3" in html and "已通过本平台解决 · 2" in html
    assert "未说明 · 1" in html and "已通过其他途径解决 · 0" in html
    client.cookies["django_language"] = "en"
    html = client.get(reverse("dealflow:bureau") + "?year=2026").content.decode()
    assert "No suitable technology on the platform · 3" in html and "Not stated · 1" in html


def test_deal_and_conversation_name_the_transfer_mode_in_the_readers_language(client, deal, user_enterprise_a):
    mode = deal.transfer_mode
    assert mode is not None and mode.name_en
    client.force_login(user_enterprise_a)
    client.cookies["django_language"] = "en"
    for url in (reverse("dealflow:deal", args=[deal.pk]), f"/deals/conversations/{deal.conversation_id}/"):
        html = client.get(url).content.decode()
        assert mode.name_en in html and f"<dd>{mode.name}</dd>" not in html, url


def test_the_enquiry_form_names_transfer_modes_in_the_readers_language(client, user_enterprise_a, achievement):
    from taxonomy.models import TransferMode

    client.force_login(user_enterprise_a)
    client.cookies["django_language"] = "en"
    form = client.get(reverse("dealflow:enquire", args=[achievement.pk])).content.decode()
    licence = TransferMode.objects.get(code="licence")
    assert f">{licence.name_en}</option>" in form and f">{licence.name}</option>" not in form
