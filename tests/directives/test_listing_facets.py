"""The directive list's filter menus: a chosen value keeps every other option with its count,
so a reader switches from one type to another without resetting; options in Vietnamese order."""

from datetime import date

import pytest
from bs4 import BeautifulSoup

from tests.factories import make_agency, make_directive
from vntext.collation import sort_key


@pytest.fixture
def listing(site):
    city = make_agency("Ủy ban nhân dân thành phố Thử")
    office = make_agency("Văn phòng Ủy ban nhân dân tỉnh Thử")
    bureau = make_agency("Sở Đất đai thử nghiệm")
    for doc_type, issuer, year, signer in [
        ("cong-van", city, 2023, "Đỗ Văn Ánh"),
        ("cong-van", city, 2024, "Đỗ Văn Ánh"),
        ("cong-van", office, 2024, "Bùi Thị Ơn"),
        ("quyet-dinh", office, 2024, "Bùi Thị Ơn"),
        ("quyet-dinh", bureau, 2022, "Chu Văn Dũng"),
        ("chi-thi", bureau, 2024, "Ưng Văn An"),
    ]:
        make_directive(
            doc_type=doc_type, issuer=issuer, issued_on=date(year, 3, 1), signer_name=signer
        )
    return {"city": city, "office": office, "bureau": bureau}


def options(client, query: str, name: str) -> list[tuple[str, bool]]:
    """The (label, selected) pairs of the ``name`` menu, without its "Tất cả"."""
    response = client.get(f"/van-ban/?{query}")
    assert response.status_code == 200
    menu = BeautifulSoup(response.content, "html.parser").select_one(f"select[name={name}]")
    return [
        (" ".join(option.get_text().split()), option.has_attr("selected"))
        for option in menu.select("option")
        if option["value"]
    ]


def test_a_chosen_type_keeps_every_other_type_with_its_count(client, listing):
    chosen = options(client, "doc_type=cong-van", "doc_type")
    assert chosen == [
        ("Chỉ thị (1)", False),
        ("Công văn (3)", True),
        ("Quyết định (2)", False),
    ]


def test_other_menus_count_within_the_chosen_type(client, listing):
    issuers = [label for label, _ in options(client, "doc_type=cong-van", "issuer")]
    assert issuers == [
        "Ủy ban nhân dân thành phố Thử (2)",
        "Văn phòng Ủy ban nhân dân tỉnh Thử (1)",
    ]


def test_each_menu_ignores_only_its_own_choice(client, listing):
    query = f"doc_type=quyet-dinh&issuer={listing['office'].pk}"
    assert [label for label, _ in options(client, query, "doc_type")] == [
        "Công văn (1)",
        "Quyết định (1)",
    ]
    assert [label for label, _ in options(client, query, "issuer")] == [
        "Sở Đất đai thử nghiệm (1)",
        "Văn phòng Ủy ban nhân dân tỉnh Thử (1)",
    ]


def test_options_are_in_vietnamese_alphabetical_order(client, listing):
    signers = [label.rsplit(" (", 1)[0] for label, _ in options(client, "", "signer")]
    # Code-point order would put "Ưng" before "Đỗ" and "Đỗ" last of the Latin letters.
    assert signers == ["Bùi Thị Ơn", "Chu Văn Dũng", "Đỗ Văn Ánh", "Ưng Văn An"]
    issuers = [label.rsplit(" (", 1)[0] for label, _ in options(client, "", "issuer")]
    assert issuers == sorted(issuers, key=sort_key)
    assert issuers[0] == "Sở Đất đai thử nghiệm"


def test_years_run_newest_first_and_keep_their_siblings(client, listing):
    assert options(client, "year=2022", "year") == [
        ("2024 (4)", False),
        ("2023 (1)", False),
        ("2022 (1)", True),
    ]


def test_an_invalid_choice_is_dropped_and_every_option_stays(client, listing):
    assert [label for label, _ in options(client, "year=abc", "doc_type")] == [
        "Chỉ thị (1)",
        "Công văn (3)",
        "Quyết định (2)",
    ]
