"""Write-side of the challenges app (moved whole into lifecycle for now; split by responsibility next)."""

from .lifecycle import *  # noqa: F403
