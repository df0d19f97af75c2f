"""Keep the index document's text fields with a listing's stored terms (so rebuilds do not segment again).

On SQLite, adding these columns rebuilds the table, which drops its triggers: they are created again and the
FTS5 index is rebuilt from the table (the SQL is repeated from 0004 so this migration carries its own)."""

from django.db import migrations, models

SQLITE_TRIGGERS = [
    "DROP TRIGGER IF EXISTS search_listingterms_ai",
    "DROP TRIGGER IF EXISTS search_listingterms_ad",
    "DROP TRIGGER IF EXISTS search_listingterms_au",
    """CREATE TRIGGER search_listingterms_ai AFTER INSERT ON search_listingterms BEGIN
        INSERT INTO search_listingterms_fts(rowid, headline, body) VALUES (new.id, new.headline, new.body); END""",
    """CREATE TRIGGER search_listingterms_ad AFTER DELETE ON search_listingterms BEGIN
        INSERT INTO search_listingterms_fts(search_listingterms_fts, rowid, headline, body)
        VALUES ('delete', old.id, old.headline, old.body); END""",
    """CREATE TRIGGER search_listingterms_au AFTER UPDATE ON search_listingterms BEGIN
        INSERT INTO search_listingterms_fts(search_listingterms_fts, rowid, headline, body)
        VALUES ('delete', old.id, old.headline, old.body);
        INSERT INTO search_listingterms_fts(rowid, headline, body) VALUES (new.id, new.headline, new.body); END""",
    "INSERT INTO search_listingterms_fts(search_listingterms_fts) VALUES ('rebuild')",
]


def restore_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_TRIGGERS:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_listing_terms_fulltext")]

    operations = [
        migrations.AddField(
            model_name="listingterms",
            name="source_hash",
            field=models.CharField(blank=True, max_length=40, verbose_name="来源摘要"),
        ),
        migrations.AddField(
            model_name="listingterms",
            name="texts",
            field=models.JSONField(default=dict, verbose_name="文档文本"),
        ),
        migrations.RunPython(restore_sqlite_triggers, migrations.RunPython.noop),
    ]
