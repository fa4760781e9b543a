"""Production settings: the page cache follows REDIS_URL and PAGE_CACHE; the CDN purge
(Wagtail's frontend cache invalidation) is off unless configured."""

import os
import subprocess
import sys

from tests import paths

ROOT = paths.ROOT
CODE = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.PORTAL_PAGE_CACHE, 'wagtail.contrib.frontend_cache' in s.INSTALLED_APPS, "
    "sorted(s.WAGTAILFRONTENDCACHE))"
)


def production(**extra) -> str:
    env = {
        "DJANGO_SETTINGS_MODULE": "settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "cong.example.vn",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/portal_unused",
        **extra,
    }
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "REDIS_URL", "PAGE_CACHE", "FRONTEND_CACHE_PURGE_URL")
    }
    result = subprocess.run(
        [sys.executable, "-c", CODE],
        cwd=ROOT / "site",
        env={**clean, **env, "PYTHONPATH": str(ROOT) + os.pathsep + str(ROOT / "site")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_page_cache_is_on_with_redis_and_can_be_turned_off():
    assert production() == "False False []"
    assert production(REDIS_URL="redis://127.0.0.1:6379/0") == "True False []"
    assert production(REDIS_URL="redis://127.0.0.1:6379/0", PAGE_CACHE="0") == "False False []"


def test_a_purge_url_turns_on_wagtails_frontend_cache_invalidation():
    assert production(FRONTEND_CACHE_PURGE_URL="http://127.0.0.1:6081") == "False True ['proxy']"
