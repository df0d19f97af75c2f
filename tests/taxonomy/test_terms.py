import pytest

from taxonomy.models import IndustryChainNode, ReadinessLevel, Region, TechnicalField

pytestmark = pytest.mark.django_db


def test_eleven_national_technical_fields_are_loaded():
    assert TechnicalField.objects.count() == 11
    assert TechnicalField.objects.get(code="materials").name == "新材料及其应用"


def test_readiness_levels_one_to_nine():
    assert list(ReadinessLevel.objects.values_list("level", flat=True)) == list(range(1, 10))


def test_industry_chain_subtree_is_a_prefix_query():
    subtree = IndustryChainNode.objects.subtree_of("GRA")
    assert subtree.filter(level=IndustryChainNode.Level.TECHNOLOGY).count() >= 4
    assert all(node.code.startswith("GRA") for node in subtree)
    tech = IndustryChainNode.objects.get(code="GRA.02.01")
    assert tech.ancestor_codes == ["GRA", "GRA.02", "GRA.02.01"]
    assert tech.path_names() == "石墨烯 › 石墨烯应用 › 导热散热材料"


def test_home_province_cities_and_counties_present():
    sanming = Region.objects.get(code="350400")
    assert sanming.parent.code == "350000"
    assert sanming.children.filter(code="350481").exists()
    assert Region.objects.provinces().count() == 34


@pytest.mark.postgres
def test_taxonomy_loaded_on_postgres_too():
    from django.db import connection

    assert connection.vendor == "postgresql"
    assert TechnicalField.objects.count() == 11
