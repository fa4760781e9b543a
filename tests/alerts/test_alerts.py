"""E-mail alerts end to end over a real SMTP server on loopback (aiosmtpd): subscribe, confirm
by the link in the mail, receive the daily digest once, end it from the link in every mail;
no address on any page; tokens signed and expiring; the subscribe form rate-limited."""

import email
import re
import socket
from datetime import date, timedelta
from email import policy

import pytest
from aiosmtpd.controller import Controller

from django.core import signing
from django.core.management import call_command
from django.utils import timezone

from alerts.models import Delivery, Subscriber, Subscription
from tests.factories import make_agency, make_directive

pytestmark = pytest.mark.django_db

ADDRESS = "nguoi.dan@example.vn"


class Inbox:
    """What the SMTP server received, as parsed messages."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"

    def text(self, index=-1) -> str:
        return self.messages[index][1].get_body(("plain",)).get_content()

    def html(self, index=-1) -> str:
        return self.messages[index][1].get_body(("html",)).get_content()

    def link(self, word: str, index=-1) -> str:
        return next(
            url.removeprefix("http://testserver")
            for url in re.findall(r"http://testserver\S+", self.text(index))
            if word in url
        )


@pytest.fixture
def inbox(settings):
    handler = Inbox()
    with socket.socket() as probe:  # a free port (aiosmtpd checks its port by connecting)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield handler
    controller.stop()


def subscribe(client, params, address=ADDRESS, **extra):
    return client.post("/nhan-thu-bao/", {**params, "address": address}, **extra)


def confirm(client, inbox):
    link = inbox.link("/xac-nhan/")
    confirmed = Subscription.objects.filter(confirmed_at__isnull=False)
    before = confirmed.count()
    assert client.get(link).status_code == 200  # a mail scanner's visit confirms nothing
    assert confirmed.count() == before
    response = client.post(link)
    assert confirmed.count() == before + 1
    assert "Đã xác nhận" in response.content.decode()


def test_subscribe_confirm_digest_once_and_unsubscribe(client, site, inbox):
    """The whole path for a filtered directive list, with idempotent digests."""
    agency = make_agency()
    make_directive(number="1/UBND-VP", subject="V/v văn bản cũ", doc_type="ke-hoach")
    page = client.get("/nhan-thu-bao/", {"alert": "directives", "doc_type": "ke-hoach"})
    assert "Loại văn bản: Kế hoạch".lower() in page.content.decode().lower()

    response = subscribe(client, {"alert": "directives", "doc_type": "ke-hoach"})
    assert response.status_code == 200
    assert "kiểm tra hộp thư" in response.content.decode()
    assert ADDRESS not in response.content.decode()
    recipients, message = inbox.messages[0]
    assert recipients == [ADDRESS]
    assert str(message["Subject"]).strip().startswith("Xác nhận đăng ký nhận thư báo"), message[
        "Subject"
    ]
    assert "/huy/" in message["List-Unsubscribe"]
    assert "Xác nhận đăng ký" in inbox.html(0)

    call_command("send_alerts")
    assert len(inbox.messages) == 1  # nothing before confirmation

    confirm(client, inbox)
    make_directive(number="2/UBND-VP", subject="V/v kế hoạch mới", doc_type="ke-hoach")
    make_directive(number="3/UBND-VP", subject="V/v công văn mới", issuer=agency)
    make_directive(
        number="4/UBND-VP", subject="V/v kế hoạch nháp", doc_type="ke-hoach", publish=False
    )

    call_command("send_alerts")
    call_command("send_alerts")
    assert len(inbox.messages) == 2  # one digest, whatever the number of runs
    digest = inbox.text()
    assert "V/v kế hoạch mới" in digest
    assert "V/v văn bản cũ" not in digest  # published before the subscription
    assert "công văn mới" not in digest and "nháp" not in digest
    assert "<a href=" in inbox.html()
    assert Delivery.objects.count() == 1

    manage_link = inbox.link("/quan-ly/")
    manage_page = client.get(manage_link).content.decode()
    assert "Văn bản mới" in manage_page
    assert ADDRESS not in manage_page

    unsubscribe_link = inbox.link("/huy/")
    assert "Ngừng nhận" in client.get(unsubscribe_link).content.decode()
    assert client.post(unsubscribe_link).status_code == 200  # one click, no CSRF token
    assert not Subscription.objects.exists()
    make_directive(number="5/UBND-VP", subject="V/v kế hoạch sau khi hủy", doc_type="ke-hoach")
    call_command("send_alerts")
    assert len(inbox.messages) == 2


def test_agency_and_procedure_and_manage_all(client, site, inbox):
    """An agency's directives (issued or tasked), and ending everything from the manage link."""
    agency = make_agency("Sở Tài chính tỉnh Thử", "STC")
    subscribe(client, {"alert": "agency", "agency": agency.pk})
    confirm(client, inbox)
    subscribe(client, {"alert": "procedures"})
    confirm(client, inbox)
    make_directive(number="7/STC-KH", subject="V/v giao dự toán", issuer=agency)
    make_directive(
        number="8/UBND-VP", subject="V/v giao nhiệm vụ", tasks=[{"agency": agency, "text": "Làm"}]
    )
    call_command("send_alerts")
    digest = inbox.text()
    assert "giao dự toán" in digest and "giao nhiệm vụ" in digest

    client.post(inbox.link("/quan-ly/"), {"end": "all"})
    assert not Subscription.objects.exists()


def test_bad_input_is_vietnamese_and_changes_nothing(client, site, inbox):
    assert (
        "không hợp lệ"
        in subscribe(client, {"alert": "directives"}, address="khong-phai-thu").content.decode()
    )
    bad_filter = client.get("/nhan-thu-bao/", {"alert": "directives", "year": "năm nay"})
    assert bad_filter.status_code == 400
    assert "Năm ban hành" in bad_filter.content.decode()
    assert client.get("/nhan-thu-bao/", {"alert": "agency", "agency": "999999"}).status_code == 400
    assert client.get("/nhan-thu-bao/", {"alert": "lung-tung"}).status_code == 400
    assert not Subscriber.objects.exists()
    assert inbox.messages == []


def test_links_are_signed_and_confirmation_expires(client, site, inbox, settings):
    subscribe(client, {"alert": "procedures"})
    link = inbox.link("/xac-nhan/")
    forged = link.replace(link.split("/")[-2], signing.dumps(1, salt="other"))
    assert client.post(forged).status_code == 400
    settings.PORTAL_ALERTS_CONFIRM_MAX_AGE = -1
    response = client.post(link)
    assert response.status_code == 400
    assert "hết hạn" in response.content.decode()
    assert not Subscription.objects.filter(confirmed_at__isnull=False).exists()
    # Expired pending subscriptions are removed by the next run.
    Subscription.objects.update(created_at=timezone.now() - timedelta(days=30))
    Subscriber.objects.update(created_at=timezone.now() - timedelta(days=30))
    call_command("send_alerts")
    assert not Subscriber.objects.exists()


def test_subscribe_is_rate_limited(client, site, inbox, settings):
    settings.PORTAL_ALERTS_SUBSCRIBE_RATE = 2
    for year in ("2021", "2022"):
        assert subscribe(client, {"alert": "directives", "year": year}).status_code == 200
    response = subscribe(client, {"alert": "directives", "year": "2023"})
    assert response.status_code == 429
    assert "quá nhiều" in response.content.decode()
    assert Subscription.objects.count() == 2


def test_address_flood_and_repeat_send_one_confirmation_each(client, site, inbox, settings):
    """Pending subscriptions per address are capped, so the form cannot flood a mailbox."""
    settings.PORTAL_ALERTS_PENDING_LIMIT = 2
    for year in ("2020", "2021", "2022", "2023"):
        assert subscribe(client, {"alert": "directives", "year": year}).status_code == 200
    assert len(inbox.messages) == 2
    assert Subscriber.objects.count() == 1


def test_smtp_down_keeps_nothing(client, site, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    response = subscribe(client, {"alert": "procedures"})
    assert response.status_code == 503
    assert "chưa gửi được" in response.content.decode().lower()
    assert not Subscriber.objects.exists()


def test_search_subscription(client, site, inbox):
    response = subscribe(client, {"alert": "search", "q": "chuyen doi so"})
    assert response.status_code == 200, response.content.decode()
    confirm(client, inbox)
    make_directive(
        number="9/UBND-VP", subject="V/v chuyển đổi số cấp xã", issued_on=date(2025, 1, 2)
    )
    make_directive(number="10/UBND-VP", subject="V/v phòng cháy")
    call_command("send_alerts")
    assert "chuyển đổi số cấp xã" in inbox.text()
    assert "phòng cháy" not in inbox.text()


def test_procedure_changes_are_mailed_once_per_revision(client, site, inbox):
    """A procedure published, then revised: one mail each time, none for a repeated run."""
    from procedures.models import ProcedureIndexPage, ProcedurePage

    index = site.add_child(instance=ProcedureIndexPage(title="Thủ tục", slug="thu-tuc"))
    subscribe(client, {"alert": "procedures"})
    confirm(client, inbox)
    procedure = ProcedurePage(title="Cấp phép xây dựng", slug="cap-phep", code="1.000002")
    index.add_child(instance=procedure)
    procedure.save_revision().publish()
    call_command("send_alerts")
    call_command("send_alerts")
    assert len(inbox.messages) == 2
    assert "Cấp phép xây dựng" in inbox.text()

    procedure.fees = "Không thu phí"
    procedure.save_revision().publish()
    call_command("send_alerts")
    assert len(inbox.messages) == 3
    assert "Cấp phép xây dựng" in inbox.text()
