"""In a real browser: an editor imports a procedure list from the admin (upload, preview,
import), a reader filters the directive list on a phone from the keyboard, and the procedure
page with its steps and forms and the filtered list pass axe with a visible focus."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from tests import paths
from tests.browser.test_browser import CHROMIUM, CHROMIUM_ARGS
from tests.browser.test_mobile import PHONE, focus_style, tab_to
from tests.factories import catalogue, make_directive, make_procedure, make_site

PASSWORD = "mat-khau-thu-nghiem-9"
AXE = Path(os.environ.get("AXE_JS", paths.ROOT / ".cache/node/node_modules/axe-core/axe.min.js"))
CSV = (
    "Mã thủ tục,Tên thủ tục,Lĩnh vực,Cấp thực hiện,Cơ quan thực hiện,Mức độ DVCTT\n"
    "1.000901,Cấp giấy phép xây dựng nhà ở riêng lẻ,Xây dựng,Cấp huyện,UBND cấp huyện,toàn trình\n"
    ",Dòng thiếu mã,Xây dựng,Cấp huyện,UBND cấp huyện,một phần\n"
    "1.000902,Gia hạn giấy phép xây dựng,Xây dựng,Cấp huyện,UBND cấp huyện,một phần\n"
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason=f"Chromium is not at {CHROMIUM}"),
]


@pytest.fixture
def site_with_lists(transactional_db):
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model

    from procedures.models import ProcedureForm, ProcedureStep

    home = make_site()
    get_user_model().objects.create_superuser("bientap", "bt@example.vn", PASSWORD)
    for n, (subject, field, validity) in enumerate(
        [
            ("V/v cấp giấy phép xây dựng", "Xây dựng", "con-hieu-luc"),
            ("V/v cải cách hành chính năm 2023", "Cải cách hành chính", "het-hieu-luc-toan-bo"),
            ("V/v chuyển đổi số", "Chuyển đổi số", "con-hieu-luc"),
        ]
    ):
        make_directive(
            number=f"{200 + n}/UBND-VP",
            subject=subject,
            field=field,
            validity=validity,
            issued_on=date(2022 + n, 3, 1),
        )
    index = catalogue(home)
    procedure = make_procedure(index, "1.000900", title="Cấp phép thử nghiệm", publish=False)
    procedure.filing_place = "Bộ phận Một cửa, số 1 đường Thử"
    procedure.steps.add(ProcedureStep(text="Nộp hồ sơ."))
    procedure.steps.add(ProcedureStep(text="Nhận kết quả."))
    document = get_document_model()(title="Tờ khai thử nghiệm")
    document.file.save("to-khai.docx", ContentFile(b"PK\x03\x04"))
    procedure.forms.add(ProcedureForm(document=document))
    procedure.save_revision().publish()
    # URLs are read now: the ORM may not be called while playwright's event loop runs.
    return {"procedure": procedure.url, "index": index.pk}


@pytest.fixture
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def test_an_editor_imports_a_list_after_seeing_its_rows(
    site_with_lists, chromium, live_server, tmp_path
):
    upload = tmp_path / "danh-muc.csv"
    upload.write_text(CSV, encoding="utf-8")
    page = chromium.new_context(locale="vi-VN").new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "bientap")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_load_state()

    page.get_by_role("link", name="Nhập danh mục thủ tục").click()
    page.wait_for_load_state()
    page.set_input_files("input[name=file]", str(upload))
    page.get_by_role("button", name="Đọc danh mục").click()
    page.wait_for_load_state()
    rows = page.locator(".procedure-import-preview tbody tr")
    assert rows.count() == 3
    assert "Không có mã thủ tục" in rows.nth(1).inner_text()
    assert "Thêm mới" in rows.nth(0).inner_text()

    page.get_by_role("button", name="Nhập 2 thủ tục").click()
    page.wait_for_load_state()
    assert "2 thủ tục mới, 0 cập nhật" in page.content()
    page.goto(live_server.url + "/thu-tuc/?q=gia+han")
    assert "Gia hạn giấy phép xây dựng" in page.locator("main").inner_text()


def test_a_reader_filters_the_directive_list_on_a_phone(site_with_lists, chromium, live_server):
    phone = chromium.new_context(locale="vi-VN", viewport=PHONE, is_mobile=True).new_page()
    phone.goto(live_server.url + "/van-ban/")
    tab_to(phone, lambda focused: focused["tag"] == "SUMMARY")
    phone.keyboard.press("Enter")
    keyword = tab_to(phone, lambda focused: focused["name"] == "q")
    assert keyword["outline"] != "none" and keyword["width"] >= 2
    phone.keyboard.type("giay phep")
    start = tab_to(phone, lambda focused: focused["name"] == "tu_ngay")
    assert start["outline"] != "none"
    phone.keyboard.type("01/01/2022")
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    results = phone.locator(".results").inner_text()
    assert "200/UBND-VP" in results and "201/UBND-VP" not in results
    assert phone.locator("meta[name=robots]").get_attribute("content") == "noindex, follow"
    # The lĩnh vực menu is counted under the other filters.
    phone.locator(".filters summary").click()
    options = phone.locator("select[name=field] option").all_inner_texts()
    assert [" ".join(o.split()) for o in options] == ["Tất cả", "Xây dựng (1)"]
    phone.goto(live_server.url + "/van-ban/")
    phone.locator(".filters summary").click()
    phone.select_option("select[name=validity]", "het-hieu-luc-toan-bo")
    with phone.expect_navigation():
        phone.locator(".filters button[type=submit]").click()
    results = phone.locator(".results").inner_text()
    assert "201/UBND-VP" in results and "200/UBND-VP" not in results
    assert focus_style(phone)["tag"]


@pytest.mark.skipif(not AXE.is_file(), reason=f"axe-core is not at {AXE}")
@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 720}, PHONE], ids=["wide", "phone"])
def test_the_new_parts_have_no_axe_violations(site_with_lists, chromium, live_server, viewport):
    script = AXE.read_text(encoding="utf-8")
    page = chromium.new_page(locale="vi-VN", bypass_csp=True, viewport=viewport)
    found = {}
    for url in (
        site_with_lists["procedure"],
        "/van-ban/?q=giay&tu_ngay=01/01/2022&field=X%C3%A2y+d%E1%BB%B1ng",
        "/van-ban/?tu_ngay=31/02/2024",
        "/tim-kiem/",
        "/tim-kiem/?q=zzqxw",
    ):
        page.goto(live_server.url + url)
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        page.add_script_tag(content=script)
        result = page.evaluate(
            "() => axe.run(document, {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
        )
        violations = [f"{v['id']}: {v['help']}" for v in result["violations"]]
        if violations:
            found[url] = violations
    assert found == {}
