"""Public listings: achievement and need filters, sort, pagination, expiry, and a query count that stays flat."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marketplace.models import AchievementIPRecord, TechnologyNeed
from taxonomy.models import IndustryChainNode, IPType, Region, TechnicalField, TransferMode
from tests.factories import InstitutionFactory, NeedFactory, make_achievement, make_institution_page
from tests.module_data import fresh, institution_with_page, module_transaction

pytestmark = pytest.mark.django_db


def titles(response) -> set[str]:
    return {page.title for page in response.context["achievements"]}


def _build_catalogue(institution_page):
    """Five listed achievements that differ in one filter dimension each, one expired, one draft."""
    chain_leaf = IndustryChainNode.objects.filter(code__startswith="GRA.", level=3).first()
    graphene = make_achievement(
        institution_page,
        title="石墨烯散热膜",
        trl=7,
        price_cny=Decimal("3000000"),
        industry_chains=[chain_leaf.code],
    )
    graphene.transfer_modes.set(TransferMode.objects.filter(code="licence"))
    AchievementIPRecord.objects.create(page=graphene, ip_type=IPType.objects.get(code="invention"), number="ZL1")
    graphene.save_revision().publish()
    other_place = make_institution_page(InstitutionFactory(name="氟化学研究所"))
    fluorine = make_achievement(
        other_place,
        title="氟化物固态电解质",
        trl=4,
        price_cny=Decimal("800000"),
        technical_field=TechnicalField.objects.get(code="energy"),
        industry_chains=["FLU"],
    )
    cheap = make_achievement(institution_page, title="低价成果", trl=3, price_cny=Decimal("50000"))
    expired = make_achievement(
        institution_page, title="过期成果", valid_until=timezone.localdate() - timedelta(days=1), trl=9
    )
    draft = make_achievement(institution_page, title="草稿成果", publish=False)
    return {"graphene": graphene, "fluorine": fluorine, "cheap": cheap, "expired": expired, "draft": draft}


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker):
    """The suite's institution page and the catalogue, built once for the module inside a transaction rolled back
    after it; each test's writes roll back to a savepoint. Tests that count every achievement (pagination, the
    cached total) live in test_listing_counts.py, where these rows do not exist."""
    with module_transaction(django_db_blocker):
        institution, page = institution_with_page()
        yield {"institution": institution, "institution_page": page, **_build_catalogue(page)}


@pytest.fixture
def institution(_built, db):
    return fresh(_built["institution"])


@pytest.fixture
def institution_page(_built, db):
    return fresh(_built["institution_page"])


@pytest.fixture
def catalogue(_built, db):
    return {key: fresh(_built[key]) for key in ("graphene", "fluorine", "cheap", "expired", "draft")}


def test_listing_excludes_expired_and_drafts(client, catalogue):
    response = client.get("/achievements/")
    assert response.status_code == 200
    assert titles(response) == {"石墨烯散热膜", "氟化物固态电解质", "低价成果"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("field=energy", {"氟化物固态电解质"}),
        ("chain=GRA", {"石墨烯散热膜"}),  # the chain's code matches an achievement filed under a leaf
        ("chain=FLU", {"氟化物固态电解质"}),
        ("trl_min=5", {"石墨烯散热膜"}),
        ("trl_max=4", {"氟化物固态电解质", "低价成果"}),
        ("trl_min=4&trl_max=4", {"氟化物固态电解质"}),
        ("ip_type=invention", {"石墨烯散热膜"}),
        ("mode=licence", {"石墨烯散热膜"}),
        ("price_min=100000&price_max=1000000", {"氟化物固态电解质"}),
        ("price_max=60000", {"低价成果"}),
        ("q=固态", {"氟化物固态电解质"}),
    ],
)
def test_achievement_filters(client, catalogue, query, expected):
    assert titles(client.get(f"/achievements/?{query}")) == expected


def test_institution_filter(client, catalogue):
    organisation = catalogue["fluorine"].institution_organisation
    assert titles(client.get(f"/achievements/?institution={organisation.pk}")) == {"氟化物固态电解质"}


def test_sort_by_price(client, catalogue):
    response = client.get("/achievements/?sort=-price_cny")
    assert [page.title for page in response.context["achievements"]] == ["石墨烯散热膜", "氟化物固态电解质", "低价成果"]


def test_bad_filter_values_show_messages_not_errors(client, catalogue):
    response = client.get("/achievements/?trl_min=8&trl_max=2&price_min=abc")
    assert response.status_code == 200
    form = response.context["filter"].form
    assert "price_min" in form.errors or "trl_max" in form.errors
    assert "筛选条件有误" in response.content.decode()
    assert titles(response) == set()


def _queries(client, url) -> int:
    client.get(url)  # warm the per-process caches (content types, Wagtail site) so only the page's queries count
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_rows(client, institution_page, django_assert_max_num_queries):
    def add(count):
        for _ in range(count):
            page = make_achievement(institution_page, industry_chains=["GRA"])
            page.transfer_modes.set(TransferMode.objects.all()[:2])
            page.save_revision().publish()

    add(2)
    few = _queries(client, "/achievements/")
    add(10)
    many = _queries(client, "/achievements/")
    assert many == few
    with django_assert_max_num_queries(20):
        client.get("/achievements/?chain=GRA&sort=-trl")


def test_needs_listing_and_filters(client, enterprise_a):
    three_ming = Region.objects.get(code="350400")
    county = Region.objects.filter(code__startswith="3504").exclude(code="350400").first()
    NeedFactory(enterprise=enterprise_a, title="公开需求甲", region=county, budget_max_cny=Decimal("500000"))
    NeedFactory(
        enterprise=enterprise_a,
        title="公开需求乙",
        technical_field=TechnicalField.objects.get(code="materials"),
        industry_chain=IndustryChainNode.objects.filter(code__startswith="GRA.").first(),
        budget_min_cny=Decimal("2000000"),
        budget_max_cny=Decimal("5000000"),
    )
    NeedFactory(enterprise=enterprise_a, title="草稿需求", status=TechnologyNeed.Status.DRAFT)
    NeedFactory(enterprise=enterprise_a, title="仅科技局", visibility=TechnologyNeed.Visibility.BUREAU_ONLY)
    NeedFactory(enterprise=enterprise_a, title="已截止", deadline=timezone.localdate() - timedelta(days=1))

    def listed(query=""):
        response = client.get(f"/needs/?{query}")
        assert response.status_code == 200
        return {need.title for need in response.context["needs"]}

    assert listed() == {"公开需求甲", "公开需求乙"}
    assert listed("field=materials") == {"公开需求乙"}
    assert listed("chain=GRA") == {"公开需求乙"}
    assert listed(f"region={three_ming.code}") == {"公开需求甲"}  # a city includes its counties
    assert listed("budget_min=1000000") == {"公开需求乙"}
    assert listed("budget_max=1000000") == {"公开需求甲"}


def test_needs_pagination(client, enterprise_a):
    for number in range(13):
        NeedFactory(enterprise=enterprise_a, title=f"需求{number:02d}")
    assert len(client.get("/needs/").context["needs"]) == 12
    assert len(client.get("/needs/?page=2").context["needs"]) == 1


def test_needs_home_and_institutions_query_counts_stay_flat(client, enterprise_a, institution_page):
    def add(count):
        for _ in range(count):
            NeedFactory(enterprise=enterprise_a, region=Region.objects.get(code="350400"))
            make_achievement(institution_page, industry_chains=["GRA"])

    add(1)
    before = [_queries(client, url) for url in ("/needs/", "/", "/institutions/")]
    add(6)
    after = [_queries(client, url) for url in ("/needs/", "/", "/institutions/")]
    assert after == before


def test_cards_read_their_terms_for_the_whole_page_in_one_query(client, institution_page):
    """Each card shows its own transfer modes (in the terms' order) and chains, read with one query for all cards,
    and links to its page without looking the site up."""
    modes = list(TransferMode.objects.order_by("sort_order", "code"))
    chains = list(IndustryChainNode.objects.filter(level=3).order_by("code")[:3])
    pages = []
    for number, (chain, mode_pair) in enumerate(zip(chains, (modes[:2], modes[1:3], modes[2:4]), strict=True)):
        page = make_achievement(institution_page, title=f"卡片成果{number}", industry_chains=[chain.code])
        page.transfer_modes.set(reversed(mode_pair))  # stored out of order: the card still shows the terms' order
        page.save_revision().publish()
        pages.append((page, chain, mode_pair))
    client.get("/achievements/")  # warm the per-process caches
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/achievements/").content.decode()
    term_queries = [q["sql"] for q in captured if "achievementpage_transfer_modes" in q["sql"]]
    assert len(term_queries) == 1 and "achievementpage_industry_chains" in term_queries[0]
    assert not [q["sql"] for q in captured if "wagtailcore_site" in q["sql"]]
    for page, chain, mode_pair in pages:
        card = html[html.index(f">{page.title}<") :].split("</article>", 1)[0]
        assert f'href="{page.url}"' in html[: html.index(f">{page.title}<")].rsplit("<a ", 1)[1]
        shown = [f'<span class="tag">{mode.name}</span>' for mode in mode_pair]
        assert "".join(shown) in card
        assert f'<span class="tag tag-ok">{chain.name}</span>' in card

    client.post("/i18n/setlang/", {"language": "en", "next": "/achievements/"})
    english = client.get("/achievements/").content.decode()
    with_english = [mode for mode in modes[:4] if mode.name_en]
    assert with_english and all(f'<span class="tag">{mode.name_en}</span>' in english for mode in with_english)
