import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Tạo tài khoản quản trị 'admin' nếu chưa có tài khoản nào và in thông tin đăng nhập "
        "(chỉ dùng cho máy phát triển)."
    )

    def handle(self, *args, **options):
        login_file = Path(settings.BASE_DIR) / ".admin-login"
        users = get_user_model().objects
        if not users.filter(is_superuser=True).exists():
            password = secrets.token_urlsafe(12)
            users.create_superuser("admin", "admin@example.invalid", password)
            login_file.write_text(f"admin {password}\n", encoding="utf-8")
            login_file.chmod(0o600)
        if login_file.exists():
            username, password = login_file.read_text(encoding="utf-8").split()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Đăng nhập quản trị: http://127.0.0.1:{options.get('port') or 8000}/admin/ "
                    f"— tài khoản: {username} — mật khẩu: {password}"
                )
            )
        else:
            self.stdout.write("Đã có tài khoản quản trị (tạo bằng tay); dùng tài khoản đó.")

    def add_arguments(self, parser):
        parser.add_argument("--port", default=None)
