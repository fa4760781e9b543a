"""``manage.py import_directives``: import directive documents from files, each file rolled
back alone when it fails (its own transaction, or with ``--publish`` its savepoint in a batch
of 50), and say in Vietnamese what became of each."""

from __future__ import annotations

import json
import logging
import os
from collections import Counter, deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from tqdm import tqdm

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from wagtail.models import Page

from directives.import_batch import deferred_indexing, forget_agencies, maybe_flush
from directives.import_bulk import staging
from directives.import_reading import ReadDocument, read_for_import
from directives.importing import (
    STATUS_LABELS,
    ImportResult,
    ImportStatus,
    default_parent,
    import_document,
    prefetch,
    remove_files,
)
from directives.models import DirectivePage
from directives.parsing.errors import ImportFileError
from directives.parsing.files import check_size
from home.management.progress import TqdmStream

logger = logging.getLogger("directives.importing")

# Files read ahead by the worker processes: enough to keep two workers busy while the main
# process saves, few enough that a folder of large files does not sit in memory at once.
READ_AHEAD = 32
# New pages published together (see directives.import_bulk): enough to share the per-
# statement cost, few enough that a fallback to one by one redoes little.
CHUNK = 50


class Command(BaseCommand):
    help = (
        "Nhập văn bản chỉ đạo từ tệp .txt, .md, .docx hoặc .pdf: mỗi tệp thành một trang nháp "
        "(hoặc xuất bản với --publish) với đủ thuộc tính, kèm tệp gốc. Nhập lại cùng văn bản "
        "thì cập nhật trang cũ, không tạo trùng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE", help="Tệp văn bản cần nhập.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ đọc và phân tích, không lưu gì."
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="In bản ghi dạng JSON (một đối tượng cho một tệp, một mảng cho nhiều tệp).",
        )
        parser.add_argument(
            "--publish", action="store_true", help="Xuất bản ngay thay vì để bản nháp."
        )
        parser.add_argument(
            "--parent",
            type=int,
            metavar="PAGE_ID",
            help="Mã trang danh sách văn bản sẽ chứa các trang mới (mặc định: của trang chủ).",
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="Nhập với quyền của người dùng này (chỉ sửa trang người đó được sửa; người đó "
            "là chủ sở hữu trang mới). Mặc định: quyền quản trị, không kiểm tra.",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=min(2, os.cpu_count() or 1),
            metavar="N",
            help="Số tiến trình đọc và phân tích tệp song song (mặc định: 2; 1 là không song song).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        files: list[str] = options["files"]
        dry_run: bool = options["dry_run"]
        as_json: bool = options["json"]
        # With --json, stdout carries only the JSON; people read stderr.
        self.human = self.stderr if as_json else self.stdout
        self.verbosity = options["verbosity"]
        parent = self._parent(options["parent"], required=not dry_run)
        user = self._user(options["user"])

        results: list[ImportResult] = []
        progress = tqdm(
            total=len(files),
            desc="Nhập văn bản",
            unit="tệp",
            file=TqdmStream(self.stderr),
            disable=len(files) < 2 or self.verbosity == 0,
            leave=False,
        )
        # A batch defers index and citation work to a few bulk passes (see import_batch).
        # With --publish, new pages are written CHUNK at a time (import_bulk), each document
        # still in its own savepoint.
        chunked = options["publish"] and not dry_run
        with nullcontext() if dry_run else deferred_indexing():
            chunk: list[tuple] = []
            for item in self._read_all(files, progress, options["jobs"]):
                chunk.append(item)
                if not chunked or len(chunk) >= CHUNK:
                    results += self._import_chunk(chunk, parent, options["publish"], dry_run, user)
                    chunk = []
            if chunk:
                results += self._import_chunk(chunk, parent, options["publish"], dry_run, user)
        progress.close()

        if as_json:
            self._print_json(results, files, several=len(files) > 1, dry_run=dry_run)
        self._summary(results, dry_run)
        failed = sum(result.failed for result in results)
        if failed:
            raise CommandError(f"{failed}/{len(results)} tệp không nhập được (xem ở trên).")

    def _parent(self, page_id: int | None, *, required: bool) -> Page | None:
        if page_id is None:
            parent = default_parent()
            if parent is None and required:
                raise CommandError(
                    "Chưa có trang danh sách văn bản nào để đặt văn bản vào. Hãy tạo trang đó "
                    "hoặc chỉ rõ bằng --parent PAGE_ID."
                )
            return parent
        page = Page.objects.filter(pk=page_id).first()
        if page is None:
            raise CommandError(f"Không có trang nào mang mã #{page_id} (--parent).")
        page = page.specific
        if not DirectivePage.can_create_at(page):
            raise CommandError(
                f"Trang #{page_id} “{page.title}” không chứa được văn bản chỉ đạo; "
                "hãy chọn trang danh sách văn bản."
            )
        return page

    def _user(self, username: str | None):
        if username is None:
            return None
        user = get_user_model().objects.filter(**{get_user_model().USERNAME_FIELD: username})
        user = user.first()
        if user is None or not user.is_active:
            raise CommandError(f"Không có người dùng đang hoạt động nào tên “{username}” (--user).")
        return user

    def _read_all(
        self, files: list[str], progress: tqdm, jobs: int
    ) -> Iterator[tuple[Path, bytes | ImportResult, ReadDocument | tuple[str, str] | None]]:
        """Each file's bytes (or why it cannot be read) and, with several files and jobs,
        its parsed document: extraction and parsing run in worker processes while the
        main process saves the previous files, in the files' order."""
        paths = [Path(name) for name in files]
        if jobs < 2 or len(paths) < 2:
            for path in paths:
                progress.update(1)
                yield path, self._read_bytes(path), None
            return
        window: deque = deque()  # (path, bytes or failure, future or None), in file order
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for path in paths:
                data = self._read_bytes(path)
                future = (
                    pool.submit(read_for_import, data, path.name)
                    if isinstance(data, bytes)
                    else None
                )
                window.append((path, data, future))
                if len(window) > READ_AHEAD:
                    yield self._ready(window.popleft(), progress)
            while window:
                yield self._ready(window.popleft(), progress)

    @staticmethod
    def _ready(item: tuple, progress: tqdm) -> tuple:
        path, data, future = item
        progress.update(1)
        return path, data, future.result() if future is not None else None

    def _read_bytes(self, path: Path) -> bytes | ImportResult:
        name = path.name or str(path)
        try:
            if not path.is_file():
                message = (
                    f"“{path}” là thư mục, không phải tệp."
                    if path.is_dir()
                    else f"Không tìm thấy tệp “{path}”."
                )
                logger.warning("%s: cannot import: no such file", path)
                return ImportResult(ImportStatus.FAILED, name, message_vi=message)
            # Refuse an oversized file before reading it into memory.
            check_size(path.stat().st_size, name)
            return path.read_bytes()
        except ImportFileError as error:
            logger.warning("%s: cannot import: %s", path, error.log_detail)
            return ImportResult(ImportStatus.FAILED, name, message_vi=error.message_vi)
        except OSError as error:
            logger.warning("%s: cannot read: %s", path, error)
            return ImportResult(
                ImportStatus.FAILED,
                name,
                message_vi=f"Không đọc được tệp “{path}”: {error.strerror}.",
            )

    def _import_chunk(
        self, chunk: list[tuple], parent: Page | None, publish: bool, dry_run: bool, user
    ) -> list[ImportResult]:
        """Import ``chunk`` in one transaction, its new pages written together; if that write
        fails, roll the chunk back and import its files one by one, so that only a file at
        fault fails. Reports each file, then flushes the batch's deferred work if due."""

        def one(path, data, document) -> ImportResult:
            return self._import_one(
                path, data, document, parent=parent, publish=publish, dry_run=dry_run, user=user
            )

        if len(chunk) < 2 or dry_run or not publish or parent is None:
            results = [one(*item) for item in chunk]
        else:
            stage = None
            try:
                with transaction.atomic(), staging(parent) as stage:
                    results = []
                    chunk = [
                        (path, data, read_for_import(data, path.name))
                        if document is None and isinstance(data, bytes)
                        else (path, data, document)
                        for path, data, document in chunk
                    ]
                    prefetch(
                        stage, [each for _, _, each in chunk if isinstance(each, ReadDocument)]
                    )
                    for path, data, document in chunk:
                        if isinstance(document, ReadDocument) and stage.holds_same_document(
                            document.record, document.text, document.fingerprint
                        ):
                            stage.write()  # a re-import of a staged page must find it
                        results.append(one(path, data, document))
                    stage.write()
            except Exception:  # noqa: BLE001 - the chunk is rolled back and done file by file
                logger.exception(
                    "import: %d file(s) could not be written together; rolled back, "
                    "importing them one by one",
                    len(chunk),
                )
                remove_files(stage.files if stage else [])
                forget_agencies()
                results = [one(*item) for item in chunk]
        for result in results:
            self._report(result)
        maybe_flush()
        return results

    def _import_one(
        self,
        path: Path,
        data: bytes | ImportResult,
        document: ReadDocument | tuple[str, str] | None,
        *,
        parent: Page | None,
        publish: bool,
        dry_run: bool,
        user=None,
    ) -> ImportResult:
        if isinstance(data, ImportResult):
            return data
        name = path.name or str(path)
        try:
            return import_document(
                data,
                name,
                parent=parent,
                publish=publish,
                dry_run=dry_run,
                user=user,
                document=document,
            )
        except Exception:  # noqa: BLE001 - one broken file must not stop the others
            logger.exception("%s: unexpected error while importing", path)
            return ImportResult(
                ImportStatus.FAILED,
                name,
                message_vi=f"Lỗi ngoài dự kiến khi nhập “{name}”; chưa có gì được lưu. "
                "Xem nhật ký máy chủ.",
            )

    def _report(self, result: ImportResult) -> None:
        if result.failed:
            tqdm.write(f"[lỗi] {result.source}: {result.message_vi}", file=TqdmStream(self.stderr))
            return
        if self.verbosity == 0:
            return
        label = STATUS_LABELS[result.status]
        if result.dry_run:
            label = f"sẽ {label}"
        where = f" → trang #{result.page.pk}" if result.page else ""
        lines = [f"[{label}] {result.source}{where}"]
        lines += [f"    ! {warning}" for warning in result.warnings]
        tqdm.write("\n".join(lines), file=TqdmStream(self.human))

    def _print_json(
        self, results: list[ImportResult], files: list[str], *, several: bool, dry_run: bool
    ) -> None:
        objects = []
        for result in results:
            if result.failed or result.record is None:
                continue
            data = result.record.to_dict()
            data["signatures"] = result.signatures
            if dry_run:
                data["text_source"] = result.text_source
            if not dry_run and result.page is not None:
                data["id"] = result.page.pk
                data["url"] = result.page.full_url
                data["status"] = result.status.value
            objects.append(data)
        if not several and not objects:
            return
        payload: Any = objects if several else objects[0]
        self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))

    def _summary(self, results: list[ImportResult], dry_run: bool) -> None:
        counts = Counter(result.status for result in results)
        warnings = sum(len(result.warnings) for result in results)
        parts = ", ".join(
            f"{counts[status]} {STATUS_LABELS[status]}"
            for status in (
                ImportStatus.CREATED,
                ImportStatus.UPDATED,
                ImportStatus.UNCHANGED,
                ImportStatus.FAILED,
            )
        )
        note = " (chạy thử: chưa lưu gì)" if dry_run else ""
        line = f"Tổng kết{note}: {len(results)} tệp — {parts}; {warnings} cảnh báo."
        style = self.style.ERROR if counts[ImportStatus.FAILED] else self.style.SUCCESS
        self.human.write(style(line))
