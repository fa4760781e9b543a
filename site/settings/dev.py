"""Development and the embedded default: SQLite, debug on, a fixed local secret."""

import warnings

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret-0f6c7b1e"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Static files come from the finders here; collectstatic's folder exists only in production.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")
