"""The two matchers' modules depend one way: engine → database (its fallback), both → weights; no import hides
inside a function and nothing imports back (issue 7)."""

from __future__ import annotations

import ast
from pathlib import Path

import search.matching.database as database
import search.matching.engine as engine
import search.matching.weights as weights

MATCHING = Path(__file__).resolve().parents[2] / "search" / "matching"


def _imports(path: Path) -> tuple[set[str], set[str]]:
    """(modules imported at module level, modules imported inside functions) as relative names like '.database'."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top, nested = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            name = "." * node.level + (node.module or "")
            (top if node in tree.body else nested).add(name)
    return top, nested


def test_engine_imports_the_database_matcher_at_module_level():
    top, nested = _imports(MATCHING / "engine.py")
    assert ".database" in top
    assert ".database" not in nested
    assert engine.db_matches is database.db_matches


def test_database_matcher_does_not_import_the_engine_matcher():
    top, nested = _imports(MATCHING / "database.py")
    assert ".engine" not in top | nested
    assert ".weights" in top


def test_both_matchers_score_with_the_same_weights():
    assert engine.BOOSTS is weights.BOOSTS is database.BOOSTS
    assert database.MLT_MAX_TERMS == weights.MLT_MAX_TERMS
    assert database.MLT_MIN_SHOULD == weights.MLT_MIN_SHOULD
