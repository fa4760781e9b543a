"""``manage.py import_plone PATH``: move a whole Plone site (either export format) into the
portal, each item in its own transaction, and say in Vietnamese what became of each."""

from __future__ import annotations

import json
import logging
import sys

from tqdm import tqdm

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from wagtail.models import Page, Site

from plone.importer import PloneImport
from plone.models import ImportRun
from plone.reading import ExportError, read_export

logger = logging.getLogger("plone.importer")


class Command(BaseCommand):
    help = (
        "Nhập toàn bộ một trang Plone từ thư mục xuất dữ liệu (plone.exportimport hoặc "
        "collective.exportimport): trang, tệp, ảnh, người dùng, nhóm, quyền và địa chỉ cũ. "
        "Chạy lại thì cập nhật, không tạo trùng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", metavar="PATH", help="Thư mục xuất dữ liệu của Plone.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ đọc và báo cáo, không ghi gì."
        )
        parser.add_argument("--json", action="store_true", help="In báo cáo dạng JSON.")
        parser.add_argument(
            "--parent",
            type=int,
            metavar="PAGE_ID",
            help="Trang nhận các thư mục gốc của Plone (mặc định: trang chủ của site mặc định).",
        )
        parser.add_argument(
            "--site-domain",
            action="append",
            default=None,
            metavar="DOMAIN",
            help="Tên miền cũ của trang Plone (lặp lại được); liên kết tuyệt đối tới đó thành "
            "liên kết nội bộ. Mặc định: PLONE_SITE_DOMAINS.",
        )

    def handle(self, *args, **options) -> None:
        try:
            export = read_export(options["path"])
        except ExportError as error:
            logger.error("import_plone: %s", error.log_detail)
            raise CommandError(error.message_vi) from error
        parent = self._parent(options["parent"])
        run = None
        if not options["dry_run"]:
            run = ImportRun.objects.create(
                source=str(export.root), export_format=export.format, dry_run=False
            )
        bar = tqdm(
            desc="Nhập từ Plone",
            unit=" mục",
            file=sys.stderr,
            disable=options["verbosity"] < 1 or not sys.stderr.isatty(),
        )
        importer = PloneImport(
            export,
            parent,
            dry_run=options["dry_run"],
            site_domains=set(options["site_domain"]) if options["site_domain"] else None,
            progress=bar.update,
        )
        try:
            report = importer.run()
        finally:
            bar.close()
        data = report.as_dict()
        if run is not None:
            run.finished_at = timezone.now()
            run.summary = report.summary_vi()
            run.report = data
            run.save()
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for problem in report.problems:
            where = problem["path"] or problem["uid"]
            self.stdout.write(
                f"  ! {where}: {problem['message']}" if where else f"  ! {problem['message']}"
            )
        if report.users:
            created = [u["username"] for u in report.users if u["status"] == "created"]
            if created:
                self.stdout.write(
                    "Tài khoản mới (không mang mật khẩu từ Plone), hãy gửi liên kết đặt lại "
                    f"mật khẩu: {', '.join(created)}"
                )
        self.stdout.write(report.summary_vi())

    def _parent(self, page_id: int | None) -> Page:
        if page_id is not None:
            page = Page.objects.filter(pk=page_id).first()
            if page is None:
                raise CommandError(f"Không có trang #{page_id} để đặt nội dung Plone vào.")
            return page.specific
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise CommandError("Chưa có site mặc định; hãy chỉ định --parent PAGE_ID.")
        return site.root_page.specific
