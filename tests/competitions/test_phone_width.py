"""The competition pages fit a 390 × 844 phone without sideways scrolling, in Chinese and English (Debian's
Chromium through the shared ``browser`` fixture)."""

from __future__ import annotations

import pytest

from competitions.models import Round

from .factories import make_competition, published_competition, team_contact

PASSWORD = "pass-1234-word"
PHONE = {"width": 390, "height": 844}


def _phone(browser, base_url, username=None, *, language="zh-hans"):
    context = browser.new_context(viewport=PHONE, locale="zh-CN", device_scale_factor=1)
    page = context.new_page()
    if language != "zh-hans":
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


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_competition_pages_fit_a_phone(browser, live_server, user_bureau_staff, language):
    competition, entries = published_competition(user_bureau_staff)
    open_competition = make_competition(user_bureau_staff, title="开放报名中的大赛")
    judge = competition.rounds.get(kind=Round.Kind.FINAL).assignments.first().judge
    team = team_contact("phoneteam")
    base = live_server.url
    by_user = {
        None: ["/competitions/", f"/competitions/{competition.pk}/"],
        user_bureau_staff.username: [
            f"/competitions/{competition.pk}/manage/",
            "/competitions/winners/",
            f"/competitions/results/{entries['alpha'].result.pk}/follow-up/",
        ],
        judge.username: ["/competitions/judging/", f"/competitions/rounds/{competition.rounds.get(kind='final').pk}/score/"],
        team.username: [f"/competitions/{open_competition.pk}/enter/", "/competitions/mine/"],
    }  # fmt: skip
    wide = {}
    for username, paths in by_user.items():
        page = _phone(browser, base, username, language=language)
        wide.update(_too_wide(page, base, paths))
        if username is None:
            page.goto(f"{base}/competitions/{competition.pk}/")
            heading = "Results" if language == "en" else "比赛结果"
            assert page.locator("#competition-results h2").inner_text() == heading
        page.context.close()
    assert wide == {}
