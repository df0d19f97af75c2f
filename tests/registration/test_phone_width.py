"""Every registration page fits a 390 × 844 phone without sideways scrolling, for each role and in English.

Runs in Debian's Chromium (shared ``browser`` fixture). A page passes when the document is no wider than
the viewport (tables become stacked rows; the statistics chart scrolls inside its own box)."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from .factories import city_registry, ready_draft, submitted
from .statistics_factories import FOREIGN, registered

PASSWORD = "pass-1234-word"
PHONE = {"width": 390, "height": 844}


def _phone(browser, base_url, username=None, *, language="zh-hans"):
    context = browser.new_context(viewport=PHONE, locale="zh-CN", device_scale_factor=1)
    page = context.new_page()
    if language != "zh-hans":
        # What the language switch stores: the django_language cookie.
        context.add_cookies([{"name": "django_language", "value": language, "url": base_url}])
    if username:
        page.goto(f"{base_url}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
    return page


def _too_wide(page, base_url, paths) -> dict[str, int]:
    wide = {}
    for path in paths:
        response = page.goto(f"{base_url}{path}")
        assert response.status == 200, (path, response.status)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[path] = width
    return wide


@pytest.fixture
def cases(user_enterprise_a, enterprise_b, user_registrar):
    registry = city_registry(user_registrar)
    year = timezone.localdate().year
    draft = ready_draft(
        user_enterprise_a, enterprise_b, project_name="手机宽度测试草稿合同名称比较长的一个", attachments=()
    )
    open_case = submitted(user_enterprise_a, enterprise_b, project_name="手机宽度测试待办案件")
    done = registered(
        user_registrar,
        registry,
        registered_on=date(year, 1, 5),
        project_name="手机宽度测试已登记合同(含很长的项目名称以检验换行)",
        buyer=FOREIGN,
    )
    registered(user_registrar, registry, registered_on=date(year - 1, 3, 5))
    return {"draft": draft, "open": open_case, "done": done}


def _paths(cases) -> dict[str, list[str]]:
    draft, open_case, done = cases["draft"].pk, cases["open"].pk, cases["done"].pk
    return {
        "seller": [
            "/registration/contracts/",
            "/registration/contracts/new/",
            f"/registration/contracts/{draft}/file/",
            f"/registration/contracts/{draft}/",
            f"/registration/contracts/{open_case}/",
        ],
        "registrar": [
            "/registration/contracts/",
            "/registration/queue/",
            f"/registration/contracts/{open_case}/review/",
            f"/registration/contracts/{done}/",
            "/registration/statistics/",
        ],
        "staff": [
            "/registration/contracts/",
            f"/registration/contracts/{done}/",
            "/registration/statistics/",
            "/registration/calendar/",
        ],
    }


def _verify_path(contract) -> str:
    return f"/registration/verify/?number={contract.registration_number}&code={contract.verification_code}"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_registration_page_fits_a_phone(
    browser, live_server, cases, user_enterprise_a, user_registrar, user_bureau_staff
):
    base = live_server.url
    paths = _paths(cases)
    wide = {}
    for role, user in (("seller", user_enterprise_a), ("registrar", user_registrar), ("staff", user_bureau_staff)):
        page = _phone(browser, base, user.username)
        wide.update({f"{role} {path}": width for path, width in _too_wide(page, base, paths[role]).items()})
        page.context.close()
    public = _phone(browser, base)
    wide.update(_too_wide(public, base, ["/registration/verify/", _verify_path(cases["done"])]))
    assert public.locator("#verification-result").count() == 1
    public.context.close()
    assert wide == {}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_registration_pages_in_english_fit_a_phone_and_name_months_and_entity_types(
    browser, live_server, cases, user_enterprise_a, user_registrar, user_bureau_staff
):
    base = live_server.url
    paths = _paths(cases)
    staff = _phone(browser, base, user_bureau_staff.username, language="en")
    assert _too_wide(staff, base, paths["staff"]) == {}
    staff.goto(f"{base}/registration/statistics/")
    text = staff.locator("main").inner_text()
    assert "Jan" in text and "Month 1" not in text and "1月" not in text
    registrar = _phone(browser, base, user_registrar.username, language="en")
    assert _too_wide(registrar, base, paths["registrar"]) == {}
    registrar.goto(f"{base}/registration/contracts/{cases['done'].pk}/")
    record = registrar.locator("main").inner_text()
    assert "Germany (276)" in record
    assert "有限责任公司" not in record  # entity types named in English
