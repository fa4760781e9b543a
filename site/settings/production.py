"""Production: everything secret or site-specific comes from the environment.

Required: SECRET_KEY, ALLOWED_HOSTS (comma-separated), DATABASE_URL. Optional: REDIS_URL (the
cache), ELASTICSEARCH_URL (the search engine), CSRF_TRUSTED_ORIGINS, SECURE_SSL_REDIRECT, the
e-mail variables (EMAIL_URL, or EMAIL_HOST/EMAIL_PORT/EMAIL_HOST_USER/EMAIL_HOST_PASSWORD/
EMAIL_USE_TLS; DEFAULT_FROM_EMAIL, SERVER_EMAIL, ADMINS), the login lock-out variables
(LOGIN_FAILURE_LIMIT, LOGIN_COOLOFF_MINUTES, PAGE_PASSWORD_FAILURE_LIMIT, PORTAL_PROXY_COUNT).
The README's "Cấu hình môi trường sản xuất" lists them all.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_list
from .email_url import parse_email_url

DEBUG = False


def _required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"Production settings need the {name} environment variable.")
    return value


SECRET_KEY = _required("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or _required("ALLOWED_HOSTS").split(",")
_required("DATABASE_URL")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

if os.environ.get("REDIS_URL"):
    # Django's Redis cache that answers as a miss while Redis is down (home/cache.py): the
    # site then serves uncached instead of failing. Short timeouts keep a dead Redis cheap.
    CACHES = {
        "default": {
            "BACKEND": "home.cache.ForgivingRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "portal",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    }

    # Whole pages for anonymous readers, in the same Redis (PAGE_CACHE=0 turns it off).
    PORTAL_PAGE_CACHE = os.environ.get("PAGE_CACHE", "1") == "1"
    # The directive page's content, kept for logged-in readers and page-cache misses too.
    PORTAL_FRAGMENT_CACHE = os.environ.get("FRAGMENT_CACHE", "1") == "1"

# A CDN or reverse proxy in front of the site (off unless configured): Wagtail's frontend cache
# invalidation purges a page's address there when it is published, unpublished or moved.
# FRONTEND_CACHE_PURGE_URL: an HTTP cache that accepts PURGE (Varnish, nginx with a purge
# module), e.g. http://127.0.0.1:6081; or CLOUDFLARE_API_TOKEN with CLOUDFLARE_ZONE_ID.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_API_TOKEN"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ["CLOUDFLARE_API_TOKEN"],
        "ZONEID": _required("CLOUDFLARE_ZONE_ID"),
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]  # noqa: F405

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# HTTPS behind a reverse proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# E-mail over SMTP. EMAIL_URL (smtp://user:password@host:587, smtp+tls://..., smtps://...) wins
# over the separate EMAIL_* variables read in base.py.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
if os.environ.get("EMAIL_URL"):
    _email = parse_email_url(os.environ["EMAIL_URL"])
    EMAIL_HOST = _email.host
    EMAIL_PORT = _email.port
    EMAIL_HOST_USER = _email.user
    EMAIL_HOST_PASSWORD = _email.password
    EMAIL_USE_TLS = _email.use_tls
    EMAIL_USE_SSL = _email.use_ssl
