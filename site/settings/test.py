"""Test settings: the dev settings with fast hashing, media in a temporary folder."""

import tempfile

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
