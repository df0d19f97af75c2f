"""Content-Security-Policy: on every page, strict outside the CMS editor; the main pages run without a violation."""

from __future__ import annotations

import pytest

from accounts.models import User
from tests.factories import UserFactory, make_achievement


def _directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parts = [part.strip().split() for part in header.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/", "/achievements/", "/needs/", "/accounts/login/", "/api/docs/", "/api/v1/achievements/"]
)
def test_site_pages_forbid_inline_script(client, url):
    response = client.get(url)
    assert response.status_code == 200
    directives = _directives(response)
    assert directives["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_api_docs_load_nothing_from_another_host(client):
    body = client.get("/api/docs/").content.decode()
    assert "cdn.jsdelivr" not in body and "https://" not in body
    assert "<script>" not in body  # the initialiser comes from ?script, not inline


@pytest.mark.django_db
def test_cms_editor_may_run_wagtails_inline_scripts_but_nothing_from_elsewhere(client):
    directives = _directives(client.get("/admin/login/"))
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["default-src"] == ["'self'"]


@pytest.mark.browser
def test_main_pages_work_without_csp_violations(
    transactional_db, django_db_serialized_rollback, live_server, browser, institution_page
):
    achievement = make_achievement(institution_page, title="石墨烯导热膜")
    UserFactory(username="staffer", role=User.Role.BUREAU_STAFF, is_staff=True, is_superuser=True)
    base = live_server.url
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}") if "Content Security Policy" in message.text else None
        ),
    )
    for path in ["/", "/achievements/", achievement.url, "/needs/", "/institutions/", "/search/?q=石墨烯"]:
        response = page.goto(base + path)
        assert response.status == 200, path
        assert response.headers["content-security-policy"]
    page.goto(base + "/api/docs/")
    page.wait_for_selector(".swagger-ui .info", timeout=15000)  # Swagger UI rendered from local files

    page.goto(base + "/admin/login/")
    page.fill("#id_username", "staffer")
    page.fill("#id_password", "pass-1234-word")
    page.click("button[type=submit]")
    page.wait_for_url(base + "/admin/")
    page.goto(f"{base}/admin/pages/{achievement.pk}/edit/")
    page.wait_for_selector("form#page-edit-form", timeout=15000)
    page.wait_for_load_state("networkidle")
    page.goto(f"{base}/admin/pages/{institution_page.pk}/")
    page.wait_for_load_state("networkidle")
    context.close()
    assert violations == [], "\n".join(violations)
