"""One read path per listing: the page and the API share the filter set and the institution list; need fields once."""

from decimal import Decimal

import pytest

from marketplace import filters, selectors
from marketplace.api import filters as api_filters
from marketplace.api.serializers import NeedWriteIn
from marketplace.forms import NeedForm
from marketplace.services import NEED_EDITABLE_FIELDS
from tests.factories import NeedFactory, make_achievement

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("api", "page"),
    [(api_filters.AchievementFilter, filters.AchievementFilter), (api_filters.NeedFilter, filters.NeedFilter)],
)
def test_api_filter_sets_are_the_pages_sets_with_schema_only(api, page):
    assert issubclass(api, page)
    assert list(api.base_filters) == list(page.base_filters)
    for name, api_filter in api.base_filters.items():
        page_filter = page.base_filters[name]
        assert type(api_filter) is type(page_filter)
        assert api_filter.method == page_filter.method
        assert api_filter.field_name == page_filter.field_name
        assert api_filter.lookup_expr == page_filter.lookup_expr
    # no filter_* body is written twice
    assert not [name for name in vars(api) if name.startswith("filter_")]


@pytest.mark.parametrize("query", ["chain=GRA", "trl_min=5&trl_max=6", "sort=-price_cny", "sort=title", "q=散热"])
def test_page_and_api_select_the_same_achievements(client, institution_page, query):
    make_achievement(institution_page, title="散热膜", trl=6, price_cny=Decimal("100"), industry_chains=["GRA"])
    make_achievement(institution_page, title="涂料", trl=5, price_cny=Decimal("300"))
    make_achievement(institution_page, title="电解质", trl=8, price_cny=Decimal("200"))

    page_titles = [a.title for a in client.get(f"/achievements/?{query}").context["achievements"]]
    api_titles = [row["title"] for row in client.get(f"/api/v1/achievements/?{query}").json()["results"]]

    assert page_titles == api_titles
    assert page_titles


def test_need_listing_page_and_api_share_region_and_budget_filters(client, enterprise_a):
    NeedFactory(enterprise=enterprise_a, title="小预算", budget_min_cny=Decimal("1000"), budget_max_cny=Decimal("5000"))
    NeedFactory(enterprise=enterprise_a, title="大预算", budget_min_cny=Decimal("900000"), budget_max_cny=None)
    query = "budget_min=100000"
    page_titles = {n.title for n in client.get(f"/needs/?{query}").context["needs"]}
    api_titles = {row["title"] for row in client.get(f"/api/v1/needs/?{query}").json()["results"]}
    assert page_titles == api_titles == {"大预算"}


def test_the_need_listing_page_shows_no_api_only_filter():
    form = filters.NeedFilter().form
    assert {field.name for field in form.visible_fields()} == {
        "q",
        "field",
        "chain",
        "budget_min",
        "budget_max",
        "region",
    }


def test_need_fields_are_written_once():
    assert tuple(NeedForm().fields) == NEED_EDITABLE_FIELDS
    assert set(NeedWriteIn().fields) - {"indicators"} == set(NEED_EDITABLE_FIELDS)


def test_one_institution_list():
    import marketplace.api.selectors as api_selectors

    assert not hasattr(api_selectors, "institutions_listed")
    assert selectors.institutions_listed().model.__name__ == "Organisation"
