"""What the Plone importer remembers: which Plone item became which object, and each run."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class PloneItem(models.Model):
    """A Plone item already imported: its UID is kept, so a second run updates what it made
    and a re-run of the same export (same ``checksum``) changes nothing."""

    uid = models.CharField("UID Plone", max_length=64, unique=True)
    portal_type = models.CharField("loại nội dung Plone", max_length=64)
    path = models.TextField("đường dẫn trên Plone")
    content_type = models.ForeignKey(
        ContentType, verbose_name="thành", null=True, blank=True, on_delete=models.SET_NULL
    )
    object_id = models.PositiveBigIntegerField("mã đối tượng", null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    checksum = models.CharField("mã kiểm tra nguồn", max_length=64)
    creators = models.TextField(
        "người tạo trên Plone",
        blank=True,
        help_text="Tên người tạo trên Plone, giữ ở dạng chữ khi cổng không có tài khoản đó.",
    )
    imported_at = models.DateTimeField("nhập lúc", auto_now=True)

    class Meta:
        verbose_name = "mục Plone đã nhập"
        verbose_name_plural = "mục Plone đã nhập"

    def __str__(self) -> str:
        return f"{self.portal_type} {self.path}"


class ImportRun(models.Model):
    """One run of ``import_plone``: its summary and the full report (JSON), for the admin."""

    started_at = models.DateTimeField("bắt đầu", auto_now_add=True)
    finished_at = models.DateTimeField("kết thúc", null=True, blank=True)
    source = models.TextField("thư mục nguồn")
    export_format = models.CharField("định dạng", max_length=64, blank=True)
    dry_run = models.BooleanField("chạy thử", default=False)
    summary = models.TextField("tóm tắt", blank=True)
    report = models.JSONField("báo cáo", default=dict, blank=True)

    class Meta:
        ordering = ("-started_at",)
        verbose_name = "lần nhập từ Plone"
        verbose_name_plural = "các lần nhập từ Plone"

    def __str__(self) -> str:
        return f"{self.source} ({self.started_at:%Y-%m-%d %H:%M})"
