"""Rewrites tests/module_weights.json (the seconds each test file takes) from a pytest run's ``--durations=0`` report.

    pytest -n 2 --dist loadfile -p no:cacheprovider --durations=0 --durations-min=0 | tee run.log
    python devtools/module_weights.py run.log

Use a run whose test database template was already built (a second run): the worker that builds it counts the
migrations in its first file's set-up. tests/scheduling.py hands the files out longest first with these weights.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

LINE = re.compile(r"^\s*(\d+(?:\.\d+)?)s (?:setup|call|teardown)\s+(\S+?\.py)::")
TARGET = Path(__file__).resolve().parents[1] / "tests" / "module_weights.json"


def weights_from(lines) -> dict[str, float]:
    seconds: dict[str, float] = defaultdict(float)
    for line in lines:
        match = LINE.match(line)
        if match:
            seconds[match.group(2)] += float(match.group(1))
    return {name: round(total, 1) for name, total in sorted(seconds.items())}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    with open(argv[1], encoding="utf-8") as report:
        weights = weights_from(report)
    if not weights:
        sys.stderr.write("no --durations=0 lines found in the report\n")
        return 1
    TARGET.write_text(json.dumps(weights, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    sys.stdout.write(f"{len(weights)} files, {sum(weights.values()):.0f} s in all -> {TARGET}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
