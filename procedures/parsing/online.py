"""The online-service level words, in one place for every reader of the catalogue.

Lists state a procedure's online level in many spellings: the words of Decree 42/2022
("toàn trình", "một phần"), the old levels ("mức độ 4" is toàn trình, "mức độ 3" một phần),
a tick under a column so titled, or a sentence of the "cách thức thực hiện" cell ("Nộp hồ sơ
trực tuyến toàn trình qua Cổng Dịch vụ công ..."). Every spelling is matched here on folded
text (``vntext.fold``: no diacritics, lower case), so the parser, the spreadsheet reader and
the importer's vocabulary agree. Pure Python: the parsing package runs without Django.
"""

import re

from vntext import fold

ONLINE_FULL = "toàn trình"
ONLINE_PARTIAL = "một phần"

FULL_WORDS = ("toan trinh",)
PARTIAL_WORDS = ("mot phan",)
# Words that say a phrase is about the online service, so that "một phần dự án" in a name
# is not read as a level.
SERVICE_WORDS = ("dich vu cong", "dvc", "dvctt", "truc tuyen")

_OLD_FULL_RE = re.compile(r"(?:muc(?: do)?\s*)?4|.*muc do\s*4.*")
_OLD_PARTIAL_RE = re.compile(r"(?:muc(?: do)?\s*)?3|.*muc do\s*3.*")
# In a directive's sentence: "mức độ 3, 4", "mức độ 3 và mức độ 4"; "trực tuyến một phần".
_OLD_LEVELS_RE = re.compile(r"muc do\s*([34](?:\s*(?:,|va|hoac|/|-)\s*(?:muc do\s*)?[34])*)")
_SENTENCE_PARTIAL_RE = re.compile(r"(?:truc tuyen|dvc\w*|toan trinh)\W+(?:\w+\W+){0,3}?mot phan")
# A bracketed note that states a level and nothing else: "(mức độ 4)", "(toàn trình)".
_LEVEL_ONLY_RE = re.compile(r"\s*(muc do\s*[34]|toan trinh|mot phan)\s*")
_PROSE_RE = re.compile(
    r"(?:" + "|".join(SERVICE_WORDS) + r")\W+(?:\w+\W+){0,4}?(toan trinh|mot phan|muc do\s*[34])"
)


def _folded(text: str | None) -> str:
    return " ".join(fold(text or "").replace("*", " ").split())


def level_of_value(text: str | None) -> str | None:
    """The level a cell of an online-service column states: its words or old levels 4 and 3."""
    value = _folded(text)
    if not value:
        return None
    if any(word in value for word in FULL_WORDS):
        return ONLINE_FULL
    if any(word in value for word in PARTIAL_WORDS):
        return ONLINE_PARTIAL
    if _OLD_FULL_RE.fullmatch(value):
        return ONLINE_FULL
    if _OLD_PARTIAL_RE.fullmatch(value):
        return ONLINE_PARTIAL
    return None


def level_in_prose(text: str | None) -> str | None:
    """A level stated in running text, next to the online-service words.

    When a cell states both (a service offered "toàn trình" for one step and "một phần" for
    another), the fuller level is what the procedure reaches.
    """
    levels = {level_of_value(match.group(1)) for match in _PROSE_RE.finditer(_folded(text))}
    if ONLINE_FULL in levels:
        return ONLINE_FULL
    return ONLINE_PARTIAL if ONLINE_PARTIAL in levels else None


def levels_in_sentence(folded: str) -> list[str]:
    """The levels a folded sentence of a directive names ("cung cấp dịch vụ công trực tuyến
    mức độ 3, 4"), fullest first; the old "mức độ 4" is toàn trình, "3" một phần."""
    found: set[str] = set()
    for match in _OLD_LEVELS_RE.finditer(folded):
        digits = set(re.findall(r"[34]", match.group(1)))
        if "4" in digits:
            found.add(ONLINE_FULL)
        if "3" in digits:
            found.add(ONLINE_PARTIAL)
    if "toan trinh" in folded:
        found.add(ONLINE_FULL)
    if _SENTENCE_PARTIAL_RE.search(folded):
        found.add(ONLINE_PARTIAL)
    return [level for level in (ONLINE_FULL, ONLINE_PARTIAL) if level in found]


def states_only_a_level(text: str) -> bool:
    """Whether ``text`` is a level and nothing more ("mức độ 4", "toàn trình")."""
    return _LEVEL_ONLY_RE.fullmatch(fold(text)) is not None


def level_of_label(label: str | None) -> str | None:
    """The level an importer's cell or label gives: its words, a level in a sentence, or an
    old level written after other words ("DVC mức 4", "Mức độ: 3")."""
    level = level_of_value(label) or level_in_prose(label)
    if level is None:
        folded = fold(label or "").strip()
        if folded.endswith("4"):
            return ONLINE_FULL
        if folded.endswith("3"):
            return ONLINE_PARTIAL
    return level


def column_level(label: str | None) -> str | None:
    """The level an "x" under a column means, from its header: "Toàn trình", "Mức độ 3"."""
    text = _folded(label).strip(" .:")
    full = any(word in text for word in FULL_WORDS) or re.fullmatch(r"(muc do\s*)?4|muc 4", text)
    partial = any(word in text for word in PARTIAL_WORDS) or re.fullmatch(
        r"(muc do\s*)?3|muc 3", text
    )
    if full and partial:
        return None  # a group header over both parts, or a column of written levels
    if full:
        return ONLINE_FULL
    return ONLINE_PARTIAL if partial else None
