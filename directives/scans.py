"""Scanned uploads read by OCR in the background, so an upload never holds a web worker.

A ten-page scan takes a minute or more of OCR. The upload view stores the file, records a
``ScanReading`` and queues ``read_scan`` on the ``scans`` task backend (django-tasks-db: the
row waits in the database until ``manage.py db_worker --backend scans`` takes it). The worker
reads page after page, writing its progress on the row; the editor's page polls the row and,
once it is done, shows the filled review form, exactly as for a file with a text layer.
"""

from __future__ import annotations

import logging
import uuid

from django_tasks import task

from django.conf import settings
from django.db import models
from django.utils import timezone

from directives.parsing.errors import ImportFileError
from directives.parsing.files import extract_layers, read_scanned_pages

logger = logging.getLogger("directives.importing")


class ScanReading(models.Model):
    """One uploaded scan on its way through OCR: its progress, then its text or why not.

    The file itself waits in the pending-upload storage under ``upload`` (a signed token),
    as every upload does between reading and the editor's confirmation.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Đang chờ"
        RUNNING = "running", "Đang đọc"
        DONE = "done", "Đã đọc xong"
        FAILED = "failed", "Không đọc được"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+"
    )
    parent = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    upload = models.TextField("mã tệp đang chờ")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    pages_done = models.PositiveIntegerField(default=0)
    pages_total = models.PositiveIntegerField(default=0)
    text = models.TextField(blank=True)
    warnings = models.JSONField(default=list, blank=True)
    message_vi = models.TextField(blank=True)
    seconds_per_page = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "bản quét đang đọc"
        verbose_name_plural = "bản quét đang đọc"

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


@task(backend="scans")
def read_scan(reading_id: str) -> str:
    """OCR of one queued scan; whatever happens, the row ends done or failed with a message."""
    # The pending uploads live in the admin views, which import this module (a real cycle).
    from directives.views import unstash_upload

    reading = ScanReading.objects.get(pk=reading_id)
    ScanReading.objects.filter(pk=reading.pk).update(status=ScanReading.Status.RUNNING)
    original = unstash_upload(reading.upload)
    if original is None:
        return _fail(
            reading,
            "Tệp đã tải lên không còn (quá hạn hoặc đã dùng); hãy tải tệp lên lại.",
            "pending upload missing or its token expired",
        )
    data, filename = original

    def progress(done: int, total: int) -> None:
        ScanReading.objects.filter(pk=reading.pk).update(pages_done=done, pages_total=total)

    try:
        layers = extract_layers(data, filename)
        ScanReading.objects.filter(pk=reading.pk).update(pages_total=len(layers.ocr_pages))
        extracted = read_scanned_pages(data, filename, layers, progress=progress)
    except ImportFileError as error:
        return _fail(reading, error.message_vi, error.log_detail)
    except Exception as error:  # noqa: BLE001 - the editor must get an answer, never a spinner
        logger.exception("%s: unexpected error during OCR", filename)
        return _fail(
            reading,
            f"Lỗi ngoài dự kiến khi đọc bản quét “{filename}”; chưa có gì được lưu. "
            "Xem nhật ký máy chủ.",
            f"{type(error).__name__}: {error}",
        )
    seconds = extracted.ocr_seconds
    ScanReading.objects.filter(pk=reading.pk).update(
        status=ScanReading.Status.DONE,
        text=extracted.text,
        warnings=extracted.warnings,
        seconds_per_page=sum(seconds) / len(seconds) if seconds else None,
        finished_at=timezone.now(),
    )
    logger.info("%s: %d page(s) read by OCR in %.1f s", filename, len(seconds), sum(seconds))
    return ScanReading.Status.DONE


def _fail(reading: ScanReading, message_vi: str, log_detail: str) -> str:
    logger.warning("%s: cannot read scan: %s", reading.filename, log_detail)
    ScanReading.objects.filter(pk=reading.pk).update(
        status=ScanReading.Status.FAILED, message_vi=message_vi, finished_at=timezone.now()
    )
    return ScanReading.Status.FAILED
