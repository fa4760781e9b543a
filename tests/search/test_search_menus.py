"""The search page's filter menus: a chosen value keeps every other option with its count (each
menu is counted under the other filters only); names in Vietnamese alphabetical order."""

from datetime import date

import pytest
from bs4 import BeautifulSoup

from tests.factories import make_agency, make_directive, make_news


@pytest.fixture
def found(site):
    east = make_agency("Ủy ban nhân dân huyện Thử Đông")
    bureau = make_agency("Sở Đất đai thử nghiệm")
    for doc_type, issuer, signer in [
        ("cong-van", east, "Ưng Văn An"),
        ("cong-van", bureau, "Bùi Thị Ơn"),
        ("quyet-dinh", east, "Đỗ Văn Ánh"),
        ("ke-hoach", bureau, "Bùi Thị Ơn"),
    ]:
        make_directive(
            subject="V/v chuyển đổi số thử nghiệm",
            doc_type=doc_type,
            issuer=issuer,
            issued_on=date(2024, 4, 1),
            signer_name=signer,
        )
    make_news(title="Tin chuyển đổi số thử nghiệm", date=date(2024, 4, 2))


def menu(client, query: str, name: str) -> list[str]:
    response = client.get(f"/tim-kiem/?q=chuyen+doi+so&{query}")
    assert response.status_code == 200
    select = BeautifulSoup(response.content, "html.parser").select_one(f"select[name={name}]")
    return [
        " ".join(option.get_text().split()) + (" *" if option.has_attr("selected") else "")
        for option in select.select("option")
        if option["value"]
    ]


def test_a_chosen_type_keeps_the_other_types(client, found):
    assert menu(client, "doc_type=cong-van", "doc_type") == [
        "Công văn (2) *",
        "Kế hoạch (1)",
        "Quyết định (1)",
    ]


def test_a_chosen_kind_keeps_the_other_kinds(client, found):
    kinds = menu(client, "kind=news", "kind")
    assert "Tin tức (1) *" in kinds
    assert any(label.startswith("Văn bản (4)") for label in kinds)


def test_names_in_vietnamese_order_counted_within_the_other_choices(client, found):
    assert menu(client, "doc_type=cong-van", "signer") == ["Bùi Thị Ơn (1)", "Ưng Văn An (1)"]
    assert menu(client, "", "issuer") == [
        "Sở Đất đai thử nghiệm (2)",
        "Ủy ban nhân dân huyện Thử Đông (2)",
    ]
