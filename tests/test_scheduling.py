"""The xdist file order of tests/scheduling.py: longest recorded file first, unknown files estimated from their tests."""

from tests.scheduling import order_by_weight, read_weights


def test_files_go_out_longest_first_and_an_unknown_file_counts_its_tests_at_the_median_time():
    queue = {
        "tests/a.py": {"tests/a.py::t1": False, "tests/a.py::t2": False},  # 2 s a test
        "tests/b.py": {"tests/b.py::t1": False},  # 30 s, one test
        "tests/c.py": {f"tests/c.py::t{i}": False for i in range(10)},  # 0.5 s a test
        "tests/new.py": {f"tests/new.py::t{i}": False for i in range(8)},  # unknown: 8 × median(2, 30, 0.5) = 16 s
    }
    weights = {"tests/a.py": 4.0, "tests/b.py": 30.0, "tests/c.py": 5.0, "tests/gone.py": 99.0}
    assert order_by_weight(queue, weights) == ["tests/b.py", "tests/new.py", "tests/c.py", "tests/a.py"]


def test_without_weights_the_files_with_most_tests_go_first():
    queue = {"tests/a.py": {"tests/a.py::t": False}, "tests/b.py": {"tests/b.py::t1": False, "tests/b.py::t2": False}}
    assert order_by_weight(queue, {}) == ["tests/b.py", "tests/a.py"]


def test_the_recorded_weights_are_read_as_seconds_per_file():
    weights = read_weights()
    assert "tests/search/test_engine.py" in weights
    assert all(isinstance(seconds, float) and seconds >= 0 for seconds in weights.values())
