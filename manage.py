#!/usr/bin/env python
"""Django's command-line utility for the portal."""

import os
import sys
from pathlib import Path

# The development settings (DEBUG on, a public secret key) are meant for the SQLite file; run
# against a server database they would be a production site with its secrets in the open.
DEV_SETTINGS = {"settings.dev", "settings.test"}
ALLOW_FLAG = "PORTAL_ALLOW_DEV_SETTINGS"


def refuse_dev_settings_on_server_database(environ) -> str | None:
    """The message to stop with when dev settings meet a non-SQLite DATABASE_URL, else None."""
    settings_module = environ.get("DJANGO_SETTINGS_MODULE", "settings.dev")
    database_url = environ.get("DATABASE_URL", "")
    if settings_module not in DEV_SETTINGS or not database_url:
        return None
    if database_url.startswith("sqlite:") or environ.get(ALLOW_FLAG) == "1":
        return None
    scheme = database_url.split(":", 1)[0]
    return (
        f"manage.py: the development settings ({settings_module}: DEBUG on, a public secret "
        f"key) refuse to run against a {scheme} database (DATABASE_URL).\n"
        f"Use DJANGO_SETTINGS_MODULE=settings.production for a real site, or set {ALLOW_FLAG}=1 "
        "if this is a development database on purpose.\n"
        f"manage.py: các thiết lập phát triển không được chạy với cơ sở dữ liệu {scheme}; dùng "
        f"settings.production, hoặc đặt {ALLOW_FLAG}=1 nếu đây đúng là cơ sở dữ liệu thử."
    )


if __name__ == "__main__":
    # site/ is a plain folder on the import path, not a package: "site" is a standard-library
    # module, so the settings are "settings.dev", the URLconf "urls" and the WSGI module "wsgi".
    sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.dev")
    refusal = refuse_dev_settings_on_server_database(os.environ)
    if refusal:
        sys.stderr.write(refusal + "\n")
        sys.exit(2)

    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
