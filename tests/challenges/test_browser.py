"""Browser journey (Playwright + Debian Chromium): staff publish a challenge → an institution applies → two
experts score → staff award → the contract is registered → the winner reports a milestone → the enterprise and
the bureau accept it → the map shows the problem as solved.

The live server runs in this process, so ``clock.at`` moves its clock past the deadline too. Registering the
contract goes through registration's services (its own browser test drives that page)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from challenges import services
from challenges.models import Challenge, KeyProblem, Milestone
from common import clock
from registration import services as registration_services
from taxonomy.models import IndustryChainNode
from tests.factories import NeedFactory, UserFactory
from tests.registration.factories import city_registry, pdf_upload

PASSWORD = "pass-1234-word"


def login(browser, base_url, username):
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    return page


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_challenge_journey_from_publication_to_solved_problem(
    browser, live_server, user_bureau_staff, user_enterprise_a, enterprise_a, user_registrar, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    city_registry(user_registrar)
    applicant = UserFactory(username="inst_journey", role=User.Role.INSTITUTION_EDITOR)
    from tests.factories import InstitutionFactory

    applicant.organisation = InstitutionFactory(name="旅程氟化学研究院")
    applicant.save()
    experts = [UserFactory(username=f"journey_expert{i}", role=User.Role.EXPERT) for i in (1, 2)]
    node = IndustryChainNode.objects.get(code="FLU.01.01")
    problem = services.problem_create(
        user=user_bureau_staff,
        node=node,
        title="电子级氢氟酸金属杂质",
        needs=[NeedFactory(enterprise=enterprise_a, industry_chain=node)],
    )
    base = live_server.url
    now = timezone.localtime()

    staff = login(browser, base, user_bureau_staff.username)
    staff.goto(f"{base}/challenges/new/")
    staff.fill("#id_title", "旅程榜单:电子级氢氟酸提纯")
    staff.fill("#id_problem", "金属杂质须降至 ppt 级。")
    staff.select_option("#id_node", str(node.pk))
    staff.select_option("#id_technical_field", label="新材料及其应用")
    staff.fill("#id_reward_cny", "3000000")
    staff.fill("#id_opens_at", now.strftime("%Y-%m-%dT%H:%M"))
    staff.fill("#id_closes_at", (now + timedelta(days=20)).strftime("%Y-%m-%dT%H:%M"))
    staff.fill("#id_review_by", (now + timedelta(days=30)).strftime("%Y-%m-%d"))
    staff.fill("#id_award_by", (now + timedelta(days=40)).strftime("%Y-%m-%d"))
    staff.fill("#id_ip_terms", "共有")
    staff.select_option("#id_co_funders", str(enterprise_a.pk))
    staff.select_option("#id_key_problems", str(problem.pk))
    staff.fill("#id_target_0_indicator", "单项金属杂质")
    staff.fill("#id_target_0_value", "≤10")
    staff.fill("#id_target_0_test_method", "ICP-MS")
    staff.fill("#id_criterion_0_name", "可行性")
    staff.fill("#id_criterion_0_weight", "100")
    staff.get_by_role("button", name="保存并发布").click()
    staff.wait_for_load_state()
    challenge = Challenge.objects.get()
    assert challenge.status == Challenge.Status.OPEN
    assert "揭榜中" in staff.locator("[data-testid=challenge-status]").inner_text()
    for expert in experts:
        staff.goto(f"{base}/challenges/{challenge.pk}/ranking/")
        staff.select_option("#id_expert", str(expert.pk))
        staff.get_by_role("button", name="加入", exact=True).click()
        staff.wait_for_load_state()

    inst = login(browser, base, applicant.username)
    inst.goto(f"{base}/challenges/{challenge.pk}/")
    assert no_sideways_scroll(inst)
    inst.get_by_role("link", name="我要揭榜").click()
    inst.fill("#id_team_lead", "张教授")
    inst.fill("#id_technical_route", "多级精馏 + 膜过滤。")
    inst.fill("#id_budget_cny", "4000000")
    inst.check("#id_declares_no_conflict")
    inst.check("#id_declares_originality")
    inst.fill("#id_milestone_0_title", "小试")
    inst.fill("#id_milestone_0_indicator", "杂质≤50ppt")
    inst.fill("#id_milestone_0_due_on", (now + timedelta(days=200)).strftime("%Y-%m-%d"))
    inst.fill("#id_milestone_0_payment_cny", "3000000")
    inst.get_by_role("button", name="提交申报").click()
    inst.wait_for_load_state()
    application = challenge.applications.get()
    assert application.status == "submitted"

    with clock.at(challenge.closes_at + timedelta(minutes=5)):
        staff.goto(f"{base}/challenges/{challenge.pk}/")
        staff.get_by_role("button", name="进入评审").click()
        staff.wait_for_load_state()
        for expert, score in zip(experts, ("90", "80"), strict=True):
            page = login(browser, base, expert.username)
            page.goto(f"{base}/challenges/{challenge.pk}/review/")
            page.locator("input[type=number]").first.fill(score)
            page.locator("textarea[name=comment]").fill("路线可行")
            page.get_by_role("button", name="保存评分").click()
            page.wait_for_load_state()
        staff.goto(f"{base}/challenges/{challenge.pk}/ranking/")
        assert "85.00" in staff.content()
        staff.fill(f"#reasons-{application.pk}", "综合得分第一")
        staff.get_by_role("button", name="确定揭榜").click()
        staff.wait_for_load_state()
    challenge.refresh_from_db()
    assert challenge.status == Challenge.Status.AWARDED

    contract = challenge.award.contract
    registration_services.contract_update_draft(
        user=applicant,
        contract=contract,
        data={"contract_number": "JB-BROWSER-1", "signed_on": clock.today(), "effective_on": clock.today()},
    )
    registration_services.contract_attach(
        user=applicant, contract=contract, kind="signed_contract", uploaded_file=pdf_upload()
    )
    registration_services.contract_submit(user=applicant, contract=contract)
    registration_services.contract_register(user=user_registrar, contract=contract, issue_certificate=False)

    inst.goto(f"{base}/challenges/{challenge.pk}/")
    inst.fill("#id_report", "小试样品达标")
    inst.fill("#id_evidence", "第三方检测报告")
    inst.get_by_role("button", name="报告完成情况").click()
    inst.wait_for_load_state()
    for user in (user_enterprise_a, user_bureau_staff):
        page = login(browser, base, user.username)
        page.goto(f"{base}/challenges/{challenge.pk}/")
        page.select_option("#id_accept", "1")
        page.get_by_role("button", name="提交验收意见").click()
        page.wait_for_load_state()
    assert Milestone.objects.get().status == Milestone.Status.ACCEPTED
    inst.reload()
    assert "已验收" in inst.locator("[data-milestone] .milestone-status").first.inner_text()

    public = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}).new_page()
    public.goto(f"{base}/challenges/map/FLU/")
    assert public.locator(f"tr[data-problem='{problem.pk}'] .problem-status").inner_text() == "已解决"
    assert public.locator("tr[data-code='FLU.01.01'] td[data-solved]").inner_text() == "1"
    assert no_sideways_scroll(public)
    # At 390 px the picture gives way to rows with full-size labels (the SVG's would be 4 px high).
    assert public.locator(".problem-map svg").is_hidden()
    phone_map = public.get_by_test_id("problem-map-list")
    assert phone_map.is_visible()
    node = phone_map.locator("a[data-code='FLU.01.01']")
    assert node.is_visible() and node.locator(".name").inner_text()
    label_px = node.locator(".name").evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert label_px >= 14, label_px
    box = node.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert KeyProblem.objects.get(pk=problem.pk).status == KeyProblem.Status.SOLVED
