from django.core.management.base import BaseCommand

from home.sample.loader import load_sample_site


class Command(BaseCommand):
    help = "Tải trang mẫu (dữ liệu mẫu do dự án soạn). Chạy lại không tạo trùng."

    def handle(self, *args, **options):
        created = load_sample_site()
        if any(created.values()):
            summary = ", ".join(f"{kind}: {n}" for kind, n in created.items())
            self.stdout.write(self.style.SUCCESS(f"Đã tạo dữ liệu mẫu ({summary})."))
        else:
            self.stdout.write("Dữ liệu mẫu đã có; không thay đổi gì.")
