"""Local development: SQLite unless DATABASE_URL says otherwise, console e-mail, debug pages."""

from .base import *

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-8c7b1f0e2a"
ALLOWED_HOSTS = ["*"]
