"""In Chromium: an enterprise signs in and posts a need, bureau staff approve it, the public listing shows it."""

import pytest

from accounts.models import User
from marketplace.models import TechnologyNeed
from tests.factories import OrganisationFactory, UserFactory

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser(monkeypatch):
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pass-1234-word")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/dashboard/")


@pytest.mark.browser
def test_need_from_enterprise_to_public_listing(transactional_db, django_db_serialized_rollback, live_server, browser):
    enterprise = OrganisationFactory(name="浏览器测试企业")
    UserFactory(username="buyer", role=User.Role.ENTERPRISE_MEMBER, organisation=enterprise)
    UserFactory(username="reviewer", role=User.Role.BUREAU_STAFF)
    base = live_server.url

    buyer = browser.new_context(locale="zh-CN").new_page()
    _sign_in(buyer, base, "buyer")
    buyer.click("text=发布技术需求")
    buyer.fill("#id_title", "含氟废水低成本除氟")
    buyer.fill("#id_problem", "每天 200 吨含氟废水,需要把氟离子降到 8 mg/L 以下并回收氟化钙。")
    buyer.select_option("#id_technical_field", label="环境保护与资源综合利用")
    buyer.fill("#id_budget_max_cny", "1500000")
    buyer.fill("#id_indicators-0-name", "出水氟离子")
    buyer.fill("#id_indicators-0-target", "≤8")
    buyer.fill("#id_indicators-0-unit", "mg/L")
    buyer.click("button[name=submit]")
    buyer.wait_for_selector("text=已保存并提交科技局审核", timeout=5000)
    need = TechnologyNeed.objects.get(title="含氟废水低成本除氟")
    assert need.status == TechnologyNeed.Status.PENDING_REVIEW

    visitor = browser.new_context(locale="zh-CN").new_page()
    visitor.goto(f"{base}/needs/")
    assert "含氟废水低成本除氟" not in visitor.content()

    staff = browser.new_context(locale="zh-CN").new_page()
    _sign_in(staff, base, "reviewer")
    staff.goto(f"{base}/staff/needs/")
    staff.click("button[value=approve]")
    staff.wait_for_selector("text=已通过审核并公开发布")

    visitor.goto(f"{base}/needs/")
    assert "含氟废水低成本除氟" in visitor.content()
    visitor.click("text=含氟废水低成本除氟")
    assert "出水氟离子" in visitor.content()
