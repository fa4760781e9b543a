"""Password guessing: the admin login (django-axes) and the password form of protected pages
lock a client out after a few wrong passwords, refuse even the right one while locked, and lift
the lock after the cool-off."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.models import PageViewRestriction

from home import throttle
from tests.factories import make_news, make_site

pytestmark = pytest.mark.django_db

ADMIN_PASSWORD = "mat-khau-dung-2026"
LOGIN_URL = "/admin/login/"


@pytest.fixture
def admin_user():
    return get_user_model().objects.create_superuser("quantri", "qt@example.vn", ADMIN_PASSWORD)


def login(client, password, ip="10.0.0.7"):
    return client.post(LOGIN_URL, {"username": "quantri", "password": password}, REMOTE_ADDR=ip)


def test_admin_login_locks_after_the_failure_limit_even_for_the_right_password(client, admin_user):
    """Wrong passwords up to the limit, then the right one: refused with the Vietnamese lock-out
    page (429), and no session is opened."""
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        response = login(client, f"sai-{attempt}")
        assert response.status_code in (200, 429)
    response = login(client, ADMIN_PASSWORD)
    assert response.status_code == 429
    body = response.content.decode()
    assert "Tạm khóa do nhập sai mật khẩu nhiều lần" in body
    assert f"{settings.AXES_COOLOFF_TIME.seconds // 60} phút" in body
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302  # still sent to the login page


def test_admin_lock_is_per_username_and_address(client, admin_user):
    """The lock is for this username from this address: the same account from another
    address still logs in (a guesser cannot lock the real administrator out)."""
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, f"sai-{attempt}", ip="10.0.0.7")
    assert login(client, ADMIN_PASSWORD, ip="10.0.0.7").status_code == 429
    response = login(client, ADMIN_PASSWORD, ip="10.0.0.8")
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_admin_lock_lifts_after_the_cool_off(client, admin_user):
    """Once the failures are older than the cool-off the right password logs in again."""
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, f"sai-{attempt}")
    assert login(client, ADMIN_PASSWORD).status_code == 429
    assert AccessAttempt.objects.exists()
    # The failures happened a cool-off and a minute ago (the database row is the clock axes reads).
    past = settings.AXES_COOLOFF_TIME + timedelta(minutes=1)
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= past
        attempt.save(update_fields=["attempt_time"])
    response = login(client, ADMIN_PASSWORD)
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_admin_right_password_before_the_limit_resets_the_count(client, admin_user):
    """A right password before the limit clears the failures (AXES_RESET_ON_SUCCESS)."""
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, f"sai-{attempt}")
    assert login(client, ADMIN_PASSWORD).status_code == 302
    client.logout()
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, f"sai-lan-hai-{attempt}")
    assert login(client, ADMIN_PASSWORD).status_code == 302


@pytest.fixture
def protected_page():
    make_site()
    page = make_news(title="Tin nội bộ có mật khẩu")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau-trang"
    )
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.id, page.id])
    return page, url


def guess(client, url, password, ip="10.0.0.9"):
    return client.post(url, {"password": password, "return_url": "/"}, REMOTE_ADDR=ip)


def test_page_password_locks_after_the_failure_limit(client, protected_page):
    """N wrong page passwords, then the right one: the lock-out page, and the page stays
    closed to this client."""
    page, url = protected_page
    for attempt in range(settings.PORTAL_PAGE_PASSWORD_FAILURE_LIMIT):
        assert guess(client, url, f"sai-{attempt}").status_code == 200  # the form again
    response = guess(client, url, "mat-khau-trang")
    assert response.status_code == 429
    assert "Tạm khóa do nhập sai mật khẩu nhiều lần" in response.content.decode()
    assert client.get(page.url).status_code == 200
    assert "Tin nội bộ có mật khẩu" not in client.get(page.url).content.decode().split("<h1")[-1]
    # Another client, or another page, is not affected.
    assert guess(client, url, "mat-khau-trang", ip="10.0.0.10").status_code == 302


def test_page_password_lock_lifts_after_the_cool_off(client, protected_page, monkeypatch):
    """After the cool-off the right password opens the page again."""
    page, url = protected_page
    for attempt in range(settings.PORTAL_PAGE_PASSWORD_FAILURE_LIMIT):
        guess(client, url, f"sai-{attempt}")
    assert guess(client, url, "mat-khau-trang").status_code == 429
    later = throttle._now() + settings.PORTAL_PAGE_PASSWORD_COOLOFF.total_seconds() + 1
    monkeypatch.setattr(throttle, "_now", lambda: later)
    response = guess(client, url, "mat-khau-trang")
    assert response.status_code == 302
    assert "Tin nội bộ có mật khẩu" in client.get(page.url).content.decode()


def test_page_password_right_answer_resets_the_count(client, protected_page):
    page, url = protected_page
    for attempt in range(settings.PORTAL_PAGE_PASSWORD_FAILURE_LIMIT - 1):
        guess(client, url, f"sai-{attempt}")
    assert guess(client, url, "mat-khau-trang").status_code == 302
    for attempt in range(settings.PORTAL_PAGE_PASSWORD_FAILURE_LIMIT - 1):
        guess(client, url, f"sai-lan-hai-{attempt}")
    assert guess(client, url, "mat-khau-trang").status_code == 302


@pytest.mark.parametrize(
    ("remote", "forwarded", "proxies", "expected"),
    [
        ("10.0.0.1", "", 0, "10.0.0.1"),
        ("10.0.0.1", "203.0.113.5", 0, "10.0.0.1"),  # no proxy trusted: the header is ignored
        ("127.0.0.1", "203.0.113.5", 1, "203.0.113.5"),
        ("127.0.0.1", "198.51.100.1, 203.0.113.5", 1, "203.0.113.5"),  # a forged first hop
        ("127.0.0.1", "198.51.100.1, 203.0.113.5", 2, "198.51.100.1"),
        ("127.0.0.1", "203.0.113.5", 2, "127.0.0.1"),  # too few hops: the socket's address
        ("127.0.0.1", "not-an-address", 1, "127.0.0.1"),
        ("127.0.0.1", "2001:db8::1", 1, "2001:db8::1"),
    ],
)
def test_client_ip_behind_proxies(remote, forwarded, proxies, expected):
    assert throttle.client_ip_from(remote, forwarded, proxies) == expected


def test_locked_rule():
    assert not throttle.locked(4, 100.0, 101.0, limit=5, cooloff=60)
    assert throttle.locked(5, 100.0, 101.0, limit=5, cooloff=60)
    assert not throttle.locked(5, 100.0, 160.0, limit=5, cooloff=60)
