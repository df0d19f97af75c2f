"""Every registration page fits a 390 × 844 phone without sideways scrolling, for each role and in English.

Runs in Debian's Chromium (shared ``browser`` fixture). A page passes when the document is no wider than
the viewport (tables become stacked rows; the statistics chart scrolls inside its own box)."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from tests.phone import phone_page, too_wide

from .factories import city_registry, ready_draft, submitted
from .statistics_factories import FOREIGN, registered


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
def test_every_registration_page_fits_aphone_page(
    browser, live_server, cases, user_enterprise_a, user_registrar, user_bureau_staff
):
    base = live_server.url
    paths = _paths(cases)
    wide = {}
    for role, user in (("seller", user_enterprise_a), ("registrar", user_registrar), ("staff", user_bureau_staff)):
        page = phone_page(browser, base, user.username)
        wide.update({f"{role} {path}": width for path, width in too_wide(page, base, paths[role]).items()})
        page.context.close()
    public = phone_page(browser, base)
    wide.update(too_wide(public, base, ["/registration/verify/", _verify_path(cases["done"])]))
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
    staff = phone_page(browser, base, user_bureau_staff.username, language="en")
    assert too_wide(staff, base, paths["staff"]) == {}
    staff.goto(f"{base}/registration/statistics/")
    text = staff.locator("main").inner_text()
    assert "Jan" in text and "Month 1" not in text and "1月" not in text
    registrar = phone_page(browser, base, user_registrar.username, language="en")
    assert too_wide(registrar, base, paths["registrar"]) == {}
    registrar.goto(f"{base}/registration/contracts/{cases['done'].pk}/")
    record = registrar.locator("main").inner_text()
    assert "Germany (276)" in record
    assert "有限责任公司" not in record  # entity types named in English
