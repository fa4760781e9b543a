"""``manage.py extract_text FILE``: the text of a file exactly as the importer reads it.

When a record comes out wrong, the first question is whether the text was wrong: this prints
the text the parser is given, and says on stderr whether it came from the text layer or from
OCR, which pages were read by OCR and how long each took.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from directives.parsing.errors import ImportFileError
from directives.parsing.files import OCR, extract_path

logger = logging.getLogger("directives.importing")

SOURCE_LABELS = {OCR: "nhận dạng chữ (OCR)"}


class Command(BaseCommand):
    help = "In nội dung chữ của một tệp như khi nhập, và cho biết lấy từ lớp văn bản hay OCR."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=".txt, .md, .docx, .pdf, .png, .jpg hoặc .tif")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp “{path}”.")

        def progress(done: int, total: int) -> None:
            self.stderr.write(f"OCR: {done}/{total} trang")

        try:
            extracted = extract_path(path, progress=progress)
        except ImportFileError as error:
            logger.warning("%s: cannot extract: %s", path, error.log_detail)
            raise CommandError(error.message_vi) from error
        self.stdout.write(extracted.text)
        label = SOURCE_LABELS.get(extracted.source, "lớp văn bản")
        self.stderr.write(f"Nguồn: {label} [text_source: {extracted.source}]")
        if extracted.source == OCR:
            timings = ", ".join(
                f"trang {page}: {seconds:.1f} s"
                for page, seconds in zip(extracted.ocr_pages, extracted.ocr_seconds, strict=True)
            )
            self.stderr.write(f"Trang đọc bằng OCR: {timings}")
        for warning in extracted.warnings:
            self.stderr.write(f"! {warning}")
