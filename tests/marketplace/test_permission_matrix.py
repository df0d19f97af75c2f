"""Every role × every marketplace action, exercised through the site and the Wagtail admin.

The expected outcomes are written out below, one row per action, one column per role, so a change in who may
do what shows up here as a one-cell diff.
"""

from __future__ import annotations

import pytest

from marketplace import permissions
from marketplace.models import TechnologyNeed
from taxonomy.models import TechnicalField
from tests.factories import NeedFactory, make_achievement
from tests.module_data import fresh, module_transaction, suite_roles

pytestmark = pytest.mark.django_db
Status = TechnologyNeed.Status
Visibility = TechnologyNeed.Visibility

ROLES = ("anonymous", "enterprise_a", "enterprise_b", "institution_editor", "registrar", "bureau_staff")
Y, N = True, False

# fmt: off
EXPECTED = {
    #                              anon ent_a ent_b editor regis. staff
    "achievement_view_live":       (Y,   Y,    Y,    Y,     Y,     Y),
    "achievement_view_draft":      (N,   N,    N,    N,     N,     N),  # public URL: drafts are never served
    "achievement_edit_in_admin":   (N,   N,    N,    Y,     N,     Y),
    "achievement_publish":         (N,   N,    N,    N,     N,     Y),
    "need_list":                   (Y,   Y,    Y,    Y,     Y,     Y),
    "need_view_public":            (Y,   Y,    Y,    Y,     Y,     Y),
    "need_view_bureau_only":       (N,   Y,    N,    N,     N,     Y),  # enterprise A owns it
    "need_view_others_draft":      (N,   N,    N,    N,     N,     Y),
    "need_create":                 (N,   Y,    Y,    N,     N,     N),
    "need_edit_own":               (N,   Y,    Y,    N,     N,     N),
    "need_edit_others":            (N,   N,    N,    N,     N,     N),
    "need_submit":                 (N,   Y,    Y,    N,     N,     N),
    "need_approve":                (N,   N,    N,    N,     N,     Y),
    "need_reject":                 (N,   N,    N,    N,     N,     Y),
    "need_close":                  (N,   Y,    Y,    N,     N,     Y),
}
# fmt: on

CASES = [(action, role, allowed) for action, row in EXPECTED.items() for role, allowed in zip(ROLES, row, strict=True)]


@pytest.fixture(scope="module")
def _people(django_db_setup, django_db_blocker):
    """The suite's role fixtures' rows (same names, same order), built once for the module's 84 cases inside a
    transaction rolled back after it; each case's own writes roll back to a savepoint. The fixtures below hand each
    case freshly read copies."""
    with module_transaction(django_db_blocker):
        yield suite_roles(with_institution_page=True)


def _fresh(people, name):
    return fresh(people[name])


@pytest.fixture
def institution(_people, db):
    return _fresh(_people, "institution")


@pytest.fixture
def institution_page(_people, db):
    return _fresh(_people, "institution_page")


@pytest.fixture
def enterprise_a(_people, db):
    return _fresh(_people, "enterprise_a")


@pytest.fixture
def enterprise_b(_people, db):
    return _fresh(_people, "enterprise_b")


@pytest.fixture
def user_enterprise_a(_people, db):
    return _fresh(_people, "user_enterprise_a")


@pytest.fixture
def user_enterprise_b(_people, db):
    return _fresh(_people, "user_enterprise_b")


@pytest.fixture
def user_institution_editor(_people, db):
    return _fresh(_people, "user_institution_editor")


@pytest.fixture
def user_registrar(_people, db):
    return _fresh(_people, "user_registrar")


@pytest.fixture
def user_bureau_staff(_people, db):
    return _fresh(_people, "user_bureau_staff")


@pytest.fixture
def world(
    client,
    institution_page,
    user_enterprise_a,
    user_enterprise_b,
    user_institution_editor,
    user_registrar,
    user_bureau_staff,
):
    users = {
        "anonymous": None,
        "enterprise_a": user_enterprise_a,
        "enterprise_b": user_enterprise_b,
        "institution_editor": user_institution_editor,
        "registrar": user_registrar,
        "bureau_staff": user_bureau_staff,
    }
    return {
        "users": users,
        "client": client,
        "institution_page": institution_page,
        "orgs": {"a": user_enterprise_a.organisation, "b": user_enterprise_b.organisation},
    }


def _own_org(world, role):
    """The enterprise that is 'own' for this role: its own for enterprise users, A for everyone else."""
    return world["orgs"]["b"] if role == "enterprise_b" else world["orgs"]["a"]


def _other_org(world, role):
    return world["orgs"]["b"] if role == "enterprise_a" else world["orgs"]["a"]


def _status(response) -> int:
    return response.status_code


def _public(page) -> str:
    return page.url_path.replace("/home", "", 1)


def _need_form(title: str) -> dict:
    return {
        "title": title,
        "problem": "需要解决的问题。",
        "technical_field": TechnicalField.objects.get(code="materials").pk,
        "visibility": "public",
        "indicators-TOTAL_FORMS": "0",
        "indicators-INITIAL_FORMS": "0",
        "indicators-MIN_NUM_FORMS": "0",
        "indicators-MAX_NUM_FORMS": "20",
    }


def run_action(action: str, role: str, world) -> bool:
    client = world["client"]
    user = world["users"][role]
    if action.startswith("achievement_"):
        # Pages are only built for the achievement rows: Wagtail page creation is the slow part of this matrix.
        world["live"] = make_achievement(world["institution_page"], title="在架成果")
        world["draft"] = make_achievement(world["institution_page"], title="草稿成果", publish=False)
    if action == "achievement_view_live":
        return _status(client.get(_public(world["live"]))) == 200
    if action == "achievement_view_draft":
        return _status(client.get(_public(world["draft"]))) == 200
    if action == "achievement_edit_in_admin":
        response = client.get(f"/admin/pages/{world['live'].pk}/edit/")
        assert response.status_code in (200, 302, 403)
        return response.status_code == 200
    if action == "achievement_publish":
        # The admin offers "publish" exactly when Wagtail's page permissions say so; check both agree.
        wagtail_says = bool(user) and world["draft"].permissions_for_user(user).can_publish()
        assert wagtail_says == permissions.can_publish_achievement(user)
        if not wagtail_says:
            return False
        world["draft"].save_revision(user=user).publish(user=user)
        world["draft"].refresh_from_db()
        return world["draft"].live
    if action == "need_list":
        return _status(client.get("/needs/")) == 200
    if action == "need_view_public":
        need = NeedFactory(enterprise=world["orgs"]["a"], status=Status.PUBLISHED)
        return _status(client.get(f"/needs/{need.pk}/")) == 200
    if action == "need_view_bureau_only":
        need = NeedFactory(enterprise=world["orgs"]["a"], status=Status.PUBLISHED, visibility=Visibility.BUREAU_ONLY)
        listed = need.title in client.get("/needs/").content.decode()
        assert not listed  # never in the public listing, whoever looks
        return _status(client.get(f"/needs/{need.pk}/")) == 200
    if action == "need_view_others_draft":
        need = NeedFactory(enterprise=_other_org(world, role), status=Status.DRAFT)
        return _status(client.get(f"/needs/{need.pk}/")) == 200
    if action == "need_create":
        before = TechnologyNeed.objects.count()
        response = client.post("/needs/new/", _need_form("矩阵新需求"))
        assert response.status_code in (302, 403)
        return TechnologyNeed.objects.count() == before + 1
    if action in ("need_edit_own", "need_edit_others"):
        owner = _own_org(world, role) if action == "need_edit_own" else _other_org(world, role)
        need = NeedFactory(enterprise=owner, status=Status.DRAFT, title="原标题")
        response = client.post(f"/needs/{need.pk}/edit/", _need_form("改过的标题"))
        assert response.status_code in (302, 403, 404)
        need.refresh_from_db()
        return need.title == "改过的标题"
    if action == "need_submit":
        need = NeedFactory(enterprise=_own_org(world, role), status=Status.DRAFT)
        client.post(f"/needs/{need.pk}/submit/")
        need.refresh_from_db()
        return need.status == Status.PENDING_REVIEW
    if action in ("need_approve", "need_reject"):
        need = NeedFactory(enterprise=world["orgs"]["a"], status=Status.PENDING_REVIEW)
        decision = "approve" if action == "need_approve" else "reject"
        client.post(f"/needs/{need.pk}/review/", {"decision": decision, "note": "审核意见"})
        need.refresh_from_db()
        return need.status == (Status.PUBLISHED if decision == "approve" else Status.REJECTED)
    if action == "need_close":
        need = NeedFactory(enterprise=_own_org(world, role), status=Status.PUBLISHED)
        client.post(f"/needs/{need.pk}/close/", {"reason": "no_longer_needed"})
        need.refresh_from_db()
        return need.status == Status.CLOSED
    raise AssertionError(f"unknown action {action}")


@pytest.mark.parametrize(("action", "role", "allowed"), CASES, ids=[f"{a}-{r}" for a, r, _ in CASES])
def test_permission_matrix(world, action, role, allowed):
    user = world["users"][role]
    if user is not None:
        world["client"].force_login(user)
    assert run_action(action, role, world) is allowed


def test_matrix_covers_every_role_and_action():
    assert all(len(row) == len(ROLES) for row in EXPECTED.values())
    assert len(CASES) == len(EXPECTED) * len(ROLES)
