"""Demo competition data for development (`manage.py load_demo` announces ``demo_loaded``; filled in below)."""

from __future__ import annotations


def on_demo_loaded(sender=None, stdout=None, **kwargs) -> str | None:
    return None


def on_demo_resetting(sender=None, **kwargs) -> None:
    return None
