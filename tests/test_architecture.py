"""The apps' import arrows point one way: a lower app never imports a higher one (docs/architecture.md).

Layers, lowest first: common < taxonomy < accounts < marketplace < {search, registration} <
{dealflow, challenges, ops} < matchmaking < competitions. An app may import itself and any app in a lower layer; apps in the same
layer stay independent of each other. A lower app that must tell a higher one something sends a signal it
defines (marketplace/events.py, registration/signals.py) and the higher app connects in ``AppConfig.ready()``.

Imports are read with ``ast`` from every module outside migrations, including imports inside functions
and dotted strings handed to ``importlib.import_module``/``find_spec`` (a hook is an import too).
"""

from __future__ import annotations

import ast
import importlib
import re
import weakref
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


# --- No import cycles inside an app ----------------------------------------------------------------------------
#
# Inside an app the arrows point one way too: models < permissions/events < selectors < services < views. A cycle
# at module level breaks as soon as someone imports the modules in another order; one hidden behind an import
# inside a function still means a lower module reaches up. The first test counts only imports that run when a module
# is loaded; the second also those inside functions (deferred), so a cycle cannot hide behind one. Imports under
# ``if TYPE_CHECKING:`` never run and count in neither.


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _load_time_imports(tree: ast.AST, *, deferred: bool = False):
    """Import nodes that run when the module is loaded: anywhere but inside a function or a TYPE_CHECKING block.
    With ``deferred`` also those inside functions (they run later, when the function is called)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) and not deferred:
            continue
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                yield from _load_time_imports(ast.Module(body=[child], type_ignores=[]), deferred=deferred)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        yield from _load_time_imports(node, deferred=deferred)


def import_graph(app_dir: Path, *, deferred: bool = False) -> dict[str, set[str]]:
    """Module → the modules of the same app it imports at load time (a package's ``__init__`` counts as the package);
    with ``deferred`` also inside functions."""
    root = app_dir.parent
    paths = [p for p in sorted(app_dir.rglob("*.py")) if "migrations" not in p.relative_to(app_dir).parts]
    names = {_module_name(p, root) for p in paths}
    graph: dict[str, set[str]] = {}
    for path in paths:
        name = _module_name(path, root)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        edges = graph.setdefault(name, set())
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in _load_time_imports(tree, deferred=deferred):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([node.module] if node.module else [])])
                # ``from package import module`` imports the sub-module; ``from module import name`` the module.
                targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in names else base for alias in node.names]
            for target in targets:
                while target and target not in names:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    edges.add(target)
    return graph


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


@pytest.mark.parametrize("app", sorted(RANK))
def test_no_import_cycle_inside_an_app(app):
    assert import_cycles(import_graph(ROOT / app)) == []


@pytest.mark.parametrize("app", sorted(RANK))
def test_no_import_cycle_hidden_in_a_function(app):
    """A lower module that imports a higher one inside a function (to dodge a load-time cycle) still reaches up:
    e.g. a page's ``get_context`` importing the selectors that import the page. Move the shared part down instead."""
    assert import_cycles(import_graph(ROOT / app, deferred=True)) == []


def test_the_cycle_checker_sees_a_cycle(tmp_path):
    """The test above can fail: a cycle through ``from . import``, a dotted import and a class body is found, and
    imports inside functions or under TYPE_CHECKING are not counted; with ``deferred`` those inside functions are."""
    app = tmp_path / "probe"
    (app / "services").mkdir(parents=True)
    (app / "migrations").mkdir()
    (app / "__init__.py").write_text("", encoding="utf-8")
    (app / "models.py").write_text("class Page:\n    from . import selectors\n", encoding="utf-8")
    (app / "selectors.py").write_text("from .services import helper\n", encoding="utf-8")
    (app / "services" / "__init__.py").write_text("from .writes import helper\n", encoding="utf-8")
    (app / "services" / "writes.py").write_text("import probe.models\n", encoding="utf-8")
    (app / "views.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import forms\n", encoding="utf-8"
    )
    (app / "forms.py").write_text("def later():\n    from . import views\n", encoding="utf-8")
    (app / "migrations" / "0001_initial.py").write_text("from probe import views\n", encoding="utf-8")
    (app / "migrations" / "__init__.py").write_text("", encoding="utf-8")
    assert import_cycles(import_graph(app)) == [
        ["probe.models", "probe.selectors", "probe.services", "probe.services.writes"]
    ]
    # Counting deferred imports, forms → views inside a function closes a second cycle (views → forms stays a
    # TYPE_CHECKING import, so it does not): none yet. A function-level import back into models closes one.
    assert import_cycles(import_graph(app, deferred=True)) == import_cycles(import_graph(app))
    (app / "views.py").write_text("from . import forms\n", encoding="utf-8")
    (app / "models.py").write_text("def get_context():\n    from .selectors import helper\n", encoding="utf-8")
    assert import_cycles(import_graph(app)) == []
    assert import_cycles(import_graph(app, deferred=True)) == [
        ["probe.forms", "probe.views"],
        ["probe.models", "probe.selectors", "probe.services", "probe.services.writes"],
    ]


# --- docs/architecture.md draws the graph the code has ---------------------------------------------------------
#
# The app graph (its rows, which app imports which) and the signal table (who listens to what) are read from the
# document and compared with the imports above and with the receivers the apps' ``ready()`` connected.

DOC = ROOT / "docs" / "architecture.md"


def _doc_lines(after: str) -> list[str]:
    lines = DOC.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(after))
    return lines[start + 1 :]


def _table(after: str) -> list[list[str]]:
    """The cells of a Markdown table's rows (its header starts with ``after``; the separator row is skipped)."""
    rows = []
    for line in _doc_lines(after)[1:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def documented_rows() -> list[set[str]]:
    """The layers drawn at the top of "The app graph", top row first: the app names left of each line's ``←``."""
    rows = []
    block = _doc_lines("## The app graph")
    start = block.index("```")
    for line in block[start + 1 : block.index("```", start + 1)]:
        apps = set(line.partition("←")[0].split()) & set(RANK)
        if apps:
            rows.append(apps)
    return rows


def documented_imports() -> dict[str, set[str]]:
    return {app: {name.strip() for name in imports.split(",") if name.strip()} for app, imports in _table("| app |")}


def code_imports(app: str) -> set[str]:
    return {target for path in modules(app) for target, _line in imported_apps(path) if target in RANK} - {app}


def documented_signals() -> list[tuple[list[str], set[str]]]:
    """Per row of the signal table: the signals' dotted paths and the apps that listen.

    ``marketplace.events.achievement_published` / `_unpublished`` names achievement_unpublished; ``demo_loaded()` /
    `demo_resetting()`` a second signal of the same module. A listener is an app named before a clause's colon
    ("dealflow: …; challenges: …", "registration, dealflow: …").
    """
    rows = []
    for cells in _table("| signal (defined in)"):
        names = [name.partition("(")[0] for name in re.findall(r"`([^`]+)`", cells[0])]
        module, _, first = names[0].rpartition(".")
        paths = [names[0]]
        for name in names[1:]:
            paths.append(f"{module}.{first.split('_')[0]}{name}" if name.startswith("_") else f"{module}.{name}")
        listeners = set()
        for clause in cells[2].split(";"):
            who = {word.strip() for word in clause.partition(":")[0].split(",")}
            assert who <= set(RANK), f"signal table: {clause!r} does not start with the listening apps"
            listeners |= who
        rows.append((paths, listeners))
    return rows


def connected_apps(signal) -> set[str]:
    """The apps whose functions are connected to a signal (tests' own receivers left out)."""
    apps = set()
    for _key, receiver, _is_async in signal.receivers:
        function = receiver() if isinstance(receiver, weakref.ReferenceType) else receiver
        app = getattr(function, "__module__", "").split(".")[0]
        if app in RANK:
            apps.add(app)
    return apps


def defined_signals() -> set[str]:
    """Dotted paths of every Signal the apps define (``name = Signal()`` at module level, anywhere in an app)."""
    paths = set()
    for app in RANK:
        for path in modules(app):
            for node in ast.parse(path.read_text(encoding="utf-8"), filename=str(path)).body:
                call = node.value if isinstance(node, ast.Assign) else None
                if isinstance(call, ast.Call) and getattr(call.func, "id", getattr(call.func, "attr", "")) == "Signal":
                    module = _module_name(path, ROOT)
                    paths.update(f"{module}.{target.id}" for target in node.targets if isinstance(target, ast.Name))
    return paths


def test_the_documented_rows_are_the_layers():
    assert documented_rows() == list(reversed(LAYERS)), (
        "the rows drawn in docs/architecture.md are not LAYERS (top row = highest layer)"
    )


def test_the_documented_imports_are_the_code_imports():
    documented = documented_imports()
    assert set(documented) == set(RANK), "docs/architecture.md's import table must have one row per app"
    wrong = [
        f"{app}: the doc says {sorted(documented[app])}, the code imports {sorted(code_imports(app))}"
        for app in sorted(RANK)
        if documented[app] != code_imports(app)
    ]
    assert wrong == [], "update the import table in docs/architecture.md"


def test_the_documented_signals_are_the_connected_ones():
    rows = documented_signals()
    assert {path for paths, _listeners in rows for path in paths} == defined_signals(), (
        "docs/architecture.md's signal table must name every signal the apps define"
    )
    wrong = []
    for paths, listeners in rows:
        module, _, _name = paths[0].rpartition(".")
        connected = set().union(
            *(connected_apps(getattr(importlib.import_module(module), p.rpartition(".")[2])) for p in paths)
        )
        if connected != listeners:
            wrong.append(
                f"{', '.join(paths)}: the doc says {sorted(listeners)}, connected in ready(): {sorted(connected)}"
            )
    assert wrong == []


def test_the_doc_checks_can_fail(monkeypatch):
    """The three checks above read what the document says: a changed table is noticed."""
    text = DOC.read_text(encoding="utf-8")
    changed = text.replace("| ops | search, registration, marketplace, common |", "| ops | marketplace, common |")
    changed = changed.replace("| dealflow: the deal returns to 签约", "| challenges: the deal returns to 签约")
    assert changed != text and changed.count("| challenges: the deal returns") == 1
    read_text = Path.read_text
    monkeypatch.setattr(Path, "read_text", lambda self, **kw: changed if self == DOC else read_text(self, **kw))
    assert documented_imports()["ops"] == {"marketplace", "common"} != code_imports("ops")
    refused = next(
        listeners for paths, listeners in documented_signals() if paths == ["registration.signals.contract_refused"]
    )
    assert refused == {"challenges"}
    assert connected_apps(importlib.import_module("registration.signals").contract_refused) == {"dealflow"}
