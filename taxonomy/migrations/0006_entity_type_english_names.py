"""Fills in the English names of the registration form's entity types (taxonomy.data.ENTITY_TYPE_NAMES_EN)."""

from django.db import migrations


def load(apps, schema_editor):
    from taxonomy.data import load_entity_type_names_en

    load_entity_type_names_en(apps)


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0005_entitytype_name_en")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
