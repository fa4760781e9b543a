"""Documents the text cites by number: "Quyết định số 28/2018/QĐ-TTg ngày 12/7/2018".

A citation is a kind ("Công văn", "văn bản", "Nghị định", ...) followed by "số" and a number,
or "số" and a number alone, usually followed by its date. A sentence that opens with the
date ("Ngày 02/4/2020 Văn phòng Chính phủ có văn bản số 2552/VPCP-KSTT") dates the document it
then cites. Laws cited by name and date carry no number and are not references. The document's
own number (annexes cite "Kèm theo Quyết định số ...") is not a reference either.
"""

from __future__ import annotations

import re

from reading.doctypes import CITED_TYPE_RE, title_case_type, type_from_number
from vntext import fold
from vntext.dates import DateMatch, find_dates
from vntext.numbers import NUMBER_RE, clean_number, number_key

from .record import Reference

WARN_CITATION_DATE = "citation date cannot be read: {number}"

_TYPE_BEFORE_RE = re.compile(rf"{CITED_TYPE_RE.pattern}\s*(?:số\s*:?\s*)?$", re.IGNORECASE)
_SO_BEFORE_RE = re.compile(r"(?<!\w)số\s*:?\s*$", re.IGNORECASE)
# Room before a number for its kind and "số" (characters).
_LOOKBEHIND = 40


def _date_after(text: str) -> tuple[DateMatch | None, bool]:
    """The date printed right after a number ("ngày 16/5/2022", ", ngày 14 tháng 11 ...").

    Returns the match and whether the text announces a date ("ngày") at all, so that a date
    that is announced but unreadable can be reported.
    """
    lead = re.match(r"\s*,?\s*", text)
    offset = lead.end() if lead else 0
    announced = fold(text[offset : offset + 4]) == "ngay"
    for item in find_dates(text[: offset + 40], months=False):
        gap = fold(text[offset : item.start]).strip()
        if item.start >= offset and gap in ("", "ngay"):
            return item, True
        break
    return None, announced


def _date_opening_sentence(paragraph: str, number_start: int) -> DateMatch | None:
    """The date that opens the sentence holding the number: "Ngày 02/4/2020 ... số ..."."""
    start = max(paragraph.rfind(". ", 0, number_start) + 1, 0)
    sentence = paragraph[start:number_start].lstrip()
    if not fold(sentence).startswith("ngay "):
        return None
    for item in find_dates(sentence, months=False):
        gap = fold(sentence[: item.start]).strip()
        if gap in ("", "ngay") and item.valid:
            return item
        break
    return None


def find_references(
    paragraphs: list[str], own_number: str | None = None
) -> tuple[list[Reference], list[str]]:
    """Every document cited by number, in order of first appearance, each once.

    Returns the references and the warnings (a citation whose date cannot be read).
    """
    seen = {number_key(own_number)} if own_number else set()
    references: list[Reference] = []
    warnings: list[str] = []
    for paragraph in paragraphs:
        for match in NUMBER_RE.finditer(paragraph):
            before = paragraph[max(0, match.start() - _LOOKBEHIND) : match.start()]
            kind = _TYPE_BEFORE_RE.search(before)
            if kind is None and not _SO_BEFORE_RE.search(before):
                continue
            number = clean_number(match.group())
            key = number_key(number)
            if key in seen:
                continue
            seen.add(key)
            doc_type = (
                title_case_type(kind.group(1)) if kind else (type_from_number(number) or "Văn bản")
            )
            date_match, announced = _date_after(paragraph[match.end() :])
            if date_match is None and not announced:
                date_match = _date_opening_sentence(paragraph, match.start())
            date = None
            if date_match is not None and date_match.valid:
                date = date_match.value.iso
            elif announced or date_match is not None:
                warnings.append(WARN_CITATION_DATE.format(number=number))
            references.append(Reference(doc_type=doc_type, number=number, date=date))
    return references, warnings
