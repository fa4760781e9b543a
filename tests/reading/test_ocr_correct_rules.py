"""What specks and line ends do to an OCR'd Decree-30 page, mended: stray marks, a stop before
a number, a document number cut at a line end, the words of a date. And what must stay."""

from __future__ import annotations

from reading.ocr_correct import correct, correct_numbers, joined_numbers, stray_marks


def test_marks_print_does_not_use_are_dropped():
    assert stray_marks("` Căn cứ Luật Ban hành") == "Căn cứ Luật Ban hành"
    assert stray_marks("quản lý như 'đề „nghị của Bộ") == "quản lý như đề nghị của Bộ"
    assert stray_marks("Hà Nội, ngày 3 tháng `` năm 2026") == "Hà Nội, ngày 3 tháng năm 2026"


def test_quotes_print_uses_stay():
    line = "Thay cụm từ “xăng sinh học” tại khoản 2; tên 'ABC' giữ nguyên"
    assert stray_marks(line) == line


def test_a_stop_read_before_a_number_goes():
    assert correct_numbers("tại Tờ trình số .57/TTr-UBND") == "tại Tờ trình số 57/TTr-UBND"
    assert correct_numbers("pháp luật số ,31/2024/QH15") == "pháp luật số 31/2024/QH15"
    # A decimal in a sentence and the stop after a number are not specks.
    assert correct_numbers("tăng 2.5 lần, Điều 2.") == "tăng 2.5 lần, Điều 2."


def test_the_course_of_the_national_assembly_is_joined_to_the_number():
    assert correct_numbers("Luật số 31/2024/QH 15 được") == "Luật số 31/2024/QH15 được"
    assert correct_numbers("Nghị quyết số 8/2023/UBTVQH 15;") == "Nghị quyết số 8/2023/UBTVQH15;"
    assert correct_numbers("Điều 15 Luật số 31/2024/QH15") == "Điều 15 Luật số 31/2024/QH15"


def test_a_document_number_cut_at_a_line_end_is_joined():
    lines = ["Thông tư số 27/2024/TT-", "BTC ngày 5 tháng 6 năm 2024", "tại Tờ trình 1520/TTr-"]
    lines.append("BXD ngày 11")
    assert joined_numbers(lines) == [
        "Thông tư số 27/2024/TT-BTC ngày 5 tháng 6 năm 2024",
        "tại Tờ trình 1520/TTr-BXD ngày 11",
    ]


def test_a_line_ending_in_a_hyphen_elsewhere_is_left():
    lines = ["Nhóm Châu Á -", "Thái Bình Dương", "giai đoạn 2026 -", "2030"]
    assert joined_numbers(lines) == lines
    assert joined_numbers(["Số 12/QĐ-", "và các văn bản"]) == ["Số 12/QĐ-", "và các văn bản"]


def test_misread_date_words_are_set_right_by_the_numbers_around_them():
    assert correct_numbers("kể từ ngày 17 thành 9 năm n 2025.") == "kể từ ngày 17 tháng 9 năm 2025."
    assert correct_numbers("8 nam 2025 để tổng hợp") == "8 năm 2025 để tổng hợp"
    assert correct_numbers("NGÀY 14 THẢNG 07 NĂM 2024") == "NGÀY 14 THÁNG 07 NĂM 2024"


def test_words_that_only_look_like_a_date_stay():
    for line in (
        "tách khoản 2 thành 3 khoản",
        "ngày 29 tháng 4 năm 2026",
        "NGÀY 15 THÁNG 11 NĂM 2024",
        "có 40 thành viên 12 người năm 2026",
        "13 nam 2026",
    ):
        assert correct_numbers(line) == line


def test_a_speck_line_is_dropped_before_its_marks_are():
    """A line of noise stays noise: dropping its marks must not make it look like text."""
    assert correct("Căn cứ Luật Tổ chức Chính phủ;\nLỆ ¬ `\nNơi nhận:") == (
        "Căn cứ Luật Tổ chức Chính phủ;\nNơi nhận:"
    )


def test_a_quoted_label_read_with_a_comma_gets_its_stop():
    assert correct_numbers("“4, Việc trả hồ sơ") == "“4. Việc trả hồ sơ"
    assert correct_numbers("“b, Giấy tờ kèm theo") == "“b. Giấy tờ kèm theo"
    # A list cut at a line end is not a label.
    assert correct_numbers("12, Điều 13 Nghị định số") == "12, Điều 13 Nghị định số"


def test_a_comma_and_a_stop_read_together_are_a_comma():
    assert correct_numbers("giai đoạn 2026 - 2030,.chuẩn bị") == "giai đoạn 2026 - 2030, chuẩn bị"


def test_a_marked_capital_inside_a_word_in_lower_case_is_lowered():
    assert correct_numbers("bổ sung một sỐ điều") == "bổ sung một số điều"
    for line in ("tài khoản VNeID và eKYC", "SỬA ĐỔI MỘT SỐ ĐIỀU", "định kǶ báo cáo"):
        assert correct_numbers(line) == line


def test_the_icelandic_eth_is_read_as_the_vietnamese_d():
    assert correct_numbers("Số: 315/QÐ-UBND") == "Số: 315/QĐ-UBND"
