"""The xdist file order of tests/scheduling.py: longest recorded file first, unknown files estimated from their tests."""

from tests.scheduling import database_free_files, order_by_weight, read_database_free_files, read_weights


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


def test_the_longest_file_needing_the_database_goes_first_then_those_needing_none_then_the_others():
    queue = {
        "tests/a.py": {"tests/a.py::t": False},
        "tests/b.py": {"tests/b.py::t": False},
        "tests/c.py": {"tests/c.py::t": False},
        "tests/d.py": {"tests/d.py::t": False},
        "tests/e.py": {"tests/e.py::t": False},
    }
    weights = {"tests/a.py": 1.0, "tests/b.py": 30.0, "tests/c.py": 2.0, "tests/d.py": 3.0, "tests/e.py": 40.0}
    free = frozenset({"tests/a.py", "tests/c.py", "tests/e.py"})
    order = ["tests/b.py", "tests/e.py", "tests/c.py", "tests/a.py", "tests/d.py"]
    assert order_by_weight(queue, weights, free) == order
    assert order_by_weight(queue, weights, frozenset(queue)) == [
        "tests/e.py",
        "tests/b.py",
        "tests/d.py",
        "tests/c.py",
        "tests/a.py",
    ]
    assert order_by_weight(queue, weights) == ["tests/e.py", "tests/b.py", "tests/d.py", "tests/c.py", "tests/a.py"]


class _Item:
    def __init__(self, nodeid, fixturenames=(), marked=False):
        self.nodeid, self.fixturenames, self._marked = nodeid, fixturenames, marked

    def get_closest_marker(self, name):
        return object() if self._marked and name == "django_db" else None


def test_a_file_is_database_free_only_if_none_of_its_tests_asks_for_the_database():
    items = [
        _Item("tests/pure.py::t1", ("monkeypatch",)),
        _Item("tests/pure.py::t2"),
        _Item("tests/mixed.py::t1"),
        _Item("tests/mixed.py::t2", ("db", "django_db_setup")),  # through a fixture
        _Item("tests/marked.py::T::t", marked=True),  # pytest-django's mark
        _Item("tests/server.py::t", ("live_server",)),
    ]
    assert database_free_files(items) == ["tests/pure.py"]


def test_the_database_free_files_are_read_back_and_a_missing_report_means_none(tmp_path):
    report = tmp_path / "free.json"
    report.write_text('["tests/pure.py"]')
    assert read_database_free_files(str(report)) == frozenset({"tests/pure.py"})
    assert read_database_free_files(str(tmp_path / "missing.json")) == frozenset()
    assert read_database_free_files(None) == frozenset()
