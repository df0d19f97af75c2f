"""Backups: the database (pg_dump custom format, or SQLite's online backup) and MEDIA_ROOT as a tarball.

A backup is a folder ``<output>/<YYYYmmdd-HHMMSS>/`` with ``database.dump`` (PostgreSQL) or ``database.sqlite3``,
``media.tar.gz`` and ``manifest.json`` (row counts and every certificate's SHA-256, so a restore can be checked).
Restore goes into an *empty* database: it never drops anything in a database that has data.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings
from django.db import connection

from common.errors import DomainError

COUNTED = [
    ("registration", "TechnologyContract"),
    ("registration", "Certificate"),
    ("registration", "Attachment"),
    ("marketplace", "TechnologyNeed"),
    ("accounts", "User"),
    ("accounts", "Organisation"),
    ("wagtailcore", "Page"),
]


def pg_environment(database: dict) -> dict:
    """The environment that points pg_dump, pg_restore and psql at ``database`` (a Django DATABASES entry)."""
    env = {**os.environ, "PGHOST": database.get("HOST") or "", "PGPORT": str(database.get("PORT") or "")}
    env["PGUSER"] = database.get("USER") or ""
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = database["PASSWORD"]
    return env


def _tool(name: str) -> str:
    pg_bin = settings.BACKUP_PG_BIN
    path = str(Path(pg_bin) / name) if pg_bin else shutil.which(name)
    if not path:
        raise DomainError(f"{name} not found: install postgresql-client or set BACKUP_PG_BIN")
    return path


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def manifest_of_current_database() -> dict:
    from django.apps import apps

    counts = {f"{app}.{model}": apps.get_model(app, model).objects.count() for app, model in COUNTED}
    certificates = {
        str(pk): sha for pk, sha in apps.get_model("registration", "Certificate").objects.values_list("pk", "sha256")
    }
    return {"counts": counts, "certificates": certificates}


def backup_create(*, output: Path) -> Path:
    target = Path(output) / datetime.now().astimezone().strftime("%Y%m%d-%H%M%S")
    target.mkdir(parents=True, exist_ok=False)
    database = settings.DATABASES["default"]
    if connection.vendor == "postgresql":
        subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [
                _tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(target / "database.dump"),
                database["NAME"],
            ],
            env=pg_environment(database),
            check=True,
            capture_output=True,
        )
    else:
        connection.ensure_connection()
        copy = sqlite3.connect(target / "database.sqlite3")
        connection.connection.backup(copy)
        copy.close()
    media_root = Path(settings.MEDIA_ROOT)
    # The deal flow's confidential files live outside MEDIA_ROOT (never served by URL); they go in the same
    # tarball under private/, or a restore would lose what enterprises signed NDAs to read.
    private_root = Path(settings.DEALFLOW_PRIVATE_ROOT)
    with tarfile.open(target / "media.tar.gz", "w:gz") as tar:
        if media_root.exists():
            tar.add(media_root, arcname="media")
        if private_root.exists():
            tar.add(private_root, arcname="private")
    manifest = manifest_of_current_database()
    manifest["vendor"] = connection.vendor
    manifest["created_at"] = datetime.now().astimezone().isoformat()
    (target / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return target


def backup_restore(*, source: Path, database_url: str, media_root: Path, private_root: Path | None = None) -> None:
    """Load a backup folder into an empty database (given by URL), an empty or missing media folder, and the deal
    flow's private folder (default ``DEALFLOW_PRIVATE_ROOT``)."""
    source = Path(source)
    media_root = Path(media_root)
    private_root = Path(private_root or settings.DEALFLOW_PRIVATE_ROOT)
    if media_root.exists() and any(media_root.iterdir()):
        raise DomainError(f"{media_root} is not empty: restore into an empty media folder")
    parsed = urlparse(database_url)
    if (source / "database.dump").exists():
        if parsed.scheme not in ("postgres", "postgresql"):
            raise DomainError("a PostgreSQL dump restores into a postgres:// database")
        import dj_database_url

        database = dj_database_url.parse(database_url)
        env = pg_environment(database)
        tables = subprocess.run(  # noqa: S603
            [_tool("psql"), "-tAc", "select count(*) from pg_tables where schemaname='public'", database["NAME"]],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        if tables != "0":
            raise DomainError(f"database {database['NAME']} is not empty ({tables} tables): restore into an empty one")
        subprocess.run(  # noqa: S603
            [
                _tool("pg_restore"),
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--dbname",
                database["NAME"],
                str(source / "database.dump"),
            ],
            env=env,
            check=True,
            capture_output=True,
        )
    else:
        path = Path(parsed.path)
        if path.exists() and path.stat().st_size:
            raise DomainError(f"{path} exists: restore into a new file")
        shutil.copyfile(source / "database.sqlite3", path)
    with tarfile.open(source / "media.tar.gz", "r:gz") as tar:
        for prefix, root in (("media/", media_root), ("private/", private_root)):
            members = [m for m in tar.getmembers() if m.name.startswith(prefix) and (m.isfile() or m.isdir())]
            for member in members:
                member.name = member.name[len(prefix) :]
            root.mkdir(parents=True, exist_ok=True)
            tar.extractall(root, members=[m for m in members if m.name], filter="data")
