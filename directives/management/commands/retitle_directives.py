"""``manage.py retitle_directives [--apply]``: titles of directive pages written the old way
("Công văn 404/UBND-VP: ...") rewritten the one way the site names documents ("Công văn số
404/UBND-VP: ..."). Slugs stay, so no address changes. Dry run unless ``--apply``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from directives.models import DirectivePage
from directives.revising import retitle

from ._revise_report import report


class Command(BaseCommand):
    help = (
        "Viết lại tiêu đề văn bản theo một cách (\u201cCông văn số 404/UBND-VP: ...\u201d), giữ "
        "nguyên đường dẫn. Mặc định chỉ liệt kê; thêm --apply để ghi phiên bản mới."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--apply", action="store_true", help="Ghi thay đổi (mặc định: chạy thử)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        outcome = retitle(DirectivePage.objects.order_by("pk"), apply=options["apply"])
        report(self, outcome, apply=options["apply"], what="tiêu đề")
