"""Deadlines: dates by which something must be done, or from which it applies.

A directive assigns tasks with dates: "hoàn thành trước ngày 30/6/2020", "Kể từ ngày
20/5/2022", "trong tháng 12 năm 2025", "trong năm 2020", "trước ngày 15/11 hằng năm". Other
dates in the text are not deadlines: the date of a cited document ("số 5436/UBND-VP ngày
16/5/2022"), and anything before the document's own date (history, conditions such as "được
công nhận trước ngày 01 tháng 7 năm 2014"). Each deadline keeps the passage it comes from,
at most about 200 characters, cut at the most natural break.
"""

from __future__ import annotations

import re

from reading.normalize import strip_item_mark
from vntext import fold
from vntext.dates import DateMatch, PartialDate, find_dates
from vntext.numbers import NUMBER_RE

from .record import Deadline

MAX_PASSAGE = 200

# Words that make a full date a deadline when they come shortly before it (folded).
_TRIGGERS = (
    "truoc",
    "tu",
    "ke tu",
    "den",
    "toi",
    "cham nhat",
    "muon nhat",
    "han",
    "thoi han",
    "hieu luc",
    "trong",
    "hoan thanh",
    "xong",
)
_TRIGGER_RE = re.compile(r"(?<!\w)(?:" + "|".join(_TRIGGERS) + r")(?!\w)")
# How many words before a full date a trigger may stand ("từ 18h00 tối Thứ Bảy ngày ...").
_TRIGGER_REACH = 6
_CITED_DATE_RE = re.compile(rf"(?:{NUMBER_RE.pattern})\s*,?\s*(?:ngày\s*)?$", re.IGNORECASE)
_YEARLY_RE = re.compile(r"\s*(?:hằng|hàng)\s+năm", re.IGNORECASE)
_FULL_STOP_RE = re.compile(r"\.(?:/\.)?\s+")
_ABBREVIATION_RE = re.compile(r"(?<!\w)[^\W\d_]{1,3}$")
# Places where a passage may be cut when it is too long, weakest last.
_PHRASE_BREAK_RE = re.compile(r" (?=\()| (?=(?:theo|thông qua|trên|của|tại|để|về)\s)")
_DIGIT_RE = re.compile(r"\d")
_ENUMERATION_WORDS = 4  # a list item is a few words; a clause is longer


def _is_deadline(paragraph: str, item: DateMatch) -> PartialDate | None:
    """The date ``item`` as a deadline, or None when it is not one."""
    before = paragraph[: item.start]
    value = item.value
    if not item.valid:
        return None
    if item.kind == "year":
        return value if fold(before).endswith("trong ") else None
    if item.kind == "day_month":
        return value if _YEARLY_RE.match(paragraph[item.end :]) else None
    if _CITED_DATE_RE.search(before):
        return None
    if item.kind in ("long", "numeric") and value.day is not None:
        window = " ".join(fold(before).split()[-_TRIGGER_REACH:])
        return value if _TRIGGER_RE.search(window) else None
    return value  # a month ("tháng 6/2018", "trong tháng 12 năm 2025")


def _not_before(value: PartialDate, issued: PartialDate | None) -> bool:
    """False when ``value`` lies before the issue date, compared at the coarser precision."""
    if issued is None or value.year is None or issued.year is None:
        return True
    mine = (value.year, value.month, value.day)
    theirs = (issued.year, issued.month, issued.day)
    for a, b in zip(mine, theirs, strict=True):
        if a is None or b is None:
            return True
        if a != b:
            return a > b
    return True


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text``: a full stop ends one before a capital letter, unless it
    closes a short capitalised abbreviation ("TP. Hồ Chí Minh", "KT. CHỦ TỊCH")."""
    spans, start = [], 0
    for match in _FULL_STOP_RE.finditer(text):
        following = text[match.end() : match.end() + 1]
        word = _ABBREVIATION_RE.search(text[: match.start()])
        if not following.isupper() or (word and word.group().isupper()):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _span_of(parts: list[tuple[int, int]], position: int) -> tuple[int, int]:
    return next(((s, e) for s, e in parts if s <= position < e), parts[-1])


def _pieces(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """The spans of ``text`` between the matches of ``pattern`` (each keeps its punctuation)."""
    spans, start = [], 0
    for match in pattern.finditer(text):
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _enough_words(text: str, date_start: int, date_end: int) -> bool:
    outside = text[:date_start] + text[date_end:]
    return len(_TRIGGER_RE.sub(" ", fold(outside)).split()) >= 3


def _cut(text: str, date_start: int, date_end: int) -> str:
    """Cut ``text`` to at most ``MAX_PASSAGE`` characters at the best break after the date.

    A comma that opens a new clause is the best break; a comma inside a short enumeration
    ("báo cáo, đề xuất khó khăn, vướng mắc") is not. Then the start of a parenthesis or of a
    prepositional phrase; last, a word boundary.
    """
    commas = [m.start() for m in re.finditer(r",\s", text)]
    clause_commas = []
    for k, pos in enumerate(commas):
        following = text[pos + 1 : commas[k + 1] if k + 1 < len(commas) else len(text)]
        if len(following.split()) > _ENUMERATION_WORDS:
            clause_commas.append(pos)
    for options in (
        clause_commas,
        [m.start() for m in _PHRASE_BREAK_RE.finditer(text)],
        [m.start() for m in re.finditer(r"\s", text)],
    ):
        fits = [
            pos
            for pos in options
            if date_end <= pos <= MAX_PASSAGE and _enough_words(text[:pos], date_start, date_end)
        ]
        if fits:
            return text[: fits[-1]].rstrip(" ,;:")
    return text[:MAX_PASSAGE]


def passage(paragraph: str, start: int, end: int) -> str:
    """The passage of ``paragraph`` around the date at ``start:end`` (at most ~200 chars)."""
    s_start, s_end = _span_of(_sentence_spans(paragraph), start)
    sentence = paragraph[s_start:s_end].strip()
    offset = s_start + (len(paragraph[s_start:s_end]) - len(paragraph[s_start:s_end].lstrip()))
    stripped = strip_item_mark(sentence)
    offset += len(sentence) - len(stripped)
    sentence = stripped
    if len(sentence) <= MAX_PASSAGE:
        return sentence
    c_start, c_end = _span_of(_pieces(sentence, re.compile(r";\s*")), start - offset)
    clause = sentence[c_start:c_end].rstrip(" ;")
    if len(clause) <= MAX_PASSAGE:
        return clause
    return _cut(clause, start - offset - c_start, end - offset - c_start)


def find_deadlines(paragraphs: list[str], issued: PartialDate | None) -> list[Deadline]:
    """Every deadline in the body paragraphs, in order; repeats are kept (two tasks may
    share a date and a sentence)."""
    found: list[Deadline] = []
    for paragraph in paragraphs:
        if not _DIGIT_RE.search(paragraph):
            continue  # every date form has digits; most paragraphs of a long text have none
        for item in find_dates(paragraph, years=True, day_months=True):
            value = _is_deadline(paragraph, item)
            if value is None or not value.iso or not _not_before(value, issued):
                continue
            found.append(Deadline(date=value.iso, text=passage(paragraph, item.start, item.end)))
    return found
