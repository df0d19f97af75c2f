"""In Chromium at phone size (390 × 844): every role's main pages fit without sideways scrolling, listings show
results on the first screen, the navigation stays on one line, and in English no Chinese text appears outside
names and content (content blocks carry ``data-content``)."""

from __future__ import annotations

import re

import pytest

from accounts.models import Organisation, User
from marketplace.models import TechnologyNeed
from search.judgements import match_judgement_record
from taxonomy.models import IndustryChainNode, Region
from tests.factories import (
    InstitutionFactory,
    NeedFactory,
    OrganisationFactory,
    UserFactory,
    make_achievement,
    make_institution_page,
)

PHONE = {"width": 390, "height": 844}
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]+")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

# Text of the page outside content blocks, [lang^=zh] elements, scripts and styles, with any Han character.
CHINESE_OUTSIDE_CONTENT = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const han = /[\\u3400-\\u9fff\\uf900-\\ufaff]/;
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!parent || parent.closest("script, style, [data-content], [lang^='zh']")) continue;
    const text = node.textContent.trim();
    if (han.test(text)) found.push(text);
  }
  for (const el of document.querySelectorAll("[placeholder]")) {
    if (!el.closest("[data-content], [lang^='zh']") && han.test(el.placeholder)) found.push(el.placeholder);
  }
  return found;
}"""


@pytest.fixture
def site(transactional_db, django_db_serialized_rollback):
    enterprise = OrganisationFactory(name="浏览器企业", region=Region.objects.filter(level=3).first())
    institution = InstitutionFactory(name="浏览器研究院")
    institution_page = make_institution_page(institution, summary="研究院的简介。")
    achievement = make_achievement(
        institution_page, title="石墨烯散热膜", summary="导热好的散热膜。", industry_chains=["GRA"], keywords=["石墨烯"]
    )
    chain = IndustryChainNode.objects.filter(code__startswith="GRA.").first()
    published = NeedFactory(enterprise=enterprise, title="含氟废水除氟", industry_chain=chain)
    # A need the achievement answers: its match page lists a row to judge (search/judgements.py).
    answered = NeedFactory(enterprise=enterprise, title="石墨烯散热膜导热提升", problem="需要导热好的石墨烯散热膜。")
    draft = NeedFactory(enterprise=enterprise, title="草稿需求", status=TechnologyNeed.Status.DRAFT)
    pending = NeedFactory(enterprise=enterprise, title="待审需求", status=TechnologyNeed.Status.PENDING_REVIEW)
    OrganisationFactory(name="待认证企业", status=Organisation.Status.PENDING)
    users = {
        "enterprise": UserFactory(
            username="phone_ent", role=User.Role.ENTERPRISE_MEMBER, organisation=enterprise, display_name="张三"
        ),
        "institution": UserFactory(
            username="phone_inst", role=User.Role.INSTITUTION_EDITOR, organisation=institution, display_name="李四"
        ),
        "staff": UserFactory(username="phone_staff", role=User.Role.BUREAU_STAFF, display_name="王五"),
        "registrar": UserFactory(username="phone_reg", role=User.Role.REGISTRAR, display_name="赵六"),
    }
    # A judgement of the answered need's list, so the staff's judgement page shows a row.
    match_judgement_record(user=users["enterprise"], need_id=answered.pk, verdict="none_suitable")
    public_pages = [
        "/",
        "/achievements/",
        "/achievements/?chain=GRA",
        "/institutions/",
        institution_page.url_path.replace("/home", "", 1),
        achievement.url_path.replace("/home", "", 1),
        "/needs/",
        f"/needs/{published.pk}/",
        "/accounts/login/",
        "/search/?q=石墨烯",
    ]
    pages = {
        None: public_pages,
        "enterprise": [
            "/dashboard/",
            "/needs/new/",
            f"/needs/{draft.pk}/",
            f"/needs/{draft.pk}/edit/",
            f"/search/needs/{answered.pk}/matches/",
        ],
        "institution": ["/dashboard/", f"/needs/{published.pk}/"],
        "staff": [
            "/dashboard/",
            "/staff/needs/",
            f"/needs/{pending.pk}/",
            "/staff/organisations/",
            "/staff/users/",
            f"/search/needs/{answered.pk}/matches/",
            "/search/judgements/",
        ],
        "registrar": ["/dashboard/"],
    }
    # Names and content the fixture wrote in Chinese: allowed in English mode wherever they appear.
    names = [
        *Organisation.objects.values_list("name", flat=True),
        *User.objects.values_list("display_name", flat=True),
        *Region.objects.values_list("name", flat=True),
        *TechnologyNeed.objects.values_list("title", flat=True),
        *TechnologyNeed.objects.values_list("problem", flat=True),
        "石墨烯散热膜",
        "导热好的散热膜。",
        "研究院的简介。",
        "石墨烯",
    ]
    # What the outbox worker does on the site: with an engine configured, listings reach the index only when
    # the outbox is drained (saves never write the index themselves).
    from search import sync
    from search.engine import engine_enabled

    if engine_enabled():
        sync.drain_all()
    return {"users": users, "pages": pages, "names": names}


def _context(browser, live_server, user, language: str, width: int = PHONE["width"]):
    from django.conf import settings
    from django.test import Client

    context = browser.new_context(viewport={"width": width, "height": PHONE["height"]}, locale="zh-CN")
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    if user is not None:
        client = Client()
        client.force_login(user)
        cookies.append(
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        )
    context.add_cookies(cookies)
    return context


def _walk(browser, live_server, site, language: str, check, skip: tuple[str, ...] = ()):
    problems: list[str] = []
    for role, all_urls in site["pages"].items():
        urls = [url for url in all_urls if not url.startswith(skip)]
        user = site["users"][role] if role else None
        context = _context(browser, live_server, user, language)
        page = context.new_page()
        for url in urls:
            response = page.goto(f"{live_server.url}{url}")
            assert response.status, url
            if response.status >= 400:
                problems.append(f"{role or 'public'} {url}: HTTP {response.status}")
                continue
            problems += [f"{role or 'public'} {url}: {problem}" for problem in check(page)]
        context.close()
    return problems


def _fits_the_phone(page) -> list[str]:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    return [f"{width} px wide (sideways scrolling)"] if width > PHONE["width"] else []


@pytest.mark.browser
def test_every_roles_main_pages_fit_a_phone(site, live_server, browser):
    problems = _walk(browser, live_server, site, "zh-hans", _fits_the_phone)
    problems += _walk(browser, live_server, site, "en", _fits_the_phone)
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_listings_show_results_on_the_first_phone_screen(site, live_server, browser):
    page = _context(browser, live_server, None, "zh-hans").new_page()
    for url, card in (
        ("/achievements/", ".achievement-card"),
        ("/needs/", ".need-card"),
        ("/search/?q=石墨烯", ".search-hit"),
    ):
        page.goto(f"{live_server.url}{url}")
        top = page.evaluate(f"() => document.querySelector('{card}').getBoundingClientRect().top")
        assert top < PHONE["height"], f"{url}: first result starts at {top} px, below the first screen"
        assert page.evaluate("() => document.getElementById('filters').open") is False


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_navigation_stays_on_one_line_in_english(site, live_server, browser, width):
    page = _context(browser, live_server, site["users"]["staff"], "en", width=width).new_page()
    page.goto(f"{live_server.url}/needs/")
    tops = page.evaluate("() => [...document.querySelectorAll('.main-nav a')].map(a => a.getBoundingClientRect().top)")
    heights = page.evaluate(
        "() => [...document.querySelectorAll('.main-nav a')].map(a => a.getBoundingClientRect().height)"
    )
    assert len(set(tops)) == 1, tops
    assert max(heights) < 2 * min(heights), heights  # no link broken over two lines
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width


@pytest.mark.browser
def test_english_pages_have_no_chinese_outside_names_and_content(site, live_server, browser):
    names = site["names"]

    def chinese_outside_content(page) -> list[str]:
        leftovers = []
        for text in page.evaluate(CHINESE_OUTSIDE_CONTENT):
            runs = [run for run in CJK.findall(text) if HAN.search(run)]
            if any(not any(run in name for name in names) for run in runs):
                leftovers.append(text[:80])
        return leftovers

    problems = _walk(browser, live_server, site, "en", chinese_outside_content)
    assert not problems, "\n".join(problems)
