"""Compiles the project's translation catalogues (locale/<lang>/LC_MESSAGES/*.po) into the .mo
files Django reads.

The .mo files are committed next to their .po, so a fresh clone, the test suite and production
need no compiler (Debian's gettext is not installed there). polib, pinned in requirements-dev.txt
and pure Python, writes them byte for byte the same on every machine; a test checks that each
committed .mo matches its .po. Run after editing a .po: ``make messages``."""

import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent


def catalogues() -> list[Path]:
    """Every .po under locale/, in a stable order."""
    return sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))


def compile_all() -> list[Path]:
    """Writes each .po's .mo beside it; returns the .mo paths written."""
    written = []
    for po_path in catalogues():
        mo_path = po_path.with_suffix(".mo")
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written


if __name__ == "__main__":
    for path in compile_all():
        sys.stdout.write(f"{path.relative_to(LOCALE_DIR.parent)}\n")
