"""Documents the text cites by number: "Quyết định số 28/2018/QĐ-TTg ngày 12/7/2018".

A citation is a kind ("Công văn", "văn bản", "Nghị định", ...) followed by "số" and a number,
or "số" and a number alone, usually followed by its date. A sentence that opens with the
date ("Ngày 02/4/2020 Văn phòng Chính phủ có văn bản số 2552/VPCP-KSTT") dates the document it
then cites. Laws cited by name and date carry no number and are not references. The document's
own number (annexes cite "Kèm theo Quyết định số ...") is not a reference either.

Kinds of citation read beyond that simple shape (each rule holds for any document of its kind):

- a kind named before a long title: "Luật Tổ chức chính quyền địa phương số 72/2025/QH15" is a
  "Luật", not a bare "Văn bản" (the nearest capitalised kind word in the same clause);
- a running number with a hyphenated prefix: "công văn số 25-2303/PBHC-KD";
- a number or date that a crawl broke over two lines which the paragraph joiner keeps apart
  (headings in capitals: "... QUYẾT ĐỊNH SỐ 52/2024/QĐ-UBND NGÀY 30 THÁNG 10" / "NĂM 2024 ...");
- enumerations "các Quyết định số 12/QĐ-UBND, số 13/UBND-VP và số 14/..." where every number
  takes the kind named at the head of the list;
- the same number cited twice, first without a date and later with one: the reference keeps
  its first place and kind and takes the date.
"""

from __future__ import annotations

import re

from reading.doctypes import CITED_TYPE_RE, title_case_type, type_from_number
from vntext import fold
from vntext.dates import DateMatch, find_dates
from vntext.numbers import NUMBER_RE, clean_number, number_key

from .record import Reference
from .relations import CITES, STRENGTH, clause_start, joins_previous, relation_of

WARN_CITATION_DATE = "citation date cannot be read: {number}"

_TYPE_BEFORE_RE = re.compile(rf"{CITED_TYPE_RE.pattern}\s*(?:số\s*:?\s*)?$", re.IGNORECASE)
_SO_BEFORE_RE = re.compile(r"(?<!\w)số\s*:?\s*$", re.IGNORECASE)
# Room before a number for its kind and "số" (characters).
_LOOKBEHIND = 40
# Room before "số" for a kind followed by the cited document's title ("Luật Ban hành văn bản
# quy phạm pháp luật số ..."), within one clause.
_TITLE_LOOKBEHIND = 160
# A clause ends at these; a kind word beyond one of them names something else.
_CLAUSE_END_RE = re.compile(r"[;:.()\[\]]\s|[;()\[\]]")
# A kind word right before another names the document: "Thông báo kết luận số ..." is a
# Thông báo (of a conclusion), "Báo cáo thẩm định" is a Báo cáo.
_OUTER_TYPE_RE = re.compile(rf"{CITED_TYPE_RE.pattern}\s+$", re.IGNORECASE)
# "số" after these words numbers a form, an annex or an account, not a cited document.
_NOT_CITED_RE = re.compile(
    r"(?<!\w)(?:mẫu|biểu|tờ khai|phụ lục|tài khoản|điện thoại)\s*(?:số\s*:?\s*)?$",
    re.IGNORECASE,
)
# A hyphenated prefix to the running number: "số 25-2303/PBHC-KD".
_PREFIX_RE = re.compile(r"(?<![\w/.])(\d{1,6})\s?-\s?$")
# What joins the items of an enumeration of citations: ", số", "; số", " và số", " và".
_ENUMERATION_GAP_RE = re.compile(
    r"^(?:\s*(?:,|;|và|hoặc)\s*)+(?:các\s+)?số\s*:?\s*$", re.IGNORECASE
)
# A paragraph that a crawl cut in the middle of a number or a date ("QĐ-", "ngày 30 tháng 10",
# "số").
_UNFINISHED_RE = re.compile(
    r"(?:[-/&]|(?<!\w)(?:số|ngày|tháng|năm)\s*:?(?:\s*\d{1,4})?)\s*$", re.IGNORECASE
)


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


def _join_cut_paragraphs(paragraphs: list[str]) -> list[str]:
    """Paragraphs with those cut inside a number or a date joined to the next one."""
    joined: list[str] = []
    carry = ""
    for paragraph in paragraphs:
        text = f"{carry} {paragraph}".strip() if carry else paragraph
        if _UNFINISHED_RE.search(text):
            carry = text
            continue
        carry = ""
        joined.append(text)
    if carry:
        joined.append(carry)
    return joined


def _kind_in_title(before: str) -> str | None:
    """The kind that opens the clause before "số": "Luật Đất đai số" -> "Luật".

    Only a capitalised kind word counts ("luật" inside "pháp luật" names no document), and
    only within the clause, so "Căn cứ Nghị định ...; Công ty số 5" finds nothing.
    """
    if not _SO_BEFORE_RE.search(before):
        return None
    ends = list(_CLAUSE_END_RE.finditer(before))
    clause = before[ends[-1].end() :] if ends else before
    kinds = [m for m in CITED_TYPE_RE.finditer(clause) if m.group(1)[:1].isupper()]
    return title_case_type(kinds[-1].group(1)) if kinds else None


def _relation(
    paragraph: str,
    start: int,
    previous_end: int,
    previous_relation: str | None,
    enumerated: bool,
) -> str:
    """The relation of the citation at ``start``: an item of an enumeration takes its head's;
    else the words of its clause before it (``relations``)."""
    if enumerated and previous_relation is not None:
        return previous_relation
    clause_at = clause_start(paragraph, start)
    after_citation = previous_end > clause_at
    lead = paragraph[previous_end if after_citation else clause_at : start]
    relation = relation_of(lead, paragraph[clause_at:start], after_citation=after_citation)
    if relation == CITES and after_citation and previous_relation and joins_previous(lead):
        return previous_relation
    return relation


def find_references(
    paragraphs: list[str], own_number: str | None = None
) -> tuple[list[Reference], list[str]]:
    """Every document cited by number, in order of first appearance, each once.

    Returns the references and the warnings (a citation whose date cannot be read).
    """
    own = number_key(own_number) if own_number else None
    by_key: dict[str, Reference] = {}
    references: list[Reference] = []
    warnings: list[str] = []
    for paragraph in _join_cut_paragraphs(paragraphs):
        previous_end, previous_type, previous_relation = -1, None, None
        for match in NUMBER_RE.finditer(paragraph):
            start = match.start()
            prefix = _PREFIX_RE.search(paragraph[max(0, start - 8) : start])
            if prefix is not None:
                start -= len(prefix.group())
            before = paragraph[max(0, start - _LOOKBEHIND) : start]
            kind = _TYPE_BEFORE_RE.search(before)
            if kind is None and not _SO_BEFORE_RE.search(before):
                continue
            if _NOT_CITED_RE.search(before):
                continue
            number = clean_number(paragraph[start : match.end()])
            enumerated = bool(_ENUMERATION_GAP_RE.match(paragraph[max(previous_end, 0) : start]))
            relation = _relation(paragraph, start, previous_end, previous_relation, enumerated)
            if kind is not None:
                outer = _OUTER_TYPE_RE.search(before[: kind.start()])
                doc_type = title_case_type((outer or kind).group(1))
            elif previous_type and enumerated:
                # "các Quyết định số 12/QĐ-UBND ngày ..., số 13/UBND-VP": the list's kind.
                doc_type = previous_type
            else:
                # The symbol's kind ("/BC-" is a Báo cáo) before a kind word further back,
                # which may belong to another phrase of the clause.
                doc_type = (
                    type_from_number(number)
                    or _kind_in_title(paragraph[max(0, start - _TITLE_LOOKBEHIND) : start])
                    or "Văn bản"
                )
            after, announced = _date_after(paragraph[match.end() :])
            # The next item of an enumeration starts after this number and its date.
            previous_type, previous_relation = doc_type, relation
            previous_end = match.end() + (after.end if after else 0)
            date_match = after
            if date_match is None and not announced:
                date_match = _date_opening_sentence(paragraph, start)
            date = None
            if date_match is not None and date_match.valid:
                date = date_match.value.iso
            key = number_key(number)
            if key == own:
                continue
            if key in by_key:
                # Cited again: a date given only this time completes the first citation.
                if by_key[key].date is None and date is not None:
                    by_key[key].date = date
                if STRENGTH[relation] > STRENGTH[by_key[key].relation]:
                    by_key[key].relation = relation
                continue
            if date is None and (announced or date_match is not None):
                warnings.append(WARN_CITATION_DATE.format(number=number))
            by_key[key] = Reference(doc_type=doc_type, number=number, date=date, relation=relation)
            references.append(by_key[key])
    return references, warnings
