"""Suggestions read the text as the search does, titles starting with it first, and the
search page's examples come from the site's own content."""

from datetime import date

import pytest
from bs4 import BeautifulSoup

from search.service import suggest
from search.suggestions import readings, subject_starts_with
from tests.factories import make_directive, make_news

pytestmark = pytest.mark.django_db


def labels(text: str) -> list[str]:
    return [item.label for item in suggest(text)]


@pytest.fixture
def content(site):
    pages = {
        "news": [
            make_news(title=f"Huyện {i} triển khai kế hoạch năm {2020 + i}") for i in range(6)
        ],
        "khai": make_directive(
            title="Khai thác dữ liệu dân cư phục vụ thủ tục",
            number="77/KH-UBND",
            subject="Khai thác dữ liệu dân cư",
            doc_type="ke-hoach",
            issued_on=date(2023, 1, 5),
        ),
        "vv": make_directive(
            title="V/v khai báo thông tin đất đai 1836/UBND-VP",
            number="1836/UBND-VP",
            subject="V/v khai báo thông tin đất đai",
            issued_on=date(2024, 3, 1),
        ),
        "dvc": make_directive(
            title="Đẩy mạnh dịch vụ công trực tuyến toàn trình",
            number="12/CT-UBND",
            subject="Đẩy mạnh dịch vụ công trực tuyến",
            doc_type="chi-thi",
            issued_on=date(2022, 6, 1),
        ),
        "ubnd": make_directive(
            title="Quy chế làm việc của UBND tỉnh",
            number="45/QĐ-UBND",
            subject="Quy chế làm việc",
            doc_type="quyet-dinh",
            issued_on=date(2021, 2, 1),
        ),
        "gpxd": make_news(title="Rút ngắn thời gian cấp giấy phép xây dựng"),
    }
    return pages


def test_titles_starting_with_the_word_come_before_news_containing_it(content):
    found = labels("khai")
    assert len(found) >= 2
    assert found[0].endswith("Khai thác dữ liệu dân cư phục vụ thủ tục")
    assert "khai báo thông tin đất đai" in found[1]
    assert all("triển khai" in label for label in found[2:])


@pytest.mark.parametrize(
    ("typed", "key"),
    [("cv 1836", "vv"), ("CV1836", "vv"), ("dvc", "dvc"), ("uy ban", "ubnd"), ("GPXD", "gpxd")],
)
def test_what_search_understands_gets_suggestions(content, typed, key):
    found = suggest(typed)
    assert found, typed
    assert found[0].url == content[key].url


def test_the_api_gives_the_same_suggestions(client, content):
    data = client.get("/api/v1/search/suggest", {"q": "CV1836"}).json()
    assert data["suggestions"][0]["url"].endswith(content["vv"].url)


def test_readings_and_subject_starts():
    assert ("dich", "vu", "cong") in readings("dvc")
    assert ("ubnd",) in readings("uy ban")
    assert subject_starts_with("V/v khai báo thông tin", ("khai",))
    assert subject_starts_with("1836/UBND-VP – Khai báo", ("khai", "ba"))
    assert not subject_starts_with("Huyện triển khai kế hoạch", ("khai",))


def test_the_search_page_examples_come_from_the_site(client, content):
    page = BeautifulSoup(client.get("/tim-kiem/").content, "html.parser")
    hints = page.select_one(".search-hints").get_text(" ", strip=True)
    assert "1836/UBND-VP" in hints
    assert "5436" not in hints
    empty = BeautifulSoup(client.get("/tim-kiem/", {"q": "zzqxw"}).content, "html.parser")
    text = empty.select_one(".search-empty").get_text(" ", strip=True)
    assert "“1836/UBND-VP”, “1836 ubnd vp” hoặc “số 1836”" in text
    assert "5436" not in text
