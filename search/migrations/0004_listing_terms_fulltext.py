"""The full-text index over ListingTerms: an FTS5 table kept in step by triggers on SQLite, a GIN index on the
'simple' text-search vector on PostgreSQL (the words are segmented already, so no language stemming)."""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE search_listingterms_fts USING fts5(
        headline, body, content='search_listingterms', content_rowid='id', tokenize='unicode61')""",
    """CREATE VIRTUAL TABLE search_listingterms_vocab USING fts5vocab(search_listingterms_fts, 'row')""",
    """CREATE TRIGGER search_listingterms_ai AFTER INSERT ON search_listingterms BEGIN
        INSERT INTO search_listingterms_fts(rowid, headline, body) VALUES (new.id, new.headline, new.body); END""",
    """CREATE TRIGGER search_listingterms_ad AFTER DELETE ON search_listingterms BEGIN
        INSERT INTO search_listingterms_fts(search_listingterms_fts, rowid, headline, body)
        VALUES ('delete', old.id, old.headline, old.body); END""",
    """CREATE TRIGGER search_listingterms_au AFTER UPDATE ON search_listingterms BEGIN
        INSERT INTO search_listingterms_fts(search_listingterms_fts, rowid, headline, body)
        VALUES ('delete', old.id, old.headline, old.body);
        INSERT INTO search_listingterms_fts(rowid, headline, body) VALUES (new.id, new.headline, new.body); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_listingterms_au",
    "DROP TRIGGER IF EXISTS search_listingterms_ad",
    "DROP TRIGGER IF EXISTS search_listingterms_ai",
    "DROP TABLE IF EXISTS search_listingterms_vocab",
    "DROP TABLE IF EXISTS search_listingterms_fts",
]
POSTGRES = [
    """CREATE INDEX search_listingterms_tsv ON search_listingterms
       USING GIN (to_tsvector('simple', headline || ' ' || body))""",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS search_listingterms_tsv"]


def forwards(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    statements = {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_listing_terms")]
    operations = [migrations.RunPython(forwards, backwards)]
