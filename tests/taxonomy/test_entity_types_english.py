"""Entity types carry English names (data migration 0006) and English pages show them."""

import pytest
from django.utils import translation

from registration.choices import entity_type_label, entity_type_name
from taxonomy.data import ENTITY_TYPE_NAMES_EN, ENTITY_TYPES, load_entity_type_names_en
from taxonomy.models import EntityType

pytestmark = pytest.mark.django_db


def test_every_entity_type_has_an_english_name_after_migrating():
    assert set(ENTITY_TYPE_NAMES_EN) == {code for code, _name, _parent in ENTITY_TYPES}
    names = dict(EntityType.objects.values_list("code", "name_en"))
    assert len(names) == len(ENTITY_TYPES) == 31
    assert all(names.values())
    assert names["022"] == "University" and names["310"] == "Sino-foreign equity joint venture"


def test_the_data_migration_keeps_an_editors_english_and_fills_the_rest():
    from django.apps import apps

    EntityType.objects.filter(code="022").update(name_en="Higher-education institution")
    EntityType.objects.filter(code__in=["021", "400"]).update(name_en="")
    assert load_entity_type_names_en(apps) == 2
    names = dict(EntityType.objects.filter(code__in=["021", "022", "400"]).values_list("code", "name_en"))
    assert names == {"021": "Research institute", "022": "Higher-education institution", "400": "Natural person"}


def test_labels_follow_the_active_language():
    university = EntityType.objects.get(code="022")
    with translation.override("en"):
        assert entity_type_name(university) == "University"
        assert entity_type_label(university) == "University (022)"
    with translation.override("zh-hans"):
        assert entity_type_name(university) == "高等院校"
