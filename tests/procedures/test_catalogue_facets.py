"""The catalogue's filter menus: a chosen value keeps every other option with its count (each
menu is counted under the other filters only), fields and agencies in Vietnamese order."""

import pytest
from bs4 import BeautifulSoup

from procedures.vocabulary import OnlineLevel
from tests.factories import catalogue, make_agency, make_procedure


@pytest.fixture
def index(site):
    index = catalogue(site)
    office = make_agency("Văn phòng đăng ký đất đai thử nghiệm")
    bureau = make_agency("Sở Công thương thử nghiệm")
    for code, field, agency, province, citizens, online in [
        ("T-1", "Đất đai", office, True, True, OnlineLevel.FULL),
        ("T-2", "Đất đai", office, False, True, OnlineLevel.PARTIAL),
        ("T-3", "Công thương", bureau, True, False, OnlineLevel.FULL),
        ("T-4", "An toàn thực phẩm", bureau, True, True, OnlineLevel.NONE),
        ("T-5", "Ưu đãi đầu tư", bureau, False, False, OnlineLevel.NONE),
    ]:
        make_procedure(
            index,
            code,
            field=field,
            agency=agency,
            level_province=province,
            level_district=not province,
            for_citizens=citizens,
            online_level=online,
        )
    return index


def options(client, index, query: str, name: str) -> list[str]:
    """The labels of the ``name`` menu, without its "Tất cả"; the chosen one marked with *."""
    response = client.get(f"{index.url}?{query}")
    assert response.status_code == 200
    menu = BeautifulSoup(response.content, "html.parser").select_one(f"select[name={name}]")
    return [
        " ".join(option.get_text().split()) + (" *" if option.has_attr("selected") else "")
        for option in menu.select("option")
        if option["value"]
    ]


def test_fields_in_vietnamese_order_and_a_choice_keeps_them_all(client, index):
    everything = ["An toàn thực phẩm (1)", "Công thương (1)", "Đất đai (2)", "Ưu đãi đầu tư (1)"]
    assert options(client, index, "", "field") == everything
    assert options(client, index, "field=Đất đai", "field") == [
        "An toàn thực phẩm (1)",
        "Công thương (1)",
        "Đất đai (2) *",
        "Ưu đãi đầu tư (1)",
    ]


def test_other_menus_count_within_the_choice(client, index):
    assert options(client, index, "field=Đất đai", "agency") == [
        "Văn phòng đăng ký đất đai thử nghiệm (2)"
    ]
    assert options(client, index, "field=Đất đai", "online_level") == [
        "Toàn trình (1)",
        "Một phần (1)",
        "Chưa trực tuyến (0)",
    ]


def test_level_and_audience_menus_carry_counts_and_keep_their_options(client, index):
    levels = options(client, index, "level=tinh&audience=citizen", "level")
    assert levels[:2] == ["Cấp tỉnh (2) *", "Cấp huyện (1)"]
    audiences = options(client, index, "level=tinh&audience=citizen", "audience")
    assert audiences[0] == "Công dân (2) *"
    assert audiences[1] == "Doanh nghiệp, tổ chức (0)"


def test_a_search_keeps_the_other_fields_it_matches(client, index):
    # The text matches every procedure; choosing a field still offers the others.
    assert options(client, index, "q=thử nghiệm&field=Công thương", "field") == [
        "An toàn thực phẩm (1)",
        "Công thương (1) *",
        "Đất đai (2)",
        "Ưu đãi đầu tư (1)",
    ]
