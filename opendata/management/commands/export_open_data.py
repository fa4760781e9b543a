from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from opendata.export import OpenDataError, export, output_dir


class Command(BaseCommand):
    help = (
        "Xuất mọi văn bản, tin tức và thủ tục hành chính đang công khai ra JSON Lines và CSV, "
        "kèm từ điển dữ liệu và tệp kiểm tra SHA-256, vào THƯ_MỤC/current. Lỗi giữa chừng: "
        "bộ tệp cũ được giữ nguyên."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "directory",
            nargs="?",
            type=Path,
            help="Thư mục dữ liệu mở (mặc định: PORTAL_OPEN_DATA_DIR).",
        )

    def handle(self, *args, directory=None, **options):
        try:
            written = export(directory or output_dir())
        except OpenDataError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(
                f"Không ghi được dữ liệu mở ({error}); bộ tệp đang công bố được giữ nguyên."
            ) from error
        counts = ", ".join(f"{name}: {n}" for name, n in written.counts.items())
        self.stdout.write(
            self.style.SUCCESS(f"Đã xuất dữ liệu mở vào {written.folder} ({counts}).")
        )
