"""Fixtures shared by the whole suite: one user per role, each in its own organisation."""

from __future__ import annotations

import os

import pytest

from accounts.models import Organisation, User
from tests.factories import InstitutionFactory, OrganisationFactory, UserFactory, make_institution_page
from tests.module_data import IMMEDIATE_TASKS


@pytest.fixture(autouse=True)
def _forget_match_profiles():
    """The matcher caches listing profiles by (pk, revision). SQLite reuses both after a test's rollback, so a
    later test's different listing with the same ids would get an earlier test's profile. The compiled glossary
    is forgotten too: a term a test edited and rolled back sends no signal, and the cache would keep the edit."""
    yield
    from search.matching import database
    from taxonomy import glossary

    database._PROFILE_CACHE.clear()
    glossary.invalidate()


@pytest.fixture(autouse=True)
def _forget_match_corpora():
    """The matcher keeps each kind's BM25 statistics while (row count, highest id) is unchanged. Rows a module
    builds once stay across its tests, so after a rollback a later test can meet the same count and highest id
    with other rows in between, and would score with an earlier test's document frequencies."""
    yield
    from search.matching import terms

    terms._CORPORA.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the site's default language. LocaleMiddleware activates a request's language in the
    thread and nothing deactivates it, so an English request in one test would turn the next test's gettext
    (reasons, messages) English."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _forget_filter_choices():
    """The listing filters cache their select lists; a rolled-back test's institutions must not reach the next."""
    yield
    from marketplace.filters import _filter_choices_delete

    _filter_choices_delete()


@pytest.fixture(autouse=True)
def _forget_event_index():
    """The search page's events section caches the public event index; a rolled-back unpublish sends no signal."""
    yield
    from matchmaking.index_cache import forget

    forget()


@pytest.fixture
def wagtail_tasks(settings):
    """Run Wagtail's own tasks after each save, as production does: its search index (the admin's and the event
    search's) and its reference index. The test settings only record them (config/settings/test.py)."""
    settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture
def enterprise_a(db) -> Organisation:
    return OrganisationFactory(name="甲企业有限公司")


@pytest.fixture
def enterprise_b(db) -> Organisation:
    return OrganisationFactory(name="乙企业有限公司")


@pytest.fixture
def institution(db) -> Organisation:
    return InstitutionFactory(name="测试石墨烯研究院")


@pytest.fixture
def institution_page(institution):
    return make_institution_page(institution)


@pytest.fixture
def user_enterprise_a(enterprise_a) -> User:
    return UserFactory(username="ent_a", role=User.Role.ENTERPRISE_MEMBER, organisation=enterprise_a)


@pytest.fixture
def user_enterprise_b(enterprise_b) -> User:
    return UserFactory(username="ent_b", role=User.Role.ENTERPRISE_MEMBER, organisation=enterprise_b)


@pytest.fixture
def user_institution_editor(institution) -> User:
    return UserFactory(username="inst_editor", role=User.Role.INSTITUTION_EDITOR, organisation=institution)


@pytest.fixture
def user_registrar(db) -> User:
    return UserFactory(username="registrar", role=User.Role.REGISTRAR)


@pytest.fixture
def user_bureau_staff(db) -> User:
    return UserFactory(username="bureau", role=User.Role.BUREAU_STAFF, is_staff=True)


def _missing_services() -> dict[str, str]:
    from django.conf import settings

    missing = {}
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        missing["postgres"] = "needs PostgreSQL: set DATABASE_URL (make test does)"
    if not settings.SEARCH_URL:
        missing["engine"] = "needs a search engine: set SEARCH_URL (make test does)"
    return missing


def _is_transactional(item) -> bool:
    if "transactional_db" in item.fixturenames or "live_server" in item.fixturenames:
        return True
    marker = item.get_closest_marker("django_db")
    return bool(marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))


def pytest_collection_modifyitems(config, items):
    """Integration tests need their real services. Locally they skip, with the reason, when a service
    is missing; under CI=true they fail instead, so a missing service can never look like a green run.

    Transactional tests also get ``serialized_rollback``: Django then snapshots the freshly migrated database
    (taxonomies, regions, calendar, page tree, all seeded by migrations) once, and ``pytest_runtest_teardown``
    below reloads it after each flush. Without xdist, pytest-django runs transactional tests last, so their flush
    never reaches another test; a parallel worker runs whole files in whatever order it is sent them."""
    in_ci = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
    missing = _missing_services()
    for item in items:
        if _is_transactional(item):
            marker = item.get_closest_marker("django_db")
            kwargs = dict(marker.kwargs) if marker else {"transaction": True}
            kwargs["serialized_rollback"] = True
            item.add_marker(pytest.mark.django_db(*(marker.args if marker else ()), **kwargs), append=False)
        for marker, reason in missing.items():
            if marker in item.keywords:
                if in_ci:
                    item.add_marker(pytest.mark.usefixtures("_fail_required_service_missing"))
                else:
                    item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    """The data is already there when a transactional test starts (a fresh database, or put back after the last
    transactional test), so Django's own reload at set-up would only write it a second time: it is hidden while the
    test is set up. Flushing afterwards still sees it, and so keeps the post_migrate receivers quiet."""
    if not _is_transactional(item):
        yield
        return
    from django.db import connections

    hidden = {}
    for connection in connections.all(initialized_only=True):
        if hasattr(connection, "_test_serialized_contents"):
            hidden[connection] = connection.__dict__.pop("_test_serialized_contents")
    try:
        yield
    finally:
        for connection, contents in hidden.items():
            connection._test_serialized_contents = contents


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test has flushed every table, put the migration-seeded data back for the next test."""
    yield
    # After the last test the session's database fixture has already dropped the test database and pointed the
    # connection back at the real one: nothing follows that needs the data, and nothing may be written there.
    if nextitem is None or not _is_transactional(item):
        return
    from django.core.management import call_command
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        for connection in connections.all(initialized_only=True):
            snapshot = getattr(connection, "_test_table_snapshot", None)
            contents = getattr(connection, "_test_serialized_contents", None)
            if snapshot:
                _restore_tables(connection, snapshot)
            elif contents:
                # As on PostgreSQL: emptied again first, in case a live-server request finished after the flush.
                call_command(
                    "flush", verbosity=0, interactive=False, database=connection.alias, inhibit_post_migrate=True
                )
                connection.creation.deserialize_db_from_string(contents)


@pytest.fixture
def _fail_required_service_missing(request):
    missing = _missing_services()
    reasons = [reason for marker, reason in missing.items() if marker in request.node.keywords]
    pytest.fail("CI: required service missing — " + "; ".join(reasons))


@pytest.fixture(scope="session", autouse=True)
def _drop_leftover_indices():
    """Drop this run's indices on the engine at the end of the session: engine tests make their own per-test ones
    (tests/search/conftest.py), but any test that commits a listing change drains it into the engine under the
    run's prefix when SEARCH_URL is set. Here, not in tests/search, so a run of other folders cleans up too."""
    yield
    url = os.environ.get("SEARCH_URL", "")
    if not url:
        return
    from django.conf import settings

    from search.engine import EngineUnavailable, _build

    try:
        engine = _build(os.environ.get("SEARCH_ENGINE", "opensearch"), url, "", "", "", "", True, 5.0)
        for name in engine.list_indices(f"{settings.SEARCH_INDEX_PREFIX}-*"):
            engine.delete_index(name)
    except EngineUnavailable:
        pass  # nothing reachable to clean


# Debian's headless build of Chromium (package chromium-headless-shell, from the same sources as chromium): the
# same Blink and V8 without the desktop browser's processes, which is what Playwright itself runs for headless
# tests. On two cores it took the browser files 27 s instead of 36 (6 tests, CPU 18 s instead of 28). The full
# browser stays the fallback, and TEST_CHROMIUM names another binary (e.g. /usr/bin/chromium to compare).
CHROMIUM_CANDIDATES = ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium")
CHROMIUM = os.environ.get("TEST_CHROMIUM") or next(
    (path for path in CHROMIUM_CANDIDATES if os.path.exists(path)), CHROMIUM_CANDIDATES[-1]
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser(monkeypatch):
    """Debian's Chromium driven by Playwright (never a downloaded browser). Skips locally without it; fails in CI."""
    import shutil

    if not shutil.which(CHROMIUM):
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(
                "Debian chromium is required for browser tests (apt-get install chromium-headless-shell chromium)"
            )
        pytest.skip(f"Debian chromium is not installed ({CHROMIUM})")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still sequential.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# --- The test database: migrated once, cloned per worker ---------------------------------------------------------
#
# Migrating an empty PostgreSQL database (Wagtail's and our migrations, the seeded taxonomies, regions, calendar
# and page tree) is the most expensive thing the suite does, and every xdist worker used to do it again. Instead
# the first worker migrates a template database, named by a hash of everything the migrations and post_migrate
# receivers can read, and each worker copies it with ``CREATE DATABASE … TEMPLATE`` (a file copy, about a second).
# The template is kept, so a later run with the same migrations and code skips migrating; a changed file changes
# the name, and old templates are dropped. SQLite (and --reuse-db / --nomigrations) take pytest-django's way.


def _template_digest() -> str:
    """Hash of every installed app's migrations plus the project's own apps' code and data files (not tests).

    Paths enter the hash relative to the checkout (or to the installed package's directory), so every checkout of
    the same code on a machine arrives at the same digest and can share a cached template (below)."""
    import hashlib
    from pathlib import Path

    from django.apps import apps

    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    files: dict[Path, str] = {}
    for app in apps.get_app_configs():
        base = Path(app.path)
        anchor = root if base.is_relative_to(root) else base.parent
        for path in (base / "migrations").rglob("*"):
            if path.is_file() and path.suffix != ".pyc":
                files[path] = str(path.relative_to(anchor))
        if base.is_relative_to(root):
            for path in base.rglob("*"):
                if path.is_file() and path.suffix in {".py", ".json", ".csv", ".yaml", ".txt"}:
                    files[path] = str(path.relative_to(root))
    for path, name in sorted(files.items(), key=lambda item: item[1]):
        digest.update(name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


# A migrated template is also kept as a pg_dump in a cache outside the checkout, keyed by the same digest and the
# server's major version: a fresh clone (CI, a new worktree) of code whose migrations have been built once on this
# machine restores it in a few seconds instead of migrating for 30-40 s. TEST_TEMPLATE_CACHE names the folder
# (default ~/.cache/techtransfer/test-templates); set it empty to always migrate. Any failure to read or write
# the cache falls back to migrating: the cache can only save time, never decide what the template holds.


TEMPLATE_CACHE_KEEP = 8  # dumps kept per database alias (one per recent state of the code: branches, worktrees)


def _template_cache_file(connection, major: int, digest: str):
    from pathlib import Path

    folder = os.environ.get("TEST_TEMPLATE_CACHE", str(Path.home() / ".cache" / "techtransfer" / "test-templates"))
    if not folder:
        return None
    return Path(folder) / f"{connection.alias}-pg{major}-{digest}.dump"


def _pg_tool(major: int, name: str) -> str | None:
    import shutil
    from pathlib import Path

    debian = Path(f"/usr/lib/postgresql/{major}/bin/{name}")  # the server's own version, not the newest client
    return str(debian) if debian.exists() else shutil.which(name)


def _restore_cached_template(connection, cursor, major: int, cache_file, database: str) -> bool:
    """Fill the new, empty ``database`` from the cached dump; False (and the database dropped) if that fails."""
    import subprocess

    from ops.backup import pg_environment

    quote = connection.ops.quote_name
    restore = _pg_tool(major, "pg_restore")
    if cache_file is None or restore is None or not cache_file.exists():
        return False
    cursor.execute(f"CREATE DATABASE {quote(database)}")
    done = subprocess.run(  # noqa: S603 - our own arguments, no shell
        [restore, "--no-password", "--no-owner", "--exit-on-error", "--dbname", database, str(cache_file)],
        env=pg_environment(connection.settings_dict),
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(database)}")
        return False
    return True


def _store_cached_template(connection, major: int, cache_file, database: str) -> None:
    import subprocess

    from ops.backup import pg_environment

    dump = _pg_tool(major, "pg_dump")
    if cache_file is None or dump is None:
        return
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        partial = cache_file.with_name(f"{cache_file.name}.{os.getpid()}.part")
        done = subprocess.run(  # noqa: S603 - our own arguments, no shell
            [dump, "--no-password", "--format", "custom", "--no-owner", "--file", str(partial), database],
            env=pg_environment(connection.settings_dict),
            capture_output=True,
            check=False,
        )
        if done.returncode == 0:
            partial.replace(cache_file)  # complete or absent: a reader never sees half a dump
        else:
            partial.unlink(missing_ok=True)
        # Each change to an app's code or migrations writes a new dump (about 0.8 MB): the newest few are kept.
        dumps = sorted(cache_file.parent.glob(f"{connection.alias}-pg*.dump"), key=lambda path: path.stat().st_mtime)
        for old in dumps[:-TEMPLATE_CACHE_KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def _clone_from_template(connection, verbosity: int) -> str:
    """Point ``connection`` at a fresh copy of the migrated template; build the template first if it is missing."""
    from django.conf import settings

    creation = connection.creation
    worker_name = creation._get_test_db_name()
    original_name = connection.settings_dict["NAME"]
    prefix = f"test_{original_name}"[:40] + "_tpl_"
    digest = _template_digest()
    template = prefix + digest
    quote = connection.ops.quote_name
    with creation._nodb_cursor() as cursor:
        # One worker builds, the others wait here, then each clones under the same lock (a template may have no
        # other session while it is copied).
        cursor.execute("SELECT pg_advisory_lock(hashtext(%s))", [prefix])
        try:
            cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [prefix.replace("_", r"\_") + "%"])
            existing = {row[0] for row in cursor.fetchall()}
            if template not in existing:
                for stale in existing:
                    cursor.execute(f"DROP DATABASE IF EXISTS {quote(stale)}")
                building = template + "_new"
                cursor.execute(f"DROP DATABASE IF EXISTS {quote(building)}")
                major = cursor.cursor.connection.info.server_version // 10000
                cache_file = _template_cache_file(connection, major, digest)
                if not _restore_cached_template(connection, cursor, major, cache_file, building):
                    connection.settings_dict["TEST"]["NAME"] = building
                    try:
                        creation.create_test_db(verbosity=verbosity, autoclobber=True, serialize=False)
                    finally:
                        connection.settings_dict["TEST"]["NAME"] = worker_name
                        connection.close()
                    _store_cached_template(connection, major, cache_file, building)
                # Renamed only when complete: an interrupted build never passes for a template.
                cursor.execute(f"ALTER DATABASE {quote(building)} RENAME TO {quote(template)}")
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(worker_name)}")
            cursor.execute(f"CREATE DATABASE {quote(worker_name)} TEMPLATE {quote(template)}")
        finally:
            cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [prefix])
    settings.DATABASES[connection.alias]["NAME"] = worker_name
    connection.settings_dict["NAME"] = worker_name
    connection.close()
    return original_name


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    from django.db import connections
    from pytest_django.fixtures import _get_databases_for_setup

    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    verbosity = request.config.option.verbose
    cloned = {
        alias
        for alias in aliases
        if django_db_use_migrations
        and not django_db_keepdb
        and (
            connections[alias].vendor == "postgresql"
            or (connections[alias].vendor == "sqlite" and not connections[alias].settings_dict["TEST"]["NAME"])
        )
    }
    if not cloned or cloned != aliases:
        # pytest-django's own setup, unchanged (--reuse-db, --nomigrations, a named SQLite file, several databases).
        from pytest_django import fixtures

        yield from fixtures.django_db_setup.__wrapped__(
            request,
            django_test_environment,
            django_db_blocker,
            django_db_use_migrations,
            django_db_keepdb,
            django_db_createdb,
            django_db_modify_db_settings,
        )
        return
    originals = {}
    with django_db_blocker.unblock():
        for alias in sorted(cloned):
            connection = connections[alias]
            if connection.vendor == "sqlite":
                originals[alias] = _sqlite_from_template(connection, verbosity)
                if alias in serialized_aliases:
                    connection._test_serialized_contents = connection.creation.serialize_db_to_string()
                continue
            originals[alias] = _clone_from_template(connection, verbosity)
            if alias in serialized_aliases:
                # Transactional tests get the seeded rows back by COPY (milliseconds) instead of Django's
                # serializer (a few seconds a test); the empty serialized list only marks them serialized_rollback.
                connection._test_table_snapshot = _snapshot_tables(connection)
                connection._test_serialized_contents = "[]"
    if any(connections[alias].vendor == "postgresql" for alias in cloned):
        _flush_by_delete()
    yield
    with django_db_blocker.unblock():
        for alias in sorted(cloned):
            _drop_clone(connections[alias], originals[alias])


def _sqlite_from_template(connection, verbosity: int) -> str:
    """SQLite's in-memory test database, filled from a migrated template file under .devdata (built once, under a
    file lock, by whichever worker comes first) with SQLite's backup API."""
    import fcntl
    import sqlite3
    from pathlib import Path

    from django.conf import settings

    directory = Path(__file__).resolve().parents[1] / ".devdata" / "test-templates"
    directory.mkdir(parents=True, exist_ok=True)
    template = directory / f"{connection.alias}-{_template_digest()}.sqlite3"
    original_name = connection.settings_dict["NAME"]
    with open(directory / f"{connection.alias}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not template.exists():
            for stale in directory.glob(f"{connection.alias}-*.sqlite3*"):
                stale.unlink()
            building = template.with_suffix(".sqlite3.new")
            connection.settings_dict["TEST"]["NAME"] = str(building)
            try:
                creation_name = connection.creation.create_test_db(
                    verbosity=verbosity, autoclobber=True, serialize=False
                )
            finally:
                connection.settings_dict["TEST"]["NAME"] = None
                connection.close()
            # Renamed only when complete: an interrupted build never passes for a template.
            Path(creation_name).rename(template)
    memory = connection.creation._get_test_db_name()
    connection.close()  # never copy into the development database the connection may still have open
    settings.DATABASES[connection.alias]["NAME"] = memory
    connection.settings_dict["NAME"] = memory
    connection.ensure_connection()
    source = sqlite3.connect(template)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    # A worker that migrated had every content type cached; without that, a receiver asking for one while a
    # transactional test's rows are deserialized back would insert it a second time.
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.get_for_models(*apps.get_models())
    return original_name


def _drop_clone(connection, original_name: str) -> None:
    """Drop this worker's copy. FORCE ends a session a live-server thread may still hold; the copy is ours alone."""
    from django.conf import settings

    if connection.vendor == "sqlite":
        # In memory: it goes with the process; Django's own teardown would only close the connection too.
        settings.DATABASES[connection.alias]["NAME"] = original_name
        connection.settings_dict["NAME"] = original_name
        return
    clone = connection.settings_dict["NAME"]
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = original_name
    connection.settings_dict["NAME"] = original_name
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(clone)} WITH (FORCE)")


def _snapshot_tables(connection) -> dict[str, bytes]:
    """Every non-empty Django table's rows as COPY data: what a flush removes and ``_restore_tables`` puts back."""
    quote = connection.ops.quote_name
    snapshot = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.django_table_names(only_existing=True, include_views=False)):
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {quote(table)})")  # noqa: S608 - a quoted table name
            if cursor.fetchone()[0]:
                with cursor.cursor.copy(f"COPY {quote(table)} TO STDOUT") as copy:
                    snapshot[table] = b"".join(bytes(block) for block in copy)
    return snapshot


def _flush_by_delete() -> None:
    """Transactional tests empty the database with DELETE instead of TRUNCATE.

    Django's flush truncates all 200-odd tables after each transactional test; PostgreSQL then gives every table,
    index and TOAST table a new file: 0.2-0.5 s of the server's time for a database holding a few thousand rows.
    DELETE on tables that are nearly all empty takes milliseconds. Django's foreign keys are deferrable, so with
    the constraints deferred the order does not matter; sequences are reset only where a test asks for it
    (``reset_sequences``), and then Django's own TRUNCATE … RESTART IDENTITY runs.
    """
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncating = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or not tables:
            return truncating(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        deletes = [f"DELETE FROM {self.quote_name(table)}" for table in tables]  # noqa: S608 - quoted table names
        return ["SET CONSTRAINTS ALL DEFERRED", *deletes]

    DatabaseOperations.sql_flush = sql_flush


def _restore_tables(connection, snapshot: dict[str, bytes]) -> None:
    from django.db import transaction

    quote = connection.ops.quote_name
    if not hasattr(connection, "_test_table_names"):  # the schema does not change during the session: read once
        connection._test_table_names = connection.introspection.django_table_names(
            only_existing=True, include_views=False
        )
    tables = connection._test_table_names
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        # Django's foreign keys are deferrable: checked at commit, whatever order the tables are emptied and filled.
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        # A live-server request still finishing after the flush may have written a row (a login recreating its role's
        # group): every table is emptied again, so the copy is exact whatever happened in between.
        for table in tables:
            cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608 - a quoted table name
        for table, rows in snapshot.items():
            with cursor.cursor.copy(f"COPY {quote(table)} FROM STDIN") as copy:
                copy.write(rows)


# xdist's --dist loadfile hands out the longest test files first (tests/scheduling.py, tests/module_weights.json).
# While one worker migrates the test-database template, the other runs the files that need no database.
from tests.scheduling import (  # noqa: E402, F401
    pytest_collection_finish,
    pytest_configure_node,
    pytest_sessionfinish,
    pytest_xdist_make_scheduler,
)
