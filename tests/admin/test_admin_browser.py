"""The admin in Debian's Chromium: what its scripts draw (the sidebar, the page editor's
menus, the comments and minimap) shows no English msgid of Wagtail's catalogues either."""

import shutil

import pytest

from tests.admin.test_admin_pages import english_strings
from tests.browser.test_browser import CHROMIUM, CHROMIUM_ARGS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not shutil.which(CHROMIUM),
        reason=f"Chromium is not installed at {CHROMIUM} (apt-get install chromium; .ci/run does)",
    ),
]

PASSWORD = "mat-khau-quan-tri-2026"
# Visible text and the labels screen readers read, as the browser lays the page out.
VISIBLE_STRINGS = """() => {
    const strings = document.body.innerText.split("\\n");
    for (const element of document.querySelectorAll("[aria-label], [placeholder], [title]")) {
        if (element.closest("[hidden]")) continue;
        for (const name of ["aria-label", "placeholder", "title"]) {
            const value = element.getAttribute(name);
            if (value) strings.push(value);
        }
    }
    return strings.map((s) => s.trim()).filter(Boolean);
}"""


@pytest.fixture
def pages(transactional_db):
    from django.contrib.auth import get_user_model

    from tests.factories import make_directive, make_site

    home = make_site()
    directive = make_directive(title="Quyết định thử nghiệm trình duyệt")
    get_user_model().objects.create_superuser("quantri", "qt@example.vn", PASSWORD)
    return ["/admin/", f"/admin/pages/{home.pk}/", f"/admin/pages/{directive.pk}/edit/"]


def test_admin_scripts_show_no_english(pages, live_server):
    from playwright.sync_api import sync_playwright

    english = english_strings(("django", "djangojs"))
    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_context(locale="vi-VN").new_page()
        page.goto(live_server.url + "/admin/login/")
        page.fill("input[name=username]", "quantri")
        page.fill("input[name=password]", PASSWORD)
        page.locator("form button[type=submit]").first.click()
        page.wait_for_load_state("networkidle")
        assert "/admin/login/" not in page.url
        for url in pages:
            page.goto(live_server.url + url)
            page.wait_for_load_state("networkidle")
            strings = set(page.evaluate(VISIBLE_STRINGS))
            # The sidebar, drawn by script, is there and in Vietnamese.
            assert "Trang" in strings, url
            left = sorted(strings & english)
            if left:
                found[url] = left
        browser.close()
    assert not found, found
