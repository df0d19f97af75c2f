"""The CMS as editors meet it: named chain tree, every technical field at once, readable URLs, its language, avatars."""

import re

import pytest
from django.conf import settings

from marketplace.models import AchievementPage
from taxonomy.models import IndustryChainNode, TechnicalField
from tests.factories import make_achievement

pytestmark = pytest.mark.django_db


def _add_form(client, user, parent) -> str:
    client.force_login(user)
    response = client.get(f"/admin/pages/add/marketplace/achievementpage/{parent.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_industry_chains_are_a_named_tree_with_codes_beside(client, user_bureau_staff, institution_page):
    html = _add_form(client, user_bureau_staff, institution_page)

    assert "data-chain-tree" in html
    segment = IndustryChainNode.objects.filter(level=2).order_by("code").first()
    box = re.search(rf'<input type="checkbox" name="industry_chains" value="{segment.pk}"[^>]*>\s*([^<]+)<code>', html)
    assert box and box.group(1).strip() == segment.name
    assert f"<code>{segment.code}</code>" in html
    assert html.count('name="industry_chains"') == IndustryChainNode.objects.count()


def test_every_technical_field_is_offered_at_once(client, user_bureau_staff, institution_page):
    html = _add_form(client, user_bureau_staff, institution_page)
    select = re.search(r'<select name="technical_field".*?</select>', html, re.S).group(0)
    assert select.count("<option") - select.count('value=""') == TechnicalField.objects.active().count() > 10


def test_chosen_chains_are_saved_and_shown_checked(client, user_bureau_staff, institution_page):
    page = make_achievement(institution_page, industry_chains=["GRA"])
    client.force_login(user_bureau_staff)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    gra = IndustryChainNode.objects.get(code="GRA")
    assert re.search(rf'value="{gra.pk}"[^>]*checked', html)


def test_chinese_titles_get_pinyin_slugs_unique_among_siblings(institution_page):
    first = make_achievement(institution_page, title="高导热石墨烯散热膜")
    second = make_achievement(institution_page, title="高导热石墨烯散热膜")
    assert first.slug == "gao-dao-re-shi-mo-xi-san-re-mo"
    assert second.slug == "gao-dao-re-shi-mo-xi-san-re-mo-2"
    assert institution_page.slug.isascii()
    edited = AchievementPage.objects.get(pk=first.pk)
    edited.slug = "中文网址"
    edited.save()
    assert edited.slug == "gao-dao-re-shi-mo-xi-san-re-mo"


def test_cms_follows_the_sites_language_and_has_no_outside_avatars(client, user_bureau_staff):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    client.force_login(user_bureau_staff)
    html = client.get("/admin/").content.decode()
    assert 'lang="zh-hans"' in html
    assert "gravatar.com" not in html
    # strings Wagtail's own Chinese catalogue lacks are supplied (marketplace/locale/zh_Hans)
    assert "Search all pages" not in html and "搜索全部页面" in html
    assert " Pages <span" not in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert 'lang="en"' in client.get("/admin/").content.decode()
