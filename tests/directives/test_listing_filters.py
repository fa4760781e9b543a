"""The directive list's keyword, date range, lĩnh vực and validity filters: they narrow the
list, keep every option with its count, read dd/mm/yyyy, drop an unreadable date with a
Vietnamese message, and keep filtered pages out of search engines."""

from datetime import date

import pytest
from bs4 import BeautifulSoup

from directives.models import DirectivePage
from tests.factories import make_directive


@pytest.fixture
def listing(site):
    rows = [
        (
            "1836/UBND-VP",
            "V/v cấp giấy phép xây dựng nhà ở",
            date(2022, 5, 20),
            "Xây dựng",
            "con-hieu-luc",
        ),
        (
            "12/QĐ-UBND",
            "Ban hành quy chế cải cách hành chính",
            date(2023, 1, 10),
            "Cải cách hành chính",
            "het-hieu-luc-toan-bo",
        ),
        (
            "90/KH-UBND",
            "Kế hoạch chuyển đổi số năm 2024",
            date(2024, 2, 1),
            "Chuyển đổi số",
            "con-hieu-luc",
        ),
        (
            "7/CV-SXD",
            "V/v giấy phép xây dựng có thời hạn",
            date(2024, 6, 30),
            "Xây dựng",
            "con-hieu-luc",
        ),
    ]
    return {
        number: make_directive(
            number=number, subject=subject, issued_on=day, field=field, validity=validity
        )
        for number, subject, day, field, validity in rows
    }


def read(client, query: str) -> BeautifulSoup:
    response = client.get(f"/van-ban/?{query}")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def listed(page: BeautifulSoup) -> set[str]:
    text = page.select_one(".results").get_text(" ", strip=True)
    return {
        number
        for number in ("1836/UBND-VP", "12/QĐ-UBND", "90/KH-UBND", "7/CV-SXD")
        if number in text
    }


def menu(page: BeautifulSoup, name: str) -> list[tuple[str, bool]]:
    return [
        (" ".join(option.get_text().split()), option.has_attr("selected"))
        for option in page.select_one(f"select[name={name}]").select("option")
        if option["value"]
    ]


def test_keyword_matches_number_and_subject_with_or_without_accents(client, listing):
    assert listed(read(client, "q=giấy+phép+xây+dựng")) == {"1836/UBND-VP", "7/CV-SXD"}
    assert listed(read(client, "q=giay+phep+co+thoi+han")) == {"7/CV-SXD"}
    assert listed(read(client, "q=1836")) == {"1836/UBND-VP"}
    # Whole words: "phe" is not "phép".
    assert listed(read(client, "q=phe")) == set()


def test_date_range_reads_day_month_year(client, listing):
    page = read(client, "tu_ngay=01/01/2023&den_ngay=01/02/2024")
    assert listed(page) == {"12/QĐ-UBND", "90/KH-UBND"}
    assert page.select_one("#f-tu_ngay")["value"] == "01/01/2023"
    assert listed(read(client, "tu_ngay=2024-06-30")) == {"7/CV-SXD"}


def test_an_unreadable_date_is_dropped_with_a_message(client, listing):
    page = read(client, "tu_ngay=31/02/2024")
    assert "Bộ lọc “Từ ngày” không hợp lệ nên đã được bỏ qua." in page.get_text()
    assert len(listed(page)) == 4


def test_field_and_validity_menus_keep_every_option_with_counts(client, listing):
    page = read(client, "field=Xây+dựng")
    assert listed(page) == {"1836/UBND-VP", "7/CV-SXD"}
    assert menu(page, "field") == [
        ("Cải cách hành chính (1)", False),
        ("Chuyển đổi số (1)", False),
        ("Xây dựng (2)", True),
    ]
    assert menu(page, "validity") == [("Còn hiệu lực (2)", False)]
    page = read(client, "validity=het-hieu-luc-toan-bo")
    assert listed(page) == {"12/QĐ-UBND"}
    assert menu(page, "validity") == [
        ("Còn hiệu lực (3)", False),
        ("Hết hiệu lực toàn bộ (1)", True),
    ]


def test_filtered_pages_are_noindex_and_the_filters_sit_in_the_details_box(client, listing):
    plain = read(client, "")
    assert plain.find("meta", attrs={"name": "robots"}) is None
    box = plain.select_one("details.filters__panel form")
    for name in ("q", "tu_ngay", "den_ngay", "field", "validity"):
        control = box.select_one(f"[name={name}]")
        assert box.select_one(f"label[for={control['id']}]") is not None
    for query in ("q=so", "tu_ngay=01/01/2023", "field=Xây+dựng", "validity=con-hieu-luc"):
        robots = read(client, query).find("meta", attrs={"name": "robots"})
        assert robots["content"] == "noindex, follow"


def test_the_keyword_text_follows_edits(site):
    page = make_directive(number="5/TB-UBND", subject="Thông báo lịch tiếp dân")
    assert " lich tiep dan " in DirectivePage.objects.get(pk=page.pk).search_text
