"""The apps' import arrows point one way: a lower app never imports a higher one (docs/architecture.md).

Layers, lowest first: common < taxonomy < accounts < marketplace < {search, registration} <
{dealflow, challenges, events}. An app may import itself and any app in a lower layer; apps in the same
layer stay independent of each other. A lower app that must tell a higher one something sends a signal it
defines (marketplace/events.py, registration/signals.py) and the higher app connects in ``AppConfig.ready()``.

Imports are read with ``ast`` from every module outside migrations, including imports inside functions
and dotted strings handed to ``importlib.import_module``/``find_spec`` (a hook is an import too).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = [
    {"common"},
    {"taxonomy"},
    {"accounts"},
    {"marketplace"},
    {"search", "registration"},
    {"dealflow", "challenges", "ops"},
    # Matchmaking events (对接会, roadshows, competitions, 招商会) plan meetings from matches and open dealflow
    # enquiries from their outcomes. The app is not called `events`: opensearch-py depends on a PyPI package of
    # that name. A competition is an event with entries and judging, so it sits on top of matchmaking.
    {"matchmaking"},
    {"competitions"},
]
RANK = {app: rank for rank, apps in enumerate(LAYERS) for app in apps}
# Known arrows pointing the wrong way that are still being moved (none today). The test below fails if an entry
# is no longer needed, so the list can only shrink.
BEING_MOVED: dict[str, str] = {}
DYNAMIC_IMPORTERS = {"import_module", "find_spec", "run_optional_hook"}


def modules(app: str) -> list[Path]:
    base = ROOT / app
    if not base.is_dir():
        return []
    return sorted(p for p in base.rglob("*.py") if "migrations" not in p.relative_to(base).parts)


def imported_apps(path: Path) -> set[tuple[str, int]]:
    """(top-level package, line) for every absolute import in the module, static or by dotted string."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[tuple[str, int]] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update((alias.name.split(".")[0], node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add((node.module.split(".")[0], node.lineno))
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            first = node.args[0] if node.args else None
            if name in DYNAMIC_IMPORTERS and isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.add((first.value.split(".")[0], node.lineno))
    return found


def violations(app: str) -> list[str]:
    out = []
    for path in modules(app):
        for target, line in sorted(imported_apps(path)):
            if target == app or target not in RANK:
                continue
            if RANK[target] >= RANK[app]:
                out.append(f"{path.relative_to(ROOT).as_posix()}:{line} imports {target}")
    return out


def _excused(violation: str) -> bool:
    module, _, target = violation.partition(":")
    return BEING_MOVED.get(module) == target.rsplit(" ", 1)[-1]


@pytest.mark.parametrize("app", sorted(RANK))
def test_app_imports_only_lower_layers(app):
    assert [v for v in violations(app) if not _excused(v)] == []


def test_known_exceptions_are_still_needed():
    found = {v for app in RANK for v in violations(app)}
    for module, target in BEING_MOVED.items():
        assert any(v.startswith(f"{module}:") and v.endswith(f"imports {target}") for v in found), (
            f"{module} no longer imports {target}: remove it from BEING_MOVED"
        )


def test_the_checker_sees_every_kind_of_import(tmp_path):
    """The test above can fail: each way of importing a higher app is caught."""
    module = tmp_path / "probe.py"
    module.write_text(
        "import search.sync\n"
        "from registration.models import TechnologyContract\n"
        "from . import models\n"
        "def later():\n"
        "    from dealflow import services\n"
        "    importlib.import_module('challenges.demo')\n",
        encoding="utf-8",
    )
    assert {name for name, _line in imported_apps(module)} == {"search", "registration", "dealflow", "challenges"}


def test_every_app_is_checked():
    """A new app must be given a layer here before it can hide from this test."""
    apps = {p.parent.name for p in ROOT.glob("*/apps.py")}
    assert apps <= set(RANK), f"apps without a layer: {sorted(apps - set(RANK))}"
    assert modules("marketplace") and modules("search")
