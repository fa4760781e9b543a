"""Forget every kept page (home/pagecache.py): run it after deploying new code or templates."""

from django.core.management.base import BaseCommand

from home import pagecache


class Command(BaseCommand):
    help = "Bỏ mọi trang đã lưu trong bộ nhớ đệm (chạy sau khi triển khai mã hoặc giao diện mới)."

    def handle(self, *args, **options):
        pagecache.bump()
        self.stdout.write("Đã bỏ mọi trang trong bộ nhớ đệm.")
