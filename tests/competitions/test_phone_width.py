"""The competition pages fit a 390 × 844 phone without sideways scrolling, in Chinese and English (Debian's
Chromium through the shared ``browser`` fixture)."""

from __future__ import annotations

import pytest

from competitions.models import Round
from tests.phone import phone_page, too_wide

from .factories import make_competition, published_competition, team_contact


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_competition_pages_fit_aphone_page(browser, live_server, user_bureau_staff, language):
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
        page = phone_page(browser, base, username, language=language)
        wide.update(too_wide(page, base, paths))
        if username is None:
            page.goto(f"{base}/competitions/{competition.pk}/")
            heading = "Results" if language == "en" else "比赛结果"
            assert page.locator("#competition-results h2").inner_text() == heading
        page.context.close()
    assert wide == {}
