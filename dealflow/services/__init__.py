"""Write-side of the deal flow (moved whole into approaches for now; split by responsibility next)."""

from .approaches import *  # noqa: F403
