"""``manage.py rebuild_bodies [--apply]``: the body of every imported directive read again
from its stored original, as the importer now builds it (the document from after the
recipients to before the signature, parts as headings, lists and tables). Lists what would
change; ``--apply`` writes it on a new revision of each page (published if live)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from directives.models import DirectivePage
from directives.revising import rebuild_bodies

from ._revise_report import report


class Command(BaseCommand):
    help = (
        "Dựng lại nội dung các văn bản đã nhập từ tệp gốc đã lưu. Mặc định chỉ liệt kê "
        "(chạy thử); thêm --apply để ghi phiên bản mới."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--apply", action="store_true", help="Ghi thay đổi (mặc định: chạy thử)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        pages = DirectivePage.objects.filter(attachments__isnull=False).distinct().order_by("pk")
        outcome = rebuild_bodies(pages, apply=options["apply"])
        report(self, outcome, apply=options["apply"], what="nội dung")
