"""Search results in English: hits and facets show the taxonomies' English names (names and content stay as written)."""

import pytest
from django.utils import translation

from search import searching
from taxonomy.models import TechnicalField
from tests.search.factories import build_small_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def basic_mode(monkeypatch):
    monkeypatch.setattr(searching, "engine_enabled", lambda: False)


def test_hits_and_facets_use_english_field_names_in_english(basic_mode):
    build_small_set()
    materials = TechnicalField.objects.get(code="materials")
    assert materials.name_en and materials.name_en != materials.name
    with translation.override("en"):
        results = searching.search_listings(searching.SearchParams(q="石墨烯"))
    field_names = {hit.technical_field_name for hit in results.hits}
    assert materials.name_en in field_names and materials.name not in field_names
    labels = {b.value: b.label for b in results.facets["technical_field"]}
    assert labels["materials"] == materials.name_en
    with translation.override("zh-hans"):
        chinese = searching.search_listings(searching.SearchParams(q="石墨烯"))
    assert materials.name in {hit.technical_field_name for hit in chinese.hits}
    assert {b.value: b.label for b in chinese.facets["technical_field"]}["materials"] == materials.name
