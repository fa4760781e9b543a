"""Who published the list, when, under which number, and what its title says of every row.

The decision's header (issuing body, "Số: 1805/QĐ-UBND", "Phú Thọ, ngày 18 tháng 11 năm
2025") is read by the shared header reader ``reading.read_header``, as the directive importer
reads it, so both importers agree on a document's number, date and issuer. Crawled copies
that lost the header still carry the annex's note "(Kèm theo Quyết định số 2808/QĐ-UBND ngày
19 tháng 11 năm 2025 của Chủ tịch Ủy ban nhân dân tỉnh Đồng Nai)", which is read instead.
"""

import re

from procedures.parsing._dates import find_date
from procedures.parsing.assemble import Defaults
from procedures.parsing.cells import clean
from procedures.parsing.headings import title_field, title_levels
from procedures.parsing.record import Decision
from reading import clean_lines, read_header
from reading.agencies import format_agency
from vntext import fold, nfc
from vntext.numbers import NUMBER_RE, clean_number

_ANNEX_NOTE_RE = re.compile(
    r"kèm theo\s+Quyết định(?:\s+số)?\s*:?\s*"
    + rf"(?P<number>{NUMBER_RE.pattern})"
    + r"(?P<rest>[^)]{0,200})\)",
    re.IGNORECASE,
)
# The header is at the top: reading the whole of a long decision for it is waste.
_HEADER_LINES = 80
_MIN_TITLE_WORDS = 5
# An annex note names who signs for the body ("của Chủ tịch UBND tỉnh X", "của Bộ trưởng Bộ Y
# tế"); the list's issuer is the body. "Thủ tướng Chính phủ" is itself an issuer and stays.
_HEAD_OF_BODY_RE = re.compile(
    r"^(?:Chủ tịch|Bộ trưởng|Giám đốc|Chủ nhiệm|Tổng cục trưởng|Cục trưởng|Vụ trưởng|"
    r"Trưởng ban|Chánh văn phòng)\s+(?=\S)",
    re.IGNORECASE,
)


def read_decision(text: str) -> Decision:
    """The decision's number, date and issuer; None for each part the text lacks."""
    text = nfc(text)
    header = read_header(clean_lines("\n".join(text.splitlines()[:_HEADER_LINES])))
    decision = Decision(
        number=header.number,
        issued_on=header.issued.to_date() if header.issued else None,
        issuer=_body_not_head(header.issuer),
    )
    if decision.number and decision.issued_on and decision.issuer:
        return decision
    note = _ANNEX_NOTE_RE.search(re.sub(r"\*+", "", text))
    if note:
        decision.number = decision.number or clean_number(note.group("number"))
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


def _issuer_from_note(rest: str) -> str | None:
    """ "... của Chủ tịch UBND tỉnh X" -> "Ủy ban nhân dân tỉnh X" (the body, not its head)."""
    match = re.search(r"\bcủa\s+(.+)$", clean(rest), flags=re.IGNORECASE)
    if not match:
        return None
    return _body_not_head(format_agency(match.group(1).strip(" .;")))


def _body_not_head(issuer: str | None) -> str | None:
    """The body without the title of its head: "Chủ tịch Ủy ban nhân dân tỉnh X" -> "Ủy ban
    nhân dân tỉnh X"."""
    if not issuer:
        return None
    body = _HEAD_OF_BODY_RE.sub("", issuer)
    return body[:1].upper() + body[1:] or None
