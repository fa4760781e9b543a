"""``manage.py cleanup_storage [--dry-run]``: remove files the import left behind (see
``directives.storage_cleanup``); meant to run daily from cron or a systemd timer."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.template.defaultfilters import filesizeformat

from directives.storage_cleanup import cleanup_storage


class Command(BaseCommand):
    help = (
        "Dọn tệp bỏ lại: tệp tải lên chờ xác nhận quá một ngày (import-pending/) và tệp trong "
        "thư mục tài liệu không thuộc tài liệu nào. Báo cáo tài liệu mất tệp hoặc tệp bị cụt."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Chỉ liệt kê, không xóa gì.")

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run: bool = options["dry_run"]
        report = cleanup_storage(dry_run=dry_run)
        verb = "Sẽ xóa" if dry_run else "Đã xóa"
        if options["verbosity"] > 1 or dry_run:
            for name in [*report.pending, *report.orphans]:
                self.stdout.write(f"  {verb.lower()}: {name}")
        for name in report.damaged:
            self.stderr.write(
                f"  ! tài liệu “{name}” mất tệp hoặc tệp bị cụt: hãy tải lại tệp gốc."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {len(report.pending)} tệp chờ xác nhận quá hạn và "
                f"{len(report.orphans)} tệp không thuộc tài liệu nào "
                f"({filesizeformat(report.freed_bytes)}); "
                f"{len(report.damaged)} tài liệu mất tệp hoặc tệp bị cụt."
            )
        )
