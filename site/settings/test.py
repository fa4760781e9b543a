"""Test settings: the dev settings with fast hashing, media in a temporary folder."""

import tempfile
import uuid

from .dev import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="portal-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Scans are read inside the request in tests; tests/directives/test_scan_worker.py runs the real
# database queue and its worker.
TASKS["scans"]["BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"  # noqa: F405
# The page cache's tests use the real Redis on 127.0.0.1:6379, under a prefix of their own run.
CACHES["pages"] = {  # noqa: F405
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": "redis://127.0.0.1:6379/0",
    "KEY_PREFIX": f"portal-test-{uuid.uuid4().hex}",
}
