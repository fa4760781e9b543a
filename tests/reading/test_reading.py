"""The shared reader (``reading``) and the directive parser on the kinds of text that broke it.

Each test is a small invented document showing one kind of failure seen on unseen documents:
types outside the first vocabulary, Party numbers, dotted or wrapped symbols, PDF text with a
broken type line and subject, a place broken over lines, an authority line with a comma, a
distribution list whose last items were lost or merged, crawl markup that wraps inside a word
group, a header missing altogether. No text is copied from a real document.
"""

from __future__ import annotations

import pytest

from directives.parsing import parse
from directives.vocabulary import DocumentType, document_type_from_label
from reading import clean_lines, read_header
from reading.agencies import abbreviate, expand_abbreviations
from reading.doctypes import type_from_title
from reading.vocabulary import is_province, is_signing_title, province_at_end

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"


def letter(header: str, title: str, signature: str, distribution: str | None = None) -> str:
    """An invented document: ``header`` (left column, number, date), ``title``, a short body,
    the distribution list and ``signature``."""
    distribution = distribution or "- Như trên;\n- Lưu: VT."
    return f"""{header}

{title}

Kính gửi: Các sở, ban, ngành.

Đề nghị các cơ quan, đơn vị khẩn trương thực hiện.
Giao Sở Tài chính tổng hợp, báo cáo./.

Nơi nhận:
{distribution}

{signature}
"""


HEADER = f"""ỦY BAN NHÂN DÂN
TỈNH SÔNG LAM

{MOTTO}

Số: 215/UBND-KT

Sông Lam, ngày 3 tháng 4 năm 2025"""
SIGNATURE = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Văn Bình"


# Types outside the first vocabulary ------------------------------------------------------


@pytest.mark.parametrize(
    ("title_word", "symbol", "kind"),
    [
        ("NGHỊ QUYẾT", "NQ-HĐND", "Nghị quyết"),
        ("CÔNG ĐIỆN", "CĐ-UBND", "Công điện"),
        ("THÔNG TƯ", "TT-BTC", "Thông tư"),
        ("KẾT LUẬN", "KL-TU", "Kết luận"),
        ("NGHỊ ĐỊNH", "NĐ-CP", "Nghị định"),
    ],
)
def test_every_type_of_the_decree_gives_type_number_and_date(title_word, symbol, kind):
    """A title word outside the first vocabulary still gives the type, number and date."""
    header = HEADER.replace("215/UBND-KT", f"41/{symbol}")
    record = parse(letter(header, f"{title_word}\nVỀ VIỆC TĂNG CƯỜNG PHÒNG CHỐNG LŨ", SIGNATURE))
    assert (record.doc_type, record.number, record.issued_on) == (
        kind,
        f"41/{symbol}",
        "2025-04-03",
    )
    assert record.subject == "Về việc tăng cường phòng chống lũ"


def test_every_parsed_type_has_a_model_choice():
    """Each type the reader can return is a choice of the page model, not "Văn bản khác"."""
    for kind in ("Nghị quyết", "Công điện", "Thông tư", "Kết luận", "Nghị định", "Quy định"):
        assert document_type_from_label(kind) != DocumentType.KHAC, kind
        assert type_from_title(kind.upper()) == kind


# Numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "number"),
    [
        ("Số 27-KL/TW", "27-KL/TW"),
        ("Số: 31- NQ/TU", "31-NQ/TU"),
        ("Số: 9120/VPCP-V.I", "9120/VPCP-V.I"),
        ("Số: 77/BC-SYT.NV", "77/BC-SYT.NV"),
        ("Số: 4821/QĐ-\nUBND", "4821/QĐ-UBND"),
        ("Số:\n16/2025/QĐ-UBND", "16/2025/QĐ-UBND"),
    ],
)
def test_number_with_hyphen_dotted_or_wrapped_symbol_is_whole(printed, number):
    """Party numbers keep their hyphen; dotted and wrapped symbols are read whole."""
    record = parse(letter(HEADER.replace("Số: 215/UBND-KT", printed), "V/v rà soát", SIGNATURE))
    assert record.number == number


def test_header_api_reads_a_decision_header():
    """``reading.read_header`` gives the procedure importer the header of a decision."""
    text = HEADER.replace("215/UBND-KT", "88/QĐ-UBND") + "\n\nQUYẾT ĐỊNH\nVỀ VIỆC CÔNG BỐ DANH MỤC"
    header = read_header(clean_lines(text))
    assert (header.doc_type, header.number, header.issuer) == (
        "Quyết định",
        "88/QĐ-UBND",
        "Ủy ban nhân dân tỉnh Sông Lam",
    )
    assert header.issued is not None and header.issued.iso == "2025-04-03"
    assert header.subject == "VỀ VIỆC CÔNG BỐ DANH MỤC"


# Date line and place ---------------------------------------------------------------------


def test_date_line_without_comma_is_read():
    """ "Sông Lam ngày 3 tháng 4 năm 2025", the comma left out, still dates the document."""
    record = parse(letter(HEADER.replace("Sông Lam,", "Sông Lam"), "V/v rà soát", SIGNATURE))
    assert (record.place, record.issued_on) == ("Sông Lam", "2025-04-03")


def test_a_citation_date_in_the_body_is_not_the_date_line():
    """Without a date line, "ngày ... tháng ... năm" inside a sentence dates nothing."""
    header = HEADER.replace("Sông Lam, ngày 3 tháng 4 năm 2025", "")
    text = letter(
        header, "V/v thực hiện Nghị quyết số 12/NQ-HĐND ngày 5 tháng 1 năm 2025", SIGNATURE
    )
    assert parse(text).issued_on is None


def test_place_broken_over_lines_is_whole():
    """A crawl that breaks "Thành phố Hồ Chí" / "Minh, ngày ..." gives the whole place."""
    header = HEADER.replace("Sông Lam, ngày", "Thành phố Hồ Chí\nMinh, ngày")
    assert parse(letter(header, "V/v rà soát", SIGNATURE)).place == "Thành phố Hồ Chí Minh"


def test_province_vocabulary_holds_old_and_new_names():
    assert is_province("Tỉnh Bà Rịa - Vũng Tàu") and is_province("THÀNH PHỐ HUẾ")
    assert province_at_end("Thành phố Hồ Chí Minh") == "ho chi minh"
    assert not is_province("Sông Lam")


# Type line and subject in PDF text --------------------------------------------------------


def test_pdf_type_line_broken_and_subject_in_sentence_case():
    """A PDF breaks the type word ("KẾ" / "HOẠCH") and prints the subject in sentence case
    over two lines: both are read, the subject joined into one line."""
    title = "KẾ\nHOẠCH\nTriển khai chuyển đổi số năm 2026\ntrên địa bàn tỉnh"
    record = parse(letter(HEADER.replace("UBND-KT", "KH-UBND"), title, SIGNATURE))
    assert record.doc_type == "Kế hoạch"
    assert record.subject == "Triển khai chuyển đổi số năm 2026 trên địa bàn tỉnh"


def test_type_word_and_subject_on_one_line():
    """A PDF merges "QUYẾT ĐỊNH" and its title onto one line."""
    record = parse(letter(HEADER, "QUYẾT ĐỊNH VỀ VIỆC THÀNH LẬP TỔ CÔNG TÁC", SIGNATURE))
    assert (record.doc_type, record.subject) == ("Quyết định", "Về việc thành lập tổ công tác")


def test_subject_wrapped_inside_crawl_emphasis():
    """ "*V/v*" alone on its line with the subject below, as a crawl prints it."""
    record = parse(letter(HEADER, "*V/v\nrà soát dữ liệu dân cư*", SIGNATURE))
    assert (record.doc_type, record.subject) == ("Công văn", "V/v rà soát dữ liệu dân cư")


# Signature and distribution -------------------------------------------------------------


def test_authority_with_a_comma_is_one_line():
    """ "KT. BỘ TRƯỞNG, CHỦ NHIỆM" is one authority line, even wrapped after its comma."""
    for block in (
        "KT. BỘ TRƯỞNG, CHỦ NHIỆM\nTHỨ TRƯỞNG\n\nĐào Minh Khang",
        "KT. BỘ TRƯỞNG,\nCHỦ NHIỆM\nTHỨ TRƯỞNG\n\nĐào Minh Khang",
    ):
        record = parse(letter(HEADER, "V/v rà soát", block))
        assert record.signer_authority == ["KT. BỘ TRƯỞNG, CHỦ NHIỆM"], block
        assert (record.signer_title, record.signer_name) == ("THỨ TRƯỞNG", "Đào Minh Khang")


def test_distribution_keeps_its_last_items():
    """A bullet alone on its line, and a last "Lưu" entry without a bullet, are entries."""
    distribution = "-\nNhư trên;\n- Chủ tịch, các PCT UBND tỉnh\n- Lưu: VT, KT."
    record = parse(letter(HEADER, "V/v rà soát", SIGNATURE, distribution))
    assert record.distribution == ["Như trên", "Chủ tịch, các PCT UBND tỉnh", "Lưu: VT, KT"]
    distribution = "- Như trên;\n- Sở Tài chính;\nLưu: VT, KT."
    record = parse(letter(HEADER, "V/v rà soát", SIGNATURE, distribution))
    assert record.distribution == ["Như trên", "Sở Tài chính", "Lưu: VT, KT"]


def test_name_is_not_taken_from_an_annex_heading_below():
    """ "**Phụ\\nlục 1**" under the name (a crawl's wrap) is not part of the name."""
    block = "**TL. CỤC\nTRƯỞNG**\nTRƯỞNG BAN NGHIỆP VỤ\n**Trần\nThị Mai**\n|\n**Phụ\nlục 1**"
    record = parse(letter(HEADER, "V/v rà soát", block))
    assert record.signer_name == "Trần Thị Mai"
    assert record.signer_authority == ["TL. CỤC TRƯỞNG"]


def test_signing_title_vocabulary():
    assert is_signing_title("PHÓ CHỦ TỊCH") and is_signing_title("Thứ trưởng")
    assert not is_signing_title("Nguyễn Văn An")


# Body and headerless text -----------------------------------------------------------------


def test_body_text_is_what_lies_between_recipients_and_signature():
    record = parse(letter(HEADER, "V/v rà soát", SIGNATURE))
    assert record.body_text is not None
    assert record.body_text.startswith("Đề nghị các cơ quan")
    assert record.body_text.endswith("báo cáo./.")
    assert "Nơi nhận" not in record.body_text and "Kính gửi" not in record.body_text
    assert "body_text" not in record.to_dict(), "the record's JSON shape is unchanged"


def test_headerless_letter_takes_its_number_from_the_annex():
    """A crawl that starts at "Kính gửi" is a letter; its annex names its number and date."""
    text = (
        "Kính gửi: Các chi cục.\n\nĐề nghị thực hiện./.\n\nNơi nhận:\n- Lưu: VT.\n\n"
        "CỤC TRƯỞNG\n\nVõ Văn Tâm\n\nPhụ lục\n"
        "(Kèm theo Công văn số 812/CT-KK ngày 04/3/2025 của Cục Thuế)\n"
    )
    record = parse(text)
    assert (record.doc_type, record.number, record.issued_on) == (
        "Công văn",
        "812/CT-KK",
        "2025-03-04",
    )
    assert record.issuer == "Cục Thuế"
    assert record.warnings, "the editor is told the header was not found"


# Agencies ---------------------------------------------------------------------------------


def test_agency_abbreviations_expand_both_ways():
    assert expand_abbreviations("UBND tỉnh Sông Lam") == "Ủy ban nhân dân tỉnh Sông Lam"
    assert expand_abbreviations("HĐND huyện Đông") == "Hội đồng nhân dân huyện Đông"
    assert abbreviate("Ủy ban nhân dân tỉnh Sông Lam") == "UBND tỉnh Sông Lam"
    assert abbreviate("Uỷ ban nhân dân xã Đông") == "UBND xã Đông"


# Party documents --------------------------------------------------------------------------


PARTY_HEADER = """BAN CHẤP HÀNH
TRUNG ƯƠNG
**VĂN PHÒNG**
*****
|
**ĐẢNG CỘNG
SẢN VIỆT NAM**
|
Số 118-TB/VPTW
|
*Hà Nội, ngày
5 tháng 6 năm 2025*"""


def test_party_header_names_the_office_under_its_body():
    """The Party's name stands where the state prints its motto: it is not an issuer level.
    "K/T CHÁNH" / "VĂN PHÒNG" is one authority wrapped, the title is the line above the
    name; "__Nơi nhận__" and entries ending in "," are read as a list."""
    block = "K/T CHÁNH\nVĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\nĐỗ Thị Lan"
    text = letter(PARTY_HEADER, "**THÔNG BÁO**\nKẾT LUẬN VỀ CÔNG TÁC CÁN BỘ", block)
    text = text.replace(
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.", "__Nơi nhận__:\n- Các ban đảng,\n- Lưu VP."
    )
    record = parse(text)
    assert (record.issuer, record.parent_issuer) == ("Văn phòng", "Ban Chấp hành Trung ương")
    assert (record.number, record.doc_type, record.issued_on) == (
        "118-TB/VPTW",
        "Thông báo",
        "2025-06-05",
    )
    assert record.signer_authority == ["K/T CHÁNH VĂN PHÒNG"]
    assert (record.signer_title, record.signer_name) == ("PHÓ CHÁNH VĂN PHÒNG", "Đỗ Thị Lan")
    assert record.distribution == ["Các ban đảng", "Lưu VP"]


def test_rank_before_the_signer_name_is_not_the_name():
    block = "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nTrung tướng Hà Văn Khải"
    record = parse(letter(HEADER, "V/v rà soát", block))
    assert record.signer_name == "Hà Văn Khải"


def test_annex_citation_with_the_date_in_words():
    text = (
        "Kính gửi: Các bộ.\n\nĐề nghị thực hiện./.\n\nNơi nhận:\n- Lưu: VT.\n\n"
        "TRƯỞNG BAN\n\nVõ Văn Tâm\n\nPhụ lục\n"
        "(Kèm theo Công văn số 91/CV-BCĐ ngày 02 tháng 12 năm 2025 của Ban Chỉ đạo)\n"
    )
    record = parse(text)
    assert (record.number, record.issued_on, record.issuer) == (
        "91/CV-BCĐ",
        "2025-12-02",
        "Ban Chỉ đạo",
    )


def test_known_bodies_take_their_official_spelling():
    """Casing rules cannot guess "Bộ Công Thương"; the vocabulary gives it."""
    from reading.agencies import format_agency

    assert format_agency("BỘ CÔNG THƯƠNG") == "Bộ Công Thương"
    assert format_agency("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG") == "Bộ Nông nghiệp và Môi trường"
