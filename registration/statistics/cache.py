"""The statistics version that keys every cached figure; it moves after any change to a counted contract commits."""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import connection, transaction

from ..models import ContractStatisticsFacts
from .summary import achievement_deleting, achievement_links_changing

# --- Cached figures --------------------------------------------------------------------------------

VERSION_KEY = "registration:statistics:version"
CACHE_SECONDS = 24 * 3600  # labels (taxonomy names) and the cache's own safety: at most a day old


def bump_statistics_version() -> None:
    # Set after the surrounding transaction commits, so no reader caches figures of uncommitted rows.
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, None))


def statistics_version() -> str:
    """Changes whenever a counted contract or its facts change (new uuid), plus the newest fact's time.

    Either changing gives new cache keys, so cached figures are never served after a change; losing
    the version from the cache only costs a recomputation.
    """
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY) or version
    # Read through the cursor: building and compiling the ORM aggregate cost several times the index lookup.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(source_updated_at) FROM {ContractStatisticsFacts._meta.db_table}")  # noqa: S608 - table name from model meta
        latest = cursor.fetchone()[0]
    # An opaque part of a cache key (PostgreSQL gives a datetime, SQLite its text; no spaces in a key).
    return f"{version}:{'-' if latest is None else str(latest).replace(' ', 'T')}"


def achievement_links_changed(sender, action: str, **kwargs) -> None:
    """Linking or unlinking an achievement changes the commercialisation count without saving the
    contract, so it moves the statistics version itself (thin: one cache write after commit) and the
    achievement running totals (``summary.achievement_links_changing``, in the linking transaction).
    Connected in ``RegistrationConfig.ready()`` to ``TechnologyContract.achievements.through``."""
    achievement_links_changing(
        instance=kwargs["instance"], action=action, reverse=kwargs["reverse"], pk_set=kwargs.get("pk_set")
    )
    if action in ("post_add", "post_remove", "post_clear"):
        bump_statistics_version()


def achievement_deleted(sender, instance, **kwargs) -> None:
    """Deleting an achievement page removes its contract links without ``m2m_changed``: take their share out of
    the running totals (in the deleting transaction) and move the version. Connected to ``pre_delete`` of
    ``marketplace.AchievementPage`` in ``RegistrationConfig.ready()``."""
    achievement_deleting(achievement_id=instance.pk)
    bump_statistics_version()
