"""The challenges API end to end and its permission matrix (roles × actions)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User
from challenges import services
from challenges.models import Application, Challenge, Review
from tests.factories import UserFactory

from .factories import (
    CRITERIA,
    TARGETS,
    after_close,
    application_data,
    make_expert,
    milestones_for,
    submitted_application,
)

pytestmark = pytest.mark.django_db


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def roles(user_enterprise_a, user_institution_editor, user_registrar, user_bureau_staff, applicant_a, applicant_b):
    return {
        "anonymous": None,
        "public": UserFactory(role=User.Role.PUBLIC),
        "enterprise": user_enterprise_a,
        "other_institution": user_institution_editor,
        "registrar": user_registrar,
        "staff": user_bureau_staff,
        "owner": applicant_a,
        "rival": applicant_b,
        "panel_expert": make_expert("panel"),
        "conflicted_expert": None,  # filled in by the scenario
        "outside_expert": make_expert("outside"),
    }


@pytest.fixture
def scenario(roles, user_bureau_staff, challenge):
    owner, rival = roles["owner"], roles["rival"]
    roles["conflicted_expert"] = make_expert("conflicted", conflicts=[owner.organisation])
    first = submitted_application(owner, challenge)
    second = submitted_application(rival, challenge)
    for key in ("panel_expert", "conflicted_expert"):
        services.panel_add_expert(user=user_bureau_staff, challenge=challenge, expert=roles[key])
    with after_close(challenge):
        services.challenge_start_review(user=user_bureau_staff, challenge=challenge)
        route, people = challenge.criteria.all()
        services.review_submit(
            user=roles["panel_expert"], application=first, scores={route.pk: 90, people.pk: 90}, comment="好"
        )
        services.review_submit(
            user=roles["conflicted_expert"], application=second, scores={route.pk: 70, people.pk: 70}, comment="中"
        )
    challenge.refresh_from_db()
    return challenge, first, second


ROLE_NAMES = ["anonymous", "public", "enterprise", "other_institution", "registrar", "staff", "owner", "rival",
              "panel_expert", "conflicted_expert", "outside_expert"]  # fmt: skip

# What each role gets when reading the owner's application, its reviews, and the ranking, during the review.
READ_MATRIX = {
    #  role                 application  reviews  ranking
    "anonymous": (401, 401, 401),  # not signed in: 401, so clients know to authenticate
    "public": (404, 404, 403),
    "enterprise": (404, 404, 403),
    "other_institution": (404, 404, 403),
    "registrar": (404, 404, 403),
    "staff": (200, 200, 200),
    "owner": (200, 404, 403),
    "rival": (404, 404, 403),
    "panel_expert": (200, 200, 403),
    "conflicted_expert": (404, 200, 403),
    "outside_expert": (404, 404, 403),
}


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_read_matrix(role, roles, scenario):
    challenge, first, _second = scenario
    client = api(roles[role])
    got = (
        client.get(reverse("challenges-api-application", args=[first.pk])).status_code,
        client.get(reverse("challenges-api-reviews", args=[first.pk])).status_code,
        client.get(reverse("challenges-api-ranking", args=[challenge.pk])).status_code,
    )
    assert got == READ_MATRIX[role]


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_application_lists_show_only_what_each_role_may_see(role, roles, scenario):
    challenge, first, second = scenario
    response = api(roles[role]).get(reverse("challenges-api-applications", args=[challenge.pk]))
    expected = {
        "staff": {first.pk, second.pk},
        "owner": {first.pk},
        "rival": {second.pk},
        "panel_expert": {first.pk, second.pk},
        "conflicted_expert": {second.pk},
    }.get(role, set())
    if roles[role] is None:
        assert response.status_code == 401
    else:
        assert {row["id"] for row in response.json()} == expected


def test_expert_sees_only_own_reviews(roles, scenario):
    _challenge, _first, second = scenario
    rows = api(roles["conflicted_expert"]).get(reverse("challenges-api-reviews", args=[second.pk])).json()
    assert [r["expert"] for r in rows] == ["conflicted"]
    assert api(roles["panel_expert"]).get(reverse("challenges-api-reviews", args=[second.pk])).json() == []


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_only_staff_run_challenges(role, roles, scenario, user_registrar):
    challenge, first, _second = scenario
    client = api(roles[role])
    payload = {
        "title": "API 榜单",
        "problem": "问题",
        "node": "FLU.02",
        "technical_field": "materials",
        "reward_cny": "1000000",
        "opens_at": "2031-01-01T09:00:00+08:00",
        "closes_at": "2031-02-01T17:00:00+08:00",
        "review_by": "2031-02-15",
        "award_by": "2031-03-01",
        "ip_terms": "共有",
        "targets": TARGETS,
        "criteria": CRITERIA,
    }
    codes = [
        client.post(reverse("challenges-api-list"), payload, format="json").status_code,
        client.post(
            reverse("challenges-api-panel", args=[challenge.pk]), {"expert": roles["outside_expert"].pk}
        ).status_code,
    ]
    if role == "staff":
        assert codes == [201, 201]
        assert Challenge.objects.filter(title="API 榜单", status="draft").exists()
    else:
        refused = 401 if roles[role] is None else 403
        assert codes == [refused, refused]
        assert not Challenge.objects.filter(title="API 榜单").exists()
        with after_close(challenge):
            response = client.post(
                reverse("challenges-api-award", args=[challenge.pk]), {"application": first.pk, "reasons": "x"}
            )
        assert response.status_code == refused
        assert Challenge.objects.get(pk=challenge.pk).status == "under_review"


def test_api_journey_apply_score_award_milestone(
    client, challenge, applicant_a, user_bureau_staff, user_enterprise_a, user_registrar
):
    from tests.registration.factories import city_registry

    city_registry(user_registrar)
    owner = api(applicant_a)
    data = {**application_data(), "milestones": milestones_for(challenge)}
    data["budget_cny"] = str(data["budget_cny"])
    for m in data["milestones"]:
        m["due_on"] = m["due_on"].isoformat()
        m["payment_cny"] = str(m["payment_cny"])
    response = owner.post(reverse("challenges-api-applications", args=[challenge.pk]), data, format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert owner.post(reverse("challenges-api-submit", args=[pk])).status_code == 200
    again = owner.post(reverse("challenges-api-applications", args=[challenge.pk]), data, format="json")
    assert again.status_code == 409
    expert = make_expert("api_expert")
    staff = api(user_bureau_staff)
    staff.post(reverse("challenges-api-panel", args=[challenge.pk]), {"expert": expert.pk})
    with after_close(challenge):
        assert owner.post(reverse("challenges-api-withdraw", args=[pk])).status_code == 409
        assert staff.post(reverse("challenges-api-start-review", args=[challenge.pk]), {}).status_code == 200
        route, people = challenge.criteria.all()
        bad = api(expert).post(
            reverse("challenges-api-reviews", args=[pk]),
            {"scores": {route.pk: 101, people.pk: 1}, "comment": "x"},
            format="json",
        )
        assert bad.status_code == 400 and "errors" in bad.json()
        ok = api(expert).post(
            reverse("challenges-api-reviews", args=[pk]),
            {"scores": {route.pk: 80, people.pk: 70}, "comment": "好"},
            format="json",
        )
        assert ok.status_code == 201 and ok.json()["weighted_score"] == "76.00"
        assert api(applicant_a).get(reverse("challenges-api-award", args=[challenge.pk])).status_code == 404
        award = staff.post(reverse("challenges-api-award", args=[challenge.pk]), {"application": pk, "reasons": "第一"})
    assert award.status_code == 201, award.json()
    public = api().get(reverse("challenges-api-award", args=[challenge.pk])).json()
    assert public["lead"] == applicant_a.organisation.name and len(public["milestones"]) == 2
    milestone = public["milestones"][0]["id"]
    assert (
        owner.post(
            reverse("challenges-api-milestone-report", args=[milestone]), {"report": "完成", "evidence": "报告"}
        ).status_code
        == 200
    )
    assert (
        api(user_enterprise_a)
        .post(reverse("challenges-api-milestone-decide", args=[milestone]), {"accept": True})
        .status_code
        == 200
    )
    done = staff.post(reverse("challenges-api-milestone-decide", args=[milestone]), {"accept": True}).json()
    assert done["status"] == "accepted" and done["payment_released_at"]
    assert Application.objects.get(pk=pk).status == "awarded"
    assert Review.objects.count() == 1
    stats = staff.get(reverse("challenges-api-statistics")).json()
    assert stats["awards"] == 1 and stats["milestones_accepted"] == 1
    assert api(user_enterprise_a).get(reverse("challenges-api-statistics")).status_code == 403


def test_public_reads_and_schema(client, challenge):
    assert api().get(reverse("challenges-api-list")).json()["count"] == 1
    assert api().get(reverse("challenges-api-map", args=["FLU"])).json()["code"] == "FLU"
    assert api().get(reverse("challenges-api-problems", args=["FLU"])).status_code == 200
    schema = client.get(reverse("api-schema")).content.decode()
    for path in (
        "/api/v1/challenges/",
        "/api/v1/challenges/applications/{id}/reviews/",
        "/api/v1/challenges/{id}/award/",
    ):
        assert path in schema
