"""``manage.py search_index --rebuild``: index every searchable page again."""

from __future__ import annotations

import logging
import time
from typing import Any

from tqdm import tqdm

from django.core.management.base import BaseCommand, CommandError

from search.service import get_engine

logger = logging.getLogger("search")


class Command(BaseCommand):
    help = "Xây dựng lại chỉ mục tìm kiếm (rebuild the portal's search index)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--rebuild", action="store_true", help="Xóa và lập lại toàn bộ chỉ mục."
        )
        parser.add_argument("--engine", help="Tên bộ máy tìm kiếm (mặc định theo cấu hình).")
        parser.add_argument(
            "--no-progress", action="store_true", help="Không hiện thanh tiến trình."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["rebuild"]:
            raise CommandError("Hãy dùng --rebuild để lập lại chỉ mục tìm kiếm.")
        engine = get_engine(options.get("engine"))
        started = time.perf_counter()
        bar = tqdm(
            total=0,
            unit="trang",
            desc=f"Chỉ mục ({engine.name})",
            disable=options["no_progress"] or options["verbosity"] == 0,
        )

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        try:
            count = engine.rebuild(progress=progress)
        finally:
            bar.close()
        seconds = time.perf_counter() - started
        logger.info("search: rebuilt %s index, %d pages in %.1f s", engine.name, count, seconds)
        self.stdout.write(
            self.style.SUCCESS(f"Đã lập chỉ mục {count} trang trong {seconds:.1f} giây.")
        )
