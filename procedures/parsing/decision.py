"""Who published the list, when, under which number, and what its title says of every row.

A decision's header block (issuing body, "Số: 1805/QĐ-UBND", "Phú Thọ, ngày 18 tháng 11 năm
2025") is the best source; crawled copies that lost it still carry the annex's note "(Kèm
theo Quyết định số 2808/QĐ-UBND ngày 19 tháng 11 năm 2025 của Chủ tịch Ủy ban nhân dân tỉnh
Đồng Nai)", which is read instead.
"""

import re

from procedures.parsing._dates import find_date
from procedures.parsing.assemble import Defaults
from procedures.parsing.cells import clean, sentence_case
from procedures.parsing.headings import title_field, title_levels
from procedures.parsing.record import Decision
from vntext import fold, nfc

_NUMBER = r"(\d+\s*/\s*(?:\d{4}\s*/\s*)?[^\W\d_][\w]*(?:\s*[-–]\s*[^\W_][\w]*)*)"
_HEADER_NUMBER_RE = re.compile(r"(?m)^[\s|*]*Số\s*:?\s*" + _NUMBER)
_ANNEX_NOTE_RE = re.compile(
    r"kèm theo\s+Quyết định(?:\s+số)?\s*:?\s*" + _NUMBER + r"(?P<rest>[^)]{0,200})\)",
    re.IGNORECASE,
)
_MOTTO = "cong hoa xa hoi chu nghia"
_ADMIN_UNIT_START = (
    "tinh ",
    "thanh pho ",
    "huyen ",
    "quan ",
    "thi xa ",
    "xa ",
    "phuong ",
    "thi tran ",
)
_MIN_TITLE_WORDS = 5


def read_decision(text: str) -> Decision:
    """The decision's number, date and issuer; None for each part the text lacks."""
    text = nfc(text)
    plain = re.sub(r"\*+", "", text)
    decision = Decision()
    header = _HEADER_NUMBER_RE.search(plain[:6000])
    if header:
        decision.number = _tidy_number(header.group(1))
        dated = find_date(plain[header.end() : header.end() + 300])
        decision.issued_on = dated[0] if dated else None
    decision.issuer = _header_issuer(plain)
    note = _ANNEX_NOTE_RE.search(plain)
    if note:
        decision.number = decision.number or _tidy_number(note.group(1))
        if decision.issued_on is None:
            dated = find_date(note.group("rest"))
            decision.issued_on = dated[0] if dated else None
        if decision.issuer is None:
            decision.issuer = _issuer_from_note(note.group("rest"))
    return decision


def read_defaults(text: str) -> Defaults:
    """The field and levels the decision's or annex's capitalised title gives every row."""
    for title in _capitalised_runs(text):
        key = fold(title)
        if "danh muc" not in key or "thu tuc" not in key:
            continue
        field, levels = title_field(title), title_levels(title)
        if field or levels:
            return Defaults(field=field, levels=levels)
    return Defaults()


def _capitalised_runs(text: str) -> list[str]:
    """Runs of words printed in capitals: the titles of a decision and of its annex."""
    runs: list[list[str]] = [[]]
    for word in re.sub(r"[*|]+", " ", nfc(text)).split():
        has_letters = any(ch.isalpha() for ch in word)
        if word == word.upper() and (has_letters or runs[-1]):
            runs[-1].append(word)  # numbers and dashes inside a title do not end it
        elif runs[-1]:
            runs.append([])
    return [" ".join(run) for run in runs if len(run) >= _MIN_TITLE_WORDS]


def _tidy_number(number: str) -> str:
    return re.sub(r"\s+", "", number).replace("–", "-")


def _header_issuer(text: str) -> str | None:
    """The issuing body from the header's left column, read above the national motto."""
    lines = text.splitlines()[:40]
    motto = next((i for i, line in enumerate(lines) if _MOTTO in fold(line)), None)
    if motto is None:
        return None
    bodies: list[str] = []
    for line in lines[:motto]:
        line = clean(line.strip("|-_ "))
        if not line or set(line) <= set("-_=|"):
            continue
        if bodies and fold(line).startswith(_ADMIN_UNIT_START):
            bodies[-1] = f"{bodies[-1]} {line}"
        else:
            bodies.append(line)
    # Two levels are printed parent first; the issuer is the lower one.
    return sentence_case(bodies[-1]) if bodies else None


def _issuer_from_note(rest: str) -> str | None:
    match = re.search(r"\bcủa\s+(.+)$", clean(rest), flags=re.IGNORECASE)
    if not match:
        return None
    issuer = re.sub(r"^(?:Chủ tịch|CHỦ TỊCH)\s+", "", match.group(1).strip(" .;"))
    issuer = re.sub(r"\bUBND\b", "Ủy ban nhân dân", issuer)
    return sentence_case(issuer) or None
