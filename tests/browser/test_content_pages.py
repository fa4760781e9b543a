"""A reader in Chromium goes from a section to a content page and an event; axe-core finds no
WCAG 2.2 AA violation on the general page types (section, content page, event, collection,
tag listing)."""

import shutil
from datetime import UTC, datetime

import pytest

from content.models import CollectionPage, ContentPage, EventPage, SectionPage
from tests.browser.test_accessibility import AXE
from tests.browser.test_browser import CHROMIUM, CHROMIUM_ARGS
from tests.factories import make_page, make_site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not shutil.which(CHROMIUM), reason=f"Chromium is not installed at {CHROMIUM}"
    ),
    pytest.mark.skipif(not AXE.is_file(), reason=f"axe-core is not at {AXE}"),
]

AXE_TAGS = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']"


@pytest.fixture
def pages(transactional_db):
    home = make_site()
    section = make_page(
        home, SectionPage, title="Giới thiệu", intro="<p>Về tỉnh.</p>", show_in_menus=True
    )
    content = make_page(
        section,
        ContentPage,
        title="Tổng quan",
        lead="Vị trí và dân số.",
        body="<h2>Vị trí</h2><p>Ven sông.</p>",
        tags=["giới thiệu"],
    )
    event = make_page(
        section,
        EventPage,
        title="Ngày Sách",
        start=datetime(2024, 4, 20, 17, tzinfo=UTC),
        end=datetime(2024, 4, 21, 16, 59, tzinfo=UTC),
        whole_day=True,
        recurrence="RRULE:FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=21",
        location="Thư viện tỉnh",
        contact_email="lienhe@example.org",
        tags=["giới thiệu"],
    )
    collection = make_page(
        section,
        CollectionPage,
        title="Tất cả trang",
        criteria={"path": section.pk, "types": ["content.ContentPage", "content.EventPage"]},
    )
    # URLs are read now: the ORM may not be called while playwright's event loop runs.
    return {
        "section": section.url,
        "content": content.url,
        "event": event.url,
        "collection": collection.url,
        "tag": "/chu-de/giới-thiệu/",
    }


def test_reader_opens_a_section_a_page_and_an_event_with_no_axe_violation(pages, live_server):
    from playwright.sync_api import sync_playwright

    script = AXE.read_text(encoding="utf-8")
    found, external = {}, []

    def audit(page, name):
        page.add_script_tag(content=script)
        result = page.evaluate(
            f"() => axe.run(document, {{runOnly: {{type: 'tag', values: {AXE_TAGS}}}}})"
        )
        violations = [f"{v['id']}: {v['help']}" for v in result["violations"]]
        if violations:
            found[name] = violations

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(locale="vi-VN", bypass_csp=True)
        page.on(
            "request",
            lambda request: (
                external.append(request.url)
                if not request.url.startswith(("http://localhost", "http://127.0.0.1", "data:"))
                else None
            ),
        )
        page.goto(live_server.url + pages["section"])
        assert page.locator("h1").inner_text() == "Giới thiệu"
        assert page.locator(".news-item__title a").all_inner_texts() == [
            "Tổng quan",
            "Ngày Sách",
            "Tất cả trang",
        ]
        audit(page, "section")
        page.get_by_role("link", name="Tổng quan").click()
        page.wait_for_load_state()
        assert page.url.endswith(pages["content"])
        assert page.locator(".news__lead").inner_text() == "Vị trí và dân số."
        audit(page, "content")
        page.goto(live_server.url + pages["section"])
        page.get_by_role("link", name="Ngày Sách").click()
        page.wait_for_load_state()
        facts = page.locator(".event__facts").inner_text()
        assert "Chủ nhật, ngày 21 tháng 4 năm 2024 (cả ngày)" in facts
        assert page.locator(".event__next li").count() == 5
        audit(page, "event")
        with page.expect_download() as download:
            page.get_by_role("link", name="Thêm vào lịch (tệp .ics)").click()
        assert download.value.suggested_filename.endswith(".ics")
        for name in ("collection", "tag"):
            page.goto(live_server.url + pages[name])
            assert page.locator("h1").count() == 1
            audit(page, name)
        page.set_viewport_size({"width": 390, "height": 844})
        for name in ("section", "event"):
            page.goto(live_server.url + pages[name])
            audit(page, f"{name} (phone)")
        browser.close()
    assert found == {}
    assert external == []
