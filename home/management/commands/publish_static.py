"""Write the site as files for nginx (home/static_publish.py)."""

from django.core.management.base import BaseCommand, CommandError

from home.static_publish import Publisher


class Command(BaseCommand):
    help = (
        "Ghi mọi trang công khai đang xuất bản thành tệp DIR/<địa chỉ>/index.html (kèm nguồn tin, "
        "sơ đồ trang, robots.txt) để nginx phục vụ; xóa tệp của trang không còn công khai."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="Thư mục đích, ví dụ /srv/portal/static-site")

    def handle(self, *args, folder, **options):
        try:
            written, removed = Publisher(folder).publish_all()
        except OSError as error:
            raise CommandError(f"Không ghi được vào thư mục {folder}: {error}") from error
        self.stdout.write(f"Đã ghi {written} tệp, xóa {removed} tệp cũ vào {folder}.")
