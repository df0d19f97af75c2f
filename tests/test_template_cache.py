"""The test-database template's cache (tests/conftest.py): a dump written after migrating, restored by a fresh clone,
and a broken or missing dump that falls back to migrating instead of deciding what the template holds."""

import pytest
from django.db import connection

from tests.conftest import (
    TEMPLATE_CACHE_KEEP,
    _restore_cached_template,
    _store_cached_template,
    _template_cache_file,
)

pytestmark = pytest.mark.postgres

SOURCE = "test_template_cache_source"
COPY = "test_template_cache_copy"


@pytest.fixture
def nodb_cursor(db):
    with connection.creation._nodb_cursor() as cursor:
        yield cursor
        for name in (SOURCE, COPY):
            cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _major(cursor) -> int:
    return cursor.cursor.connection.info.server_version // 10000


def _rows(name: str) -> list[tuple]:
    import psycopg

    settings = connection.settings_dict
    with psycopg.connect(
        dbname=name, host=settings["HOST"], port=settings["PORT"], user=settings["USER"], password=settings["PASSWORD"]
    ) as other:
        return other.execute("SELECT code, label FROM seeded ORDER BY code").fetchall()


def _seed(name: str) -> None:
    import psycopg

    settings = connection.settings_dict
    with psycopg.connect(
        dbname=name,
        host=settings["HOST"],
        port=settings["PORT"],
        user=settings["USER"],
        password=settings["PASSWORD"],
        autocommit=True,
    ) as other:
        other.execute("CREATE TABLE seeded (code text PRIMARY KEY, label text NOT NULL)")
        other.execute("INSERT INTO seeded VALUES ('A', '甲'), ('B', '乙'), ('C', '丙')")


def test_a_stored_template_restores_into_a_new_database_with_its_rows(nodb_cursor, tmp_path, monkeypatch):
    monkeypatch.setenv("TEST_TEMPLATE_CACHE", str(tmp_path))
    major = _major(nodb_cursor)
    cache_file = _template_cache_file(connection, major, "digest")
    nodb_cursor.execute(f"CREATE DATABASE {SOURCE}")
    _seed(SOURCE)

    _store_cached_template(connection, major, cache_file, SOURCE)
    assert cache_file.exists() and not list(tmp_path.glob("*.part"))
    assert _restore_cached_template(connection, nodb_cursor, major, cache_file, COPY)

    assert _rows(COPY) == [("A", "甲"), ("B", "乙"), ("C", "丙")]


def test_a_broken_or_missing_dump_restores_nothing_and_leaves_no_database(nodb_cursor, tmp_path, monkeypatch):
    monkeypatch.setenv("TEST_TEMPLATE_CACHE", str(tmp_path))
    major = _major(nodb_cursor)
    cache_file = _template_cache_file(connection, major, "digest")

    assert not _restore_cached_template(connection, nodb_cursor, major, cache_file, COPY)
    cache_file.write_bytes(b"not a dump")
    assert not _restore_cached_template(connection, nodb_cursor, major, cache_file, COPY)

    nodb_cursor.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [COPY])
    assert nodb_cursor.fetchone()[0] == 0


def test_an_empty_setting_turns_the_cache_off(monkeypatch):
    monkeypatch.setenv("TEST_TEMPLATE_CACHE", "")
    assert _template_cache_file(connection, 15, "digest") is None


def test_only_the_newest_dumps_are_kept(nodb_cursor, tmp_path, monkeypatch):
    import os

    monkeypatch.setenv("TEST_TEMPLATE_CACHE", str(tmp_path))
    major = _major(nodb_cursor)
    older = []
    for i in range(TEMPLATE_CACHE_KEEP + 2):
        path = _template_cache_file(connection, major, f"old{i:02d}")
        path.write_bytes(b"an older dump")
        os.utime(path, (1_000_000 + i, 1_000_000 + i))
        older.append(path)
    other_alias = tmp_path / "other-pg15-old.dump"
    other_alias.write_bytes(b"another database's dump")
    nodb_cursor.execute(f"CREATE DATABASE {SOURCE}")
    _seed(SOURCE)

    newest = _template_cache_file(connection, major, "digest")
    _store_cached_template(connection, major, newest, SOURCE)

    kept = sorted(tmp_path.glob(f"{connection.alias}-pg*.dump"))
    assert newest in kept and len(kept) == TEMPLATE_CACHE_KEEP
    assert not older[0].exists() and not older[2].exists() and older[-1].exists()
    assert other_alias.exists()
