"""Hands the slowest test files to the xdist workers first, so neither worker is left alone with a long file at the end.

With ``--dist loadfile`` xdist sends whole files, by default in order of their number of tests. The files that take
longest have few tests (the private OpenSearch nodes, the Chromium journeys), so they came last and the run ended
with one worker finishing a 20-second file while the other had nothing left. Here the files go out longest first
(largest-first scheduling); the short files at the end fill the gaps. The times are in ``module_weights.json``, the
seconds each file took in a recorded run (``devtools/module_weights.py`` rewrites it); a file not listed there counts
as its number of tests times the median time of a test.
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest

WEIGHTS_FILE = Path(__file__).with_name("module_weights.json")


def read_weights() -> dict[str, float]:
    try:
        return {str(name): float(seconds) for name, seconds in json.loads(WEIGHTS_FILE.read_text()).items()}
    except (OSError, ValueError, AttributeError):
        return {}


def order_by_weight(workqueue: dict[str, dict[str, bool]], weights: dict[str, float]) -> list[str]:
    """The files of ``workqueue`` (file → its tests), longest first; unknown files estimated from their test count."""
    per_test = [weights[name] / len(tests) for name, tests in workqueue.items() if name in weights and tests]
    typical = statistics.median(per_test) if per_test else 1.0

    def weight(name: str) -> float:
        return weights[name] if name in weights else typical * len(workqueue[name])

    return sorted(workqueue, key=lambda name: (-weight(name), name))


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
                order = order_by_weight(self.workqueue, read_weights())
                units = dict(self.workqueue)
                self.workqueue.clear()
                self.workqueue.update((name, units[name]) for name in order)
            super()._assign_work_unit(node)

    return LongestFirstLoadFileScheduling(config, log)
