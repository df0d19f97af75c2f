"""Match pages and the match API in basic mode: the permission matrix (roles x need and achievement matches), on
just enough listings. Apart from test_pages_and_api.py, whose module-wide small set would collide with these."""

import pytest

from tests.search.factories import MATCH_ACTORS, built_once, fresh, fresh_users, small_set_with_roles

pytestmark = pytest.mark.django_db


ROLES = list(MATCH_ACTORS)


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker):
    """Just enough for the permission matrix, built once for the module's 12 cases (docs/test-speed.md): two
    achievements and two needs, the need of the pair owned by enterprise A, and the suite's role users."""

    only = {"graphene-film", "lfp-cathode", "phone-heat", "battery-life"}
    with built_once(django_db_blocker, lambda: small_set_with_roles(only=only, owned="phone-heat")) as out:
        yield out


@pytest.fixture
def pair(_built, db):
    return fresh(_built["listings"])


@pytest.fixture
def actors(_built, db):
    return fresh_users(_built["users"])


NEED_ALLOWED = {"owner", "bureau"}
ACHIEVEMENT_ALLOWED = {"institution_editor", "bureau"}


@pytest.mark.parametrize("role", ROLES)
def test_need_matches_permissions(client, pair, actors, role):
    if actors[role]:
        client.force_login(actors[role])
    need = pair["phone-heat"]
    page = client.get(f"/search/needs/{need.pk}/matches/")
    api = client.get(f"/api/v1/needs/{need.pk}/matches/")
    if role in NEED_ALLOWED:
        assert page.status_code == 200
        assert "高导热石墨烯散热膜制备技术" in page.content.decode()
        assert api.status_code == 200
        assert api.json()["results"][0]["external_id"] == "ach-graphene-film"
        assert api.json()["results"][0]["reasons"]
    elif role == "anonymous":
        assert page.status_code == 302 and "/accounts/login/" in page["Location"]
        assert api.status_code in (401, 403)
    else:
        assert page.status_code == 403
        assert api.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_achievement_matches_permissions(client, pair, actors, role):
    if actors[role]:
        client.force_login(actors[role])
    pk = pair["lfp-cathode"].pk
    page = client.get(f"/search/achievements/{pk}/matches/")
    api = client.get(f"/api/v1/achievements/{pk}/matches/")
    if role in ACHIEVEMENT_ALLOWED:
        assert page.status_code == 200
        assert "储能电池循环寿命提升" in page.content.decode()
        assert api.json()["results"][0]["external_id"] == "need-battery-life"
    elif role == "anonymous":
        assert page.status_code == 302
        assert api.status_code in (401, 403)
    else:
        assert page.status_code == 403
        assert api.status_code == 403
