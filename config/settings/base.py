"""Settings shared by every environment. The environment is read here and nowhere else."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_number(name: str, default: float, *, low: float, high: float = float("inf")) -> float:
    """A number from the environment, refused with a message naming the variable when it is not one or out of range."""
    raw = os.environ.get(name)
    try:
        value = default if raw is None or not raw.strip() else float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} 须为数字(现为 {raw!r})。") from None
    if not low <= value <= high:
        raise ImproperlyConfigured(f"{name} 须在 {low:g} 到 {high:g} 之间(现为 {value:g})。")
    return value


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # our apps first so their templates and translations win
    "taxonomy",
    "accounts",
    "marketplace",
    "search",
    "registration",
    "dealflow",
    "challenges",
    "matchmaking",
    "competitions",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "common.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "marketplace.context_processors.platform",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
# The listing's rows query as a prepared statement on PostgreSQL (common/db.py); 0 behind a pooler in transaction
# mode that does not track prepared statements (PgBouncer before 1.21).
DATABASE_PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED_STATEMENTS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "marketplace:dashboard"
LOGOUT_REDIRECT_URL = "/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Chinese first; English is the translation. Source strings (msgids) are written in Chinese because
# the domain's terms are Chinese statutory terms (技术交易额, 认定登记); see docs/architecture.md.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

# Uploads: only images and PDF, with a size limit (bad files get a clear message, not a 500).
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = UPLOAD_MAX_BYTES
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["pdf"]

WAGTAIL_SITE_NAME = "科技成果转化平台"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_BASE_URL", "http://127.0.0.1:8000")
SITE_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAIL_I18N_ENABLED = False
# The database backend with jieba segmentation, so admin search finds Chinese words (search/wagtail_backend.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail_backend"}}
WAGTAIL_CONTENT_LANGUAGES = [("zh-hans", "简体中文")]
# The CMS speaks the site's languages and follows the visitor's choice (the django_language cookie) unless the user
# picked one in their CMS profile; avatars are initials, never fetched from gravatar.com.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_GRAVATAR_PROVIDER_URL = None

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@techtransfer.example.cn")

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "django_cache",
    }
}
# Per-process memory for values whose key names everything they depend on (the listing's rendered cards,
# marketplace/selectors.py): no process needs another's copy, and thousands of them would crowd the shared cache.
CACHES["local"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "local",
    "OPTIONS": {"MAX_ENTRIES": 5000},
}

REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header makes DRF answer anonymous calls 401, not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "config.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "科技成果转化平台 API",
    "DESCRIPTION": "Public achievements and taxonomies, enterprise needs, search and matching, "
    "technology-contract registration.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and ReDoc from this site's static files (drf-spectacular-sidecar), never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "PREPROCESSING_HOOKS": ["config.api.only_platform_api"],
}

# --- Search engine seam (see docs/architecture.md and search/engine.py) ----------------------
# With no SEARCH_URL the site runs on the database matcher ("basic mode").
SEARCH_ENGINE = os.environ.get("SEARCH_ENGINE", "opensearch")  # opensearch | elasticsearch
SEARCH_URL = os.environ.get("SEARCH_URL", "")
SEARCH_USERNAME = os.environ.get("SEARCH_USERNAME", "")
SEARCH_PASSWORD = os.environ.get("SEARCH_PASSWORD", "")
SEARCH_API_KEY = os.environ.get("SEARCH_API_KEY", "")
SEARCH_CA_CERTS = os.environ.get("SEARCH_CA_CERTS", "")
SEARCH_VERIFY_CERTS = env_bool("SEARCH_VERIFY_CERTS", True)
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "techtransfer")
SEARCH_TIMEOUT_SECONDS = float(os.environ.get("SEARCH_TIMEOUT_SECONDS", "5"))
# Request path (search page, matches): short limits and a circuit breaker, so a hung engine costs a page one
# short timeout and then nothing until the cool-down ends (docs/search.md, "Operations").
SEARCH_CONNECT_TIMEOUT_SECONDS = float(os.environ.get("SEARCH_CONNECT_TIMEOUT_SECONDS", "1"))
SEARCH_READ_TIMEOUT_SECONDS = float(os.environ.get("SEARCH_READ_TIMEOUT_SECONDS", "3"))
SEARCH_BREAKER_FAILURES = int(os.environ.get("SEARCH_BREAKER_FAILURES", "3"))
SEARCH_BREAKER_COOLDOWN_SECONDS = float(os.environ.get("SEARCH_BREAKER_COOLDOWN_SECONDS", "30"))
# Outbox: a row the engine keeps rejecting becomes a dead letter after this many attempts.
SEARCH_OUTBOX_MAX_ATTEMPTS = int(os.environ.get("SEARCH_OUTBOX_MAX_ATTEMPTS", "8"))
# Index writes belong to the outbox worker (`search_outbox --loop`); True drains in the request after commit.
SEARCH_SYNC_DRAIN_AFTER_COMMIT = env_bool("SEARCH_SYNC_DRAIN_AFTER_COMMIT", False)
# Relevance floors (0–100, share of the source's own evidence a match reproduces), calibrated on the
# evaluation set by benchmarks/match_quality.py: engine scores and database-matcher scores differ in scale.
SEARCH_MATCH_FLOOR = float(os.environ.get("SEARCH_MATCH_FLOOR", "0"))
SEARCH_MATCH_FLOOR_BASIC = float(os.environ.get("SEARCH_MATCH_FLOOR_BASIC", "0"))
# Where a need's match list draws its line between recommended rows and "可能相关" (docs/decline.md): the share of
# the need's answerable vocabulary a row must cover, and how many distinctive words it must say beyond the typical
# candidate. The defaults were chosen on the evaluation set's dev split; `manage.py decline_review` prints the
# trade-off on the platform's own match judgements, to move the line on real needs.
SEARCH_RECOMMEND_SHARE = env_number("SEARCH_RECOMMEND_SHARE", 0.4, low=0, high=1)
SEARCH_MIN_LEAD = env_number("SEARCH_MIN_LEAD", 1.0, low=0, high=20)

# --- Platform ------------------------------------------------------------------------------
COMMERCIALISATION_TARGET_PER_YEAR = int(os.environ.get("COMMERCIALISATION_TARGET_PER_YEAR", "50"))
# Who a visitor contacts about a public need (the bureau puts institutes and enterprises in touch).
BUREAU_CONTACT_EMAIL = os.environ.get("BUREAU_CONTACT_EMAIL", "cgzh@kjj.example.gov.cn")
BUREAU_CONTACT_PHONE = os.environ.get("BUREAU_CONTACT_PHONE", "0598-8200000")
# The province this city's registry sits in (GB/T 2260 code prefix), for 输出/吸纳 flow statistics.
HOME_PROVINCE_CODE = os.environ.get("HOME_PROVINCE_CODE", "350000")
HOME_CITY_CODE = os.environ.get("HOME_CITY_CODE", "350400")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "jieba": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # the engine clients log every request at INFO (and curl traces): too loud for anything but debugging
        "opensearch": {"level": "WARNING"},
        "opensearchpy.trace": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
        # Django's default config gives "django" its own console handler (in DEBUG) on top of the root one:
        # every request line came out twice. Let it reach the console through root only.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
    },
}

# --- Technology-contract registration (docs/registration.md) ---------------------------------------
# Rule sets are data files (registration/rulesets/<key>.json); each names the date it applies from.
REGISTRATION_RULESET_KEYS = env_list("REGISTRATION_RULESET_KEYS", "2000,2026")
# (verify) How the 16 digits split is not published; this default is year + registry code + serial.
REGISTRATION_NUMBER_PATTERN = os.environ.get("REGISTRATION_NUMBER_PATTERN", "{year:04d}{registry_code:06d}{serial:06d}")
REGISTRATION_SERIAL_MAX = int(os.environ.get("REGISTRATION_SERIAL_MAX", "999999"))
REGISTRATION_VERIFICATION_CODE_LENGTH = int(os.environ.get("REGISTRATION_VERIFICATION_CODE_LENGTH", "8"))
# Failed verification attempts per client IP (django-ratelimit syntax); successful checks are not counted.
REGISTRATION_VERIFY_FAILURE_RATE = os.environ.get("REGISTRATION_VERIFY_FAILURE_RATE", "10/h")
REGISTRATION_ATTACHMENT_MAX_BYTES = int(os.environ.get("REGISTRATION_ATTACHMENT_MAX_BYTES", str(UPLOAD_MAX_BYTES)))
REGISTRATION_CERTIFICATE_FONT_FAMILY = os.environ.get(
    "REGISTRATION_CERTIFICATE_FONT_FAMILY", '"Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Micro Hei"'
)
# Normally 1–2 sets of equipment count as reasonable technology carriers (not deducted).
REGISTRATION_CARRIER_MAX_SETS = int(os.environ.get("REGISTRATION_CARRIER_MAX_SETS", "2"))
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] = {
    **SPECTACULAR_SETTINGS.get("ENUM_NAME_OVERRIDES", {}),
    "TechnologyContractStatusEnum": "registration.models.TechnologyContract.Status",
    "ContractIPRecordStatusEnum": "registration.models.ContractIPRecord.Status",
    "AmendmentStatusEnum": "registration.models.Amendment.Status",
    "ObjectionStatusEnum": "registration.models.Objection.Status",
    "AttachmentKindEnum": "registration.models.Attachment.Kind",
    "CertificateKindEnum": "registration.models.Certificate.Kind",
    "MeetingResponseEnum": "matchmaking.models.Meeting.Response",
}

# --- Marketplace uploads: documents are checked by content (PDF header) and size ----------------
WAGTAILDOCS_DOCUMENT_FORM_BASE = "marketplace.uploads.PdfDocumentForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = UPLOAD_MAX_BYTES
# --- Operations (docs/operations.md): client address, login lockout ----------------------------------
INSTALLED_APPS += ["axes", "ops"]
# AxesMiddleware last: it turns a flagged request into the lockout answer.
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
# The client's address behind a reverse proxy (common/net.py), shared by every throttle on the site:
# the request.META key the proxy sets (e.g. HTTP_X_REAL_IP; empty = REMOTE_ADDR), believed only from these proxies.
TRUSTED_PROXY_HEADER = os.environ.get("TRUSTED_PROXY_HEADER", "")
TRUSTED_PROXY_IPS = env_list("TRUSTED_PROXY_IPS", "127.0.0.1,::1")
AXES_CLIENT_IP_CALLABLE = "common.net.client_ip"
# Lock an account and, separately, a client address after this many failures, for this long.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "ops.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# SQLite with several writers (threads, gunicorn workers): take the write lock when a transaction starts
# (a deferred one that reads first cannot wait for the lock and fails with "database is locked" at once),
# wait up to SQLITE_TIMEOUT_SECONDS for it, and let readers run beside the writer (WAL).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": int(os.environ.get("SQLITE_TIMEOUT_SECONDS", "20")),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
# /readyz says "not ready" when the oldest unprocessed outbox row is older than this (the worker is behind or down).
READYZ_OUTBOX_MAX_LAG_SECONDS = int(os.environ.get("READYZ_OUTBOX_MAX_LAG_SECONDS", "300"))
# LOG_FORMAT=json writes one JSON object per line (ops/logs.py); anything else keeps the plain format.
LOGGING["formatters"]["json"] = {"()": "ops.logs.JsonFormatter"}
if os.environ.get("LOG_FORMAT", "plain").lower() == "json":
    LOGGING["handlers"]["console"]["formatter"] = "json"
LOGGING["loggers"]["security.login"] = {"level": "INFO"}
LOGGING["loggers"]["axes"] = {"level": "WARNING"}
# Private files (ops/files.py): every /media/ request is checked; documents always go through Wagtail's view.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
SENDFILE_BACKEND = "ops.sendfile"
# Production: nginx's internal location for MEDIA_ROOT (e.g. /_protected/); empty = Django streams the file.
PRIVATE_MEDIA_ACCEL_PREFIX = os.environ.get("PRIVATE_MEDIA_ACCEL_PREFIX", "")

# --- Content-Security-Policy (ops/csp.py) --------------------------------------------------------------
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE  # noqa: E402

INSTALLED_APPS += ["csp"]
MIDDLEWARE.insert(1, "ops.csp.PlatformCSPMiddleware")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the dashboard would call releases.wagtail.org
# Folder of pg_dump/pg_restore/psql for manage.py backup/restore (empty = PATH).
BACKUP_PG_BIN = os.environ.get("BACKUP_PG_BIN", "")
# Index layout: shards per index and replicas of each shard (1 on a 3-node cluster, 0 on a single node).
SEARCH_INDEX_SHARDS = int(os.environ.get("SEARCH_INDEX_SHARDS", "1"))
SEARCH_INDEX_REPLICAS = int(os.environ.get("SEARCH_INDEX_REPLICAS", "0"))

# --- Deal flow (docs/dealflow.md) -------------------------------------------------------------------
# Confidential-tier files: outside MEDIA_ROOT, never served by URL; put it on persistent, backed-up storage.
DEALFLOW_PRIVATE_ROOT = os.environ.get("DEALFLOW_PRIVATE_ROOT", "") or str(BASE_DIR / "private")
