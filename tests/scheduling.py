"""Hands the slowest test files to the xdist workers first, so neither worker is left alone with a long file at the end.

With ``--dist loadfile`` xdist sends whole files, by default in order of their number of tests. The files that take
longest have few tests (the private OpenSearch nodes, the Chromium journeys), so they came last and the run ended
with one worker finishing a 20-second file while the other had nothing left. Here the files go out longest first
(largest-first scheduling); the short files at the end fill the gaps. The times are in ``module_weights.json``, the
seconds each file took in a recorded run (``devtools/module_weights.py`` rewrites it); a file not listed there counts
as its number of tests times the median time of a test.

A fresh checkout also has to migrate the test-database template (tests/conftest.py), about half a minute of one
core, in the first worker that asks for the database, while any other worker asking for it waits on the lock. So the
longest file that needs the database goes out first, then every file whose tests need none, then the rest: one worker
migrates, the other runs the database-free files meanwhile instead of waiting. The workers report those files after
collecting (to a temporary file named in their ``workerinput``); the main process never collects.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
from pathlib import Path

import pytest

WEIGHTS_FILE = Path(__file__).with_name("module_weights.json")


def read_weights() -> dict[str, float]:
    try:
        return {str(name): float(seconds) for name, seconds in json.loads(WEIGHTS_FILE.read_text()).items()}
    except (OSError, ValueError, AttributeError):
        return {}


def order_by_weight(
    workqueue: dict[str, dict[str, bool]], weights: dict[str, float], free: frozenset[str] = frozenset()
) -> list[str]:
    """The files of ``workqueue`` (file → its tests), longest first; unknown files estimated from their test count.
    The files in ``free`` (those needing no database) go right after the first, longest, of the others: the worker
    that takes that one builds the test-database template if it is missing, the others run these meanwhile."""
    per_test = [weights[name] / len(tests) for name, tests in workqueue.items() if name in weights and tests]
    typical = statistics.median(per_test) if per_test else 1.0

    def weight(name: str) -> float:
        return weights[name] if name in weights else typical * len(workqueue[name])

    ordered = sorted(workqueue, key=lambda name: (-weight(name), name))
    needing = [name for name in ordered if name not in free]
    return needing[:1] + [name for name in ordered if name in free] + needing[1:]


def uses_database(item) -> bool:
    """Whether the test asks for the test database (its fixtures, or pytest-django's ``django_db`` mark)."""
    names = getattr(item, "fixturenames", ())
    return item.get_closest_marker("django_db") is not None or any(
        name in names for name in ("django_db_setup", "live_server")
    )


def database_free_files(items) -> list[str]:
    """The test files (xdist's ``loadfile`` units) none of whose tests needs the database."""
    needs: dict[str, bool] = {}
    for item in items:
        name = item.nodeid.split("::", 1)[0]
        needs[name] = needs.get(name, False) or uses_database(item)
    return sorted(name for name, needed in needs.items() if not needed)


DB_FREE_KEY = "tests_database_free_files"


def read_database_free_files(path: str | None) -> frozenset[str]:
    try:
        return frozenset(json.loads(Path(path).read_text())) if path else frozenset()
    except (OSError, ValueError, TypeError):
        return frozenset()


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    """Main process: tell each worker where to write the database-free files it collected."""
    config = node.config
    if not hasattr(config, "_tests_db_free_path"):
        handle, config._tests_db_free_path = tempfile.mkstemp(prefix="pytest-db-free-", suffix=".json")
        os.close(handle)
    node.workerinput[DB_FREE_KEY] = config._tests_db_free_path


@pytest.hookimpl(tryfirst=True)  # before xdist's own, which tells the main process the collection is done
def pytest_collection_finish(session) -> None:
    """Worker: write the database-free files (every worker collects the same tests, so either may write)."""
    path = getattr(session.config, "workerinput", {}).get(DB_FREE_KEY)
    if path:
        partial = Path(f"{path}.{os.getpid()}")
        partial.write_text(json.dumps(database_free_files(session.items)))
        partial.replace(path)


def pytest_sessionfinish(session) -> None:
    path = getattr(session.config, "_tests_db_free_path", None)
    if path:
        Path(path).unlink(missing_ok=True)


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadfile":
        return None  # xdist's own scheduler for every other mode
    from xdist.scheduler import LoadFileScheduling

    class LongestFirstLoadFileScheduling(LoadFileScheduling):
        """xdist's file scheduling, with its queue of files reordered once, before the first file is sent."""

        _ordered = False

        def _assign_work_unit(self, node) -> None:
            if not self._ordered:
                self._ordered = True
                free = read_database_free_files(getattr(self.config, "_tests_db_free_path", None))
                order = order_by_weight(self.workqueue, read_weights(), free)
                units = dict(self.workqueue)
                self.workqueue.clear()
                self.workqueue.update((name, units[name]) for name in order)
            super()._assign_work_unit(node)

    return LongestFirstLoadFileScheduling(config, log)
