"""A reader's visit in a real browser: Debian's Chromium driven by playwright.

Playwright never downloads a browser here; it drives /usr/bin/chromium. Where that is absent
the tests skip and say so; CI installs it (.ci/run).
"""

import os
import shutil
from datetime import date

import pytest

from tests.factories import make_directive, make_news, make_site

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not shutil.which(CHROMIUM),
        reason=f"Chromium is not installed at {CHROMIUM} (apt-get install chromium; .ci/run does)",
    ),
]

# Chromium in a sandboxed, offline machine: no background traffic, no GPU.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def sample_pages(transactional_db):
    make_site()
    cited = make_directive(
        number="5436/UBND-VP",
        subject="V/v thực hiện thủ tục hành chính nội bộ trực tuyến",
        issued_on=date(2022, 5, 16),
        signer_name="Trần Văn Tuấn",
        body="<p>Kể từ ngày 20/5/2022, các thủ tục hành chính nội bộ thực hiện trực tuyến.</p>",
    )
    citing = make_directive(
        number="3009/UBND-VP",
        subject="V/v triển khai Công văn 5436/UBND-VP",
        issued_on=date(2022, 5, 18),
        body="<p>Thực hiện Công văn số 5436/UBND-VP ngày 16/5/2022 của UBND tỉnh.</p>",
        references=[
            {"doc_type": "Công văn", "number": "5436/UBND-VP", "cited_on": date(2022, 5, 16)}
        ],
    )
    news = make_news(
        title="Từ 20/5, thủ tục nội bộ phải nộp trực tuyến",
        lead="UBND tỉnh yêu cầu nộp hồ sơ trực tuyến.",
        target=cited,
        date=date(2022, 5, 19),
    )
    # URLs are read now: the ORM may not be called while playwright's event loop runs.
    return {"cited": cited.url, "citing": citing.url, "news": news.url}


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        external = []
        page.on(
            "request",
            lambda request: (
                external.append(request.url)
                if not request.url.startswith(("http://localhost", "http://127.0.0.1", "data:"))
                else None
            ),
        )
        page.external_requests = external
        yield page
        browser.close()


def test_reader_finds_a_directive_from_the_home_page(sample_pages, live_server, browser_page):
    """The home page lists the newest directive; following it shows its properties and a
    body whose cited number links to the cited document."""
    page = browser_page
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("h1").count() == 1
    page.get_by_role("link", name="Công văn số 3009/UBND-VP").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "V/v triển khai Công văn 5436/UBND-VP"
    properties = page.locator(".doc-properties")
    assert "18/05/2022" in properties.inner_text()
    page.locator(".document__body a.citation").click()
    page.wait_for_load_state()
    assert page.url.rstrip("/").endswith(sample_pages["cited"].rstrip("/"))
    assert "Trần Văn Tuấn" in page.locator(".doc-properties").inner_text()
    cited_by = page.locator("section", has=page.locator("#citedby-title"))
    assert "3009/UBND-VP" in cited_by.inner_text()
    assert page.external_requests == []


def test_skip_link_is_first_and_focus_is_visible(sample_pages, live_server, browser_page):
    """Tab once: the skip link appears with a visible outline; Enter moves to the content."""
    page = browser_page
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => { const e = document.activeElement; const s = getComputedStyle(e);"
        " const r = e.getBoundingClientRect();"
        " return {text: e.textContent.trim(), outline: s.outlineStyle, top: r.top}; }"
    )
    assert focused["text"] == "Bỏ qua, đến nội dung chính"
    assert focused["outline"] != "none" and focused["top"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_news_reader_changes_font_size_and_is_counted(sample_pages, live_server, browser_page):
    """A+ enlarges the text and is remembered; the read counter counts the visit."""
    page = browser_page
    with page.expect_request_finished(lambda request: "/tin-tuc/doc/" in request.url):
        page.goto(live_server.url + sample_pages["news"])
    assert page.locator("h1").inner_text() == "Từ 20/5, thủ tục nội bộ phải nộp trực tuyến"
    assert "Nguồn:" in page.locator(".news__source").inner_text()

    def body_size() -> float:
        return page.evaluate(
            "() => parseFloat(getComputedStyle(document.querySelector('.news__body')).fontSize)"
        )

    before = body_size()
    page.get_by_role("button", name="A+ (tăng cỡ chữ)").click()
    assert body_size() > before
    page.reload()
    assert body_size() > before
    page.get_by_role("button", name="A (cỡ chữ mặc định)").click()
    assert body_size() == before
    # Every load sent a beacon; the counter takes one per reader, so the figure is 1.
    page.goto(live_server.url + sample_pages["news"])
    assert page.locator(".news__reads").inner_text() == "1"


def test_print_view_hides_the_site_chrome(sample_pages, live_server, browser_page):
    """In print, the navigation, search and reading tools disappear; the document stays."""
    page = browser_page
    page.goto(live_server.url + sample_pages["cited"])
    assert not page.locator(".print-header").is_visible()
    page.emulate_media(media="print")
    # On paper: whose page it is and the day it was printed.
    assert "In ngày" in page.locator(".print-header").inner_text()
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".reading-tools").is_visible()
    assert page.locator("article.document").is_visible()
