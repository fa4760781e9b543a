"""Kinds of citation the directive reader must read in any document (directive-record.md
`references`): each test is one kind, written with invented numbers."""

from directives.parsing.references import find_references


def refs(*paragraphs: str, own: str | None = None) -> list[tuple[str, str, str | None]]:
    found, _warnings = find_references(list(paragraphs), own)
    return [(r.doc_type, r.number, r.date) for r in found]


def test_law_named_by_its_title_before_the_number():
    """ "Luật <title> số N" is a Luật, even when "pháp luật" or "văn bản" sit in the title."""
    assert refs(
        "Căn cứ Luật Tổ chức chính quyền địa phương số 12/2025/QH15; Căn cứ Luật Ban hành "
        "văn bản quy phạm pháp luật số 34/2025/QH15 được sửa đổi, bổ sung bởi Luật số "
        "56/2025/QH15;"
    ) == [
        ("Luật", "12/2025/QH15", None),
        ("Luật", "34/2025/QH15", None),
        ("Luật", "56/2025/QH15", None),
    ]


def test_kind_word_of_another_clause_is_not_taken():
    """A kind named before a ";" belongs to another citation."""
    assert refs("Căn cứ Nghị quyết của Hội đồng nhân dân; Công ty có đề nghị số 7/ABC-XY") == [
        ("Văn bản", "7/ABC-XY", None)
    ]


def test_hyphenated_running_number_and_party_numbers():
    assert refs(
        "Trả lời công văn số 25-2303/ABCD-KD của Công ty; thực hiện Kết luận số 123-KL/TW "
        "ngày 5/3/2025 và Nghị quyết số 57-NQ/TW"
    ) == [
        ("Công văn", "25-2303/ABCD-KD", None),
        ("Kết luận", "123-KL/TW", "2025-03-05"),
        ("Nghị quyết", "57-NQ/TW", None),
    ]


def test_enumeration_takes_the_kind_of_its_head():
    assert refs(
        "Căn cứ các Quyết định số 12/UBND-VP ngày 1/2/2025, số 13/UBND-VP và số 14/UBND-VP "
        "ngày 3/2/2025 của Ủy ban nhân dân tỉnh"
    ) == [
        ("Quyết định", "12/UBND-VP", "2025-02-01"),
        ("Quyết định", "13/UBND-VP", None),
        ("Quyết định", "14/UBND-VP", "2025-02-03"),
    ]


def test_number_and_long_date_cut_over_heading_lines():
    """Headings in capitals stay separate paragraphs; a citation cut across them is joined."""
    assert refs(
        "SỬA ĐỔI QUY ĐỊNH BAN HÀNH KÈM THEO QUYẾT ĐỊNH SỐ 52/2024/QĐ-",
        "UBND NGÀY 30 THÁNG 10",
        "NĂM 2024 CỦA ỦY BAN NHÂN DÂN TỈNH",
    ) == [("Quyết định", "52/2024/QĐ-UBND", "2024-10-30")]


def test_decree_with_long_date_and_stray_space():
    assert refs(
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ; Quyết "
        "định số 1234/QĐ- UBND ngày 14 tháng 11 năm 2025"
    ) == [
        ("Nghị định", "30/2020/NĐ-CP", "2020-03-05"),
        ("Quyết định", "1234/QĐ-UBND", "2025-11-14"),
    ]


def test_same_number_cited_twice_takes_the_later_date_once():
    assert refs(
        "Bộ đã có Văn bản số 375/ABC-TC về việc này.",
        "(Xin gửi kèm theo Công văn số 375/ABC-TC ngày 10/01/2025)",
    ) == [("Văn bản", "375/ABC-TC", "2025-01-10")]


def test_outer_kind_and_form_numbers():
    """ "Thông báo kết luận số" is a Thông báo; "mẫu số 01/TK" numbers a form, not a document."""
    assert refs(
        "các Thông báo kết luận số 49/TB-VPCP ngày 07 tháng 02 năm 2024 và số 160/TB-VPCP; "
        "kê khai theo mẫu số 03/TNDN ban hành kèm Thông tư số 80/2021/TT-BTC"
    ) == [
        ("Thông báo", "49/TB-VPCP", "2024-02-07"),
        ("Thông báo", "160/TB-VPCP", None),
        ("Thông tư", "80/2021/TT-BTC", None),
    ]


def test_own_number_is_never_a_reference():
    assert refs("Kèm theo Quyết định số 9/2025/QĐ-UBND ngày 1/1/2025", own="9/2025/QĐ-UBND") == []
