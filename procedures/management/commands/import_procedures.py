"""``manage.py import_procedures``: import procedure lists (a decision's text with its annex
table, a CSV or an XLSX), one transaction per file, and say in Vietnamese what happened."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from tqdm import tqdm

from django.core.management.base import BaseCommand, CommandError, CommandParser

from home.management.progress import TqdmStream
from procedures.importing import FileResult, import_list
from procedures.parsing import ProcedureFileError, read_procedure_file

logger = logging.getLogger("procedures")


class Command(BaseCommand):
    help = (
        "Nhập danh mục thủ tục hành chính từ văn bản quyết định (.txt, .md), tệp CSV hoặc XLSX: "
        "tạo hoặc cập nhật thủ tục theo mã, ghi quyết định làm căn cứ pháp lý và mức độ trực "
        "tuyến theo ngày. Nhập lại thì cập nhật, không tạo trùng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE", help="Tệp danh mục cần nhập.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ đọc và phân tích, không lưu gì."
        )
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help="In bản ghi đọc được dạng JSON (một đối tượng cho một tệp, mảng cho nhiều tệp).",
        )

    def handle(self, *args, files: list[str], dry_run: bool, as_json: bool, **options) -> None:
        records, results = [], []
        show_bar = not as_json and options.get("verbosity", 1) > 0
        for name in files:
            path = Path(name)
            try:
                data = path.read_bytes()
                record = read_procedure_file(data, path.name)
            except OSError as error:
                logger.warning("%s: cannot read: %s", name, error)
                results.append(
                    FileResult(path.name, error=f"Không đọc được tệp “{name}”: {error.strerror}.")
                )
                continue
            except ProcedureFileError as error:
                logger.warning("%s: cannot import: %s", name, error.log_detail)
                results.append(FileResult(path.name, error=error.message_vi))
                continue
            records.append(record.to_dict())
            if dry_run:
                results.append(FileResult(path.name, warnings=list(record.warnings)))
                continue
            with tqdm(
                total=len(record.procedures),
                desc=path.name[:40],
                unit=" thủ tục",
                file=TqdmStream(self.stderr),
                disable=not show_bar,
                leave=False,
            ) as bar:
                results.append(
                    import_list(record, data=data, filename=path.name, progress=bar.update)
                )
        if as_json:
            payload = records[0] if len(files) == 1 and len(records) == 1 else records
            self.stdout.write(_dumps(payload))
        self._report(results, dry_run, quiet=as_json)
        failed = [result for result in results if result.failed]
        if failed:
            raise CommandError(
                f"{len(failed)}/{len(files)} tệp không nhập được: "
                + "; ".join(f"{r.source}: {r.error}" for r in failed)
            )

    def _report(self, results: list[FileResult], dry_run: bool, quiet: bool) -> None:
        out = self.stderr if quiet else self.stdout
        for result in results:
            if result.failed:
                out.write(self.style.ERROR(f"✗ {result.source}: {result.error}"))
                continue
            if dry_run:
                out.write(f"• {result.source}: đọc được, chưa lưu (chạy thử).")
            else:
                out.write(
                    self.style.SUCCESS(
                        f"✓ {result.source}: tạo mới {result.created}, cập nhật {result.updated}, "
                        f"không đổi {result.unchanged}"
                        + (
                            f"; văn bản quyết định (nháp): {result.directive.title}"
                            if result.directive
                            else ""
                        )
                    )
                )
            for warning in result.warnings:
                out.write(f"  ! {warning}")
        total = {
            key: sum(getattr(r, key) for r in results)
            for key in ("created", "updated", "unchanged")
        }
        out.write(
            f"Tổng: tạo mới {total['created']}, cập nhật {total['updated']}, không đổi "
            f"{total['unchanged']}, lỗi {sum(r.failed for r in results)} tệp, "
            f"{sum(len(r.warnings) for r in results)} cảnh báo"
            + (" (chạy thử, không lưu gì)." if dry_run else ".")
        )


def _dumps(payload) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2)
