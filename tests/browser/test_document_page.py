"""An imported decision (a Word file with an annex table) read in a browser, wide and on a phone: the table of contents is a
labelled navigation whose links reach the articles, the annex table is a real table that
scrolls on its own on a phone and takes the keyboard focus, the body does not repeat the
header or the signature, and axe-core finds nothing."""

from __future__ import annotations

import pytest

from directives.parsing import extract_text, parse
from tests.browser.test_accessibility import AXE
from tests.browser.test_browser import CHROMIUM, CHROMIUM_ARGS, pytestmark  # noqa: F401
from tests.directives.test_document_body import make_decision_docx
from tests.factories import make_directive, make_site


@pytest.fixture
def decision_url(transactional_db):
    make_site()
    record = parse(extract_text(make_decision_docx(), "qd-15.docx").text)
    page = make_directive(
        number=record.number,
        doc_type="quyet-dinh",
        subject=record.subject,
        body=record.body_html,
        signer_name=record.signer_name,
        distribution="\n".join(record.distribution),
    )
    return page.url


@pytest.mark.parametrize(
    "viewport",
    [{"width": 1280, "height": 720}, {"width": 390, "height": 844}],
    ids=["wide", "phone"],
)
def test_document_page_reads_as_a_structured_document(decision_url, live_server, viewport):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(locale="vi-VN", bypass_csp=True, viewport=viewport)
        page.goto(live_server.url + decision_url)

        toc = page.get_by_role("navigation", name="Mục lục")
        assert toc.is_visible()
        toc.get_by_role("link", name="Điều 3.").click()
        article = page.locator("#dieu-3")
        box = article.bounding_box()
        assert box is not None and 0 <= box["y"] < viewport["height"]
        assert page.evaluate("location.hash") == "#dieu-3"

        body = page.locator(".document__body")
        text = body.inner_text()
        assert "Nơi nhận" not in text and "CỘNG HÒA" not in text
        assert body.locator("table th").first.is_visible()

        # The annex table's region takes the keyboard focus, with a visible outline.
        region = body.locator(".table-scroll").first
        region.focus()
        outline = region.evaluate("el => getComputedStyle(el).outlineStyle")
        assert outline != "none"
        if viewport["width"] < 500:
            # On a phone the table scrolls inside its region, not the page.
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]

        if AXE.is_file():
            page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
            result = page.evaluate(
                "() => axe.run(document, {runOnly: {type: 'tag', values: "
                "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
            )
            assert [f"{v['id']}: {v['help']}" for v in result["violations"]] == []
        browser.close()
