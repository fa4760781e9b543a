"""The background import of a scan as an editor lives it, in Debian's Chromium: upload, the
progress page while the worker reads, the filled review form, the draft."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest

from django.test import override_settings

from tests.browser.test_browser import CHROMIUM, CHROMIUM_ARGS
from tests.directives.conftest import SMALL_SCAN, needs_ocr
from tests.directives.test_scan_worker import DATABASE_QUEUE

PASSWORD = "mat-khau-thu-nghiem-1"

pytestmark = [
    needs_ocr,
    pytest.mark.browser,
    pytest.mark.skipif(
        not shutil.which(CHROMIUM),
        reason=f"Chromium is not installed at {CHROMIUM} (apt-get install chromium; .ci/run does)",
    ),
]


@pytest.fixture
def editor_site(transactional_db):
    from django.contrib.auth import get_user_model

    from tests.factories import make_site

    make_site()
    get_user_model().objects.create_superuser("bientap", "bt@example.vn", PASSWORD)


def in_a_thread(function, *args) -> None:
    """Run ORM work outside playwright's event loop (Django refuses it inside)."""
    errors = []

    def target() -> None:
        try:
            function(*args)
        except Exception as error:  # noqa: BLE001 - re-raised below, in the test
            errors.append(error)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


def run_worker() -> None:
    """``manage.py db_worker --backend scans --batch``'s worker, without the signal handlers
    the command installs (Python allows those in the main thread only).

    The live server's test database is SQLite's shared-cache memory database, where a
    reader in the server thread (the progress page polling) makes the worker's
    ``BEGIN EXCLUSIVE`` fail at once with "database table is locked" instead of waiting
    as it does on a database file. The worker takes its next task only inside that
    transaction, so starting it again loses nothing."""
    from django_tasks_db.management.commands.db_worker import Worker

    from django.db import OperationalError, connection

    for _attempt in range(50):
        try:
            Worker(
                queue_names=["default"],
                interval=0.1,
                batch=True,
                backend_name="scans",
                startup_delay=False,
                max_tasks=None,
                worker_id="test-worker",
                excluded_queue_names=[],
            ).run()
            return
        except OperationalError as error:
            if "locked" not in str(error):
                raise
            connection.close()
            time.sleep(0.1)
    raise AssertionError("the scan worker found the test database locked 50 times")


@override_settings(TASKS=DATABASE_QUEUE)
def test_scan_upload_waits_for_the_worker_then_shows_the_review_form(
    editor_site, scans: Path, live_server
):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_context(locale="vi-VN").new_page()
        page.goto(live_server.url + "/admin/login/")
        page.fill("input[name=username]", "bientap")
        page.fill("input[name=password]", PASSWORD)
        page.locator("form button[type=submit]").first.click()
        page.wait_for_load_state()

        page.goto(live_server.url + "/admin/directives/import/")
        page.set_input_files("input[name=file]", str(scans / SMALL_SCAN))
        page.get_by_role("button", name="Đọc văn bản").click()
        page.wait_for_load_state()
        # The request only queued the scan: the editor sees the progress page.
        assert "/admin/directives/import/scan/" in page.url
        assert "chế độ nền" in page.locator("main").inner_text()
        assert page.locator("input[name=issuer]").count() == 0

        in_a_thread(run_worker)

        # The page reloads itself and turns into the review form.
        page.wait_for_selector("input[name=issuer]", timeout=30_000)
        assert page.input_value("input[name=issuer]") == "Thủ tướng Chính phủ"
        assert "OCR" in page.locator("main").inner_text()
        # The number and day are handwritten on the scan: the editor types them.
        page.fill("input[name=number]", "707/QĐ-TTg")
        page.fill("input[name=issued_on]", "24/04/2026")
        if not page.input_value("textarea[name=subject]").strip():
            page.fill("textarea[name=subject]", "Ban hành Kế hoạch hành động quốc gia")
        page.get_by_role("button", name="Tạo bản nháp").click()
        page.wait_for_load_state()
        errors = page.locator(".error-message, .help-critical").all_inner_texts()
        assert "/edit/" in page.url, errors
        browser.close()

    def draft_exists() -> None:
        from directives.models import DirectivePage

        assert DirectivePage.objects.filter(number="707/QĐ-TTg").count() == 1

    in_a_thread(draft_exists)
