"""Set-up and operations a new user meets: API docs served by the site, migrate alone is enough, favicon, logs."""

import importlib
import logging
from html.parser import HTMLParser
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test import override_settings

pytestmark = pytest.mark.django_db


class _References(HTMLParser):
    """Every src and href of a page."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.urls += [value for name, value in attrs if name in {"src", "href"} and value]


def _references(html: str) -> list[str]:
    parser = _References()
    parser.feed(html)
    return parser.urls


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_api_documentation_loads_nothing_from_another_host(client, url):
    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    references = _references(html)
    assert any(reference.endswith(".js") for reference in references)
    outside = [reference for reference in references if urlsplit(reference).netloc or reference.startswith("//")]
    assert outside == []
    assert "cdn.jsdelivr" not in html and "fonts.googleapis" not in html


def test_api_documentation_assets_are_static_files_of_the_site(client):
    html = client.get("/api/docs/").content.decode()
    scripts = [reference for reference in _references(html) if reference.endswith(".js")]
    assert scripts
    for script in scripts:
        assert script.startswith("/static/")
        assert finders.find(script.removeprefix("/static/")), script


def test_every_page_links_the_favicon(client):
    html = client.get("/needs/").content.decode()
    icons = [reference for reference in _references(html) if reference.endswith("favicon.svg")]
    assert icons == ["/static/img/favicon.svg"]
    assert finders.find("img/favicon.svg")


@override_settings(
    CACHES={"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "test_site_cache"}}
)
def test_migrations_create_the_database_cache_table():
    migration = importlib.import_module("accounts.migrations.0003_create_cache_table")
    assert "test_site_cache" not in connection.introspection.table_names()

    migration.create_cache_tables(None, SimpleNamespace(connection=connection))

    assert "test_site_cache" in connection.introspection.table_names()
    from django.core.cache import caches

    caches["default"].set("greeting", "你好")
    assert caches["default"].get("greeting") == "你好"


def test_django_log_lines_are_written_once():
    # Django's own console handler on "django" plus the root handler printed every line twice in DEBUG.
    assert logging.getLogger("django").handlers == []
    assert logging.getLogger("django").propagate
    assert len([h for h in logging.getLogger().handlers if isinstance(h, logging.StreamHandler)]) >= 1


def test_make_run_needs_no_extra_cache_step_and_is_quiet():
    from django.conf import settings

    makefile = (settings.BASE_DIR / "Makefile").read_text()
    assert "createcachetable" not in makefile
    assert "migrate --noinput -v 0" in makefile
    assert "pip install -q -e" not in makefile
