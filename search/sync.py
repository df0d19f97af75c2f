"""Keeps the search index in step with the database (placeholder until the outbox lands)."""


def need_changed(need) -> None:
    """Called by marketplace services inside the transaction that changed ``need``."""
