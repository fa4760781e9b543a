"""The header of a document: issuing body, number, place and date, kind, subject, recipients.

Decree 30/2020/NĐ-CP lays the header out in two columns: the issuing body on the left above
"Số: ...", the national motto on the right above "<place>, ngày ... tháng ... năm ...". Then
comes the kind and title ("QUYẾT ĐỊNH" / "BÃI BỎ ..."), or for a công văn the "V/v ..."
subject under the number, then "Kính gửi:". PDF text layers merge the two columns on one
line and crawled pages break lines anywhere, so each part is found by its own wording, not by
its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from vntext.dates import PartialDate
from vntext.numbers import SYMBOL_PART, SYMBOL_SEP, clean_number

from .agencies import format_agency, split_levels
from .doctypes import type_from_number, type_from_title, type_opening_title
from .entries import read_entries
from .normalize import fold_same_length, has_lowercase, is_caps, squash, starts_item, strip_entry
from .vocabulary import is_province, province_at_end

WARN_NUMBER_BLANK = "number is blank"
WARN_DAY_BLANK = "day is blank"
WARN_MONTH_BLANK = "month is blank"
WARN_HEADER_FROM_ANNEX = "header not found: number and date read from the annex"

_MOTTO_RE = re.compile(
    r"cong\s+hoa\s+xa\s+hoi\s+chu\s+nghia\s+viet\s+nam"
    r"|doc\s+lap\s*[-–]\s*tu\s+do\s*[-–]\s*hanh\s+phuc"
    # Party documents print the Party's name where the state prints the national motto.
    r"|dang\s+cong\s+san\s+viet\s+nam"
)
# "Số:" or, as Party documents print it, "Số 27-KL/TW".
_NUMBER_LINE_RE = re.compile(r"(?<!\w)Số\s*(?::|\d+\s*[-/]\s*[A-ZĐ])")
# A symbol as a header prints it: the parts of ``SYMBOL``, and after the first separator also
# dotted or one-letter parts ("11554/VPCP-V.I", "45/QĐ-UBND.KT").
_HEADER_SYMBOL = (
    rf"{SYMBOL_PART}(?:{SYMBOL_SEP}(?:{SYMBOL_PART}|[A-ZĐ][A-ZĐ0-9]*(?!\w))(?:\.[A-ZĐ0-9]+)*)*"
)
# "Số: 404/UBND-VP", "Số: 76/2025/QĐ-UBND", Party numbers "Số 57-KL/TW"; the separator after
# the running number is kept as printed.
_NUMBER_RE = re.compile(
    rf"Số\s*:?\s*(?P<num>\d+(?:\s?/\s?\d{{4}})?)?\s*(?P<sep>[/-]\s*)?(?P<sym>{_HEADER_SYMBOL})?",
    re.DOTALL,
)
_PLACE_DATE_RE = re.compile(
    r"(?P<comma>,)?\s*(?<!\w)ngày\s*(?P<day>\d{1,2})?\s*tháng\s*(?P<month>\d{1,2})?\s*năm\s*(?P<year>\d{4})",
    re.IGNORECASE,
)
# "V/v" is distinctive wherever it stands (a PDF may merge it onto the number's line);
# "Về việc" only opens a subject at the start of a line.
_SUBJECT_RE = re.compile(r"(?<!\w)V/[vV]\s|^Về việc\s", re.IGNORECASE)
# Under a decision's title Decree 30 prints who enacts it ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
# ...", "GIÁM ĐỐC ..."); that line is not part of the title.
_ENACTING_RE = re.compile(
    r"^(?:CHỦ TỊCH|PHÓ CHỦ TỊCH|GIÁM ĐỐC|TỔNG GIÁM ĐỐC|BỘ TRƯỞNG|THỦ TƯỚNG|CỤC TRƯỞNG"
    r"|TỔNG CỤC TRƯỞNG|CHI CỤC TRƯỞNG|TRƯỞNG BAN|CHÁNH VĂN PHÒNG|CHÁNH THANH TRA|HIỆU TRƯỞNG"
    r"|VIỆN TRƯỞNG|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|CHÍNH PHỦ"
    r"|BAN CHẤP HÀNH|BAN THƯỜNG VỤ)(?!\w)"
)
# A title line ending with one of these words goes on below, whatever the next line says.
_CONTINUES_RE = re.compile(r"(?<!\w)(?:CỦA|VÀ|VỚI|CHO|TẠI|THUỘC|ĐỐI|VỀ|TRÊN|CÁC)$")
_RECIPIENTS_RE = re.compile(r"^Kính\s+gửi\s*:?\s*", re.IGNORECASE)
# How many lines above the number the left column and the motto may take (a crawl that
# starts mid-page must not send a whole page to the agency reader).
_LEFT_COLUMN_REACH = 12
# How far below the number the header's other parts may sit (lines).
_HEADER_REACH = 60


@dataclass
class Header:
    """What the header prints; ``body_start`` tells the other readers where the body begins."""

    doc_type: str | None = None
    number: str | None = None
    issuer: str | None = None
    parent_issuer: str | None = None
    place: str | None = None
    issued: PartialDate | None = None
    subject: str | None = None
    recipients: list[str] = field(default_factory=list)
    body_start: int = 0  # index of the first line after the header
    warnings: list[str] = field(default_factory=list)


def _find_number_line(lines: list[str]) -> int | None:
    for i, line in enumerate(lines[:_HEADER_REACH]):
        if _NUMBER_LINE_RE.search(line):
            return i
    return None


def _left_column_start(lines: list[str], number_at: int) -> int:
    """The first line of the header above the number: at most ``_LEFT_COLUMN_REACH`` printed
    lines up, breaks not counted."""
    printed = 0
    for i in range(number_at - 1, -1, -1):
        printed += bool(lines[i])
        if printed > _LEFT_COLUMN_REACH:
            return i + 1
    return 0


def _left_column(lines: list[str]) -> list[str]:
    """The header's left column: the lines above the number, motto removed."""
    text = "\n".join(lines)
    folded = fold_same_length(text)
    spans = [m.span() for m in _MOTTO_RE.finditer(folded)]
    for start, end in reversed(spans):
        text = text[:start] + text[end:]
    return [squash(line.strip(" -–:")) for line in text.split("\n") if squash(line)]


def _read_number(lines: list[str], at: int, header: Header) -> int:
    """Read "Số: ..." at line ``at``; returns the end of the match within the joined text."""
    text = lines[at]
    following = next((x for x in lines[at + 1 : at + 4] if x), "")
    # The number goes on below when its line ends at "Số:" or at a separator ("3783/QĐ-").
    if re.search(r"(?:Số\s*:?|\d\s*[/-]|[A-ZĐ]\s*[-/&])\s*$", text) and following:
        text = f"{text.rstrip()}{' ' if text.rstrip().endswith(':') else ''}{following}"
    match = _NUMBER_RE.search(text)
    if match is None:
        return 0
    num, sym = match["num"], match["sym"]
    if num and sym:
        sep = (match["sep"] or "/").strip()
        header.number = f"{clean_number(num)}{sep}{clean_number(sym)}"
    elif num:
        header.number = clean_number(num)
    else:
        header.warnings.append(WARN_NUMBER_BLANK)
    return match.end()


def _read_place_date(lines: list[str], start: int, number_end: int, header: Header) -> int:
    """Find "<place>, ngày ... tháng ... năm ..." at or below ``start``; returns its line."""
    for i in range(start, min(len(lines), start + _HEADER_REACH)):
        # The date may wrap onto the next line ("ngày 21" / "tháng 11 năm 2025").
        window = "\n".join(x for x in lines[i : i + 3] if x)
        match = _PLACE_DATE_RE.search(window)
        if match is None or match.start() > len(lines[i]):
            continue
        place = lines[i][: match.start()]
        if i == start and number_end:
            place = place[number_end:] if len(place) > number_end else ""
        if not match["comma"] and not _stands_as_date_line(lines, i, place, window[match.end() :]):
            continue  # "ngày ... tháng ... năm" inside a sentence: a citation, not the date line
        place = _whole_place(lines, i, place)
        header.place = squash(place) or None
        day, month, year = (match[k] for k in ("day", "month", "year"))
        if day and month and not _is_calendar_date(int(year), int(month), int(day)):
            day = None  # misread (OCR of a handwritten day): the editor fills it in
        header.issued = PartialDate(
            int(year), int(month) if month else None, int(day) if day else None
        )
        if not day:
            header.warnings.append(WARN_DAY_BLANK)
        if not month:
            header.warnings.append(WARN_MONTH_BLANK)
        return i
    return start


def _is_calendar_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _is_date_line(line: str) -> bool:
    match = _PLACE_DATE_RE.search(line)
    return bool(match and match["comma"])


def _stands_as_date_line(lines: list[str], i: int, place: str, after: str) -> bool:
    """A date line printed without its comma ("Hà Nội ngày 01 tháng 12 năm 2025"): the place
    before it is a few capitalised words, or nothing on a line of its own, and nothing but
    punctuation follows the year."""
    if after.split("\n", 1)[0].strip(" .*_"):
        return False
    words = place.split()
    if words:
        return len(words) <= 6 and all(w == "-" or w[:1].isupper() for w in words)
    return i == 0 or not lines[i - 1] or is_province(lines[i - 1])


def _whole_place(lines: list[str], i: int, place: str) -> str:
    """The place, with the line above when the crawl broke it there ("Thành phố Hồ Chí" /
    "Minh, ngày ..."; "Thị xã" / "bến ...")."""
    j = i
    while place[:1].islower() and j > 0 and lines[j - 1]:
        j -= 1
        place = f"{lines[j]} {place}"
    if j > 0 and lines[j - 1] and len(lines[j - 1].split()) <= 5:
        joined = f"{lines[j - 1]} {place}"
        known = province_at_end(joined)
        if known and len(known) > len(province_at_end(place) or ""):
            place = joined
    return place


def _collect(lines: list[str], start: int, keep) -> tuple[list[str], int]:
    """Consecutive lines from ``start`` while ``keep(line)`` holds; stops at a break."""
    taken: list[str] = []
    i = start
    while i < len(lines) and lines[i] and keep(lines[i]):
        taken.append(lines[i])
        i += 1
    return taken, i


def _kind_at(lines: list[str], i: int) -> tuple[str, int, str | None] | None:
    """The type named at line ``i``: its name, the lines it takes, and a title merged onto it.

    Candidates, best first: the whole line ("QUYẾT ĐỊNH"), the line and the next one when a
    PDF broke the type word ("KẾ" / "HOẠCH"), the line opening with the type and going on
    with the title ("QUYẾT ĐỊNH VỀ VIỆC ...")."""
    line = lines[i]
    if not is_caps(line):
        return None
    kind = type_from_title(line)
    if kind:
        return kind, 1, None
    following = lines[i + 1] if i + 1 < len(lines) else ""
    if following and is_caps(following) and len(line.split()) == 1:
        kind = type_from_title(f"{line} {following}")
        if kind:
            return kind, 2, None
    merged = type_opening_title(line)
    if merged and not _ENACTING_RE.match(line):
        return merged[0], 1, merged[1]
    return None


# Where a title in sentence case stops: the enacting line, the grounds, the recipients, a
# numbered point.
_TITLE_STOP_RE = re.compile(r"^(?:Căn\s+cứ|Kính\s+gửi|Thực\s+hiện|Nơi\s+nhận|Điều\s+\d)", re.I)
# How many lines a title in sentence case may take.
_TITLE_REACH = 5


def _title_lines(lines: list[str], j: int) -> tuple[list[str], int]:
    """The title under the type word, from line ``j``: lines in capitals, or (PDF text) a
    few lines in sentence case up to a break or the enacting line."""
    if j < len(lines) and is_caps(lines[j]):
        title, end = _collect(lines, j, lambda x: not has_lowercase(x))
        for k in range(1, len(title)):
            if _ENACTING_RE.match(title[k]) and not _CONTINUES_RE.search(title[k - 1]):
                return title[:k], j + k
        return title, end
    title: list[str] = []
    end = j
    while end < len(lines) and lines[end] and len(title) < _TITLE_REACH:
        line = lines[end]
        if _ENACTING_RE.match(line) or _TITLE_STOP_RE.match(line) or starts_item(line):
            break
        if title and title[-1].endswith((".", ";", ":")):
            break
        title.append(line)
        end += 1
    return title, end


def _read_kind_and_subject(lines: list[str], start: int, header: Header) -> int:
    """The kind and title, or the "V/v" subject; returns the line after the subject."""
    stop = min(len(lines), start + _HEADER_REACH)
    for i in range(start, stop):
        line = lines[i]
        if _RECIPIENTS_RE.match(line):
            break
        found = _kind_at(lines, i)
        if found:
            kind, size, merged = found
            header.doc_type = kind
            j = i + size
            if merged:
                # The title goes on below only on the next line, in capitals, unless that
                # is the enacting line.
                following = lines[j] if j < len(lines) else ""
                title, end = [], j
                if is_caps(following) and (_continues(merged) or not _ENACTING_RE.match(following)):
                    title, end = _title_lines(lines, j)
                title = [merged, *title]
            else:
                while j < len(lines) and not lines[j]:
                    j += 1
                title, end = _title_lines(lines, j)
            header.subject = squash(" ".join(title)) or None
            return end
        match = _SUBJECT_RE.search(line)
        if match:
            header.doc_type = "Công văn"
            first = line[match.start() :]
            rest, end = _collect(
                lines,
                i + 1,
                lambda x: not _RECIPIENTS_RE.match(x) and not _is_date_line(x),
            )
            header.subject = squash(" ".join([first, *rest]))
            return end
    header.doc_type = type_from_number(header.number)
    return start


def _continues(title: str) -> bool:
    return bool(_CONTINUES_RE.search(title))


def _read_recipients(lines: list[str], start: int, header: Header) -> int:
    for i in range(start, min(len(lines), start + _HEADER_REACH)):
        match = _RECIPIENTS_RE.match(lines[i])
        if not match:
            continue
        inline = lines[i][match.end() :].strip()
        entries, end = read_entries(lines, i + 1)
        if inline:
            header.recipients = [strip_entry(part) for part in inline.split(";") if part.strip()]
            header.recipients += entries
            return end if entries else i + 1
        header.recipients = entries
        return end
    return start


def read_header(lines: list[str]) -> Header:
    """Read the header parts from the cleaned lines of a document."""
    header = Header()
    number_at = _find_number_line(lines)
    if number_at is not None:
        levels = split_levels(_left_column(lines[_left_column_start(lines, number_at) : number_at]))
        if levels:
            header.issuer = format_agency(levels[-1]) or None
        if len(levels) > 1:
            header.parent_issuer = format_agency(levels[-2]) or None
        number_end = _read_number(lines, number_at, header)
        start = number_at
    else:
        number_end, start = 0, 0
    date_at = _read_place_date(lines, start, number_end, header)
    subject_end = _read_kind_and_subject(lines, start, header)
    body_start = max(subject_end, date_at + 1)
    header.body_start = max(body_start, _read_recipients(lines, start, header))
    if number_at is None and header.issued is None:
        _read_own_citation(lines, header)
    if header.doc_type is None and header.recipients:
        header.doc_type = "Công văn"  # a letter "Kính gửi" someone, with no type word
    return header


# An annex names the document it belongs to: "(Kèm theo Công văn số 12/CT-NVT ngày
# 21/11/2025 của Cục Thuế)".
_OWN_CITATION_RE = re.compile(
    rf"Kèm\s+theo\s+(?P<kind>[^\W\d]+(?:\s+[^\W\d]+){{0,2}})\s+số\s*:?\s*"
    rf"(?P<number>\d+(?:/\d{{4}})?[/-]{_HEADER_SYMBOL})\s*,?\s*ngày\s*"
    rf"(?P<day>\d{{1,2}})\s*(?:[/.-]|\s+tháng\s+)\s*(?P<month>\d{{1,2}})"
    rf"\s*(?:[/.-]|\s+năm\s+)\s*(?P<year>\d{{4}})"
    rf"(?:\s+(?:của|do)\s+(?P<body>[^)\n]+))?",
    re.IGNORECASE,
)


def _read_own_citation(lines: list[str], header: Header) -> None:
    """When the header is missing (a crawl that starts at "Kính gửi"), take the number, date,
    type and issuer from the annex line that names the document it is attached to."""
    for line in lines:
        if "Kèm" not in line and "kèm" not in line:
            continue
        match = _OWN_CITATION_RE.search(line)
        if match is None:
            continue
        kind = type_from_title(match["kind"])
        if kind is None:
            continue
        header.number = clean_number(match["number"])
        header.doc_type = header.doc_type or kind
        header.issued = PartialDate(int(match["year"]), int(match["month"]), int(match["day"]))
        if match["body"] and header.issuer is None:
            header.issuer = format_agency(squash(match["body"]).rstrip(".;")) or None
        header.warnings.append(WARN_HEADER_FROM_ANNEX)
        return
