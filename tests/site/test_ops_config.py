"""Configuration guards: manage.py refuses the development settings on a server database, and
EMAIL_URL is read into Django's e-mail settings."""

import os
import subprocess
import sys

import pytest

from settings.email_url import parse_email_url
from tests import paths

ROOT = paths.ROOT


def run_manage(**env):
    clean = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_manage_py_refuses_dev_settings_on_a_postgres_url():
    result = run_manage(DATABASE_URL="postgres://postgres@127.0.0.1:5432/portal_live")
    assert result.returncode == 2
    assert "refuse to run against a postgres database" in result.stderr
    assert "PORTAL_ALLOW_DEV_SETTINGS=1" in result.stderr


def test_manage_py_runs_dev_settings_on_postgres_when_told():
    result = run_manage(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/portal_live",
        PORTAL_ALLOW_DEV_SETTINGS="1",
    )
    assert "refuse" not in result.stderr
    assert result.returncode == 0, result.stderr


def test_manage_py_runs_dev_settings_on_sqlite():
    result = run_manage(DATABASE_URL="sqlite:////tmp/portal-ops-check.sqlite3")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("url", "host", "port", "user", "password", "tls", "ssl"),
    [
        ("smtp://mail.example.vn", "mail.example.vn", 25, "", "", False, False),
        (
            "smtp+tls://cong%40example.vn:p%40ss@mail.example.vn:587",
            "mail.example.vn",
            587,
            "cong@example.vn",
            "p@ss",
            True,
            False,
        ),
        ("smtps://u:p@mail.example.vn", "mail.example.vn", 465, "u", "p", False, True),
    ],
)
def test_email_url(url, host, port, user, password, tls, ssl):
    server = parse_email_url(url)
    assert (server.host, server.port, server.user, server.password) == (host, port, user, password)
    assert (server.use_tls, server.use_ssl) == (tls, ssl)


@pytest.mark.parametrize("url", ["http://mail.example.vn", "smtp://", "mail.example.vn"])
def test_email_url_rejects_what_it_cannot_read(url):
    with pytest.raises(ValueError, match="EMAIL_URL"):
        parse_email_url(url)


def test_production_settings_read_email_and_admins():
    env = {
        "DJANGO_SETTINGS_MODULE": "settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "cong.example.vn",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/portal_unused",
        "EMAIL_URL": "smtp+tls://u:p@mail.example.vn:2525",
        "DEFAULT_FROM_EMAIL": "Cổng <cong@example.vn>",
        "ADMINS": "Kỹ thuật <kt@example.vn>, Trực <truc@example.vn>",
    }
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.SERVER_EMAIL, s.ADMINS, s.EMAIL_BACKEND)"
    )
    clean = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT / "site",
        env={**clean, **env, "PYTHONPATH": str(ROOT) + os.pathsep + str(ROOT / "site")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "mail.example.vn 2525 True Cổng <cong@example.vn>" in result.stdout
    assert "('Kỹ thuật', 'kt@example.vn'), ('Trực', 'truc@example.vn')" in result.stdout
    assert "smtp.EmailBackend" in result.stdout
