"""The database cache's table, so that ``manage.py migrate`` alone leaves a working site (no ``createcachetable``)."""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    # createcachetable skips tables that exist and caches that are not database caches (tests use locmem).
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_organisation_review_note")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop, elidable=False)]
