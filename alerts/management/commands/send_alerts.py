from django.core.management.base import BaseCommand, CommandError

from alerts.digest import send_all


class Command(BaseCommand):
    help = (
        "Gửi thư báo hằng ngày: mỗi đăng ký đã xác nhận nhận một thư liệt kê các trang mới "
        "chưa từng gửi. Chạy lại không gửi trùng; đăng ký chưa xác nhận quá hạn bị xóa."
    )

    def handle(self, *args, **options):
        outcome = send_all()
        self.stdout.write(
            f"Đã gửi {outcome.sent} thư; {outcome.failed} thư lỗi; "
            f"xóa {outcome.expired} đăng ký chưa xác nhận đã quá hạn."
        )
        if outcome.failed:
            raise CommandError(
                "Một số thư chưa gửi được (sẽ gửi lại ở lần chạy sau): " + ", ".join(outcome.errors)
            )
