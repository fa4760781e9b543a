"""Cleaning and reading one table cell: the values a procedure row is made of.

Crawled decisions break cells across lines, scatter markdown emphasis ("**(***Sở Tài chính
thực hiện)*"), leave footnote numbers on names and lose closing brackets; every reader of a
cell goes through here so the text, CSV and XLSX paths agree on what a value means.
"""

import re

from procedures.parsing.record import ONLINE_FULL, ONLINE_PARTIAL
from vntext import fold, nfc

# National procedure codes: "1.004122", "2.000305"; a short tail ("1.01443") is still a code,
# printed wrongly, and is kept as printed with a warning.
CODE_RE = re.compile(r"(?<![\d.])(\d\.\d{4,7})(?![\d.])")
WELL_FORMED_CODE_RE = re.compile(r"\d\.\d{6}")

_EMPHASIS_RE = re.compile(r"\*+|(?<!\w)_{2,}|_{2,}(?!\w)")
_SPACE_RE = re.compile(r"\s+")
_NUMBER_TAKING = {
    "hang", "cap", "loai", "muc", "do", "nhom", "so", "khoan", "dieu", "diem", "lan", "nam",
    "doan", "luc", "mau", "ky", "dot", "bac", "tang", "phan", "vung", "khu", "tuyen", "ngay",
}  # fmt: skip
_COUNT_RE = re.compile(r"\(\s*\d+\s*(?:thu tuc(?: hanh chinh)?|tthc|tt)?\s*\)\s*$")
_LEVEL_NAMES = {
    "cap trung uong": "Cấp trung ương",
    "cap tinh": "Cấp tỉnh",
    "cap huyen": "Cấp huyện",
    "cap xa": "Cấp xã",
    "cap co so": "Cấp cơ sở",
    "co quan khac": "Cơ quan khác",
}
_ABBREVIATIONS = {"ubnd", "hdnd", "tthc", "dvc", "dvctt", "kh&cn", "cntt", "cchc", "bhxh", "vbqppl"}
_ADMIN_UNITS = ("tinh", "thanh pho", "huyen", "quan", "thi xa", "thi tran", "xa", "phuong")
# Where a place-of-filing cell names a one-stop desk, the desk only receives the file; it is
# not the agency that decides, so such a place says nothing about the agency.
_ONE_STOP_DESKS = ("trung tam phuc vu hanh chinh cong", "bo phan mot cua", "bo phan tiep nhan",
                   "trung tam hanh chinh cong", "dich vu buu chinh", "cong dich vu cong")  # fmt: skip
_ONLINE_CONTEXT_RE = re.compile(
    r"(?:dich vu cong|dvc|truc tuyen)\W+(?:\w+\W+){0,4}?(toan trinh|mot phan|muc do\s*[34])"
)


def clean(text: str | None) -> str:
    """One line of text: NFC, emphasis markers gone, whitespace runs collapsed, brackets closed."""
    if not text:
        return ""
    value = _SPACE_RE.sub(" ", _EMPHASIS_RE.sub("", nfc(text))).strip()
    value = re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", value))
    missing = value.count("(") - value.count(")")
    # A crawl that cut the cell short leaves an open bracket; close it rather than keep it ragged.
    return value + ")" * missing if missing > 0 else value


def folded(text: str | None) -> str:
    """``clean`` then ``fold``: for comparing cell text by meaning."""
    return fold(clean(text))


def sentence_case(text: str) -> str:
    """Titles printed in capitals read as a sentence: "DANH MỤC THỦ TỤC" -> "Danh mục thủ tục".

    Mixed-case text is left alone (its capitals are deliberate); abbreviations stay capitals and
    place names after an administrative unit ("TỈNH PHÚ THỌ") get capital initials.
    """
    letters = [ch for ch in text if ch.isalpha()]
    if not letters or sum(ch.isupper() for ch in letters) < 0.8 * len(letters):
        return text
    words = text.lower().split(" ")
    result: list[str] = []
    capitalise_rest = False
    for index, word in enumerate(words):
        key = fold(word)
        if key in _ABBREVIATIONS:
            word = word.upper()
        elif index == 0 or capitalise_rest:
            word = word[:1].upper() + word[1:]
        result.append(word)
        pair = fold(" ".join(words[max(0, index - 1) : index + 1]))
        if not capitalise_rest and (key in _ADMIN_UNITS or pair in _ADMIN_UNITS):
            # "xã hội" (society) and "tỉnh và ..." name no place.
            following = fold(words[index + 1]) if index + 1 < len(words) else ""
            capitalise_rest = following not in {"", "va", "tren", "hoi"}
    return " ".join(result)


def strip_count(text: str) -> str:
    """Drop the count a heading carries: "... MỚI BAN HÀNH (16 thủ tục)" -> "... MỚI BAN HÀNH"."""
    match = _COUNT_RE.search(fold(text))
    return text[: match.start()].rstrip(" :-–") if match else text


def clean_name(text: str | None) -> str:
    """A procedure name on one line, without a footnote number stuck to its end."""
    name = clean(text)
    match = re.search(r"\s(\d{1,2})$", name)
    if match:
        previous = fold(name[: match.start()].split(" ")[-1])
        if previous not in _NUMBER_TAKING:
            name = name[: match.start()]
    return name.rstrip(" ,;")


def find_code(text: str | None) -> str | None:
    """The national procedure code in ``text``, as printed, or None."""
    match = CODE_RE.search(clean(text))
    return match.group(1) if match else None


def is_well_formed_code(code: str) -> bool:
    return bool(WELL_FORMED_CODE_RE.fullmatch(code))


def is_marked(text: str | None) -> bool:
    """A tick in a mark column: "x", "X", "✓", "v", "có"."""
    return folded(text) in {"x", "v", "✓", "✔", "☑", "co", "+", "●"}


def online_level_of_value(text: str | None) -> str | None:
    """Read an online-service column's value: the words, or the old levels 4 and 3."""
    value = folded(text)
    if not value:
        return None
    if "toan trinh" in value:
        return ONLINE_FULL
    if "mot phan" in value:
        return ONLINE_PARTIAL
    if re.fullmatch(r"(?:muc(?: do)?\s*)?4|.*muc do\s*4.*", value):
        return ONLINE_FULL
    if re.fullmatch(r"(?:muc(?: do)?\s*)?3|.*muc do\s*3.*", value):
        return ONLINE_PARTIAL
    return None


def online_level_in_prose(text: str | None) -> str | None:
    """An online level stated in running text ("thực hiện dịch vụ công trực tuyến toàn trình").

    Requires the online-service words nearby, because names themselves say "một phần dự án".
    """
    match = _ONLINE_CONTEXT_RE.search(folded(text))
    return online_level_of_value(match.group(1)) if match else None


def split_parentheses(text: str) -> tuple[str, list[str]]:
    """``text`` without its top-level bracketed parts, and those parts' contents."""
    outside: list[str] = []
    inside: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in text:
        if ch == "(":
            if depth == 0:
                outside.append(" ")
                current = []
            else:
                current.append(ch)
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                inside.append("".join(current).strip())
            else:
                current.append(ch)
        elif depth:
            current.append(ch)
        else:
            outside.append(ch)
    return _SPACE_RE.sub(" ", "".join(outside)).strip(), [part for part in inside if part]


def parse_levels(text: str | None) -> tuple[list[str], str | None]:
    """The levels in a "Cấp thực hiện" cell and the agency it names in brackets, if any.

    "Cấp Tỉnh (Sở Tài chính thực hiện)" -> (["Cấp tỉnh"], "Sở Tài chính").
    """
    outside, inside = split_parentheses(clean(text))
    levels: list[str] = []
    for part in re.split(r"[;,/\n+]|\s(?:và|hoặc)\s|\s-\s", outside):
        part = part.strip(" .:-")
        if not part:
            continue
        level = _LEVEL_NAMES.get(fold(part)) or _normalise_level(part)
        if level not in levels:
            levels.append(level)
    agency = None
    if inside:
        agency = re.sub(
            r"\s+(?:thực hiện|giải quyết|tiếp nhận)$", "", inside[0].strip(), flags=re.I
        )
    return levels, agency or None


def _normalise_level(part: str) -> str:
    key = fold(part)
    for folded_name, name in _LEVEL_NAMES.items():
        if key == folded_name or key == folded_name.removeprefix("cap "):
            return name
    return sentence_case(part)[:1].upper() + sentence_case(part)[1:]


def agency_from_place(text: str | None) -> str | None:
    """The agency named as the place of direct filing, unless that place is a one-stop desk.

    Lists with a "Cách thức/Địa điểm thực hiện" column name either the provincial service
    centre (which only receives files) or the body that handles the case itself.
    """
    value = clean(text)
    match = re.search(r"trực tiếp\s*:?", value, flags=re.I)
    if not match:
        return None
    place = value[match.end() :]
    place = re.sub(r"^\s*(?:\d+(?:\.\d+)*\.?\s*)+", "", place)
    place = re.split(r"\.(?:\s|$)|\s(?:Địa chỉ|ĐT|Điện thoại)\b|\s\d+(?:\.\d+)+\.?\s", place)[0]
    place = place.strip(" ;:-")
    if not place or any(desk in fold(place) for desk in _ONE_STOP_DESKS):
        return None
    return place
