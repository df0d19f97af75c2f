"""load_demo's search step: rebuild the index from the freshly loaded database when an engine is configured."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.management import call_command

from .engine import EngineUnavailable

logger = logging.getLogger(__name__)


def after_demo_loaded() -> None:
    if not settings.SEARCH_URL:
        return  # basic mode: the database matcher reads the tables directly
    try:
        call_command("search_index", "--rebuild")
    except EngineUnavailable:
        # Demo content is in the database (the source of truth); the index can be rebuilt later.
        logger.warning("search engine unreachable: run `manage.py search_index --rebuild` when it is back")
