"""Section headings of an annex, and what they say about the rows below them.

"A. THỦ TỤC HÀNH CHÍNH CẤP TỈNH (12 TTHC)", "I. Lĩnh vực Hộ tịch", "II. THỦ TỤC HÀNH CHÍNH BỊ
BÃI BỎ": a heading names the part of the list, and often the field or the level that the
rows under it leave blank. Headings nest by their marker kind (letters, Roman numerals,
Arabic numbers) in the order the list first uses them.
"""

import re
from dataclasses import dataclass
from dataclasses import field as _field

from procedures.parsing.cells import clean, parse_levels, sentence_case, strip_count
from vntext import fold

_MARKER_RE = re.compile(
    r"^\s*(?:(?:Phần|Mục|PHẦN|MỤC)\s+)?([IVXLC]+|[A-ZĐ]|\d{1,2}(?:\.\d{1,2})*)\s*[.)/]\s*"
)
_LEVEL_RE = re.compile(r"\b(cap (?:trung uong|tinh|huyen|xa|co so)|co quan khac)\b")
_FIELD_RE = re.compile(
    r"\blinh vuc\s*:?\s*(?!\s|(?:thuoc|tren|cua|tai|ap dung|duoc)\b)"
    r"(.+?)(?=\s+(?:thuoc|tren dia ban|cua|tai|ap dung|duoc)\b|\s*;|$)"
)
_AUTHORITY_RE = re.compile(
    r"(?:tham quyen(?: giai quyet)?|(?:pham vi,? )?chuc nang quan ly|pham vi quan ly)(?: cua)?"
    r"\s+((?:so|ubnd|uy ban|ban|chi cuc|cuc|quy)\b.+)$"
)


_BARE_MARKER_RE = re.compile(r"(?:[IVXLC]+|[A-ZĐ])\.?")


def is_bare_marker(text: str) -> bool:
    """A heading's marker standing alone in the number column: "I", "II.", "A"."""
    return bool(_BARE_MARKER_RE.fullmatch(clean(text)))


_ABOLISHING_WORDS = ("bai bo", "huy bo")


def is_abolishing(text: str) -> bool:
    """A part that lists procedures abolished ("bị bãi bỏ", "hủy bỏ"), not applied."""
    return any(word in fold(text) for word in _ABOLISHING_WORDS)


_APPLYING_WORDS = ("moi ban hanh", "ban hanh moi", "sua doi", "bo sung", "thay the", "chuan hoa")


def _only_abolishes(title: str) -> bool:
    """An annex title that abolishes and nothing else: "DANH MỤC TTHC BỊ BÃI BỎ", not "DANH
    MỤC TTHC MỚI BAN HÀNH, BỊ BÃI BỎ" (whose parts say which rows are which)."""
    key = fold(title)
    return is_abolishing(title) and not any(word in key for word in _APPLYING_WORDS)


def marker_kind(marker: str) -> str:
    if marker.isdigit() or "." in marker:
        return "arabic"
    if re.fullmatch(r"[IVXLC]+", marker):
        return "roman"
    return "letter"


@dataclass
class Heading:
    """One heading: the part name, or the field / levels / agency it implies."""

    text: str
    marker: str | None = None
    section: str | None = None
    field: str | None = None
    levels: list[str] = _field(default_factory=list)
    agency: str | None = None
    # The title of an annex ("PHỤ LỤC 2. DANH MỤC TTHC BỊ BÃI BỎ"): not a part of the list,
    # but what it says of the whole annex (abolished) holds for every row in it.
    annex: bool = False


_ANNEX_RE = re.compile(r"^phụ lục(?:\s+(?:[IVXLC]+|\d{1,2}[a-z]?))?\b\.?", re.IGNORECASE)


def read_heading(raw: str) -> Heading | None:
    """Read a heading line; None when the text is no heading (empty, or a bare number)."""
    text = clean(raw)
    if not text or re.fullmatch(r"[\d.\s]*", text):
        return None
    annex = _ANNEX_RE.match(text)
    if annex:
        title = sentence_case(strip_count(text[annex.end() :].strip(" :.-–"))).strip(" :.")
        return Heading(text=title, marker=None, section=title or None, annex=True)
    marker = None
    match = _MARKER_RE.match(text)
    if match:
        marker = match.group(1)
        text = text[match.end() :].strip()
        if not text:
            return None
    if re.match(r"\d+\s*(?:tthc|thu tuc)\b", fold(text)):
        return None  # "06 TTHC tại Quyết định số ...": where a group came from, not a part
    counted = text  # "(06 TTHC CẤP TỈNH)": the count may name the level
    text = sentence_case(strip_count(text)).strip(" :.")
    heading = Heading(text=text, marker=marker)
    key = fold(text)
    if key.startswith("linh vuc"):
        value = sentence_case(text[len("linh vuc") :].strip(" :.-–"))
        heading.field = value[:1].upper() + value[1:] or None
        return heading
    heading.section = text
    heading.field = title_field(text)
    heading.levels = title_levels(text) or title_levels(counted)
    authority = _AUTHORITY_RE.search(key)
    if authority and not _LEVEL_RE.match(authority.group(1)):
        heading.agency = text[authority.start(1) :].strip()
    return heading


def title_field(text: str) -> str | None:
    """The field a title names: "... LĨNH VỰC HOẠT ĐỘNG KHOA HỌC VÀ CÔNG NGHỆ THUỘC ..."."""
    match = _FIELD_RE.search(fold(text))
    if not match:
        return None
    value = text[match.start(1) : match.end(1)].strip(" ,.;:")
    return sentence_case(value) or None


def title_levels(text: str) -> list[str]:
    """The levels a title names: "... THẨM QUYỀN GIẢI QUYẾT CỦA CẤP TỈNH" -> ["Cấp tỉnh"]."""
    levels: list[str] = []
    for match in _LEVEL_RE.finditer(fold(text)):
        for level in parse_levels(text[match.start() : match.end()])[0]:
            if level not in levels:
                levels.append(level)
    return levels


@dataclass
class HeadingStack:
    """The headings in force at a row, deepest last."""

    _kinds: list[str] = _field(default_factory=list)
    _stack: list[tuple[int, Heading]] = _field(default_factory=list)
    _annex: Heading | None = None

    def push(self, heading: Heading) -> None:
        if heading.annex:
            self._stack.clear()
            self._kinds.clear()
            self._annex = heading
            return
        rank = self._rank(heading)
        while self._stack and self._stack[-1][0] >= rank:
            top = self._stack[-1][1]
            if top.marker is None and top.section and heading.marker and not heading.section:
                # "DANH MỤC TTHC CẤP TỈNH" printed across the table, then "I | LĨNH VỰC X":
                # the numbered field sits under the unnumbered part, it does not end it.
                break
            self._stack.pop()
        self._stack.append((rank, heading))

    def _rank(self, heading: Heading) -> int:
        if heading.marker is None:
            return 1000  # an unmarked heading row sits under every marked one
        kind = marker_kind(heading.marker)
        if kind == "roman" and len(heading.marker) == 1 and self._follows_letter(heading.marker):
            kind = "letter"  # "C" after "B" is the third part, not a hundredth
        if kind not in self._kinds:
            self._kinds.append(kind)
        return self._kinds.index(kind)

    def _follows_letter(self, marker: str) -> bool:
        previous = chr(ord(marker) - 1)
        return any(h.marker == previous for _, h in self._stack)

    def section(self) -> Heading | None:
        """The deepest heading that names a part of the list (not only a field).

        When a part that abolishes procedures ("B. DANH MỤC TTHC BỊ BÃI BỎ") has sub-parts
        ("I. TTHC cấp tỉnh"), the sub-part's name alone would hide that its rows are abolished:
        the importer reads that from the section, so the two names are joined.
        """
        parts = [h for _, h in self._stack if h.section]
        annex = self._annex if self._annex and _only_abolishes(self._annex.section or "") else None
        if not parts:
            return annex
        deepest = parts[-1]
        if is_abolishing(deepest.section or ""):
            return deepest
        abolishing = next((h for h in reversed(parts[:-1]) if is_abolishing(h.section or "")), None)
        abolishing = abolishing or annex
        if abolishing is None:
            return deepest
        return Heading(
            text=deepest.text,
            marker=deepest.marker,
            section=f"{abolishing.section} – {deepest.section}",
            field=deepest.field,
            levels=deepest.levels,
            agency=deepest.agency,
        )

    def field(self) -> str | None:
        return next((h.field for _, h in reversed(self._stack) if h.field), None)

    def levels(self) -> list[str]:
        return next((h.levels for _, h in reversed(self._stack) if h.levels), [])

    def agency(self) -> str | None:
        return next((h.agency for _, h in reversed(self._stack) if h.agency), None)
