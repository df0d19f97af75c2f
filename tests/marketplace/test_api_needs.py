"""API v1 needs: the permission matrix (role × action), field errors, session and token authentication."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from marketplace.models import TechnologyNeed
from tests.factories import NeedFactory
from tests.module_data import fresh, module_transaction, suite_roles

pytestmark = pytest.mark.django_db

Status = TechnologyNeed.Status
ROLES = ["anonymous", "enterprise_a", "enterprise_b", "institution_editor", "registrar", "bureau_staff"]
DENIED_ANONYMOUS = (401, 403)


@pytest.fixture(scope="module")
def _people(django_db_setup, django_db_blocker):
    """The suite's role fixtures' rows (same names), built once for the module's cases inside a transaction rolled
    back after it; each case's own writes (its needs) roll back to a savepoint. No need is built here: several
    tests count every need. The fixtures below hand each case freshly read copies."""
    with module_transaction(django_db_blocker):
        yield suite_roles()


def _fresh(people, name):
    return fresh(people[name])


@pytest.fixture
def enterprise_a(_people, db):
    return _fresh(_people, "enterprise_a")


@pytest.fixture
def enterprise_b(_people, db):
    return _fresh(_people, "enterprise_b")


@pytest.fixture
def institution(_people, db):
    return _fresh(_people, "institution")


@pytest.fixture
def users(_people, db):
    return {
        "anonymous": None,
        "enterprise_a": _fresh(_people, "user_enterprise_a"),
        "enterprise_b": _fresh(_people, "user_enterprise_b"),
        "institution_editor": _fresh(_people, "user_institution_editor"),
        "registrar": _fresh(_people, "user_registrar"),
        "bureau_staff": _fresh(_people, "user_bureau_staff"),
    }


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def needs(enterprise_a):
    return {
        "draft": NeedFactory(enterprise=enterprise_a, title="甲的草稿", status=Status.DRAFT),
        "pending": NeedFactory(enterprise=enterprise_a, title="甲的待审核", status=Status.PENDING_REVIEW),
        "published": NeedFactory(enterprise=enterprise_a, title="甲的已发布", status=Status.PUBLISHED),
        "bureau_only": NeedFactory(
            enterprise=enterprise_a,
            title="甲的仅科技局可见",
            status=Status.PUBLISHED,
            visibility=TechnologyNeed.Visibility.BUREAU_ONLY,
        ),
    }


LIST_EXPECTED = {
    "anonymous": {"甲的已发布"},
    "enterprise_a": {"甲的草稿", "甲的待审核", "甲的已发布", "甲的仅科技局可见"},
    "enterprise_b": {"甲的已发布"},
    "institution_editor": {"甲的已发布"},
    "registrar": {"甲的已发布"},
    "bureau_staff": {"甲的草稿", "甲的待审核", "甲的已发布", "甲的仅科技局可见"},
}


@pytest.mark.parametrize("role", ROLES)
def test_list_is_public_needs_plus_own(users, needs, role):
    response = client_for(users[role]).get("/api/v1/needs/")
    assert response.status_code == 200
    assert {row["title"] for row in response.json()["results"]} == LIST_EXPECTED[role]


@pytest.mark.parametrize(
    ("role", "draft_status", "published_status"),
    [
        ("anonymous", 404, 200),
        ("enterprise_a", 200, 200),
        ("enterprise_b", 404, 200),
        ("institution_editor", 404, 200),
        ("registrar", 404, 200),
        ("bureau_staff", 200, 200),
    ],
)
def test_retrieve(users, needs, role, draft_status, published_status):
    client = client_for(users[role])
    assert client.get(f"/api/v1/needs/{needs['draft'].pk}/").status_code == draft_status
    response = client.get(f"/api/v1/needs/{needs['published'].pk}/")
    assert response.status_code == published_status
    # The review note is between the enterprise and the bureau.
    assert (response.json()["review_note"] is not None) == (role in ("enterprise_a", "bureau_staff"))


CREATE_BODY = {
    "title": "电池级 PVDF 树脂国产化",
    "problem": "需要金属离子总量 ≤10 ppm 的 PVDF。",
    "technical_field": "materials",
    "industry_chain": "FLU.02.01",
    "budget_min_cny": "200000",
    "budget_max_cny": "800000",
    "keywords": ["PVDF", "粘结剂"],
    "indicators": [{"name": "金属离子总量", "target": "≤10", "unit": "ppm"}],
}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", DENIED_ANONYMOUS),
        ("enterprise_a", (201,)),
        ("enterprise_b", (201,)),
        ("institution_editor", (403,)),
        ("registrar", (403,)),
        ("bureau_staff", (403,)),
    ],
)
def test_create(users, role, expected):
    response = client_for(users[role]).post("/api/v1/needs/", CREATE_BODY, format="json")
    assert response.status_code in expected
    if response.status_code == 201:
        data = response.json()
        assert data["status"] == "draft" and data["enterprise"]["id"] == users[role].organisation_id
        assert data["keywords"] == ["PVDF", "粘结剂"] and data["indicators"][0]["target"] == "≤10"
        assert data["industry_chain"]["code"] == "FLU.02.01"
    else:
        assert TechnologyNeed.objects.count() == 0


def test_create_and_submit_in_one_step(users):
    response = client_for(users["enterprise_a"]).post("/api/v1/needs/", {**CREATE_BODY, "submit": True}, format="json")
    assert response.status_code == 201 and response.json()["status"] == "pending_review"


def test_create_reports_each_bad_field_and_saves_nothing(users):
    body = {
        **CREATE_BODY,
        "title": "<b>标题</b>",
        "technical_field": "materialz",
        "region": "999999",
        "min_trl": 12,
        "budget_min_cny": "900000",
        "budget_max_cny": "100",
        "indicators": [{"name": "", "target": "1"}],
    }
    response = client_for(users["enterprise_a"]).post("/api/v1/needs/", body, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {"title", "technical_field", "region", "min_trl", "indicators"} <= set(errors)
    assert "materialz" in errors["technical_field"][0]
    assert TechnologyNeed.objects.count() == 0


def test_budget_range_error_names_the_field(users):
    body = {**CREATE_BODY, "budget_min_cny": "900000", "budget_max_cny": "100"}
    response = client_for(users["enterprise_a"]).post("/api/v1/needs/", body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["budget_max_cny"] == ["预算上限不能低于预算下限。"]
    assert TechnologyNeed.objects.count() == 0


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", DENIED_ANONYMOUS),
        ("enterprise_a", (200,)),
        ("enterprise_b", (403,)),
        ("institution_editor", (403,)),
        ("registrar", (403,)),
        ("bureau_staff", (403,)),
    ],
)
def test_update_published(users, needs, role, expected):
    need = needs["published"]
    response = client_for(users[role]).patch(f"/api/v1/needs/{need.pk}/", {"title": "改过的标题"}, format="json")
    assert response.status_code in expected
    need.refresh_from_db()
    if response.status_code == 200:
        assert need.title == "改过的标题" and need.status == Status.PENDING_REVIEW  # back to review
    else:
        assert need.title == "甲的已发布" and need.status == Status.PUBLISHED


def test_update_field_error(users, needs):
    response = client_for(users["enterprise_a"]).patch(
        f"/api/v1/needs/{needs['draft'].pk}/", {"min_trl": 0, "deadline": "明年"}, format="json"
    )
    assert response.status_code == 400
    assert {"min_trl", "deadline"} <= set(response.json()["errors"])


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", DENIED_ANONYMOUS),
        ("enterprise_a", (200,)),
        ("enterprise_b", (404,)),
        ("institution_editor", (404,)),
        ("registrar", (404,)),
        ("bureau_staff", (403,)),
    ],
)
def test_submit_draft(users, needs, role, expected):
    need = needs["draft"]
    response = client_for(users[role]).post(f"/api/v1/needs/{need.pk}/submit/")
    assert response.status_code in expected
    need.refresh_from_db()
    assert need.status == (Status.PENDING_REVIEW if response.status_code == 200 else Status.DRAFT)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", DENIED_ANONYMOUS),
        ("enterprise_a", (200,)),
        ("enterprise_b", (403,)),
        ("institution_editor", (403,)),
        ("registrar", (403,)),
        ("bureau_staff", (200,)),
    ],
)
def test_close_published(users, needs, role, expected):
    need = needs["published"]
    body = {"reason": "solved_elsewhere", "note": "找到了外地的供应商"}
    response = client_for(users[role]).post(f"/api/v1/needs/{need.pk}/close/", body, format="json")
    assert response.status_code in expected
    need.refresh_from_db()
    assert (need.status == Status.CLOSED) == (response.status_code == 200)
    if response.status_code == 200:
        assert (response.json()["close_reason"], response.json()["close_note"]) == (
            "solved_elsewhere",
            "找到了外地的供应商",
        )
        assert (need.close_reason, need.close_note) == ("solved_elsewhere", "找到了外地的供应商")


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({}, "reason", "请选择关闭原因。"),
        ({"reason": "bored"}, "reason", "请选择关闭原因。"),
        ({"reason": "no_longer_needed", "note": "<script>x</script>"}, "note", "HTML"),
        ({"reason": "no_longer_needed", "note": "长" * 1001}, "note", "1000"),
    ],
)
def test_close_without_a_good_reason_is_refused_by_field_and_changes_nothing(users, needs, body, field, message):
    need = needs["published"]
    response = client_for(users["enterprise_a"]).post(f"/api/v1/needs/{need.pk}/close/", body, format="json")
    assert response.status_code == 400
    assert message in str(response.json()), response.json()
    assert field in str(response.json())
    need.refresh_from_db()
    assert need.status == Status.PUBLISHED and need.close_reason == ""


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", DENIED_ANONYMOUS),
        ("enterprise_a", (403,)),
        ("enterprise_b", (404,)),
        ("institution_editor", (404,)),
        ("registrar", (404,)),
        ("bureau_staff", (200,)),
    ],
)
def test_approve_pending(users, needs, role, expected):
    need = needs["pending"]
    response = client_for(users[role]).post(f"/api/v1/needs/{need.pk}/approve/", {"note": "同意"}, format="json")
    assert response.status_code in expected
    need.refresh_from_db()
    assert (need.status == Status.PUBLISHED) == (response.status_code == 200)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", DENIED_ANONYMOUS),
        ("enterprise_a", (403,)),
        ("enterprise_b", (404,)),
        ("institution_editor", (404,)),
        ("registrar", (404,)),
        ("bureau_staff", (200,)),
    ],
)
def test_reject_pending(users, needs, role, expected):
    need = needs["pending"]
    response = client_for(users[role]).post(f"/api/v1/needs/{need.pk}/reject/", {"note": "预算不明确"}, format="json")
    assert response.status_code in expected
    need.refresh_from_db()
    assert (need.status == Status.REJECTED) == (response.status_code == 200)


def test_reject_needs_a_reason_and_illegal_transitions_conflict(users, needs):
    staff = client_for(users["bureau_staff"])
    response = staff.post(f"/api/v1/needs/{needs['pending'].pk}/reject/", {}, format="json")
    assert response.status_code == 400 and "note" in response.json()["errors"]
    response = staff.post(f"/api/v1/needs/{needs['draft'].pk}/approve/", {}, format="json")
    assert response.status_code == 409 and response.json()["detail"]


def test_missing_need_is_404(users):
    assert client_for(users["bureau_staff"]).get("/api/v1/needs/999999/").status_code == 404


def test_mine_filter(users, needs, enterprise_b):
    NeedFactory(enterprise=enterprise_b, title="乙的已发布")
    response = client_for(users["enterprise_b"]).get("/api/v1/needs/?mine=true")
    assert {row["title"] for row in response.json()["results"]} == {"乙的已发布"}


def test_session_authentication(users, needs):
    client = APIClient()
    client.force_login(users["enterprise_a"])
    assert client.get(f"/api/v1/needs/{needs['draft'].pk}/").status_code == 200


def test_token_authentication(users, needs):
    client = APIClient()
    response = client.post("/api/v1/auth/token/", {"username": "ent_a", "password": "pass-1234-word"}, format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    assert response.json()["role"] == "enterprise_member"
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get(f"/api/v1/needs/{needs['draft'].pk}/").status_code == 200
    response = client.post("/api/v1/needs/", CREATE_BODY, format="json")
    assert response.status_code == 201
    # The same token comes back on the next request.
    again = APIClient().post("/api/v1/auth/token/", {"username": "ent_a", "password": "pass-1234-word"}, format="json")
    assert again.json()["token"] == token


def test_token_refused_with_a_clear_message(users):
    response = APIClient().post("/api/v1/auth/token/", {"username": "ent_a", "password": "wrong"}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == "用户名或密码不正确。"
    response = APIClient().post("/api/v1/auth/token/", {}, format="json")
    assert response.status_code == 400 and {"username", "password"} <= set(response.json()["errors"])


def test_bad_token_is_refused(needs):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert client.get("/api/v1/needs/").status_code in (401, 403)
