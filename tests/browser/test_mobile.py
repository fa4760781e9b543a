"""A reader on a phone (390×844): the first result is on the first screen, one search box is
visible, and the filters open from one button that the keyboard can reach and use."""

from datetime import date

import pytest

from procedures.vocabulary import OnlineLevel
from tests.browser.test_browser import CHROMIUM, CHROMIUM_ARGS, pytestmark  # noqa: F401
from tests.factories import catalogue, make_agency, make_directive, make_procedure, make_site

PHONE = {"width": 390, "height": 844}
LONG_INTRO = (
    "<p>Tra cứu thủ tục hành chính, lọc theo lĩnh vực, cơ quan, cấp thực hiện, đối tượng và "
    "mức độ trực tuyến, xem thủ tục nào bắt buộc nộp trực tuyến, từ ngày nào, theo văn bản "
    "nào, và tải danh sách về.</p>"
)


@pytest.fixture
def lists(transactional_db):
    home = make_site()
    agencies = [make_agency(f"Sở thử nghiệm số {n}") for n in range(1, 6)]
    types = ["cong-van", "quyet-dinh", "ke-hoach", "chi-thi", "thong-bao"]
    for n in range(30):
        make_directive(
            number=f"{100 + n}/UBND-VP",
            subject=f"V/v kế hoạch thử nghiệm số {n} về cải cách hành chính",
            doc_type=types[n % len(types)],
            issuer=agencies[n % len(agencies)],
            issued_on=date(2020 + n % 6, 1 + n % 12, 1 + n % 28),
            signer_name=f"Người ký thử {n % 7}",
        )
    index = catalogue(home)
    index.intro = LONG_INTRO
    index.save_revision().publish()
    for n in range(30):
        make_procedure(
            index,
            f"9.{n:06d}",
            title=f"Cấp giấy phép thử nghiệm số {n}",
            field=f"Lĩnh vực thử {n % 6}",
            agency=agencies[n % len(agencies)],
            level_province=n % 2 == 0,
            for_citizens=n % 3 == 0,
            online_level=OnlineLevel.FULL if n % 2 else OnlineLevel.NONE,
        )
    # URLs are read now: the ORM may not be called while playwright's event loop runs.
    return {
        "directives": ("/van-ban/", ".results .doc-item"),
        "procedures": (index.url, ".results .procedure-item"),
        "search": ("/tim-kiem/?q=k%E1%BA%BF+ho%E1%BA%A1ch", ".search-results .search-result"),
    }


@pytest.fixture
def phone():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(locale="vi-VN", viewport=PHONE, is_mobile=True)
        yield context.new_page()
        browser.close()


@pytest.mark.parametrize("which", ["directives", "procedures", "search"])
def test_first_result_is_on_the_first_screen_with_one_search_box(lists, live_server, phone, which):
    url, result = lists[which]
    phone.goto(live_server.url + url)
    first = phone.locator(result).first.bounding_box()
    assert first is not None, f"no result on {url}"
    assert first["y"] + min(first["height"], 60) <= PHONE["height"], first
    visible_boxes = [box for box in phone.locator("input[type=search]").all() if box.is_visible()]
    assert len(visible_boxes) == 1
    # The filters are folded: their menus are not shown until the reader asks.
    assert phone.locator(".filters summary").is_visible()
    assert not phone.locator(".filters select").first.is_visible()


def focus_style(page) -> dict:
    return page.evaluate(
        "() => { const e = document.activeElement; const s = getComputedStyle(e);"
        " return {tag: e.tagName, name: e.name || '', outline: s.outlineStyle,"
        " width: parseFloat(s.outlineWidth)}; }"
    )


def tab_to(page, test, limit: int = 40) -> dict:
    """Press Tab until the focused element passes ``test``; its style, focus visible."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = focus_style(page)
        if test(focused):
            return focused
    raise AssertionError(f"Tab never reached the element ({limit} presses)")


def test_filters_open_from_the_keyboard_and_keep_every_option(lists, live_server, phone):
    url, _ = lists["directives"]
    phone.goto(live_server.url + url)
    summary = tab_to(phone, lambda focused: focused["tag"] == "SUMMARY")
    assert summary["outline"] != "none" and summary["width"] >= 2
    phone.keyboard.press("Enter")
    menu = phone.locator("select[name=doc_type]")
    assert menu.is_visible()
    tab_to(phone, lambda focused: focused["name"] == "doc_type")
    phone.keyboard.press("ArrowDown")  # the first type after "Tất cả"
    chosen = menu.input_value()
    assert chosen
    with phone.expect_navigation():
        tab_to(phone, lambda focused: focused["tag"] == "BUTTON" and not focused["name"])
        phone.keyboard.press("Enter")
    assert f"doc_type={chosen}" in phone.url
    assert "(đang lọc)" in phone.locator(".filters summary").inner_text()
    # Every type is still offered after choosing one.
    values = phone.locator("select[name=doc_type] option").evaluate_all(
        "options => options.map(o => o.value).filter(Boolean)"
    )
    assert len(values) == 5 and chosen in values


def test_filters_stay_open_beside_the_results_on_a_wide_screen(lists, live_server, phone):
    phone.set_viewport_size({"width": 1280, "height": 900})
    phone.goto(live_server.url + lists["procedures"][0])
    assert phone.locator("select[name=field]").is_visible()
    assert phone.locator(".filters input[name=q]").is_visible()
