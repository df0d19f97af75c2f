"""Demo events for development (filled in below; connected from MatchmakingConfig.ready)."""

from __future__ import annotations


def on_demo_loaded(sender, stdout=None, **kwargs) -> str | None:
    return None


def on_demo_resetting(sender, **kwargs) -> None:
    return None
