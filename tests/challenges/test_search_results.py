"""Published challenges are findable from the public search page (through search's extra result providers)."""

import pytest
from django.urls import reverse

from challenges import services
from challenges.search_results import challenge_results
from search import extensions, searching
from search.extensions import extra_sections

from .factories import make_challenge

pytestmark = pytest.mark.django_db


@pytest.fixture
def challenges(user_bureau_staff):
    """Three challenges about PVDF: open, closed, and a draft (never public); one about something else."""
    open_one = make_challenge(
        user_bureau_staff, title="PVDF 膜材料耐候性攻关", problem="户外 PVDF 膜十年黄变指数须低于 3。"
    )
    closed = make_challenge(user_bureau_staff, title="PVDF 粘结剂国产化", problem="锂电池用 PVDF 粘结剂分子量分布。")
    services.challenge_close(user=user_bureau_staff, challenge=closed, reason="无合适申报")
    draft = make_challenge(user_bureau_staff, publish=False, title="PVDF 草稿榜单", problem="PVDF 草稿。")
    other = make_challenge(user_bureau_staff, title="高纯氢氟酸提纯")
    return {"open": open_one, "closed": closed, "draft": draft, "other": other}


def test_the_provider_finds_public_challenges_only(challenges):
    section = challenge_results("PVDF", 5)
    assert {r.title for r in section.results} == {challenges["open"].title, challenges["closed"].title}
    assert all("<mark>PVDF</mark>" in r.snippet for r in section.results)
    assert len(challenge_results("PVDF", 1).results) == 1
    assert challenge_results("不存在的词", 5).results == []


def test_the_public_search_page_shows_matching_challenges(client, challenges, monkeypatch):
    # Listings and challenges from the database (basic mode): no index needed. With an engine configured, the
    # challenges section would otherwise read an index other tests may have left without these challenges.
    monkeypatch.setattr(searching, "engine_enabled", lambda: False)
    monkeypatch.setattr(extensions, "engine_enabled", lambda: False)
    body = client.get(reverse("search:search"), {"q": "PVDF"}).content.decode()
    assert "悬赏揭榜" in body
    assert challenges["open"].title in body and challenges["closed"].title in body
    assert challenges["draft"].title not in body and challenges["other"].title not in body
    assert reverse("challenges:challenge_detail", args=[challenges["open"].pk]) in body
    assert "data-extra" not in client.get(reverse("search:search"), {"q": "PVDF", "page": 2}).content.decode()


def test_english_readers_get_the_english_title(client, challenges):
    assert [s.label for s in extra_sections("")] == []
    from django.utils import translation

    with translation.override("en"):
        titles = [r.title for r in challenge_results("氢氟酸", 5).results]
    assert titles == [challenges["other"].title_en]
