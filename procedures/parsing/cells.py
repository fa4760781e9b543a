"""Cleaning and reading one table cell: the values a procedure row is made of.

Crawled decisions break cells across lines, scatter markdown emphasis ("**(***Sở Tài chính
thực hiện)*"), leave footnote numbers on names and lose closing brackets; every reader of a
cell goes through here so the text, CSV and XLSX paths agree on what a value means.
"""

import re

from procedures.parsing import online
from vntext import fold, nfc

# National procedure codes: "1.004122", "2.000305"; a short tail ("1.01443") is still a code,
# printed wrongly, and is kept as printed with a warning.
# A province's system may append its own suffix ("1.001122.000.00.00.H48", "1.003901.H42"):
# the national code is the part before it.
_SUFFIX = r"(?:\s?\.\s?(?:\d{2,}|[A-Z]{1,3}\d*))*"
CODE_RE = re.compile(r"(?<![\d.])(\d\.\d{4,7})(?=" + _SUFFIX + r"(?!\w|\.\w))")
# The same code with its digits grouped like a number ("1.013.792.H42", "(1.013.792)"): read
# only where a provincial suffix or the bracket shows it is a code, never in an amount.
_GROUPED_CODE_RE = re.compile(r"(?<![\d.])(\d)\.(\d{3})\.(\d{3})(?=\s?\.\s?[A-Z]{1,3}\d|\s*\))")
# How a name cell carries the code when the list has no code column of its own.
_CODE_IN_NAME_RE = re.compile(
    r"\s*(?:\(\s*)?(?:-\s*)?(?:mã\s*(?:số\s*)?(?:tthc|thủ tục(?: hành chính)?)?\s*[:.]?\s*)?"
    r"CODE" + _SUFFIX + r"\s*\)?\s*[.;]?",
    re.IGNORECASE,
)
# Labelled details some lists put in the name cell after the name itself.
_NAME_DETAIL_RE = re.compile(
    r"\s(?:[-–+]\s*)?(?:thời gian (?:thực hiện|giải quyết)|thời hạn giải quyết|mã (?:số )?tthc)\s*:",
    re.IGNORECASE,
)
WELL_FORMED_CODE_RE = re.compile(r"\d\.\d{6}")

_EMPHASIS_RE = re.compile(r"\*+|(?<!\w)_{2,}|_{2,}(?!\w)")
_SPACE_RE = re.compile(r"\s+")
# A footnote reference the crawl keeps on a word: "Văn hóa[3]", "BỔ SUNG[1]".
_FOOTNOTE_RE = re.compile(r"(?<=\w)\[\d{1,2}\]")
_NUMBER_TAKING = {
    "hang", "cap", "loai", "muc", "do", "nhom", "so", "khoan", "dieu", "diem", "lan", "nam",
    "doan", "luc", "mau", "ky", "dot", "bac", "tang", "phan", "vung", "khu", "tuyen", "ngay",
}  # fmt: skip
# "(16 thủ tục)", ": 07 TTHC", "- 03 thủ tục", ": Không" (a part with no procedure in it).
_COUNT_RE = re.compile(
    r"(?:\(\s*\d+\s*(?:thu tuc(?: hanh chinh)?|tthc|tt)?[^()]{0,30}\)"
    r"|[:\-–]\s*(?:\d+\s*(?:thu tuc(?: hanh chinh)?|tthc)|khong))\s*$"
)
_LEVEL_NAMES = {
    "cap trung uong": "Cấp trung ương",
    "cap tinh": "Cấp tỉnh",
    "cap huyen": "Cấp huyện",
    "cap xa": "Cấp xã",
    "cap co so": "Cấp cơ sở",
    "co quan khac": "Cơ quan khác",
}
# Words after "tỉnh", "xã" ... that show no place name follows ("tỉnh bị bãi bỏ", "xã hội").
_NOT_A_PLACE = {"", "va", "tren", "hoi", "bi", "duoc", "thuc", "trong", "theo", "co", "cua",
                "do", "ve", "tai", "nay", "da", "se", "ap"}  # fmt: skip
_ABBREVIATIONS = {"ubnd", "hdnd", "tthc", "dvc", "dvctt", "kh&cn", "cntt", "cchc", "bhxh", "vbqppl"}
_ADMIN_UNITS = ("tinh", "thanh pho", "huyen", "quan", "thi xa", "thi tran", "xa", "phuong")
# Where a place-of-filing cell names a one-stop desk, the desk only receives the file; it is
# not the agency that decides, so such a place says nothing about the agency.
_ONE_STOP_DESKS = ("trung tam phuc vu hanh chinh cong", "bo phan mot cua", "bo phan tiep nhan",
                   "trung tam hanh chinh cong", "dich vu buu chinh", "cong dich vu cong")  # fmt: skip


def clean(text: str | None) -> str:
    """One line of text: NFC, emphasis markers gone, whitespace runs collapsed, brackets closed."""
    if not text:
        return ""
    value = _SPACE_RE.sub(" ", _EMPHASIS_RE.sub("", nfc(text))).strip()
    value = _FOOTNOTE_RE.sub("", value)
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
        if (
            not capitalise_rest
            and pair != "co quan"
            and (key in _ADMIN_UNITS or pair in _ADMIN_UNITS)
        ):
            # "xã hội" (society) and "tỉnh và ..." name no place.
            following = fold(words[index + 1]) if index + 1 < len(words) else ""
            capitalise_rest = following not in _NOT_A_PLACE
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
    value = clean(text)
    match = CODE_RE.search(value)
    if match:
        return match.group(1)
    grouped = _GROUPED_CODE_RE.search(value)
    return f"{grouped.group(1)}.{grouped.group(2)}{grouped.group(3)}" if grouped else None


def _printed_code_pattern(code: str) -> str:
    """The code as it may be printed in a cell: as is, or with its digits grouped."""
    grouped = f"{code[:1]}.{code[2:5]}.{code[5:]}" if len(code) == 8 else code
    return f"(?:{re.escape(code)}|{re.escape(grouped)})"


def split_code_from_name(text: str | None) -> tuple[str | None, str]:
    """The code a name cell carries and the name without it.

    "Cấp giấy phép X (1.004122)", "Cấp giấy phép X Mã TTHC: 1.004122", "1.004122 - Cấp giấy
    phép X": the code is taken out with its brackets or label; labelled details after the name
    ("Thời gian thực hiện: ...") are dropped too.
    """
    value = clean(text)
    code = find_code(value)
    if code is None:
        return None, clean_name(value)
    pattern = re.compile(
        _CODE_IN_NAME_RE.pattern.replace("CODE", _printed_code_pattern(code)), re.IGNORECASE
    )
    name = pattern.sub(" ", value, count=1)
    detail = _NAME_DETAIL_RE.search(" " + name)
    if detail:
        name = (" " + name)[: detail.start()]
    return code, clean_name(name.strip(" -–:"))


def is_well_formed_code(code: str) -> bool:
    return bool(WELL_FORMED_CODE_RE.fullmatch(code))


def is_marked(text: str | None) -> bool:
    """A tick in a mark column: "x", "X", "✓", "v", "có"."""
    return folded(text) in {"x", "v", "✓", "✔", "☑", "co", "+", "●"}


def online_level_of_value(text: str | None) -> str | None:
    """Read an online-service column's value: the words, or the old levels 4 and 3."""
    return online.level_of_value(clean(text))


def online_level_in_prose(text: str | None) -> str | None:
    """An online level stated in running text ("thực hiện dịch vụ công trực tuyến toàn trình").

    Requires the online-service words nearby, because names themselves say "một phần dự án".
    """
    return online.level_in_prose(clean(text))


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


_LABELLED_AGENCY_RE = re.compile(
    r"cơ quan (?:trực tiếp )?(?:thực hiện|giải quyết)\s*:\s*(.+?)(?=\.\s|\.$|;|\s-\s|\s(?:Địa chỉ|ĐT|Điện thoại)\b|$)",
    re.IGNORECASE,
)


def labelled_agency(text: str | None) -> str | None:
    """The agency a cell names after a label: "- Cơ quan thực hiện: Sở Khoa học và Công nghệ."."""
    match = _LABELLED_AGENCY_RE.search(clean(text))
    if not match:
        return None
    # "Ban Quản lý các Khu công nghiệp (đối với người lao động ...)": the bracket limits the
    # cases, it is not part of the agency's name.
    value = re.sub(
        r"\s*\((?:đối với|trong trường hợp|trường hợp)[^()]*\)?$", "", match.group(1), flags=re.I
    )
    return value.strip(" ,;:-") or None


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
