"""load_demo's search step: rebuild the index from the freshly loaded database when an engine is configured
(reached through ``marketplace.events.listings_bulk_loaded``; the marketplace never imports search)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils.translation import gettext as _

from .engine import EngineUnavailable

logger = logging.getLogger(__name__)


def after_demo_loaded() -> str | None:
    """Receiver of ``marketplace.events.listings_bulk_loaded``: returns the line load_demo prints, if any."""
    if not settings.SEARCH_URL:
        return None  # basic mode: the database matcher reads the tables directly
    try:
        call_command("search_index", "--rebuild")
    except (EngineUnavailable, CommandError):
        # Demo content is in the database (the source of truth); the index can be rebuilt later.
        logger.warning("search engine unreachable: run `manage.py search_index --rebuild` when it is back")
        return None
    return _("已重建搜索索引。")
