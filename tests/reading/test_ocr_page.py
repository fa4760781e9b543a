"""What makes OCR read a Decree-30 page well: layout, stamps, seals, notes, numbers.

The pure parts (word boxes in, text out) are tested with boxes as Tesseract gives them; the
stamp and seal handling with a page drawn here and read by the real Tesseract.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from reading.ocr import is_framed, ocr_image
from reading.ocr_correct import (
    correct,
    correct_line,
    correct_numbers,
    preamble_semicolons,
    subject_prefix,
)
from reading.ocr_layout import Word, empty_blocks, order_words

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def word(text: str, left: int, top: int, line: int, width: int = 100, height: int = 40) -> Word:
    return Word(text, left, top, width, height, (1, 1, line), 90.0)


def test_a_column_is_read_top_to_bottom_when_a_stamp_overlaps_two_of_its_lines():
    """A tall box on the right (a stamp) spans two lines of the left column: Tesseract gives
    them as one row, and they still come out in their order on the page."""
    words = [
        word("Số:", 100, 100, 1),
        word("12/BNG", 210, 100, 1),
        word("Hà", 900, 100, 1),
        word("Nội", 1010, 100, 1),
        word("thứ", 100, 160, 2),
        word("nhất", 210, 160, 2),
        # The stamp: one tall word overlapping both lines below.
        word("ĐẾN", 900, 170, 3, height=110),
        word("thứ", 120, 210, 4),
        word("hai", 230, 210, 4),
        *(word(f"chữ{i}", 100 + 110 * i, 400, 5) for i in range(10)),
    ]
    assert order_words(words).splitlines()[:5] == [
        "Số: 12/BNG",
        "thứ nhất",
        "thứ hai",
        "Hà Nội",
        "ĐẾN",
    ]


def test_notes_written_above_the_header_are_dropped():
    words = [
        word("TT9I", 900, 20, 1),
        word("BỘ", 100, 100, 2),
        word("NGOẠI", 210, 100, 2),
        word("GIAO", 320, 100, 2),
        word("CỘNG", 900, 100, 3),
        word("HÒA", 1010, 100, 3),
    ]
    lines = order_words(words).splitlines()
    assert "TT9I" not in lines
    assert lines[0] == "BỘ NGOẠI GIAO"


def test_a_block_read_as_a_picture_is_found_and_a_small_one_left_alone():
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [
        header,
        "2\t1\t1\t0\t0\t0\t100\t100\t800\t40\t-1\t",
        "5\t1\t1\t1\t1\t1\t100\t100\t100\t40\t95\tBỘ",
        # A seal over the signing block: a block with no word, a few lines high.
        "2\t1\t2\t0\t0\t0\t1200\t2000\t800\t500\t-1\t",
        "5\t1\t2\t1\t1\t1\t1200\t2000\t800\t500\t95\t ",
        # A speck: too small to hold a line.
        "2\t1\t3\t0\t0\t0\t50\t50\t20\t20\t-1\t",
    ]
    tsv = "\n".join(rows)
    words = [word("BỘ", 100, 100, 1)]
    assert empty_blocks(tsv, words) == [(1180, 1980, 2020, 2520)]


def test_a_ruled_box_is_framed_and_a_ring_or_print_is_not():
    box = Image.new("L", (400, 200), 255)
    ImageDraw.Draw(box).rectangle((5, 5, 394, 194), outline=0, width=4)
    ring = Image.new("L", (400, 400), 255)
    ImageDraw.Draw(ring).ellipse((10, 10, 390, 390), outline=0, width=6)
    assert is_framed(box)
    assert not is_framed(ring)
    assert not is_framed(Image.new("L", (400, 200), 255))


def test_misread_characters_of_numbers_are_set_right():
    assert (
        correct_numbers("ngày l8 tháng 02, Luật số 48/2014⁄QHl3 và 23/2004/QHI1")
        == "ngày 18 tháng 02, Luật số 48/2014/QH13 và 23/2004/QH11"
    )
    assert correct_numbers("Số: 216 /NQ-CP; số 27/2024/TT- BTC; 2§/2024") == (
        "Số: 216/NQ-CP; số 27/2024/TT-BTC; 28/2024"
    )
    assert correct_numbers("Nghị định số 1 93/2025/NĐ-CP. Điều 2 . Khoản 1 , điểm a ;") == (
        "Nghị định số 193/2025/NĐ-CP. Điều 2. Khoản 1, điểm a;"
    )
    # Letters away from digits stay as they are, and so do numbers apart.
    assert correct_numbers("ngày 5 tháng 4, khoản 1 và 2") == "ngày 5 tháng 4, khoản 1 và 2"
    assert correct_numbers("Chương II, Mục I, lưu ý") == "Chương II, Mục I, lưu ý"


def test_a_comma_ending_a_ground_of_the_preamble_is_its_semicolon():
    lines = [
        "Căn cứ Luật Tổ chức Chính phủ,",
        "Căn cứ Nghị định số 1/2025/NĐ-CP,",
        "Theo đề nghị của Bộ trưởng,",
        "Bộ trưởng ban hành Thông tư, gồm:",
        "các điều sau,",
    ]
    assert preamble_semicolons(lines) == [
        "Căn cứ Luật Tổ chức Chính phủ;",
        "Căn cứ Nghị định số 1/2025/NĐ-CP;",
        "Theo đề nghị của Bộ trưởng,",
        "Bộ trưởng ban hành Thông tư, gồm:",
        "các điều sau,",
    ]


def test_the_subject_of_a_letter_opens_with_v_v():
    assert subject_prefix(["Số: 12/VPCP-CN", "VÀ, cơ chế đặc thù"])[1] == "V/v cơ chế đặc thù"
    assert subject_prefix(["Số: 12/VPCP-CN", "V/V triển khai"])[1] == "V/v triển khai"
    # Words that merely start with V stay, and nothing changes away from the number line.
    assert subject_prefix(["Số: 12/VPCP-CN", "Vì vậy"])[1] == "Vì vậy"
    assert subject_prefix(["Kính gửi:", "VÀ, cơ chế"])[1] == "VÀ, cơ chế"


def test_a_recipient_dash_read_as_two_is_one():
    assert correct_line("-- VPCP: BTCN, các Vụ;") == "- VPCP: BTCN, các Vụ;"
    assert correct_line("- Như trên;") == "- Như trên;"


def test_correct_runs_all_the_steps():
    text = "Số: 12/VPCP-CN\nVÀ, cơ chế đặc thù\nCăn cứ Luật số 48/2014⁄QHl3,\nCăn cứ Luật Đất đai;"
    assert correct(text).splitlines() == [
        "Số: 12/VPCP-CN",
        "V/v cơ chế đặc thù",
        "Căn cứ Luật số 48/2014/QH13;",
        "Căn cứ Luật Đất đai;",
    ]


@pytest.mark.skipif(
    not (shutil.which("tesseract") and FONT.is_file()),
    reason="tesseract-ocr and the DejaVu fonts are needed to draw and read a page",
)
def test_a_stamp_is_dropped_and_print_under_a_seal_is_read():
    """A page drawn here: a body, a ruled stamp in the header, a signing block under a dark
    ring. The stamp's words are not in the text; the signing block's are."""
    font = ImageFont.truetype(str(FONT), 40)
    page = Image.new("L", (2400, 2000), 255)
    draw = ImageDraw.Draw(page)
    draw.text((150, 100), "BỘ CÔNG THƯƠNG", font=font, fill=0)
    draw.text((1250, 100), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=font, fill=0)
    draw.rectangle((1500, 250, 2200, 520), outline=0, width=5)
    draw.text((1540, 290), "CÔNG VĂN ĐẾN", font=font, fill=0)
    draw.text((1540, 400), "Ngày 29 tháng 4", font=font, fill=0)
    for index, line in enumerate(
        [
            "Căn cứ Luật Ban hành văn bản quy phạm pháp luật;",
            "Căn cứ Nghị định quy định chức năng, nhiệm vụ của Bộ;",
            "Bộ trưởng ban hành Thông tư sửa đổi, bổ sung một số điều.",
        ]
    ):
        draw.text((150, 700 + 80 * index), line, font=font, fill=0)
    draw.text((1450, 1250), "KT. BỘ TRƯỞNG", font=font, fill=0)
    draw.text((1480, 1330), "THỨ TRƯỞNG", font=font, fill=0)
    draw.ellipse((1380, 1200, 1900, 1720), outline=0, width=8)
    draw.text((1450, 1650), "Nguyễn Văn An", font=font, fill=0)
    text = ocr_image(page, "trang.png", timeout=120)
    assert "ĐẾN" not in text
    assert "Căn cứ Luật Ban hành văn bản" in text
    assert "THỨ TRƯỞNG" in text
