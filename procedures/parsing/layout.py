"""Procedure tables in a PDF's text layer kept in columns ("pdftotext -layout" and the like).

Such text has no pipes: a row is a line whose cells sit at the columns of the header, separated
by runs of spaces, and a long cell goes on over the next lines at the same column:

    STT   Mã TTHC    Tên thủ tục hành chính        Lĩnh vực      Toàn trình   Một phần
    A. THỦ TỤC HÀNH CHÍNH CẤP TỈNH
    1     1.004122   Cấp giấy phép hoạt động       Khoa học          x
                     dịch vụ đánh giá sự phù hợp

The header's labels give each column's place; every piece of text on a row's lines is put in
the column it sits under. A line that starts at the first column with a marker and no number
is a heading. Text whose columns are not kept apart by spaces is not read here (the caller
then falls back to procedures named in headings).
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from procedures.parsing.assemble import Event, HeaderEvent, HeadingEvent, RowEvent
from procedures.parsing.cells import clean, find_code, folded
from procedures.parsing.columns import Role, map_header

_GAP_RE = re.compile(r"\S+(?: \S+)*")  # pieces of a line kept apart by two spaces or more
_ROW_NUMBER_RE = re.compile(r"\d{1,4}\.?")
_HEADING_RE = re.compile(r"^(?:(?:phần|mục)\s+)?(?:[IVXLC]+|[A-ZĐ]|\d{1,2})\s*[.)]\s*\S", re.I)
_MAX_HEADER_LINES = 4


@dataclass
class _Piece:
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _pieces(line: str) -> list[_Piece]:
    return [_Piece(match.start(), match.group(0)) for match in _GAP_RE.finditer(line)]


def layout_events(text: str) -> Iterator[Event]:
    """The column-kept tables of ``text`` as events; nothing when it has none."""
    lines = text.expandtabs(8).splitlines()
    i = 0
    while i < len(lines):
        header = _header_at(lines, i)
        if header is None:
            i += 1
            continue
        columns, starts, i = header
        yield HeaderEvent(columns)
        bounds = _bounds(starts)
        row: list[str] | None = None
        while i < len(lines):
            line = lines[i]
            if not line.strip():
                i += 1
                continue
            if _header_at(lines, i) is not None:
                break
            pieces = _pieces(line)
            first = pieces[0]
            opens_row = _opens_row(pieces, columns, bounds)
            if opens_row:
                if row is not None:
                    yield RowEvent(row)
                row = [""] * len(columns)
            elif _column_of(first.start, bounds) == 0 and _HEADING_RE.match(first.text):
                if row is not None:
                    yield RowEvent(row)
                    row = None
                yield HeadingEvent(clean(line))
                i += 1
                continue
            elif row is None:
                i += 1
                continue
            for piece in pieces:
                index = _column_of(piece.start, bounds)
                row[index] = f"{row[index]} {piece.text}".strip()
            i += 1
        if row is not None:
            yield RowEvent(row)


def _header_at(lines: list[str], i: int) -> tuple[list, list[int], int] | None:
    """The header starting at line ``i``: its columns, where each label starts, and the index
    of the first line after it. A label may go on over the next lines under its column."""
    pieces = _pieces(lines[i])
    if len(pieces) < 2:
        return None
    words = folded(lines[i])
    if "ten" not in words.split() and "ten" not in words:
        return None
    labels = [piece.text for piece in pieces]
    starts = [piece.start for piece in pieces]
    j = i + 1
    while j < len(lines) and j - i < _MAX_HEADER_LINES and lines[j].strip():
        following = _pieces(lines[j])
        if _ROW_NUMBER_RE.fullmatch(following[0].text) or find_code(following[0].text):
            break
        if _HEADING_RE.match(following[0].text) and following[0].start <= starts[0] + 1:
            break
        bounds = _bounds(starts)
        for piece in following:
            index = _column_of(piece.start, bounds)
            labels[index] = f"{labels[index]} {piece.text}"
        j += 1
    columns = map_header([clean(label) for label in labels])
    if columns is None:
        return None
    return columns, starts, j


def _bounds(starts: list[int]) -> list[int]:
    """Where each column begins: halfway between a label's start and the one before it, so a
    cell printed a little left of its label still falls in its column."""
    bounds = [0]
    for previous, start in zip(starts, starts[1:], strict=False):
        bounds.append(max(previous + 1, start - max(1, (start - previous) // 4)))
    return bounds


def _column_of(position: int, bounds: list[int]) -> int:
    index = 0
    for column, bound in enumerate(bounds):
        if position >= bound:
            index = column
    return index


def _opens_row(pieces: list[_Piece], columns: list, bounds: list[int]) -> bool:
    """A row starts with its number in the number column, or its code in the code column."""
    first = pieces[0]
    role = columns[_column_of(first.start, bounds)].role
    if role is Role.STT:
        return bool(_ROW_NUMBER_RE.fullmatch(first.text.split(" ")[0])) and len(pieces) > 1
    if role is Role.CODE:
        return find_code(first.text) is not None
    return False
