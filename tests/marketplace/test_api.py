"""API v1: public achievements, institutions and taxonomies; filters, pagination, query counts, schema."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from marketplace.models import AchievementIPRecord
from taxonomy.models import IPType, TechnicalField, TransferMode
from tests.factories import InstitutionFactory, make_achievement, make_institution_page
from tests.module_data import fresh, institution_with_page, module_transaction

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return APIClient()


def _achievement(institution_page, **kwargs):
    modes = kwargs.pop("modes", [])
    ip_types = kwargs.pop("ip_types", [])
    page = make_achievement(institution_page, **kwargs)
    if modes:
        # ParentalManyToManyField writes on save().
        page.transfer_modes.set(TransferMode.objects.filter(code__in=modes))
        page.save()
    for code in ip_types:
        AchievementIPRecord.objects.create(page=page, ip_type=IPType.objects.get(code=code), number="ZL1")
    return page


def _build_catalogue(institution_page):
    energy = TechnicalField.objects.get(code="energy")
    other = make_institution_page(InstitutionFactory(name="三明市新能源材料研究院"))
    return {
        "film": _achievement(
            institution_page,
            title="高导热石墨烯散热膜",
            trl=7,
            price_cny=Decimal("1200000"),
            industry_chains=["GRA.02.01"],
            keywords=["石墨烯"],
            modes=["transfer"],
            ip_types=["invention"],
        ),
        "coating": _achievement(
            institution_page,
            title="石墨烯防腐涂料",
            trl=5,
            price_cny=Decimal("300000"),
            industry_chains=["GRA.02.02"],
            modes=["licence"],
            ip_types=["utility"],
        ),
        "electrolyte": _achievement(
            other,
            title="硫化物固态电解质",
            trl=4,
            technical_field=energy,
            price_cny=Decimal("18000000"),
            industry_chains=["NEM.02.01"],
            modes=["equity"],
        ),
        "draft": _achievement(institution_page, title="未发布的草稿", publish=False),
        "expired": _achievement(institution_page, title="已过期成果", valid_until=dt.date(2020, 1, 1)),
        "other": other,
    }


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker):
    """The suite's institution page and the catalogue, built once for the module's read-only tests inside a
    transaction rolled back after it; each test's writes roll back to a savepoint. Tests that count every
    achievement (pagination, the cached totals) live in test_api_counts.py, where these rows do not exist."""
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
    return {key: fresh(_built[key]) for key in ("film", "coating", "electrolyte", "draft", "expired", "other")}


def titles(response):
    return {row["title"] for row in response.json()["results"]}


def test_list_shows_only_listed_achievements(client, catalogue):
    response = client.get("/api/v1/achievements/")
    assert response.status_code == 200
    assert titles(response) == {"高导热石墨烯散热膜", "石墨烯防腐涂料", "硫化物固态电解质"}
    assert client.get(f"/api/v1/achievements/{catalogue['draft'].pk}/").status_code == 404
    assert client.get(f"/api/v1/achievements/{catalogue['expired'].pk}/").status_code == 404


def test_detail_has_what_a_buyer_needs(client, catalogue):
    data = client.get(f"/api/v1/achievements/{catalogue['film'].pk}/").json()
    assert data["title"] == "高导热石墨烯散热膜" and data["trl"] == 7
    assert data["price_cny"] == "1200000.00" and data["keywords"] == ["石墨烯"]
    assert data["industry_chains"] == [{"code": "GRA.02.01", "name": "导热散热材料"}]
    assert data["ip_records"][0]["type"] == "invention" and data["ip_types"] == ["invention"]
    assert data["institution"]["name"] == "测试石墨烯研究院"
    assert data["url"].endswith("/")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("chain=GRA", {"高导热石墨烯散热膜", "石墨烯防腐涂料"}),
        ("chain=GRA.02.02", {"石墨烯防腐涂料"}),
        ("field=energy", {"硫化物固态电解质"}),
        ("q=防腐", {"石墨烯防腐涂料"}),
        ("trl_min=5&trl_max=6", {"石墨烯防腐涂料"}),
        ("ip_type=utility", {"石墨烯防腐涂料"}),
        ("mode=equity", {"硫化物固态电解质"}),
        ("price_min=500000&price_max=2000000", {"高导热石墨烯散热膜"}),
        ("chain=GRA&trl_min=6", {"高导热石墨烯散热膜"}),
    ],
)
def test_filters(client, catalogue, query, expected):
    response = client.get(f"/api/v1/achievements/?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


def test_institution_filter_and_ordering(client, catalogue):
    organisation_id = catalogue["other"].organisation_id
    assert titles(client.get(f"/api/v1/achievements/?institution={organisation_id}")) == {"硫化物固态电解质"}
    rows = client.get("/api/v1/achievements/?sort=-price_cny").json()["results"]
    assert rows[0]["title"] == "硫化物固态电解质"


@pytest.mark.parametrize("query", ["trl_min=高", "trl_min=12", "chain=GR", "field=materialz", "price_max=-1"])
def test_bad_filter_value_is_a_field_error(client, catalogue, query):
    response = client.get(f"/api/v1/achievements/?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()["errors"]


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_achievement_list_query_count_does_not_grow_with_rows(client, institution_page):
    def add(n):
        for _ in range(n):
            _achievement(
                institution_page,
                industry_chains=["GRA.02.01"],
                keywords=["石墨烯", "散热"],
                modes=["transfer"],
                ip_types=["invention"],
            )

    add(2)
    client.get("/api/v1/achievements/")  # warm caches that are per process, not per row
    few = _queries(client, "/api/v1/achievements/")
    add(10)
    many = _queries(client, "/api/v1/achievements/")
    assert few == many


def test_institutions_list_and_detail(client, catalogue):
    data = client.get("/api/v1/institutions/").json()
    rows = {row["name"]: row for row in data["results"]}
    assert rows["测试石墨烯研究院"]["achievement_count"] == 2  # the draft and the expired one do not count
    assert rows["测试石墨烯研究院"]["url"]
    pk = rows["三明市新能源材料研究院"]["id"]
    assert client.get(f"/api/v1/institutions/{pk}/").json()["achievement_count"] == 1


def test_taxonomies(client):
    fields = client.get("/api/v1/taxonomies/technical-fields/").json()
    assert len(fields) == 11 and fields[0]["code"] == "electronics"
    tree = client.get("/api/v1/taxonomies/industry-chains/tree/").json()
    graphene = next(node for node in tree if node["code"] == "GRA")
    assert [child["code"] for child in graphene["children"]] == ["GRA.01", "GRA.02"]
    assert "GRA.02.01" in [leaf["code"] for leaf in graphene["children"][1]["children"]]
    flat = client.get("/api/v1/taxonomies/industry-chains/?parent=GRA").json()
    assert [node["code"] for node in flat] == ["GRA.01", "GRA.02"]
    roots = client.get("/api/v1/taxonomies/industry-chains/?parent=").json()
    assert all(node["parent"] is None for node in roots) and len(roots) >= 16
    assert len(client.get("/api/v1/taxonomies/readiness-levels/").json()) == 9
    assert {t["code"] for t in client.get("/api/v1/taxonomies/ip-types/").json()} >= {"invention", "secret"}
    assert len(client.get("/api/v1/taxonomies/transfer-modes/").json()) == 5
    counties = client.get("/api/v1/taxonomies/regions/?parent=350400").json()
    assert "350481" in {region["code"] for region in counties}
    bad = client.get("/api/v1/taxonomies/regions/?level=x")
    assert bad.status_code == 400 and "level" in bad.json()["errors"]


def test_schema_generates_without_warnings():
    out = io.StringIO()
    # --fail-on-warn exits non-zero (SystemExit) if any view produces a schema warning or error.
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    schema = out.getvalue()
    for path in ("/api/v1/achievements/", "/api/v1/needs/{id}/approve/", "/api/v1/auth/token/"):
        assert path in schema


def test_schema_and_docs_are_served(client):
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200
