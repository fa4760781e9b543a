"""A subject printed in capitals written out in sentence case, keeping what must stay
capitalised; invented titles, one kind each."""

from __future__ import annotations

import pytest

from directives.parsing import parse
from reading.casing import is_in_capitals, sentence_case


@pytest.mark.parametrize(
    ("printed", "written"),
    [
        # abbreviations (no Vietnamese syllable spells them) and words with digits stay
        (
            "KẾ HOẠCH GIẢI QUYẾT TTHC CỦA UBND CÁC XÃ NĂM 2026",
            "Kế hoạch giải quyết TTHC của UBND các xã năm 2026",
        ),
        ("VỀ VIỆC PHÒNG, CHỐNG DỊCH COVID-19 VÀ ỨNG DỤNG KH&CN", None),
        # places and bodies of the vocabularies take their official spelling
        (
            "VỀ VIỆC HỢP TÁC GIỮA TỈNH CAO BẰNG VÀ BỘ CÔNG THƯƠNG",
            "Về việc hợp tác giữa tỉnh Cao Bằng và Bộ Công Thương",
        ),
        # either place of a tone mark
        ("TRIỂN KHAI TRÊN ĐỊA BÀN TỈNH KHÁNH HOÀ", "Triển khai trên địa bàn tỉnh Khánh Hòa"),
        # a cited document's type before its number
        (
            "V/V THỰC HIỆN CHỈ THỊ SỐ 05/CT-UBND CỦA ỦY BAN NHÂN DÂN TỈNH",
            "V/v thực hiện Chỉ thị số 05/CT-UBND của Ủy ban nhân dân tỉnh",
        ),
    ],
)
def test_capitals_become_a_sentence(printed: str, written: str | None):
    if written is None:
        written = "Về việc phòng, chống dịch COVID-19 và ứng dụng KH&CN"
    assert sentence_case(printed) == written


def test_mixed_case_is_kept_as_printed():
    text = "V/v triển khai ĐỀ ÁN 06 của Chính phủ"
    assert not is_in_capitals(text)
    assert sentence_case(text) == text


def test_a_decisions_title_in_capitals_becomes_its_subject_in_sentence_case():
    text = """ỦY BAN NHÂN DÂN
TỈNH THỬ NGHIỆM

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 7/QĐ-UBND

Thử Nghiệm, ngày 04 tháng 3 năm 2025

QUYẾT ĐỊNH
VỀ VIỆC BAN HÀNH QUY CHẾ PHỐI HỢP GIỮA CÁC SỞ, NGÀNH TỈNH LẠNG SƠN

ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM

Điều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp./.

Nơi nhận:
- Lưu: VT.

CHỦ TỊCH

Trần Văn Bình
"""
    record = parse(text)
    assert record.subject == "Về việc ban hành quy chế phối hợp giữa các sở, ngành tỉnh Lạng Sơn"
