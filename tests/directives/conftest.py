"""Fixtures for the directive tests: a throwaway certificate authority and a letter it
signed, made once per module (key generation is the slow part)."""

from __future__ import annotations

import pytest

from tests.directives.pdf_signing import make_authority, make_signer, sign, text_pdf

SIGNER = "Trần Thị Hoa"
LETTER = [
    "ỦY BAN NHÂN DÂN                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "TỈNH SÔNG XANH                      Độc lập - Tự do - Hạnh phúc",
    "Số: 215/UBND-VP                Sông Xanh, ngày 12 tháng 3 năm 2026",
    "V/v triển khai chữ ký số trong văn bản điện tử",
    "Kính gửi: Các sở, ban, ngành tỉnh.",
    "Ủy ban nhân dân tỉnh đề nghị các sở, ban, ngành sử dụng chữ ký số trên văn bản điện tử.",
    "Nơi nhận:                                  KT. CHỦ TỊCH",
    "- Như trên;                                  PHÓ CHỦ TỊCH",
    "- Lưu: VT.",
    f"                                              {SIGNER}",
]


@pytest.fixture(scope="module")
def authority():
    return make_authority()


@pytest.fixture(scope="module")
def signed(authority) -> bytes:
    """The letter signed by the person whose name it prints."""
    return sign(text_pdf(LETTER), make_signer(authority, SIGNER, "UBND tỉnh Sông Xanh"))
