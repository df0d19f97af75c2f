"""Says when the OpenSearch node a benchmark is about to time was started for the test suite.

`make test` starts a node in the `tests` profile (devtools/opensearch.sh: the JVM's client compiler only), which is
cheaper while the suite runs but slower per query once warm. Figures taken on it would not be comparable with the
recorded ones, so the benchmarks that time the engine print a warning first; `make services` restarts such a node in
the normal profile."""

from __future__ import annotations

import json
import sys
import urllib.request

TEST_PROFILE_FLAG = "-XX:TieredStopAtLevel=1"


def started_for_tests(url: str) -> bool:
    """True when any node behind ``url`` (the first of a comma-separated list) runs with the test profile's flag.
    An engine that cannot be asked says nothing here; the benchmark reports its own connection errors."""
    first = url.split(",")[0].rstrip("/")
    try:
        with urllib.request.urlopen(f"{first}/_nodes/jvm", timeout=5) as response:  # noqa: S310 - the configured engine
            nodes = json.load(response).get("nodes", {})
    except (OSError, ValueError):
        return False
    return any(TEST_PROFILE_FLAG in node.get("jvm", {}).get("input_arguments", []) for node in nodes.values())


def warn_if_started_for_tests(url: str) -> None:
    if url and started_for_tests(url):
        print(
            f"警告: {url} 的 OpenSearch 以测试配置启动(仅 C1 编译器),查询耗时会偏高、不可与记录的数字比较。"
            "先运行 `make services`(按正常配置重启)再测。",
            file=sys.stderr,
        )
