"""Figures a new user reads on the public pages: per-institution counts and the year of the contract count."""

import pytest
from django.utils import timezone

from tests.factories import InstitutionFactory, make_achievement, make_institution_page

pytestmark = pytest.mark.django_db


def test_institution_directory_counts_each_institutions_listed_achievements(client):
    first = make_institution_page(InstitutionFactory(name="甲大学"))
    second = make_institution_page(InstitutionFactory(name="乙研究院"))
    for _ in range(3):
        make_achievement(first)
    for _ in range(5):
        make_achievement(second)
    make_achievement(second, publish=False)  # a draft is not listed

    response = client.get("/institutions/")

    counts = {institution.name: institution.achievement_count for institution in response.context["institutions"]}
    assert counts == {"甲大学": 3, "乙研究院": 5}
    html = response.content.decode()
    assert "在架成果 3 项" in html and "在架成果 5 项" in html


def test_api_institution_list_gives_the_same_counts(client):
    first = make_institution_page(InstitutionFactory(name="甲大学"))
    second = make_institution_page(InstitutionFactory(name="乙研究院"))
    for _ in range(3):
        make_achievement(first)
    for _ in range(5):
        make_achievement(second)

    rows = client.get("/api/v1/institutions/").json()["results"]

    assert {row["name"]: row["achievement_count"] for row in rows} == {"甲大学": 3, "乙研究院": 5}


def test_home_page_says_the_contract_count_is_this_years(client):
    html = client.get("/").content.decode()

    assert f"{timezone.localdate().year} 年已登记技术合同" in html
