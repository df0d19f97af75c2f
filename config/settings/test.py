"""Test settings: what is not under test is made cheap (MD5 hashing, local-memory cache)."""

import os

from .base import *

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["*"]
# Persistent connections from live-server threads would block dropping the test database.
for _database in DATABASES.values():
    _database["CONN_MAX_AGE"] = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".devdata" / "test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Each test run gets its own index prefix so parallel runs and a developer's data never collide.
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", f"test{os.getpid()}")
# And each xdist worker its own part of a prefix given in the environment: a worker ending its session drops the
# indices under its prefix (tests/search/conftest.py), which must not be those another worker's engine test is using.
SEARCH_INDEX_PREFIX += os.environ.get("PYTEST_XDIST_WORKER", "")
WAGTAILADMIN_BASE_URL = "http://testserver"
SITE_BASE_URL = WAGTAILADMIN_BASE_URL
# Wagtail's own search index (admin search) and reference index ("used in") are refreshed by tasks after every page,
# image and document save: about a sixth of the CPU a test spends building pages. They are not under test except
# where a test asks for them with the ``wagtail_tasks`` fixture (tests/conftest.py), so tasks are recorded, not run.
TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
