"""A backup restored into an empty database has the same rows and the same certificate bytes."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from ops.backup import backup_create, backup_restore
from registration import services
from registration.models import Certificate, TechnologyContract
from tests.registration.factories import city_registry, submitted

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def empty_database():
    import psycopg

    name = f"{settings.DATABASES['default']['NAME']}_restore_{os.getpid()}"
    database = settings.DATABASES["default"]
    admin = psycopg.connect(
        host=database["HOST"], port=database["PORT"], user=database["USER"], dbname="postgres", autocommit=True
    )
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{name}"
    yield name, url
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def test_restore_into_an_empty_database_finds_the_same_counts_and_hashes(
    tmp_path, settings, empty_database, user_enterprise_a, enterprise_b, user_registrar
):
    assert connection.vendor == "postgresql"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DEALFLOW_PRIVATE_ROOT = tmp_path / "private"
    confidential = Path(settings.DEALFLOW_PRIVATE_ROOT, "confidential", "工艺说明.pdf")
    confidential.parent.mkdir(parents=True)
    confidential.write_bytes(b"%PDF-1.4 confidential tier")
    city_registry(user_registrar)
    contracts = [submitted(user_enterprise_a, enterprise_b, project_name=f"备份{i}") for i in range(3)]
    for contract in contracts[:2]:
        services.contract_register(user=user_registrar, contract=contract)
    certificates = dict(Certificate.objects.values_list("pk", "sha256"))
    assert len(certificates) == 2

    folder = backup_create(output=tmp_path / "backups")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["counts"]["registration.TechnologyContract"] == 3

    name, url = empty_database
    restored_media = tmp_path / "restored-media"
    restored_private = tmp_path / "restored-private"
    backup_restore(source=folder, database_url=url, media_root=restored_media, private_root=restored_private)
    assert Path(restored_private, "confidential", "工艺说明.pdf").read_bytes() == b"%PDF-1.4 confidential tier"

    import psycopg

    database = settings.DATABASES["default"]
    with psycopg.connect(host=database["HOST"], port=database["PORT"], user=database["USER"], dbname=name) as restored:
        count = restored.execute(f"select count(*) from {TechnologyContract._meta.db_table}").fetchone()[0]  # noqa: S608 - model table names
        rows = restored.execute(f"select id, sha256, file from {Certificate._meta.db_table}").fetchall()  # noqa: S608
    assert count == TechnologyContract.objects.count() == 3
    assert {pk: sha for pk, sha, _ in rows} == certificates
    for _pk, sha, file in rows:
        assert hashlib.sha256(Path(restored_media, file).read_bytes()).hexdigest() == sha


def test_restore_refuses_a_database_that_has_data(tmp_path, settings, empty_database):
    from common.errors import DomainError

    settings.MEDIA_ROOT = tmp_path / "media"
    folder = backup_create(output=tmp_path / "backups")
    database = settings.DATABASES["default"]
    current = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    with pytest.raises(DomainError, match="not empty"):
        backup_restore(source=folder, database_url=current, media_root=tmp_path / "elsewhere")
