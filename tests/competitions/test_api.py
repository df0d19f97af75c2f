"""The competitions API end to end and its permission matrix (roles × actions)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User
from competitions import services
from competitions.models import Entry, Round, Score
from tests.factories import UserFactory

from .factories import after_deadline, enterprise_member, entry_data, make_entry, make_expert, scores_for, team_contact

pytestmark = pytest.mark.django_db


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def roles(user_enterprise_b, user_registrar, user_bureau_staff):
    owner = enterprise_member("参赛企业")
    return {
        "anonymous": None,
        "public": UserFactory(role=User.Role.PUBLIC),
        "other_enterprise": user_enterprise_b,
        "registrar": user_registrar,
        "staff": user_bureau_staff,
        "owner": owner,
        "colleague": UserFactory(role=User.Role.ENTERPRISE_MEMBER, organisation=owner.organisation),
        "team_contact": team_contact("teamlead"),
        "assigned_judge": make_expert("assigned"),
        "conflicted_judge": make_expert("conflicted", conflicts=[owner.organisation]),
        "unassigned_judge": make_expert("unassigned"),
    }


@pytest.fixture
def scenario(roles, competition, user_bureau_staff):
    """The owner's company entry and a team's entry; the preliminary is judging; two judges assigned."""
    owned = make_entry(roles["owner"], competition, title="企业项目")
    team = make_entry(roles["team_contact"], competition, title="团队项目")
    preliminary = competition.rounds.get(kind=Round.Kind.PRELIMINARY)
    with after_deadline(competition):
        services.round_start(user=user_bureau_staff, round=preliminary)
    for key in ("assigned_judge", "conflicted_judge"):
        services.judges_assign(user=user_bureau_staff, round=preliminary, judge=roles[key])
    return competition, preliminary, owned, team


ROLE_NAMES = ["anonymous", "public", "other_enterprise", "registrar", "staff", "owner", "colleague", "team_contact",
              "assigned_judge", "conflicted_judge", "unassigned_judge"]  # fmt: skip

# Reading the owner's entry, scoring it, the round ranking, and the results before publication.
MATRIX = {
    #  role                entry  score  ranking  results
    "anonymous": (401, 401, 401, 404),
    "public": (404, 404, 403, 404),
    "other_enterprise": (404, 404, 403, 404),
    "registrar": (404, 404, 403, 404),
    "staff": (200, 403, 200, 404),
    "owner": (200, 404, 403, 404),
    "colleague": (200, 404, 403, 404),
    "team_contact": (404, 404, 403, 404),
    "assigned_judge": (200, 201, 403, 404),
    "conflicted_judge": (404, 404, 403, 404),
    "unassigned_judge": (404, 404, 403, 404),
}


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_permission_matrix(role, roles, scenario):
    competition, preliminary, owned, _team = scenario
    client = api(roles[role])
    got = (
        client.get(reverse("competitions-api-entry", args=[owned.pk])).status_code,
        client.post(
            reverse("competitions-api-score", args=[preliminary.pk, owned.pk]),
            {"scores": {str(k): "5" for k in scores_for(competition, 0, 0)}, "comment": "好"},
            format="json",
        ).status_code,
        client.get(reverse("competitions-api-ranking", args=[preliminary.pk])).status_code,
        client.get(reverse("competitions-api-results", args=[competition.pk])).status_code,
    )
    assert got == MATRIX[role]
    assert Score.objects.count() == (1 if role == "assigned_judge" else 0)


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_entry_lists_are_own_only(role, roles, scenario):
    competition, _preliminary, owned, team = scenario
    response = api(roles[role]).get(reverse("competitions-api-entries", args=[competition.pk]))
    expected = {"staff": {owned.pk, team.pk}, "owner": {owned.pk}, "colleague": {owned.pk}, "team_contact": {team.pk}}
    if roles[role] is None:
        assert response.status_code == 401
    else:
        assert {row["id"] for row in response.json()} == expected.get(role, set())


@pytest.mark.parametrize("role", ["assigned_judge", "conflicted_judge", "unassigned_judge", "owner"])
def test_judging_lists_exclude_conflicts(role, roles, scenario):
    _competition, preliminary, owned, team = scenario
    response = api(roles[role]).get(reverse("competitions-api-judging", args=[preliminary.pk]))
    expected = {"assigned_judge": {owned.pk, team.pk}, "conflicted_judge": {team.pk}, "unassigned_judge": set()}
    if role == "owner":
        assert response.status_code == 403
    else:
        assert {row["entry"]["id"] for row in response.json()} == expected[role]


def test_enter_edit_withdraw_over_the_api(roles, competition):
    client = api(roles["public"])
    created = client.post(
        reverse("competitions-api-entries", args=[competition.pk]), entry_data(team_name="火花团队"), format="json"
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert (
        api(roles["public"])
        .patch(reverse("competitions-api-entry", args=[pk]), {"title": "新名字"}, format="json")
        .json()["title"]
        == "新名字"
    )
    assert (
        api(roles["other_enterprise"])
        .patch(reverse("competitions-api-entry", args=[pk]), {"title": "x"}, format="json")
        .status_code
        == 404
    )
    bad = client.post(reverse("competitions-api-entries", args=[competition.pk]), {"title": ""}, format="json")
    assert bad.status_code == 400 and "errors" in bad.json()
    assert client.post(reverse("competitions-api-withdraw", args=[pk])).status_code == 200
    assert Entry.objects.get(pk=pk).status == Entry.Status.WITHDRAWN
    judge = api(roles["assigned_judge"]).post(
        reverse("competitions-api-entries", args=[competition.pk]), entry_data(), format="json"
    )
    assert judge.status_code == 403
    with after_deadline(competition):
        late = api(roles["owner"]).post(
            reverse("competitions-api-entries", args=[competition.pk]), entry_data(), format="json"
        )
    assert late.status_code == 409


def test_staff_run_the_rounds_and_publish_over_the_api(roles, scenario, user_bureau_staff):
    competition, preliminary, owned, team = scenario
    judge = roles["assigned_judge"]
    for entry, marks in ((owned, (9, 90)), (team, (6, 60))):
        response = api(judge).post(
            reverse("competitions-api-score", args=[preliminary.pk, entry.pk]),
            {"scores": {str(k): str(v) for k, v in scores_for(competition, *marks).items()}},
            format="json",
        )
        assert response.status_code == 201
    staff = api(user_bureau_staff)
    conflicted = staff.post(
        reverse("competitions-api-assign", args=[preliminary.pk]),
        {"judge": roles["conflicted_judge"].pk, "entries": [owned.pk]},
        format="json",
    )
    assert conflicted.status_code == 409
    assert (
        api(roles["owner"])
        .post(reverse("competitions-api-round-advance", args=[preliminary.pk]), {"top": 1})
        .status_code
        == 403
    )
    assert staff.post(reverse("competitions-api-round-advance", args=[preliminary.pk]), {"top": 1}).status_code == 200
    final = competition.rounds.get(kind=Round.Kind.FINAL)
    assert staff.post(reverse("competitions-api-round-start", args=[final.pk])).status_code == 200
    staff.post(reverse("competitions-api-assign", args=[final.pk]), {"judge": judge.pk}, format="json")
    api(judge).post(
        reverse("competitions-api-score", args=[final.pk, owned.pk]),
        {"scores": {str(k): str(v) for k, v in scores_for(competition, 8, 80).items()}},
        format="json",
    )
    assert staff.post(reverse("competitions-api-round-close", args=[final.pk])).status_code == 200
    assert staff.post(reverse("competitions-api-publish", args=[competition.pk])).status_code == 200
    results = api().get(reverse("competitions-api-results", args=[competition.pk])).json()
    assert [(r["rank"], r["title"], r["award"]) for r in results] == [(1, "企业项目", "一等奖")]


def test_judges_declare_conflicts_over_the_api(roles, scenario):
    competition, preliminary, _owned, team = scenario
    judge = roles["assigned_judge"]
    response = api(judge).post(
        reverse("competitions-api-conflicts", args=[competition.pk]),
        {"entry": team.pk, "reason": "亲属"},
        format="json",
    )
    assert response.status_code == 201
    listed = api(judge).get(reverse("competitions-api-judging", args=[preliminary.pk])).json()
    assert team.pk not in {row["entry"]["id"] for row in listed}
    assert (
        api(roles["owner"])
        .post(
            reverse("competitions-api-conflicts", args=[competition.pk]),
            {"entry": team.pk, "reason": "x"},
            format="json",
        )
        .status_code
        == 403
    )
