"""Search test fixtures: engine tests get a clean, per-run set of indices on the real engine; every other
search test runs in basic (database) mode so it never depends on a cluster."""

from __future__ import annotations

import os
import re

import pytest

from search import sync
from search.engine import EngineUnavailable, breaker_reset, get_engine

ENGINE_URL = os.environ.get("SEARCH_URL", "")


def _engine_reachable() -> str | None:
    if not ENGINE_URL:
        return "SEARCH_URL is not set"
    try:
        from search.engine import _build

        _build(os.environ.get("SEARCH_ENGINE", "opensearch"), ENGINE_URL, "", "", "", "", True, 5.0).health()
    except EngineUnavailable as exc:
        return f"engine at {ENGINE_URL} unreachable: {exc}"
    return None


@pytest.fixture(autouse=True)
def _search_mode(request, settings):
    """Engine tests talk to SEARCH_URL; all others run in basic mode regardless of the environment."""
    breaker_reset()  # the circuit breaker's state lives in the (per-process) cache: start each test closed
    if request.node.get_closest_marker("engine"):
        problem = _engine_reachable()
        if problem:
            if os.environ.get("CI", "").lower() == "true":
                pytest.fail(f"engine test cannot run under CI: {problem}")
            pytest.skip(problem)
        settings.SEARCH_URL = ENGINE_URL
        settings.SEARCH_INDEX_PREFIX = re.sub(
            r"[^a-z0-9_]+", "-", f"{settings.SEARCH_INDEX_PREFIX}-{request.node.name[:40].lower()}"
        )
        sync._ENSURED.clear()
        yield
        try:
            engine = get_engine()
            for name in engine.list_indices(f"{settings.SEARCH_INDEX_PREFIX}-*"):
                engine.delete_index(name)
        except EngineUnavailable:
            pass
    else:
        settings.SEARCH_URL = ""
        yield
