"""Match judgements: a need's owner or bureau staff say a row was useful or not relevant, or that nothing suits;
the page, the API, who may judge (roles x actions), bad input, and the export. Basic mode, on the small set."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from common.errors import Conflict, DomainError, NotAllowed
from search.judgements import match_judgement_record
from search.matching import matches_for_need
from search.models import MatchJudgement
from tests.search.factories import MATCH_ACTORS, built_once, fresh, fresh_users, small_set_with_roles

pytestmark = pytest.mark.django_db

ALLOWED = {"owner", "bureau"}


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker):
    """The small set with its phone-heat need owned by enterprise A, and the suite's role users, once per module."""

    with built_once(django_db_blocker, lambda: small_set_with_roles(owned="phone-heat")) as out:
        yield out


@pytest.fixture
def listings(_built, db):
    return fresh(_built["listings"])


@pytest.fixture
def actors(_built, db):
    return fresh_users(_built["users"])


@pytest.fixture
def need(listings):
    return listings["phone-heat"]


@pytest.fixture
def shown(need):
    """The need's match list as its page shows it: (rows above the line, rows below it)."""
    rows = list(matches_for_need(need))
    return [m for m in rows if m.recommended], [m for m in rows if not m.recommended]


def test_the_list_to_judge_has_rows_on_both_sides_of_the_line(shown):
    above, below = shown
    assert len(above) >= 1 and len(below) >= 2  # the cases below judge rows of both kinds


def test_a_row_judged_keeps_what_the_list_showed(need, shown, actors):
    above, below = shown
    first, _created = match_judgement_record(
        user=actors["owner"], need_id=need.pk, verdict="useful", achievement_id=above[0].object_id
    )
    weak, _created = match_judgement_record(
        user=actors["owner"], need_id=need.pk, verdict="not_relevant", achievement_id=below[1].object_id
    )
    first.refresh_from_db()
    assert (first.rank, first.recommended, first.score) == (1, True, round(above[0].score, 1))
    assert (weak.rank, weak.recommended) == (len(above) + 2, False)
    assert first.recommended_count == len(above) and first.listed_count == len(above) + len(below)
    assert first.mode == "database" and first.judged_by_staff is False


def test_judging_again_changes_the_verdict_instead_of_adding_one(need, shown, actors):
    row = shown[0][0].object_id
    _j, created = match_judgement_record(user=actors["owner"], need_id=need.pk, verdict="useful", achievement_id=row)
    changed, again = match_judgement_record(
        user=actors["owner"], need_id=need.pk, verdict="not_relevant", achievement_id=row
    )
    assert created is True and again is False
    assert MatchJudgement.objects.filter(need=need).count() == 1
    assert changed.verdict == "not_relevant"
    # Another judge of the same row is another judgement: the owner's and the bureau's.
    match_judgement_record(user=actors["bureau"], need_id=need.pk, verdict="useful", achievement_id=row)
    assert MatchJudgement.objects.filter(need=need).count() == 2
    assert MatchJudgement.objects.get(need=need, judged_by=actors["bureau"]).judged_by_staff is True


def test_nothing_suitable_judges_the_whole_list(need, shown, actors):
    judgement, _created = match_judgement_record(user=actors["owner"], need_id=need.pk, verdict="none_suitable")
    assert judgement.achievement_id is None and judgement.rank is None
    assert judgement.recommended_count == len(shown[0])


@pytest.mark.parametrize(
    ("verdict", "with_row", "message"),
    [
        ("useful", False, "须针对某一项成果"),
        ("not_relevant", False, "须针对某一项成果"),
        ("none_suitable", True, "针对整个匹配列表"),
        ("great", True, "请选择评价"),
        ("", False, "请选择评价"),
    ],
)
def test_a_verdict_that_does_not_fit_its_target_is_refused_and_nothing_saved(
    need, shown, actors, verdict, with_row, message
):
    row = shown[0][0].object_id if with_row else None
    with pytest.raises(DomainError) as refused:
        match_judgement_record(user=actors["owner"], need_id=need.pk, verdict=verdict, achievement_id=row)
    assert message in refused.value.message
    assert not MatchJudgement.objects.exists()


def test_an_achievement_the_list_does_not_show_cannot_be_judged(need, listings, actors):
    shown_ids = {m.object_id for m in matches_for_need(need)}
    absent = next(
        (p.pk for p in listings.values() if hasattr(p, "live") and p.pk not in shown_ids), max(shown_ids) + 10_000
    )
    with pytest.raises(Conflict, match="请刷新页面"):
        match_judgement_record(user=actors["owner"], need_id=need.pk, verdict="useful", achievement_id=absent)
    assert not MatchJudgement.objects.exists()


@pytest.mark.parametrize("role", list(MATCH_ACTORS))
def test_who_may_judge_a_need_match_list(client, need, shown, actors, role):
    """Roles x the three ways in: the service, the page's form, the API. Only the need's enterprise and the bureau."""
    user = actors[role]
    row = shown[0][0].object_id
    if user:
        client.force_login(user)
    page = client.post(f"/search/needs/{need.pk}/matches/judgements/", {"achievement": row, "verdict": "useful"})
    api = client.post(
        f"/api/v1/needs/{need.pk}/matches/judgements/", {"verdict": "none_suitable"}, content_type="application/json"
    )
    if role in ALLOWED:
        assert page.status_code == 302 and page["Location"].endswith(f"/search/needs/{need.pk}/matches/")
        assert api.status_code == 201 and api.json()["verdict"] == "none_suitable"
        assert MatchJudgement.objects.filter(need=need, judged_by=user).count() == 2
        return
    if role == "anonymous":
        assert page.status_code == 302 and "/accounts/login/" in page["Location"]
        assert api.status_code in (401, 403)
    else:
        assert page.status_code == 403 and api.status_code == 403
        with pytest.raises(NotAllowed):
            match_judgement_record(user=user, need_id=need.pk, verdict="useful", achievement_id=row)
    assert not MatchJudgement.objects.exists()


def test_the_page_shows_the_buttons_and_the_verdict_chosen(client, need, shown, actors):
    client.force_login(actors["owner"])
    row = shown[0][0].object_id
    response = client.post(
        f"/search/needs/{need.pk}/matches/judgements/", {"achievement": row, "verdict": "useful"}, follow=True
    )
    html = response.content.decode()
    assert "已记录您的评价:有用" in html
    assert html.count('name="verdict" value="useful"') == len(shown[0]) + len(shown[1])
    assert html.count('aria-pressed="true"') == 1  # the one row judged, not the others nor the whole list
    assert 'value="none_suitable"' in html


def test_the_page_form_answers_bad_input_with_a_message(client, need, actors):
    client.force_login(actors["owner"])
    for data in ({"achievement": "abc", "verdict": "useful"}, {"verdict": "useful"}):
        response = client.post(f"/search/needs/{need.pk}/matches/judgements/", data, follow=True)
        assert response.status_code == 200
        assert "成果编号无效" in response.content.decode() or "须针对某一项成果" in response.content.decode()
    assert client.get(f"/search/needs/{need.pk}/matches/judgements/").status_code == 405
    assert not MatchJudgement.objects.exists()


def test_the_api_answers_bad_input_with_field_errors(client, need, actors):
    client.force_login(actors["owner"])
    url = f"/api/v1/needs/{need.pk}/matches/judgements/"
    bad = client.post(url, {"verdict": "great"}, content_type="application/json")
    assert bad.status_code == 400 and "verdict" in json.dumps(bad.json())
    row_missing = client.post(url, {"verdict": "useful"}, content_type="application/json")
    assert row_missing.status_code == 400 and "须针对某一项成果" in json.dumps(row_missing.json(), ensure_ascii=False)
    assert (
        client.post(
            "/api/v1/needs/999999/matches/judgements/", {"verdict": "none_suitable"}, content_type="application/json"
        ).status_code
        == 404
    )
    assert not MatchJudgement.objects.exists()


def test_the_export_writes_one_line_per_judgement(need, shown, actors, tmp_path):
    above, below = shown
    match_judgement_record(user=actors["owner"], need_id=need.pk, verdict="useful", achievement_id=above[0].object_id)
    match_judgement_record(
        user=actors["owner"], need_id=need.pk, verdict="not_relevant", achievement_id=below[0].object_id
    )
    match_judgement_record(user=actors["bureau"], need_id=need.pk, verdict="none_suitable")
    target = tmp_path / "judgements.jsonl"
    out = io.StringIO()
    call_command("export_match_judgements", "--output", str(target), stdout=out)
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert "已导出 3 条" in out.getvalue()
    assert [r["verdict"] for r in records] == ["useful", "not_relevant", "none_suitable"]
    assert records[0]["need_text"] == need.problem and records[0]["achievement_title"] == above[0].title
    assert records[1]["recommended"] is False and records[2]["achievement_id"] is None
    assert records[2]["judged_by_staff"] is True and records[0]["judged_at"].endswith("+08:00")
    printed = io.StringIO()
    call_command("export_match_judgements", stdout=printed)
    assert len(printed.getvalue().splitlines()) == 3


def test_the_export_refuses_a_folder_that_does_not_exist(tmp_path):
    with pytest.raises(CommandError, match="输出目录不存在"):
        call_command("export_match_judgements", "--output", str(tmp_path / "missing" / "j.jsonl"))


@pytest.fixture
def judged(need, shown, actors):
    """Six judgements by two judges: three useful (two of them below the line), two not relevant (one above it),
    and one "nothing suitable" on a list that recommended rows."""
    above, below = shown
    owner, bureau = actors["owner"], actors["bureau"]
    for user, verdict, row in (
        (owner, "useful", above[0]),
        (owner, "useful", below[0]),
        (owner, "not_relevant", below[1]),
        (bureau, "not_relevant", above[0]),
        (bureau, "useful", below[0]),
        (bureau, "none_suitable", None),
    ):
        match_judgement_record(
            user=user, need_id=need.pk, verdict=verdict, achievement_id=row.object_id if row else None
        )
    return list(MatchJudgement.objects.all())


@pytest.mark.parametrize("role", list(MATCH_ACTORS))
def test_only_bureau_staff_read_the_judgements(client, actors, judged, role):
    if actors[role]:
        client.force_login(actors[role])
    response = client.get("/search/judgements/")
    if role == "bureau":
        assert response.status_code == 200
    elif role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 403


def test_the_judgement_counts_match_the_rows_they_count(client, actors, judged):
    from marketplace.models import TechnologyNeed
    from search.judgements import judgements_overview
    from tests.factories import NeedFactory

    closed = TechnologyNeed.Status.CLOSED
    for reason in ("nothing_suitable", "nothing_suitable", "solved_elsewhere"):
        NeedFactory(status=closed, close_reason=reason)
    _rows, counts = judgements_overview(user=actors["bureau"])
    expected = {
        "total": len(judged),
        "useful": sum(j.verdict == "useful" for j in judged),
        "not_relevant": sum(j.verdict == "not_relevant" for j in judged),
        "none_suitable": sum(j.verdict == "none_suitable" for j in judged),
        "useful_below_line": sum(j.verdict == "useful" and j.recommended is False for j in judged),
        "not_relevant_above_line": sum(j.verdict == "not_relevant" and j.recommended is True for j in judged),
        "none_suitable_with_recommended": sum(j.verdict == "none_suitable" and j.recommended_count > 0 for j in judged),
        "closed_nothing_suitable": TechnologyNeed.objects.filter(close_reason="nothing_suitable").count(),
    }
    assert counts == expected
    assert (counts["total"], counts["useful"], counts["useful_below_line"]) == (6, 3, 2)
    client.force_login(actors["bureau"])
    html = client.get("/search/judgements/").content.decode()
    assert "2 条“有用”的结果在分界线以下" in html and "1 个列表有推荐结果" in html
    assert counts["closed_nothing_suitable"] == 2 and "2 条需求关闭时说明“平台上没有合适的技术”" in html
    assert html.count('class="card"') == 6


def test_the_judgement_list_filters_by_verdict_and_pages(client, actors, judged, monkeypatch):
    from search import views

    monkeypatch.setattr(views, "JUDGEMENTS_PER_PAGE", 2)
    client.force_login(actors["bureau"])
    first = client.get("/search/judgements/?verdict=useful").content.decode()
    assert first.count('class="card"') == 2 and "第 1 页,共 2 页" in first
    assert "?verdict=useful&amp;page=2" in first  # the next page keeps the filter
    second = client.get("/search/judgements/?verdict=useful&page=2").content.decode()
    assert second.count('class="card"') == 1
    everything = client.get("/search/judgements/?verdict=nonsense").content.decode()  # an unknown filter: all rows
    assert "第 1 页,共 3 页" in everything
