"""Loads the taxonomies' initial content (taxonomy/data.py); safe to re-run."""

from django.db import migrations


def load(apps, schema_editor):
    from taxonomy.data import load_all

    load_all(apps)


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
