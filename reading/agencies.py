"""Names of issuing bodies: split the header's left column into levels and write them out.

Decree 30/2020/NĐ-CP prints the issuing body in capitals, under its parent body when it has
one ("BỘ TÀI CHÍNH" / "CỤC THUẾ"). A people's committee prints its place on the next line
("ỦY BAN NHÂN DÂN" / "TỈNH NINH BÌNH"): that is one body, not two levels. Written out, a name
takes the capitalisation rules of the decree's appendix: the kind of body and each part of
its proper name start with a capital ("Sở Thông tin và Truyền thông"), the kind of place is
lower case and the place name is in title case ("Ủy ban nhân dân tỉnh Bà Rịa-Vũng Tàu").
"""

from __future__ import annotations

import re
from functools import lru_cache

from vntext import fold

from .vocabulary import CENTRAL_BODIES, PARTY_BODIES

# Words that open the name of a body, with how they are written out. Longest first, so that
# "ỦY BAN NHÂN DÂN" wins over "BAN" and "VĂN PHÒNG" over "PHÒNG".
_HEADS: dict[str, str] = {
    "THỦ TƯỚNG CHÍNH PHỦ": "Thủ tướng Chính phủ",
    "ỦY BAN NHÂN DÂN": "Ủy ban nhân dân",
    "UỶ BAN NHÂN DÂN": "Ủy ban nhân dân",
    "HỘI ĐỒNG NHÂN DÂN": "Hội đồng nhân dân",
    "KHO BẠC NHÀ NƯỚC": "Kho bạc Nhà nước",
    "CHÍNH PHỦ": "Chính phủ",
    "VĂN PHÒNG": "Văn phòng",
    "TỔNG CỤC": "Tổng cục",
    "CHI CỤC": "Chi cục",
    "TRUNG TÂM": "Trung tâm",
    "THANH TRA": "Thanh tra",
    "CÔNG AN": "Công an",
    "BỆNH VIỆN": "Bệnh viện",
    "ĐẢNG ỦY": "Đảng ủy",
    "TỈNH ỦY": "Tỉnh ủy",
    "THÀNH ỦY": "Thành ủy",
    "HUYỆN ỦY": "Huyện ủy",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "BỘ": "Bộ",
    "CỤC": "Cục",
    "SỞ": "Sở",
    "BAN": "Ban",
    "PHÒNG": "Phòng",
    "TRƯỜNG": "Trường",
    "THUẾ": "Thuế",
}
# Bodies whose name is only their kind plus a place ("ỦY BAN NHÂN DÂN TỈNH ...").
_PLACE_ONLY = {"Ủy ban nhân dân", "Hội đồng nhân dân"}
# Kinds of place, written in lower case before the place name.
_PLACE_KINDS: dict[str, str] = {
    "THÀNH PHỐ": "thành phố",
    "THỊ TRẤN": "thị trấn",
    "ĐẶC KHU": "đặc khu",
    "THỊ XÃ": "thị xã",
    "TỈNH": "tỉnh",
    "HUYỆN": "huyện",
    "QUẬN": "quận",
    "PHƯỜNG": "phường",
    "XÃ": "xã",
}


def _match_phrase(words: list[str], i: int, table: dict[str, str]) -> tuple[str, int] | None:
    """The entry of ``table`` that starts at ``words[i]``, longest first, and its length."""
    first = words[i].upper() if i < len(words) else ""
    for parts, display in _split_table(id(table), table):
        if parts[0] == first and [w.upper() for w in words[i : i + len(parts)]] == parts:
            return display, len(parts)
    return None


_SPLIT_TABLES: dict[int, list[tuple[list[str], str]]] = {}


def _split_table(key: int, table: dict[str, str]) -> list[tuple[list[str], str]]:
    # The phrases of a module-level table, split once.
    if key not in _SPLIT_TABLES:
        _SPLIT_TABLES[key] = [(phrase.split(), display) for phrase, display in table.items()]
    return _SPLIT_TABLES[key]


def _is_place_kind(words: list[str], i: int) -> tuple[str, int] | None:
    found = _match_phrase(words, i, _PLACE_KINDS)
    # "XÃ HỘI" is "society" ("LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"), not a commune.
    if found and found[0] == "xã" and i + 1 < len(words) and words[i + 1].upper() == "HỘI":
        return None
    if found and i + found[1] >= len(words):
        return None  # a kind of place with no place name after it is an ordinary word
    return found


def split_levels(lines: list[str]) -> list[str]:
    """The bodies named in the header's left column, top level first.

    A new body starts only at the start of a printed line, with a word that opens a body
    name, once the body above has a name of its own ("VĂN PHÒNG" + "UBND TỈNH ..." is one).
    A name broken across lines ("ỦY" / "BAN NHÂN DÂN") is read as one phrase.
    """
    words: list[str] = []
    line_starts: set[int] = set()
    for line in lines:
        if line.split():
            line_starts.add(len(words))
            words.extend(line.split())
    levels: list[list[str]] = []
    i = 0
    while i < len(words):
        head = _match_phrase(words, i, _HEADS)
        size = head[1] if head else 1
        if head and levels and i in line_starts and _is_complete(levels[-1]):
            levels.append([])
        if not levels:
            levels.append([])
        levels[-1].extend(words[i : i + size])
        i += size
    return [" ".join(level) for level in levels]


def _is_complete(words: list[str]) -> bool:
    head = _match_phrase(words, 0, _HEADS)
    if head is None:
        return bool(words)
    rest = words[head[1] :]
    if head[0] in _PLACE_ONLY:
        return bool(rest)
    return bool(rest) and _match_phrase(rest, 0, _HEADS) is None


def _capitalize(word: str) -> str:
    return word[:1].upper() + word[1:].lower()


def _name_word(word: str) -> str:
    # A word with no vowel is an abbreviation ("CNTT", "KH&CN") and stays in capitals.
    if not any(ch in "aeiouy" for ch in fold(word)) or not word.isupper():
        return word
    return word.lower()


def _title_place(words: list[str]) -> str:
    return " ".join("-".join(_capitalize(part) for part in word.split("-")) for word in words)


def _proper_name(words: list[str]) -> str:
    """A body's proper name, each coordinated part capitalised: "Thông tin và Truyền thông"."""
    text = " ".join(_name_word(w) for w in words)
    parts = re.split(r"(\s+và\s+|,\s*|\s+-\s+)", text)
    return "".join(p if i % 2 else p[:1].upper() + p[1:] for i, p in enumerate(parts))


# Abbreviations of bodies that letters and lists print for the full name.
AGENCY_ABBREVIATIONS: dict[str, str] = {
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
}
_ABBREVIATION_RE = re.compile(r"(?<!\w)(" + "|".join(AGENCY_ABBREVIATIONS) + r")(?!\w)")
_FULL_NAME_RE = re.compile(
    r"(?<!\w)(" + "|".join(AGENCY_ABBREVIATIONS.values()) + r")(?!\w)", re.IGNORECASE
)


def expand_abbreviations(text: str) -> str:
    """ "UBND tỉnh X" -> "Ủy ban nhân dân tỉnh X" (also HĐND, UBMTTQ)."""
    return _ABBREVIATION_RE.sub(lambda m: AGENCY_ABBREVIATIONS[m[1]], text)


def abbreviate(text: str) -> str:
    """ "Ủy ban nhân dân tỉnh X" -> "UBND tỉnh X": the short form lists and headings use."""
    by_name = {fold(name): short for short, name in AGENCY_ABBREVIATIONS.items()}
    return _FULL_NAME_RE.sub(lambda m: by_name[fold(m[1])], text.replace("Uỷ", "Ủy"))


@lru_cache(maxsize=1)
def _known_bodies() -> dict[str, str]:
    # Bodies whose official spelling the casing rules cannot guess ("Bộ Công Thương").
    return {fold(name): name for name in (*CENTRAL_BODIES, *PARTY_BODIES)}


def format_agency(name: str) -> str:
    """An issuing body written out (see ``_format_agency``), in its official spelling when it
    is a ministry, central or Party body of the vocabulary."""
    text = _format_agency(name)
    return _known_bodies().get(fold(text), text)


def _format_agency(name: str) -> str:
    """An issuing body written out: "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH" -> "Ủy ban nhân dân tỉnh
    Hà Tĩnh", "BỘ TÀI CHÍNH" -> "Bộ Tài chính", "UBND THÀNH PHỐ HÀ NỘI" -> "Ủy ban nhân dân
    thành phố Hà Nội". A name already in mixed case is kept as printed, with "UBND" expanded.
    """
    words = name.split()
    if not words:
        return ""
    if not name.isupper():
        return expand_abbreviations(" ".join(words))
    out: list[str] = []
    i = 0
    head = _match_phrase(words, 0, _HEADS)
    if head:
        out.append(head[0])
        i = head[1]
        inner = _match_phrase(words, i, _HEADS)
        if inner:  # "VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH ...": the rest is itself a body
            out.append(_format_agency(" ".join(words[i:])))
            return " ".join(out)
    name_words: list[str] = []
    while i < len(words):
        place = _is_place_kind(words, i)
        if place:
            if name_words:
                out.append(_proper_name(name_words) if head else _capitalize_first(name_words))
                name_words = []
            out.append(place[0])
            out.append(_title_place(words[i + place[1] :]))
            break
        name_words.append(words[i])
        i += 1
    if name_words:
        out.append(_proper_name(name_words) if head else _capitalize_first(name_words))
    text = " ".join(part for part in out if part)
    return text[:1].upper() + text[1:]


def _capitalize_first(words: list[str]) -> str:
    text = " ".join(_name_word(w) for w in words)
    return text[:1].upper() + text[1:]


# Kinds of place by the level of government they name. "thành phố" and "thị xã" are most
# often under a province; a city run by the centre says so by its body's level.
PLACE_LEVELS: dict[str, str] = {
    "tỉnh": "tinh",
    "thành phố": "huyen",
    "thị xã": "huyen",
    "huyện": "huyen",
    "quận": "huyen",
    "đặc khu": "xa",
    "phường": "xa",
    "thị trấn": "xa",
    "xã": "xa",
}
# Written out, a kind of place is lower case and the place name capitalised ("Sở Lao động -
# Thương binh và Xã hội tỉnh X": "Xã hội" is no place); the longest kinds are tried first.
_PLACE_RE = re.compile(
    r"(?<!\w)("
    + "|".join(sorted(map(re.escape, PLACE_LEVELS), key=len, reverse=True))
    + r")\s+(\w[^,;()]*)"
)


def place_of(name: str) -> tuple[str, str] | None:
    """The place a body serves as its name says, with the level of that place:
    "Ủy ban nhân dân huyện An Bình" -> ("huyen", "An Bình"); None for a name without a
    place ("Bộ Nội vụ", "Sở Nội vụ"). The first place named is the body's own ("Phòng Nội
    vụ huyện A, tỉnh B" serves huyện A)."""
    for match in _PLACE_RE.finditer(format_agency(name)):
        place = match[2].strip(" .-–")
        if place[:1].isupper():
            return PLACE_LEVELS[match[1]], place
    return None


def is_central_body(name: str) -> bool:
    """A body of the central government, whose documents bind the whole country."""
    text = fold(format_agency(name))
    return text in {fold(body) for body in CENTRAL_BODIES} or text.startswith("bo ")
