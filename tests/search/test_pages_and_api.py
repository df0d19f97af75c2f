"""Search page, match pages and the API in basic mode: content and bad input (the permission matrix is in
test_match_permissions.py, on a smaller set of its own)."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from marketplace.models import TechnologyNeed
from tests.factories import InstitutionFactory, make_institution_page
from tests.search.factories import build_small_set, built_once, fresh

pytestmark = pytest.mark.django_db


def _build_with_institution_page():
    """What the ``institution_page`` fixture gives, then the small set under it."""
    return build_small_set(make_institution_page(InstitutionFactory(name="测试石墨烯研究院")))


@pytest.fixture(scope="module")
def _small_set(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker, _build_with_institution_page) as out:
        yield out


@pytest.fixture
def data(_small_set, db):
    return fresh(_small_set)


def test_search_page_finds_chinese_and_english_with_facets_and_highlight(client, data):
    response = client.get("/search/", {"q": "图像识别"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "基于深度学习的图像识别技术" in body
    assert "<mark>图像识别</mark>" in body
    assert "基础模式" in body  # basic mode is announced
    assert "电子信息" in body  # technical-field facet label
    response = client.get("/search/", {"q": "PVDF"})
    assert "锂电池用PVDF粘结剂合成工艺" in response.content.decode()


def test_one_and_two_character_queries(client, data):
    assert "食用菌工厂化栽培技术" in client.get("/search/", {"q": "菌"}).content.decode()
    assert "石墨烯重防腐涂料" in client.get("/search/", {"q": "涂料"}).content.decode()


def test_facet_filter_and_empty_state(client, data):
    body = client.get("/search/", {"q": "石墨烯", "kind": "need"}).content.decode()
    assert "手机散热用高导热材料" in body
    assert "石墨烯重防腐涂料" not in body
    body = client.get("/search/", {"q": "量子通信卫星"}).content.decode()
    assert "没有找到与" in body and "试试更短" in body


def test_bad_parameters_get_clear_messages(client, data):
    response = client.get("/search/", {"q": "石墨烯", "page": "abc", "trl": "12"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "页码应为" in body and "技术就绪度应为" in body
    api = client.get("/api/v1/search/", {"trl": "0"})
    assert api.status_code == 400
    assert "trl" in api.json()["errors"]


def test_api_search_shape(client, data):
    payload = client.get("/api/v1/search/", {"q": "磷酸铁锂"}).json()
    assert payload["basic_mode"] is True
    assert payload["results"][0]["external_id"] in {"ach-lfp-cathode", "need-battery-life"}
    assert {"technical_field", "industry_chain", "trl", "ip_type", "transfer_mode", "organisation"} <= set(
        payload["facets"]
    )


# --- permission matrix -----------------------------------------------------------------------------


def test_match_api_bad_limit_and_unknown_ids(client, data, user_bureau_staff):
    client.force_login(user_bureau_staff)
    response = client.get(f"/api/v1/needs/{data['phone-heat'].pk}/matches/", {"limit": "x"})
    assert response.status_code == 400 and "limit" in response.json()["errors"]
    assert client.get("/api/v1/needs/999999/matches/").status_code == 404
    assert client.get("/search/achievements/999999/matches/").status_code == 404


def test_empty_match_list_says_so(client, data, user_bureau_staff):
    client.force_login(user_bureau_staff)
    body = client.get(f"/search/needs/{data['space-travel'].pk}/matches/").content.decode()
    assert "目前没有推荐的科技成果" in body


def test_weaker_matches_are_shown_below_the_line(client, data, user_bureau_staff):
    client.force_login(user_bureau_staff)
    body = client.get(f"/search/needs/{data['phone-heat'].pk}/matches/").content.decode()
    assert body.index("高导热石墨烯散热膜制备技术") < body.index("可能相关") < body.index("石墨烯重防腐涂料")
    api = client.get(f"/api/v1/needs/{data['phone-heat'].pk}/matches/").json()
    assert api["recommended_count"] >= 1
    flags = [row["recommended"] for row in api["results"]]
    assert flags[0] is True and False in flags and flags == sorted(flags, reverse=True)


# --- manage.py match ---------------------------------------------------------------------------------


def test_match_command_prints_json_best_first(data, capsys):
    call_command("match", "--need", "need-battery-life", "--limit", "3", "--json")
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["external_id"] == "ach-lfp-cathode"
    assert set(rows[0]) == {"external_id", "title", "score", "reasons"}
    call_command("match", "--achievement", "ach-lfp-cathode", "--json")
    assert json.loads(capsys.readouterr().out)[0]["external_id"] == "need-battery-life"


def test_match_command_bad_id(data):
    with pytest.raises(CommandError, match="找不到外部编号"):
        call_command("match", "--need", "need-nope")
    with pytest.raises(CommandError, match="找不到外部编号"):
        call_command("match", "--achievement", "need-battery-life")


def test_closed_need_is_no_longer_matched(data):
    need = data["battery-life"]
    need.status = TechnologyNeed.Status.CLOSED
    need.save()
    from search.matching import matches_for_achievement

    assert "need-battery-life" not in [m.external_id for m in matches_for_achievement(data["lfp-cathode"])]
