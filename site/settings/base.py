"""Settings shared by every environment. Each environment module starts with
``from .base import *`` and overrides what differs."""

import os
from datetime import timedelta
from email.utils import parseaddr
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parents[2]


def env_list(name: str, default: str = "") -> list[str]:
    """A comma-separated environment variable as a list, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


INSTALLED_APPS = [
    "home",
    "directives",
    "news",
    # General page types: sections, content pages, events, links, collections.
    "content",
    "procedures",
    "search",
    # Feeds, sitemap.xml, JSON-LD and permanent addresses (/eli/…).
    "syndication",
    "opendata",
    "alerts",
    # Moving a Plone site into the portal: manage.py import_plone.
    "plone",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
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
    # Serves the API docs' Swagger UI from our static files, not from a CDN.
    "ninja",
    "taggit",
    "django_filters",
    # The queue of background work (OCR of scans); its worker is `manage.py db_worker`.
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Login throttling and lock-out (see "Operations and security" below).
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "home.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Kept pages for anonymous readers, before the session and CSRF work (home/pagecache.py).
    "home.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "home.middleware.DatabaseUnavailableMiddleware",
    "home.middleware.PagePasswordThrottleMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "urls"
WSGI_APPLICATION = "wsgi.application"

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
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.portal",
            ],
        },
    },
]

# The embedded default is a SQLite file in the repository; DATABASE_URL points any
# environment (a test run, a tool, production) at another database.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL: readers go on while an import writes (in the default rollback journal a long
    # import made page views fail with "database is locked"); NORMAL syncs at checkpoints,
    # which WAL keeps safe from corruption and costs a commit far less.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
# locale/: the admin's Vietnamese, which wins over the incomplete catalogues Wagtail ships.
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True
# Django's Vietnamese locale sets no input formats; the admin writes and reads dd/mm/yyyy.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "portal",
    }
}

# Whole pages for anonymous readers (home/pagecache.py): on in production with Redis.
PORTAL_PAGE_CACHE = False
# Template fragments that change only with the content (home/templatetags/kept_fragments.py).
PORTAL_FRAGMENT_CACHE = False
PORTAL_PAGE_CACHE_ALIAS = "default"
PORTAL_PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))

# The site as files for nginx (home/static_publish.py): a folder kept in step on each
# publication, or empty for none.
PORTAL_STATIC_DIR = os.environ.get("PORTAL_STATIC_DIR", "")

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        name: {
            "handlers": ["console"],
            "level": os.environ.get("LOG_LEVEL", "INFO"),
            "propagate": False,
        }
        for name in ("home", "directives", "news", "procedures", "search")
    },
}

# Wagtail

WAGTAIL_SITE_NAME = os.environ.get("PORTAL_SITE_NAME", "Cổng thông tin điện tử")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "doc",
    "odt",
    "pdf",
    "rtf",
    "txt",
    "md",
    "xlsx",
    "xls",
    "zip",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024

# Digital signatures of PDFs (directives/signatures.py): the folder of certificates the
# operator trusts (.pem/.crt/.cer/.der; self-signed ones are roots, others intermediates).
# Empty: every signature shows as not verified to a trusted root. Nothing is shipped or fetched.
SIGNATURE_TRUST_ROOTS_DIR = os.environ.get("SIGNATURE_TRUST_ROOTS_DIR", "")

WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}

# The portal's own search (search/): "database" (SQLite FTS5 / PostgreSQL full-text search on
# the site's database) or "elasticsearch" (ELASTICSEARCH_URL).
PORTAL_SEARCH_ENGINE = os.environ.get("SEARCH_ENGINE", "database")
# Elasticsearch, when PORTAL_SEARCH_ENGINE is "elasticsearch": where the cluster is, the
# prefix of the index name (sites sharing a cluster use different ones), replicas per shard.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
PORTAL_SEARCH_INDEX_PREFIX = os.environ.get("PORTAL_SEARCH_INDEX_PREFIX", "portal")
ELASTICSEARCH_REPLICAS = int(os.environ.get("ELASTICSEARCH_REPLICAS", "1"))

# Index updates and other Wagtail tasks run in-process, right after the transaction commits.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    # Long readings (OCR of scanned pages) wait in the database for `manage.py db_worker
    # --backend scans`, so an upload never holds a web worker. PORTAL_SCAN_TASKS=immediate runs
    # them inside the request instead (the tests, a one-process setup).
    "scans": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if os.environ.get("PORTAL_SCAN_TASKS") == "immediate"
        else "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    },
}
# Time one scanned page may take in OCR, and the pages and pixels OCR takes on at all, are
# part of IMPORT_LIMITS (reading.limits.Limits: max_ocr_pages, max_ocr_pixels, ocr_page_seconds).


# Operations and security (login lock-out, database outages, e-mail).

# A dropped connection (the database restarted) is noticed before a request uses it, so the
# site recovers by itself; requests made while it is down get the 503 page
# (home.middleware.DatabaseUnavailableMiddleware).
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Fail fast while the server is unreachable rather than hang a worker.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)

# django-axes: lock a username from one client address after AXES_FAILURE_LIMIT wrong passwords,
# for AXES_COOLOFF_TIME; a right password resets the count. Behind a reverse proxy set
# PORTAL_PROXY_COUNT to the number of proxies that append to X-Forwarded-For (see README).
# AxesBackend (not AxesStandaloneBackend) first: it is also a ModelBackend, so sessions made
# with force_login, which records the first backend, can still load their user.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PORTAL_PROXY_COUNT = int(os.environ.get("PORTAL_PROXY_COUNT", "0"))
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "home.throttle.client_ip"
AXES_LOCKOUT_CALLABLE = "home.throttle.login_lockout_response"
AXES_SENSITIVE_PARAMETERS = ["password"]
# The password form of password-protected pages (home.middleware.PagePasswordThrottleMiddleware).
PORTAL_PAGE_PASSWORD_FAILURE_LIMIT = int(os.environ.get("PAGE_PASSWORD_FAILURE_LIMIT", "5"))
PORTAL_PAGE_PASSWORD_COOLOFF = AXES_COOLOFF_TIME

# E-mail: every environment reads the same variables; dev.py sends to the console instead.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "0") == "1"
EMAIL_USE_SSL = os.environ.get("EMAIL_USE_SSL", "0") == "1"
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
# "Name <address>, Name <address>": who receives the 500 reports.
ADMINS = [parseaddr(item) for item in env_list("ADMINS")]
# No avatar images from a third party in the admin (privacy; the admin's CSP allows only 'self').
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor a call home from the admin: upgrades are deliberate (requirements.txt pins Wagtail).
WAGTAIL_ENABLE_UPDATE_CHECK = False

# "Nộp hồ sơ trực tuyến" on a procedure page links here, {code} replaced by the procedure's
# national code (a link only: the portal makes no request to it). Empty: no link.
PORTAL_PROCEDURE_ONLINE_URL = os.environ.get(
    "PROCEDURE_ONLINE_URL",
    "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}",
)

# Open data (opendata/): where export_open_data publishes (DIR/current), and the licence the
# "Dữ liệu mở" page states.
PORTAL_OPEN_DATA_DIR = Path(os.environ.get("OPEN_DATA_DIR", MEDIA_ROOT / "open-data"))
PORTAL_OPEN_DATA_LICENCE = os.environ.get(
    "OPEN_DATA_LICENCE", "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)"
)
PORTAL_OPEN_DATA_LICENCE_URL = os.environ.get(
    "OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/deed.vi"
)

# E-mail alerts (alerts/): the address links in mails start with (default: the admin's base
# URL), how long a confirmation link lives, how many subscribe requests a client may make an
# hour, and how many unconfirmed subscriptions an address may collect in a day.
PORTAL_ALERTS_BASE_URL = os.environ.get("ALERTS_BASE_URL", "")
PORTAL_ALERTS_CONFIRM_MAX_AGE = int(os.environ.get("ALERTS_CONFIRM_HOURS", "72")) * 3600
PORTAL_ALERTS_SUBSCRIBE_RATE = int(os.environ.get("ALERTS_SUBSCRIBE_RATE", "10"))
PORTAL_ALERTS_PENDING_LIMIT = int(os.environ.get("ALERTS_PENDING_LIMIT", "5"))

# The old Plone site's public domains (comma-separated): import_plone turns absolute links to
# them into internal links. `import_plone --site-domain` overrides it for one run.
PLONE_SITE_DOMAINS = [
    domain.strip().lower()
    for domain in os.environ.get("PLONE_SITE_DOMAINS", "").split(",")
    if domain.strip()
]
