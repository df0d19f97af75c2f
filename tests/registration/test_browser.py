"""Browser journey (Playwright + Debian Chromium): a seller submits, a registrar registers, the certificate
downloads, and the public verification page confirms it."""

import os
import shutil
from datetime import timedelta

import pytest

from registration.models import TechnologyContract

from .factories import MINIMAL_PDF

# Playwright's sync API runs an event loop in this thread; the ORM calls below are still sequential.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "pass-1234-word"


@pytest.fixture
def browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Debian chromium is required for browser tests")
        pytest.skip("Debian chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def login(browser, base_url, username):
    context = browser.new_context(accept_downloads=True, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    return page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_seller_submits_registrar_registers_certificate_downloads_and_verifies(
    browser, live_server, user_enterprise_a, enterprise_b, user_registrar, tmp_path
):
    from django.utils import timezone

    from .factories import city_registry

    city_registry(user_registrar)
    base = live_server.url
    today = timezone.localdate()

    seller = login(browser, base, user_enterprise_a.username)
    seller.goto(f"{base}/registration/contracts/new/")
    seller.fill("#id_project_name", "石墨烯导热膜浏览器测试合同")
    for field in ("signed_on", "effective_on", "term_start"):
        seller.fill(f"#id_{field}", (today - timedelta(days=7)).isoformat())
    seller.fill("#id_term_end", (today + timedelta(days=365)).isoformat())
    seller.select_option("#id_contract_type", "development")
    seller.select_option("#id_sub_type", "commissioned_development")
    seller.select_option("#id_technical_field", label="新材料及其应用")
    seller.select_option("#id_payment_method", "lump_sum")
    seller.fill("#id_total_amount_cny", "1500000")
    seller.select_option("#id_parties-1-organisation", str(enterprise_b.pk))
    seller.locator("main form.stacked button[type=submit]").click()
    seller.wait_for_selector("#precheck")
    assert "请上传已签章的合同文本" in seller.content()

    pdf = tmp_path / "signed.pdf"
    pdf.write_bytes(MINIMAL_PDF)
    seller.select_option("#id_kind", "signed_contract")
    seller.set_input_files("input[name=file]", str(pdf))
    seller.get_by_role("button", name="上传 PDF").click()
    seller.wait_for_load_state()
    assert "须解决" not in seller.locator("#precheck").inner_text()
    seller.get_by_role("button", name="提交登记").click()
    seller.wait_for_load_state()
    assert "已提交" in seller.content()
    contract = TechnologyContract.objects.get(project_name="石墨烯导热膜浏览器测试合同")
    assert contract.status == "submitted"

    registrar = login(browser, base, user_registrar.username)
    registrar.goto(f"{base}/registration/queue/")
    registrar.get_by_role("link", name="石墨烯导热膜浏览器测试合同").click()
    registrar.wait_for_selector("#register-button")
    registrar.fill("#id_explanation", "符合技术开发认定条件。")
    registrar.click("#register-button")
    registrar.wait_for_load_state()
    contract.refresh_from_db()
    assert contract.status == "registered"
    assert contract.registration_number in registrar.content()

    seller.goto(f"{base}/registration/contracts/{contract.pk}/")
    with seller.expect_download() as download_info:
        seller.get_by_role("link", name=f"技术合同登记证明 {contract.registration_number}").click()
    saved = tmp_path / "certificate.pdf"
    download_info.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")

    public = browser.new_context(locale="zh-CN").new_page()
    public.goto(f"{base}/registration/verify/")
    public.fill("#id_number", contract.registration_number)
    public.fill("#id_code", contract.verification_code)
    public.get_by_role("button", name="查验").click()
    public.wait_for_selector("#verification-result")
    text = public.locator("#verification-result").inner_text()
    assert "已登记" in text and "1,500,000.00" in text and "石墨烯导热膜浏览器测试合同" in text
