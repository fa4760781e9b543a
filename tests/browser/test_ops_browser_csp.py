"""The Content-Security-Policy in a real browser: Debian's Chromium reports no violation on the
public pages (strict policy) nor in the Wagtail admin (its own, looser policy)."""

import shutil
from datetime import date

import pytest

from tests.browser.test_browser import CHROMIUM, CHROMIUM_ARGS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not shutil.which(CHROMIUM),
        reason=f"Chromium is not installed at {CHROMIUM} (apt-get install chromium; .ci/run does)",
    ),
]

PASSWORD = "mat-khau-trinh-duyet-2026"


@pytest.fixture
def pages(transactional_db):
    from django.contrib.auth import get_user_model

    from tests.factories import make_directive, make_news, make_site

    make_site()
    directive = make_directive(
        number="7/CT-UBND",
        subject="Chỉ thị về dịch vụ công trực tuyến",
        issued_on=date(2024, 4, 1),
        body="<p>Các cơ quan thực hiện dịch vụ công trực tuyến.</p>",
    )
    news = make_news(title="Tin dịch vụ công", target=directive, date=date(2024, 4, 2))
    get_user_model().objects.create_superuser("quantri", "qt@example.vn", PASSWORD)
    return {
        "public": [
            "/",
            directive.get_parent().url,
            directive.url,
            news.url,
            "/tim-kiem/?q=d%E1%BB%8Bch+v%E1%BB%A5",
            "/khong-co-trang-nay/",
        ],
        "edit": f"/admin/pages/{directive.pk}/edit/",
    }


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        context = instance.new_context(locale="vi-VN")
        page = context.new_page()
        violations = []
        page.on(
            "console",
            lambda message: (
                violations.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )
        page.violations = violations
        yield page
        instance.close()


def test_no_policy_violation_on_public_pages_or_in_the_admin(pages, live_server, browser):
    for url in pages["public"]:
        browser.goto(live_server.url + url)
        browser.wait_for_load_state("networkidle")
        assert browser.violations == [], url
    # The search box's suggestions are fetched by the site's own script (connect-src 'self').
    browser.goto(live_server.url + "/")
    browser.fill("#site-search-q", "dịch v")
    browser.wait_for_timeout(800)
    assert browser.violations == []

    browser.goto(live_server.url + "/admin/login/")
    browser.fill("input[name=username]", "quantri")
    browser.fill("input[name=password]", PASSWORD)
    browser.locator("form button[type=submit], form input[type=submit]").first.click()
    browser.wait_for_load_state("networkidle")
    assert "/admin/login/" not in browser.url
    for url in ["/admin/", "/admin/pages/", pages["edit"]]:
        browser.goto(live_server.url + url)
        browser.wait_for_load_state("networkidle")
        assert browser.violations == [], url
