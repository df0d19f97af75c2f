# The two commands a newcomer needs:  `make run`  and  `make test`.  Both are safe to run twice.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)

.PHONY: run test install system-packages venv translations migrate demo lint check test-only services test-services stop-services bench clean

## Set up everything and start the site on SQLite with demo content at http://127.0.0.1:8000
run: install translations
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py load_demo
	$(PY) manage.py runserver 127.0.0.1:8000

## Set up everything and run the whole suite against real PostgreSQL and real OpenSearch
test: install translations test-services
	source .devdata/services.env && $(MAKE) --no-print-directory check test-only

install: system-packages venv

system-packages:
	bash devtools/system-packages.sh

venv: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "需要 Python 3.11 ($(PYTHON))"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install --progress-bar on -e '.[dev]'
	touch $@

translations:
	$(PY) manage.py compilemessages --ignore=.venv -v 0

services:
	bash devtools/postgres.sh start
	bash devtools/opensearch.sh start

## The services for the suite: a node already running is reused; a new one starts in the `tests` profile (see
## devtools/opensearch.sh), which `make services` restarts into the normal one before anything is timed on it.
test-services:
	bash devtools/postgres.sh start
	OPENSEARCH_PROFILE=tests bash devtools/opensearch.sh start

stop-services:
	bash devtools/opensearch.sh stop
	bash devtools/postgres.sh stop

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: lint
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

## The suite in parallel: one worker per core by default (each worker gets its own test database and index prefix;
## --dist loadfile keeps a module's tests, and its module-scoped fixtures, on one worker).
PYTEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
test-only:
	PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadfile --durations=20

bench:
	$(PY) benchmarks/marketplace_perf.py

clean:
	rm -rf $(VENV) .devdata db.sqlite3 media
