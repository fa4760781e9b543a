"""Kinds of administrative document, as named in full and as abbreviated in a number.

Decree 30/2020/NĐ-CP, appendix III, fixes both lists; a document cites another by the full
name ("Quyết định số ...") and prints its own kind as a title word ("QUYẾT ĐỊNH") or, for a
công văn, not at all.
"""

from __future__ import annotations

import re

from vntext import fold

# Folded full name -> how it is written in title case.
DOC_TYPES: dict[str, str] = {
    fold(name): name
    for name in (
        "Thông tư liên tịch",
        "Nghị quyết",
        "Nghị định",
        "Quyết định",
        "Chỉ thị",
        "Quy chế",
        "Quy định",
        "Thông cáo",
        "Thông báo",
        "Hướng dẫn",
        "Chương trình",
        "Kế hoạch",
        "Phương án",
        "Đề án",
        "Dự án",
        "Báo cáo",
        "Biên bản",
        "Tờ trình",
        "Hợp đồng",
        "Công văn",
        "Công điện",
        "Bản ghi nhớ",
        "Bản thỏa thuận",
        "Giấy ủy quyền",
        "Giấy mời",
        "Giấy giới thiệu",
        "Giấy nghỉ phép",
        "Phiếu gửi",
        "Phiếu chuyển",
        "Phiếu báo",
        "Thư công",
        "Kết luận",
        "Thông tư",
        "Văn bản",
        "Pháp lệnh",
        "Luật",
        "Lệnh",
    )
}

# Abbreviation at the start of a number's symbol ("983/TB-CT") -> the full name.
ABBREVIATIONS: dict[str, str] = {
    "NQ": "Nghị quyết",
    "NĐ": "Nghị định",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "TC": "Thông cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TTr": "Tờ trình",
    "HĐ": "Hợp đồng",
    "CĐ": "Công điện",
    "GM": "Giấy mời",
    "KL": "Kết luận",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
}

# A citation's kind, as the running text writes it before "số" or before the number.
CITED_TYPE_RE = re.compile(
    r"(?<!\w)(" + "|".join(sorted(DOC_TYPES.values(), key=len, reverse=True)) + r")(?!\w)",
    re.IGNORECASE,
)


def type_from_title(line: str) -> str | None:
    """The kind named by a title line such as "QUYẾT ĐỊNH" or "KẾ HOẠCH:"; else None."""
    key = fold(line.strip().rstrip(":").strip())
    return DOC_TYPES.get(key)


_TITLE_TYPES = sorted(DOC_TYPES.values(), key=len, reverse=True)


def type_opening_title(line: str) -> tuple[str, str] | None:
    """A title line in capitals that opens with the type word and goes on with the title, as
    PDF text layers merge them: "QUYẾT ĐỊNH VỀ VIỆC ..." -> ("Quyết định", "VỀ VIỆC ...")."""
    words = line.split()
    for name in _TITLE_TYPES:
        size = len(name.split())
        if len(words) > size and fold(" ".join(words[:size])) == fold(name):
            return name, " ".join(words[size:])
    return None


def type_from_number(number: str | None) -> str | None:
    """The kind given by a number's symbol: "983/TB-CT" -> "Thông báo"; else None."""
    if not number:
        return None
    match = re.search(r"\d[/-]([A-Za-zĐđ]+)", number)
    return ABBREVIATIONS.get(match[1]) if match else None


def title_case_type(name: str) -> str:
    """A kind as the text writes it ("văn bản", "BÁO CÁO") in the record's spelling."""
    return DOC_TYPES.get(fold(name), name[:1].upper() + name[1:].lower())
