"""What the scan tests share: the real scans of ../shared/corpus/scans and the OCR programs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import CORPUS

SCANS = CORPUS / "scans"
# The smallest first-page scan, so each test that runs OCR costs a few seconds.
SMALL_SCAN = "real_qd_707_ttg_p1_scan.pdf"

needs_ocr = pytest.mark.skipif(
    not (shutil.which("tesseract") and shutil.which("pdftoppm")),
    reason="tesseract-ocr, tesseract-ocr-vie and poppler-utils are not installed "
    "(make install and .ci/run install them)",
)


@pytest.fixture
def scans() -> Path:
    if not SCANS.is_dir():
        pytest.skip(f"the scans are not at {SCANS} (they sit beside the repository in CI)")
    return SCANS
