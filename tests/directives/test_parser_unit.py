"""The directive parser, rule by rule, on small hand-written documents."""

from __future__ import annotations

import unicodedata
from datetime import date

from directives.parsing import DirectiveRecord, parse, task_agency, tasks_from_record
from directives.parsing.deadlines import passage
from directives.parsing.quality import WARN_BAD_OCR
from reading.agencies import format_agency
from vntext import number_key
from vntext.dates import PartialDate, find_dates, format_short, format_vn_date, parse_vn_date
from vntext.numbers import NUMBER_RE, clean_number


def document(
    left: str = "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG NAI",
    number: str = "Số: 4638/UBND-HCC",
    dateline: str = "Đồng Nai, ngày 11 tháng 5 năm 2018",
    title: str = "V/v nhắc nhở thực hiện dịch vụ công trực tuyến",
    body: str = "Đề nghị các cơ quan, đơn vị thực hiện./.",
    signature: str = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn An",
) -> str:
    """A clean công văn laid out as Decree 30/2020/NĐ-CP prescribes."""
    return f"""{left}

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

{number}

{dateline}

{title}

Kính gửi:

- Các Sở, ban, ngành;
- UBND các huyện, thành phố.

{body}

Nơi nhận:
- Như trên;
- Lưu: VT, HCC.

{signature}
"""


# Number ---------------------------------------------------------------------------------


def test_number_keeps_leading_zeros():
    """ "012/CT-UBND" stays "012/CT-UBND"; the kind comes from the title word."""
    record = parse(document(number="Số: 012/CT-UBND", title="CHỈ THỊ\nVỀ VIỆC TĂNG CƯỜNG"))
    assert record.number == "012/CT-UBND"
    assert record.doc_type == "Chỉ thị"
    assert record.subject == "Về việc tăng cường"


def test_blank_number_is_null_with_a_warning():
    """ "Số: /UBND-VP" (stamped at signing) gives no number and says so."""
    record = parse(document(number="Số: /UBND - VP"))
    assert record.number is None
    assert "number is blank" in record.warnings


def test_struck_through_number_is_joined_to_its_symbol():
    """ "~~404~~ UBND-VP" from a crawled page gives "404/UBND-VP"."""
    assert parse(document(number="Số: ~~404~~ UBND-VP")).number == "404/UBND-VP"


def test_number_on_the_line_below_and_stray_spaces():
    """A number wrapped under "Số:" is read; stray spaces inside it are dropped."""
    assert parse(document(number="Số:\n76/2025/QĐ-UBND")).number == "76/2025/QĐ-UBND"
    assert parse(document(number="Số: 3236/TTr -SNN")).number == "3236/TTr-SNN"


def test_number_pattern_finds_numbers_in_running_text():
    """The number pattern reads the printed spellings, and not ordinary words or dates."""
    text = "theo 57- NQ/TW, 15972/SXD-QLN& TTBĐS và 76/2025/QĐ-UBND ngày 16/5/2022 tại Vũng Tàu"
    found = [clean_number(m.group()) for m in NUMBER_RE.finditer(text)]
    assert found == ["57-NQ/TW", "15972/SXD-QLN&TTBĐS", "76/2025/QĐ-UBND"]


def test_number_key_is_unchanged():
    """Others rely on number_key: leading zeros and spelling do not count."""
    assert number_key("012/CT-UBND") == number_key("12/ct-ubnd") == "12-ct-ubnd"


# Issuer -----------------------------------------------------------------------------------


def test_issuer_abbreviation_is_expanded():
    """ "UBND TỈNH ĐỒNG NAI" is written out "Ủy ban nhân dân tỉnh Đồng Nai"."""
    record = parse(document(left="UBND TỈNH ĐỒNG NAI"))
    assert record.issuer == "Ủy ban nhân dân tỉnh Đồng Nai"
    assert record.parent_issuer is None


def test_committee_and_its_place_are_one_issuer():
    """ "ỦY BAN NHÂN DÂN" above "TỈNH NINH BÌNH" is one body, not two levels."""
    record = parse(document(left="ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH"))
    assert record.issuer == "Ủy ban nhân dân tỉnh Ninh Bình"
    assert record.parent_issuer is None


def test_two_level_issuer():
    """A department under its committee: the lower line issues, the upper is the parent."""
    record = parse(document(left="ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI\nSỞ GIÁO DỤC VÀ ĐÀO TẠO"))
    assert record.issuer == "Sở Giáo dục và Đào tạo"
    assert record.parent_issuer == "Ủy ban nhân dân thành phố Hà Nội"


def test_issuer_broken_across_lines_by_a_crawler():
    """ "**ỦY" / "BAN NHÂN DÂN **" / "TỈNH BÀ RỊA-VŨNG TÀU" is still one committee."""
    record = parse(document(left="**ỦY\nBAN NHÂN DÂN **\nTỈNH BÀ RỊA-VŨNG TÀU\n--------"))
    assert record.issuer == "Ủy ban nhân dân tỉnh Bà Rịa-Vũng Tàu"


def test_agency_names_follow_the_capitalisation_rules():
    """Each coordinated part of a proper name is capitalised; place kinds are lower case."""
    assert format_agency("SỞ THÔNG TIN VÀ TRUYỀN THÔNG") == "Sở Thông tin và Truyền thông"
    assert format_agency("BỘ TÀI CHÍNH") == "Bộ Tài chính"
    assert format_agency("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI") == (
        "Sở Lao động - Thương binh và Xã hội"
    )
    assert format_agency("VĂN PHÒNG UBND TỈNH HÀ TĨNH") == (
        "Văn phòng Ủy ban nhân dân tỉnh Hà Tĩnh"
    )


# Place and date ---------------------------------------------------------------------------


def test_place_and_date():
    """ "Đồng Nai, ngày 11 tháng 5 năm 2018" gives the place and an ISO date."""
    record = parse(document())
    assert (record.place, record.issued_on, record.issued_year, record.issued_month) == (
        "Đồng Nai",
        "2018-05-11",
        2018,
        5,
    )


def test_blank_day_keeps_year_and_month():
    """ "ngày  tháng 5 năm 2022" has no day: no ISO date, but year and month, and a warning."""
    record = parse(document(dateline="Vũng Tàu, ngày   tháng 5 năm 2022"))
    assert record.issued_on is None
    assert (record.issued_year, record.issued_month) == (2022, 5)
    assert "day is blank" in record.warnings


def test_pdf_header_with_both_columns_on_one_line():
    """A PDF text layer merges the columns: the motto and the date are still told apart."""
    text = document(
        left="ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH NINH BÌNH Độc lập - Tự do - Hạnh phúc",
        number="Số:     /UBND-VP7       Ninh Bình, ngày     tháng 11 năm 2024",
        dateline="",
    ).replace("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n", "", 1)
    record = parse(text)
    assert record.issuer == "Ủy ban nhân dân tỉnh Ninh Bình"
    assert record.place == "Ninh Bình"
    assert record.number is None
    assert (record.issued_year, record.issued_month) == (2024, 11)


def test_markdown_table_header_on_one_line():
    """A crawled header table, one row per line with "|" cells and "<br>", is read."""
    text = (
        "| **ỦY BAN NHÂN DÂN<br>TỈNH HÀ TĨNH** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>"
        "Độc lập - Tự do - Hạnh phúc** |\n"
        "| Số: 76/2025/QĐ-UBND | *Hà Tĩnh, ngày 21 tháng 11 năm 2025* |\n\n"
        "**QUYẾT ĐỊNH**\n\nBÃI BỎ CÁC QUYẾT ĐỊNH CỦA\nỦY BAN NHÂN DÂN TỈNH HÀ TĨNH\n\n"
        "**ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH**\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n"
    )
    record = parse(text)
    assert record.issuer == "Ủy ban nhân dân tỉnh Hà Tĩnh"
    assert record.number == "76/2025/QĐ-UBND"
    assert (record.place, record.issued_on) == ("Hà Tĩnh", "2025-11-21")
    assert record.doc_type == "Quyết định"
    assert record.subject == "Bãi bỏ các quyết định của Ủy ban nhân dân tỉnh Hà Tĩnh"


def test_decision_title_stops_at_the_enacting_authority():
    """ "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ..." under a decision's title is not part of it."""
    record = parse(
        document(
            number="Số: 1805/QĐ-UBND",
            title="QUYẾT ĐỊNH\nVỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC\n"
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI\nCăn cứ Luật Tổ chức chính quyền;",
        )
    )
    assert record.subject == "Về việc công bố danh mục thủ tục"


def test_decomposed_accents_read_like_composed_ones():
    """Text from a PDF with decomposed accents gives the same record as NFC text."""
    text = document(body="Giao Sở Nội vụ hoàn thành trước ngày 30/6/2018./.")
    decomposed = unicodedata.normalize("NFD", text)
    assert parse(decomposed).to_dict() == parse(text).to_dict()


# Subject, recipients, distribution, signature ---------------------------------------------


def test_cong_van_subject_and_recipients():
    """A "V/v" subject makes a công văn; "Kính gửi" entries lose their bullets and ";"."""
    record = parse(document(title="V/v nhắc nhở thực hiện tổ chức tiếp\nnhận hồ sơ"))
    assert record.doc_type == "Công văn"
    assert record.subject == "V/v nhắc nhở thực hiện tổ chức tiếp nhận hồ sơ"
    assert record.recipients == ["Các Sở, ban, ngành", "UBND các huyện, thành phố"]
    assert record.distribution == ["Như trên", "Lưu: VT, HCC"]


def test_stacked_signing_authority():
    """ "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH": two authority lines."""
    record = parse(
        document(signature="TM. ỦY BAN NHÂN\nDÂN\nKT.CHỦ TỊCH\nPHÓ CHỦ TỊCH ✓\n\nTrần Văn Tuấn")
    )
    assert record.signer_authority == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]
    assert record.signer_title == "PHÓ CHỦ TỊCH"
    assert record.signer_name == "Trần Văn Tuấn"


def test_head_signing_without_prefix():
    """A director signing for herself has no authority line."""
    record = parse(document(signature="GIÁM ĐỐC\nCù Ngọc Trang"))
    assert record.signer_authority == []
    assert (record.signer_title, record.signer_name) == ("GIÁM ĐỐC", "Cù Ngọc Trang")


def test_signature_without_name_is_warned():
    """A signature block with no printed name leaves the name null and warns."""
    record = parse(document(signature="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"))
    assert record.signer_name is None
    assert "signature block has no name" in record.warnings


# References -------------------------------------------------------------------------------


def test_references_in_both_date_spellings_each_once():
    """Citations keep their kind as written, their date in ISO, and appear once."""
    body = (
        "Thực hiện Công văn số 5436/UBND-VP ngày 16/5/2022 của UBND tỉnh và Quyết định số "
        "27/QĐ-UBQGCĐS ngày 15 tháng 3 năm 2022; báo cáo số 24/TTHCC ngày 10/4/2018; "
        "Công văn số 5436/UBND-VP nêu trên; Thông tư số 08/2024/TT-BXD của Bộ Xây dựng./."
    )
    refs = [r.to_dict() for r in parse(document(body=body)).references]
    assert refs == [
        {"doc_type": "Công văn", "number": "5436/UBND-VP", "date": "2022-05-16"},
        {"doc_type": "Quyết định", "number": "27/QĐ-UBQGCĐS", "date": "2022-03-15"},
        {"doc_type": "Báo cáo", "number": "24/TTHCC", "date": "2018-04-10"},
        {"doc_type": "Thông tư", "number": "08/2024/TT-BXD", "date": None},
    ]


def test_date_opening_the_sentence_dates_the_citation():
    """ "Ngày 02/4/2020 Văn phòng Chính phủ có văn bản số 2552/VPCP-KSTT" dates 2552."""
    body = "Ngày 02/4/2020 Văn phòng Chính phủ có văn bản số 2552/VPCP-KSTT về việc này./."
    (ref,) = parse(document(body=body)).references
    assert (ref.doc_type, ref.number, ref.date) == ("Văn bản", "2552/VPCP-KSTT", "2020-04-02")


def test_own_number_and_laws_by_name_are_not_references():
    """The annex citing the document itself, and a law cited by name only, are left out."""
    body = (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n"
        "(Kèm theo Công văn số 4638/UBND-HCC ngày 11/5/2018)./."
    )
    assert parse(document(body=body)).references == []


def test_unreadable_citation_date_is_warned():
    """A cited date that cannot exist is not guessed: date null and a warning."""
    body = "Thực hiện Công văn số 123/UBND-VP ngày 31/02/2018 của UBND tỉnh./."
    record = parse(document(body=body))
    assert record.references[0].date is None
    assert any("123/UBND-VP" in warning for warning in record.warnings)


# Deadlines --------------------------------------------------------------------------------


def test_deadlines_as_precise_as_printed():
    """Full dates, months, years and yearly dates become deadlines; citations and the past
    do not."""
    body = (
        "1. Giao Sở Nội vụ chủ trì thực hiện. Thời gian hoàn thành trước ngày 30/6/2018.\n"
        "2. Giao Sở Tài chính hoàn thành trong tháng 12 năm 2018.\n"
        "3. Tham mưu cung cấp 30% dịch vụ công trực tuyến trong năm 2019.\n"
        "4. Định kỳ báo cáo trước ngày 15/11 hằng năm.\n"
        "5. Từ ngày 01/01/2018 đến nay chưa phát sinh hồ sơ theo Văn bản số "
        "13392/UBND-HCC ngày 25/12/2019./."
    )
    deadlines = [d.to_dict() for d in parse(document(body=body)).deadlines]
    assert deadlines == [
        {"date": "2018-06-30", "text": "Thời gian hoàn thành trước ngày 30/6/2018."},
        {"date": "2018-12", "text": "Giao Sở Tài chính hoàn thành trong tháng 12 năm 2018."},
        {
            "date": "2019",
            "text": "Tham mưu cung cấp 30% dịch vụ công trực tuyến trong năm 2019.",
        },
        {"date": "--11-15", "text": "Định kỳ báo cáo trước ngày 15/11 hằng năm."},
    ]


def test_long_passage_is_cut_at_a_natural_break():
    """A passage over 200 characters ends before a prepositional phrase, not mid-word."""
    sentence = (
        "Kể từ ngày 20/5/2022, tất cả hồ sơ thủ tục hành chính trong nội bộ cơ quan nhà nước "
        "trên địa bàn tỉnh (sau đây gọi tắt là hồ sơ thủ tục nội bộ) sẽ thực hiện theo hình thức "
        "trực tuyến thông qua Cổng dịch vụ công của tỉnh; không nộp hồ sơ trực tiếp."
    )
    start = sentence.index("ngày")
    text = passage(sentence, start, start + len("ngày 20/5/2022"))
    assert len(text) <= 200
    assert text.endswith("hình thức trực tuyến")


def test_tasks_name_the_agency_of_each_deadline():
    """The agency is in the deadline's sentence or in the instruction that opens its point."""
    body = (
        "1. Giao Sở Thông tin và Truyền thông chủ trì, phối hợp với các đơn vị liên quan "
        "triển khai. Thời gian hoàn thành trước 20/5/2018.\n"
        "2. UBND các huyện, thị xã, thành phố hoàn thành trước ngày 30/6/2018./."
    )
    text = document(body=body)
    tasks = tasks_from_record(parse(text), text)
    assert [(t.agency, t.deadline) for t in tasks] == [
        ("Sở Thông tin và Truyền thông", "2018-05-20"),
        ("UBND các huyện, thị xã, thành phố", "2018-06-30"),
    ]


def test_task_agency_from_a_sentence():
    """ "Giao X chủ trì ..." names X; a sentence with no agency gives None."""
    assert task_agency("Giao Sở Thông tin và Truyền thông chủ trì, trước ngày 20/5/2022") == (
        "Sở Thông tin và Truyền thông"
    )
    assert task_agency("Thời gian hoàn thành trước 20/5/2022.") is None


# Bad text ---------------------------------------------------------------------------------


def test_bad_ocr_is_warned_not_guessed():
    """OCR garbage gives a warning and empty fields, never an invented issuer or number."""
    garbage = (
        "\n".join(["ỦY B4N NH@N D~N T1NH Đ0NG N@I ¦¦ ¤¤"] * 3)
        + "\n"
        + ("Ș0: 4ó3ß/ÜBNÐ-HÇÇ þ§ ñgäý 11 thång 5 nåm 2018 ¿¿ Kính gửi çåc Sø ßån ngånh " * 6)
    )
    record = parse(garbage)
    assert WARN_BAD_OCR in record.warnings
    assert record.number is None
    assert record.issuer is None


def test_empty_text_gives_an_empty_record():
    """No text, no guesses: every field empty, and the missing signature is reported."""
    record = parse("", source="empty.txt")
    assert record.source == "empty.txt"
    assert record.number is None and record.issuer is None and record.references == []
    assert "signature block not found" in record.warnings


def test_to_dict_keys_follow_the_contract():
    """to_dict() gives exactly the keys of directive-record.md, in its order."""
    assert list(DirectiveRecord().to_dict()) == [
        "source", "doc_type", "number", "issuer", "parent_issuer", "place", "issued_on",
        "issued_year", "issued_month", "subject", "recipients", "signer_authority",
        "signer_title", "signer_name", "distribution", "references", "deadlines", "warnings",
    ]  # fmt: skip


# vntext.dates -----------------------------------------------------------------------------


def test_parse_vn_date_in_every_spelling():
    """Both spellings, partial dates, months and years, as precise as printed."""
    assert parse_vn_date("16/5/2022").iso == "2022-05-16"
    assert parse_vn_date("ngày 02/4/2020").iso == "2020-04-02"
    assert parse_vn_date("ngày 14 tháng 11 năm 2025").iso == "2025-11-14"
    assert parse_vn_date("ngày  tháng 5 năm 2022").iso == "2022-05"
    assert parse_vn_date("trong tháng 12 năm 2025").iso == "2025-12"
    assert parse_vn_date("trong tháng 5/2018").iso == "2018-05"
    assert parse_vn_date("trong năm 2020").iso == "2020"
    assert parse_vn_date("ngày 31/02/2020") is None
    assert parse_vn_date("không có ngày") is None


def test_numbers_that_are_not_dates():
    """A symbol's year ("08/2024/TT-BXD") is not read as a date."""
    assert list(find_dates("Thông tư số 08/2024/TT-BXD")) == []


def test_partial_date_forms():
    """ISO forms for every precision, and the calendar date only when complete."""
    assert PartialDate(None, 11, 15).iso == "--11-15"
    assert PartialDate(2025, 12).to_date() is None
    assert PartialDate(2025, 12, 5).to_date() == date(2025, 12, 5)


def test_format_helpers_for_templates():
    """The long header spelling and the short two-digit spelling."""
    assert format_vn_date(date(2023, 7, 13)) == "ngày 13 tháng 7 năm 2023"
    assert format_short(date(2023, 7, 13)) == "13/07/2023"
