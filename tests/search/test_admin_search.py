"""Wagtail admin search finds Chinese words inside titles (jieba-segmented database backend)."""

import pytest
from wagtail.search.backends import get_search_backend

from marketplace.models import AchievementPage
from tests.factories import make_achievement

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(institution_page):
    return make_achievement(
        institution_page, title="基于深度学习的图像识别技术", summary="面向产线的PVDF薄膜缺陷检测。"
    )


def test_backend_finds_a_word_inside_a_chinese_title(page):
    backend = get_search_backend()
    backend.add(page)
    found = list(backend.search("图像识别", AchievementPage))
    assert page in found
    assert page in list(backend.search("pvdf", AchievementPage))
    assert list(backend.search("量子通信", AchievementPage)) == []


def test_admin_page_search_view_finds_it(client, page, user_bureau_staff):
    user_bureau_staff.is_superuser = True
    user_bureau_staff.save()
    get_search_backend().add(page)
    client.force_login(user_bureau_staff)
    response = client.get("/admin/pages/search/", {"q": "图像识别"})
    assert response.status_code == 200
    assert "基于深度学习的图像识别技术" in response.content.decode()
    response = client.get("/admin/pages/search/", {"q": "量子通信"})
    assert "基于深度学习的图像识别技术" not in response.content.decode()
