"""Bulk import of listings: the package's public names (split by responsibility in the next commit)."""

from .pipeline import *  # noqa: F403
