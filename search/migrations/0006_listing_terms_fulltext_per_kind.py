"""One SQLite FTS5 index per kind of listing (achievements, needs) instead of one for both.

FTS5's BM25 and the document frequencies read from its vocabulary count every row of the index: with needs and
achievements in one index, an achievement's statistics depended on how many needs happened to have been
segmented. Per kind, they count exactly the listings being ranked. PostgreSQL filters by kind in its queries
already and is unchanged.
"""

from django.db import migrations

KINDS = ("achievement", "need")


def _create(kind: str) -> list[str]:
    fts, vocab = f"search_listingterms_fts_{kind}", f"search_listingterms_vocab_{kind}"
    return [
        f"""CREATE VIRTUAL TABLE {fts} USING fts5(
            headline, body, content='search_listingterms', content_rowid='id', tokenize='unicode61')""",
        f"CREATE VIRTUAL TABLE {vocab} USING fts5vocab({fts}, 'row')",
        f"""CREATE TRIGGER search_listingterms_ai_{kind} AFTER INSERT ON search_listingterms
            WHEN new.kind = '{kind}' BEGIN
            INSERT INTO {fts}(rowid, headline, body) VALUES (new.id, new.headline, new.body); END""",
        f"""CREATE TRIGGER search_listingterms_ad_{kind} AFTER DELETE ON search_listingterms
            WHEN old.kind = '{kind}' BEGIN
            INSERT INTO {fts}({fts}, rowid, headline, body) VALUES ('delete', old.id, old.headline, old.body); END""",
        f"""CREATE TRIGGER search_listingterms_au_{kind}_old AFTER UPDATE ON search_listingterms
            WHEN old.kind = '{kind}' BEGIN
            INSERT INTO {fts}({fts}, rowid, headline, body) VALUES ('delete', old.id, old.headline, old.body); END""",
        f"""CREATE TRIGGER search_listingterms_au_{kind}_new AFTER UPDATE ON search_listingterms
            WHEN new.kind = '{kind}' BEGIN
            INSERT INTO {fts}(rowid, headline, body) VALUES (new.id, new.headline, new.body); END""",
        f"""INSERT INTO {fts}(rowid, headline, body)
            SELECT id, headline, body FROM search_listingterms WHERE kind = '{kind}'""",
    ]


def _drop(kind: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS search_listingterms_au_{kind}_new",
        f"DROP TRIGGER IF EXISTS search_listingterms_au_{kind}_old",
        f"DROP TRIGGER IF EXISTS search_listingterms_ad_{kind}",
        f"DROP TRIGGER IF EXISTS search_listingterms_ai_{kind}",
        f"DROP TABLE IF EXISTS search_listingterms_vocab_{kind}",
        f"DROP TABLE IF EXISTS search_listingterms_fts_{kind}",
    ]


SHARED_DROP = [
    "DROP TRIGGER IF EXISTS search_listingterms_au",
    "DROP TRIGGER IF EXISTS search_listingterms_ad",
    "DROP TRIGGER IF EXISTS search_listingterms_ai",
    "DROP TABLE IF EXISTS search_listingterms_vocab",
    "DROP TABLE IF EXISTS search_listingterms_fts",
]
SHARED_CREATE = [
    """CREATE VIRTUAL TABLE search_listingterms_fts USING fts5(
        headline, body, content='search_listingterms', content_rowid='id', tokenize='unicode61')""",
    "CREATE VIRTUAL TABLE search_listingterms_vocab USING fts5vocab(search_listingterms_fts, 'row')",
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


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in [*SHARED_DROP, *[s for kind in KINDS for s in _create(kind)]]:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in [*[s for kind in KINDS for s in _drop(kind)], *SHARED_CREATE]:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_listing_terms_document_texts")]
    operations = [migrations.RunPython(forwards, backwards)]
