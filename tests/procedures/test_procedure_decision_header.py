"""The procedure importer reads a decision's header through the shared reader (reading)."""

from procedures.parsing.decision import read_decision

# As crawls print it: the body and the motto broken over lines, bold marks on their own line.
HEADER = """**ỦY BAN NHÂN
DÂN**
**TỈNH HOA BAN**
--------
|
**CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số: 1234/QĐ-UBND
|
*Hoa Ban, ngày 05 tháng 3 năm 2025*

**QUYẾT ĐỊNH**
**Về việc công bố Danh mục thủ tục hành chính**
"""


def test_issuer_on_two_header_lines_is_one_body():
    """ "ỦY BAN NHÂN DÂN" over "TỈNH HOA BAN" is one issuer, written out in full."""
    decision = read_decision(HEADER + "\nĐiều 1. Công bố kèm theo Quyết định này.\n")
    assert decision.to_dict() == {
        "number": "1234/QĐ-UBND",
        "issued_on": "2025-03-05",
        "issuer": "Ủy ban nhân dân tỉnh Hoa Ban",
    }


def test_annex_note_gives_the_body_not_its_head():
    """A crawl without the header: the annex note's "của Chủ tịch UBND tỉnh" names the body."""
    text = (
        "DANH MỤC THỦ TỤC HÀNH CHÍNH\n"
        "(Kèm theo Quyết định số 77/QĐ-UBND ngày 02 tháng 4 năm 2024 của Chủ tịch UBND tỉnh "
        "Hoa Ban)\n| STT | Mã TTHC | Tên thủ tục |\n"
    )
    assert read_decision(text).to_dict() == {
        "number": "77/QĐ-UBND",
        "issued_on": "2024-04-02",
        "issuer": "Ủy ban nhân dân tỉnh Hoa Ban",
    }
