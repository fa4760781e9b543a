"""A scan uploaded in the admin is read in the background: the request only queues it, the
worker (``manage.py db_worker`` on the ``scans`` database queue) reads it, and the editor's
progress page turns into the filled review form."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from directives.models import DirectivePage
from directives.scans import ScanReading
from tests.directives.conftest import SMALL_SCAN, needs_ocr
from tests.directives.test_ocr import blank_pages_pdf

pytestmark = needs_ocr

DATABASE_QUEUE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "scans": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}


@pytest.fixture
def editor(client, site):
    user = get_user_model().objects.create_superuser("bientap", "bt@example.invalid", "x")
    client.force_login(user)
    return user


def upload(client, path: Path):
    return client.post(
        reverse("directives_import"),
        {"file": SimpleUploadedFile(path.name, path.read_bytes()), "text": ""},
    )


def field_value(response, name: str) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    field = soup.find(attrs={"name": name})
    assert field is not None, f"no field {name!r} in the page"
    return field.text.strip() if field.name == "textarea" else field.get("value", "")


@override_settings(TASKS=DATABASE_QUEUE)
def test_upload_queues_the_scan_and_the_worker_reads_it(
    transactional_db, client, editor, scans: Path
):
    """The upload answers at once with the progress page; nothing is read until the worker
    runs; then the same page is the review form filled from the OCR text.

    Transactional: the worker closes a connection left outside autocommit, as a test's
    transaction would be."""
    response = upload(client, scans / SMALL_SCAN)
    assert response.status_code == 302
    reading = ScanReading.objects.get()
    assert reading.status == ScanReading.Status.QUEUED
    assert reading.filename == SMALL_SCAN

    waiting = client.get(response.url)
    assert waiting.status_code == 200
    assert 'http-equiv="refresh"' in waiting.content.decode()
    assert "chế độ nền" in waiting.content.decode()

    call_command("db_worker", "--backend", "scans", "--batch", "--no-startup-delay")

    reading.refresh_from_db()
    assert reading.status == ScanReading.Status.DONE
    assert reading.pages_done == reading.pages_total == 1
    assert reading.seconds_per_page > 0
    review = client.get(response.url)
    assert review.status_code == 200
    assert field_value(review, "issuer") == "Thủ tướng Chính phủ"
    assert "Độc lập - Tự do - Hạnh phúc" in field_value(review, "text")
    assert DirectivePage.objects.count() == 0  # nothing exists until the editor confirms


def test_a_scan_that_cannot_be_read_ends_with_a_message(client, editor):
    """A scan OCR finds nothing on comes back as the upload form with the reason."""
    response = client.post(
        reverse("directives_import"),
        {"file": SimpleUploadedFile("trang-trang.pdf", blank_pages_pdf(1)), "text": ""},
    )
    assert response.status_code == 302
    page = client.get(response.url)
    assert "Không nhận dạng được chữ nào" in page.content.decode()
    assert ScanReading.objects.get().status == ScanReading.Status.FAILED
    assert DirectivePage.objects.count() == 0


def test_another_editor_cannot_see_the_reading(client, editor, site):
    """A reading belongs to the editor who uploaded it."""
    reading = ScanReading.objects.create(
        user=editor, parent=site.get_children().first(), filename="x.pdf", upload="token"
    )
    other = get_user_model().objects.create_superuser("khac", "k@example.invalid", "x")
    client.force_login(other)
    assert client.get(reverse("directives_import_scan", args=[reading.pk])).status_code == 404
