#!/usr/bin/env python
"""Django's command-line utility for the portal."""

import os
import sys
from pathlib import Path

if __name__ == "__main__":
    # site/ is a plain folder on the import path, not a package: "site" is a standard-library
    # module, so the settings are "settings.dev", the URLconf "urls" and the WSGI module "wsgi".
    sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.dev")

    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
