"""The achievement listing's cards: cached under what they show, so every change that shows on a card is seen at once
(republish, renamed term, renamed institution, moved page, another language), in one query for rows and terms."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.selectors import CARD_TEMPLATE
from taxonomy.models import IndustryChainNode, TechnicalField, TransferMode
from tests.factories import InstitutionFactory, make_achievement, make_institution_page
from tests.phone import phone_page, too_wide

pytestmark = pytest.mark.django_db

CARD = re.compile(r'<article class="card achievement-card">.*?</article>', re.S)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def cards(institution_page):
    """Three listed achievements with different terms (two modes each, stored out of the terms' order)."""
    modes = list(TransferMode.objects.order_by("sort_order", "code"))
    chains = list(IndustryChainNode.objects.filter(level=3).order_by("code")[:3])
    pages = []
    for number, (chain, pair) in enumerate(zip(chains, (modes[:2], modes[1:3], modes[2:4]), strict=True)):
        page = make_achievement(institution_page, title=f"缓存卡片{number}", industry_chains=[chain.code])
        page.transfer_modes.set(reversed(pair))
        page.save_revision().publish()
        pages.append(page)
    return pages


def _cards(client, url="/achievements/") -> tuple[list[str], bool]:
    """The page's cards and whether any card was rendered (not read from the cache) for it."""
    response = client.get(url)
    assert response.status_code == 200
    rendered = any(template.name == CARD_TEMPLATE for template in response.templates)
    return CARD.findall(response.content.decode()), rendered


def _card_of(cards_html: list[str], title: str) -> str:
    (card,) = [card for card in cards_html if f">{title}<" in card]
    return card


def test_a_cached_card_is_the_card_rendered_anew(client, cards):
    first, rendered_first = _cards(client)
    again, rendered_again = _cards(client)

    assert rendered_first and not rendered_again
    assert again == first and len(first) == 3
    modes = [mode.name for mode in TransferMode.objects.order_by("sort_order", "code")[:2]]
    assert "".join(f'<span class="tag">{name}</span>' for name in modes) in _card_of(first, "缓存卡片0")


def test_rows_and_their_terms_are_one_query_with_the_cards_cached_or_not(client, cards):
    client.get("/achievements/")
    cache.clear()  # the cards, not the per-process caches (content types, site root paths)
    for _round in ("cards rendered", "cards cached"):
        with CaptureQueriesContext(connection) as captured:
            client.get("/achievements/")
        rows = [query["sql"] for query in captured if "achievementpage_transfer_modes" in query["sql"]]
        assert len(rows) == 1 and "achievementpage_industry_chains" in rows[0] and "wagtailcore_page" in rows[0]


def test_a_republished_achievement_shows_its_new_content(client, cards):
    _cards(client)
    page = cards[1]
    page.title, page.price_cny, page.trl = "改名后的成果", Decimal("1230000"), 9
    page.transfer_modes.set(TransferMode.objects.order_by("-sort_order", "-code")[:1])
    page.save_revision().publish()

    shown, rendered = _cards(client)

    assert rendered
    card = _card_of(shown, "改名后的成果")
    assert "¥123 万" in card and "TRL 9" in card
    new_mode = TransferMode.objects.order_by("-sort_order", "-code").first()
    assert f'<span class="tag">{new_mode.name}</span>' in card
    assert not [card for card in shown if ">缓存卡片1<" in card]
    assert len([card for card in shown if ">缓存卡片0<" in card or ">缓存卡片2<" in card]) == 2


def _rename_mode(cards):
    mode = TransferMode.objects.order_by("sort_order", "code")[1]  # on cards 0 and 1
    mode.name = "新名称"
    mode.save()
    return ["缓存卡片0", "缓存卡片1"], '<span class="tag">新名称</span>'


def _rename_chain(cards):
    chain = cards[2].industry_chains.get()
    IndustryChainNode.objects.filter(pk=chain.pk).update(name="新名称")  # not even a signal
    return ["缓存卡片2"], '<span class="tag tag-ok">新名称</span>'


def _rename_field(cards):
    TechnicalField.objects.filter(code="materials").update(name="新名称")
    return ["缓存卡片0", "缓存卡片1", "缓存卡片2"], " · 新名称 · "


def _rename_institution(cards):
    organisation = cards[0].institution_organisation
    organisation.short_name = "新名称"
    organisation.save()
    return ["缓存卡片0", "缓存卡片1", "缓存卡片2"], "新名称 · "


@pytest.mark.parametrize("rename", [_rename_mode, _rename_chain, _rename_field, _rename_institution])
def test_a_renamed_term_or_institution_shows_on_its_cards_without_a_republish(client, cards, rename):
    before, _rendered = _cards(client)
    assert not any("新名称" in card for card in before)

    titles, shown_text = rename(cards)
    shown, _rendered = _cards(client)

    assert [
        title for title in ("缓存卡片0", "缓存卡片1", "缓存卡片2") if shown_text in _card_of(shown, title)
    ] == titles


def test_a_moved_page_links_to_its_new_address(client, cards):
    _cards(client)
    institution = cards[0].get_parent().specific
    institution.slug = "renamed-institute"
    institution.save_revision().publish()  # Wagtail rewrites the children's url_path; they are not republished

    shown, _rendered = _cards(client)

    assert len(shown) == 3 and all("/renamed-institute/" in card for card in shown)


def test_both_languages_show_the_same_cards_each_in_its_own_language(client, cards):
    chinese, _ = _cards(client)
    client.post("/i18n/setlang/", {"language": "en", "next": "/achievements/"})
    english, rendered = _cards(client)
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/achievements/"})
    chinese_again, rendered_again = _cards(client)

    def links(shown):
        return [re.search(r'href="([^"]+)"', card).group(1) for card in shown]

    assert rendered and not rendered_again  # English cached apart from Chinese; Chinese still cached
    assert links(english) == links(chinese) == links(chinese_again) and len(chinese) == 3
    assert chinese_again == chinese
    with_english = TransferMode.objects.exclude(name_en="").order_by("sort_order", "code").first()
    assert any(f'<span class="tag">{with_english.name_en}</span>' in card for card in english)
    assert not any(f'<span class="tag">{with_english.name_en}</span>' in card for card in chinese)
    assert all("¥50 万" in card for card in chinese) and all("¥500,000" in card for card in english)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_listing_with_cards_fits_a_phone_in_both_languages(browser, live_server):
    institution_page = make_institution_page(InstitutionFactory(name="手机宽度测试研究院名称比较长"))
    for number in range(3):
        make_achievement(
            institution_page,
            title=f"手机宽度测试成果名称很长很长很长很长很长很长很长很长{number}",
            industry_chains=["GRA"],
        )
    for language in ("zh-hans", "en"):
        page = phone_page(browser, live_server.url, language=language)
        assert too_wide(page, live_server.url, ["/achievements/", "/achievements/?page=1&sort=-trl"]) == {}
        assert page.locator("article.achievement-card").count() == 3
        page.context.close()
