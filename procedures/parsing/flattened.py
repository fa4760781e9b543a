"""Find the procedure tables in a decision's text and yield them as rows and headings.

Two table shapes reach us as text:

* the legal-document site's crawl, which puts every cell on its own lines between lines
  holding a lone "|": a row "| a | b |" becomes "|", "a", "|", "b", "|", and the closing
  pipe of one row meets the opening pipe of the next, so an empty token separates rows —
  and also stands for an empty cell. Rows are therefore cut by the header's column count;
* ordinary markdown tables, one row per line ("| 1 | 1.004122 | Cấp ... |").

Text between tables (the annex title, "II. THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ") is passed on as a
heading when it ends in a marked heading line.
"""

import re
from collections.abc import Iterator

from procedures.parsing.assemble import Event, HeaderEvent, HeadingEvent, RowEvent
from procedures.parsing.cells import clean, find_code
from procedures.parsing.columns import (
    Column,
    Role,
    classify,
    find_role,
    is_column_numbering,
    is_split_row,
    map_header,
    split_header,
)
from procedures.parsing.headings import is_bare_marker, read_heading

_PIPE_LINE_RE = re.compile(r"^\s*\|\s*$")
_INLINE_ROW_RE = re.compile(r"^\s*\|.*\|\s*$")
_RULE_RE = re.compile(r"^\s*\|?\s*:?-{3,}")
_MARKER_LINE_RE = re.compile(
    r"^\s*(?:(?:phần|mục)\s+)?(?:[IVXLC]+|[A-ZĐ]|\d{1,2})\s*[.)]\s*", re.IGNORECASE
)
_MAX_HEADER_CELL = 120
_MAX_HEADING = 300

Token = list[str]  # the raw lines of one cell


def table_events(text: str) -> Iterator[Event]:
    """The tables of ``text`` as events, in document order, whichever shape they have."""
    lines = text.splitlines()
    pipe_lines = sum(1 for line in lines if _PIPE_LINE_RE.match(line))
    inline_rows = sum(1 for line in lines if _INLINE_ROW_RE.match(line) and line.count("|") >= 3)
    if pipe_lines >= inline_rows:
        yield from _flattened_events(lines)
    else:
        yield from _inline_events(lines)


def _tokens(lines: list[str]) -> list[Token]:
    tokens: list[Token] = []
    current: Token = []
    for line in lines:
        if _PIPE_LINE_RE.match(line):
            tokens.append(current)
            current = []
        else:
            current.append(line)
    tokens.append(current)
    return tokens


def _text(token: Token) -> str:
    return clean(" ".join(token))


def _flattened_events(lines: list[str]) -> Iterator[Event]:
    tokens = _tokens(lines)
    columns: list[Column] | None = None
    skipped: int | None = None  # a block of text not yet used, maybe the first table's heading
    i = 0
    while i < len(tokens):
        header = _header_at(tokens, i)
        if header is not None:
            if skipped is not None and skipped == i - 1:
                yield from _block_headings(tokens[skipped])
            columns, i = header
            yield HeaderEvent(columns)
            continue
        token = tokens[i]
        if columns is None or not _text(token):
            skipped = i if _text(token) else None
            i += 1
            continue
        if _header_at(tokens, i + 1) is not None or not _starts_row(tokens, i, columns):
            annex = _annex_title(token)
            if annex:
                yield HeadingEvent(annex)
            heading = _trailing_heading(token) or _lone_cell_heading(tokens, i)
            if heading:
                yield HeadingEvent(heading)
            skipped = None
            i += 1
            continue
        cells, short, i = _take_row(tokens, i, columns)
        yield RowEvent(cells, short=short)


def _header_at(tokens: list[Token], i: int) -> tuple[list[Column], int] | None:
    """The header starting at token ``i`` and the index after it, or None.

    A header row is a run of short non-empty cells ended by the row separator; a second run of
    "Toàn trình" / "Một phần" / "Mức độ 3" cells is the split of its online-service column, and
    a "(1) (2) (3)" numbering row after it is skipped.
    """
    first, j = _run(tokens, i)
    if len(first) < 2 or any(len(cell) > _MAX_HEADER_CELL for cell in first):
        return None
    if classify(first[0]) is Role.OTHER:
        return None  # a heading glued to the header it introduces, not the header itself
    second, k = _run(tokens, j + 1)
    columns = None
    if second and is_split_row(second):
        columns = map_header(first, second)
        j = k
    if columns is None:
        columns = map_header(first)
    if columns is None:
        return None
    numbering, k = _run(tokens, j + 1)
    if numbering and is_column_numbering(numbering):
        j = k
    return columns, j + 1


def _run(tokens: list[Token], i: int) -> tuple[list[str], int]:
    """The texts of the non-empty tokens from ``i`` up to the next empty one, and its index."""
    cells: list[str] = []
    while i < len(tokens) and _text(tokens[i]):
        cells.append(_text(tokens[i]))
        i += 1
    return cells, i


def _starts_row(tokens: list[Token], i: int, columns: list[Column]) -> bool:
    """Whether token ``i`` opens a procedure row rather than a heading or stray text."""
    first = _text(tokens[i])
    lead = columns[0].role if columns else None
    if lead is Role.STT:
        if is_bare_marker(first):  # "I" | "Lĩnh vực Hộ tịch": a heading row in the columns
            return i + 1 < len(tokens) and bool(_text(tokens[i + 1]))
        return bool(re.fullmatch(r"\d{1,4}\.?", first))
    if lead is Role.CODE:
        return find_code(first) is not None
    # A lone cell followed by the row separator is a heading printed across the table.
    return i + 1 < len(tokens) and bool(_text(tokens[i + 1]))


def _take_row(tokens: list[Token], i: int, columns: list[Column]) -> tuple[list[str], bool, int]:
    """Cut one row of ``len(columns)`` cells starting at ``i``; return it, whether it ended
    short, and the next index.

    A row whose merged cells left it short ends early where the next row visibly starts: an
    empty token, then the next running number, then a code; or a heading printed across the
    table ("B. Thủ tục hành chính cấp tỉnh").
    """
    width = len(columns)
    stt_column = find_role(columns, Role.STT)
    code_column = find_role(columns, Role.CODE)
    cells: list[str] = []
    start = i
    heading_row = is_bare_marker(_text(tokens[i]))
    while i < len(tokens) and len(cells) < width:
        if heading_row and len(cells) >= 2 and not _text(tokens[i]):
            break  # its text may span the other columns; the empty tokens left are skipped
        if (
            len(cells) > 1
            and not _text(tokens[i])
            and (
                _next_row_starts(tokens, i + 1, tokens[start], stt_column, code_column)
                or _heading_across(tokens, i + 1)
            )
        ):
            break
        cells.append(" \n".join(tokens[i]))
        i += 1
    short = len(cells) < width
    cells = _restore_dropped_cell(cells, width, code_column)
    if i < len(tokens) and not _text(tokens[i]):
        i += 1  # the separator between this row and the next
    return cells, short and not heading_row, i


def _restore_dropped_cell(cells: list[str], width: int, code_column: int | None) -> list[str]:
    """Put back an empty code cell the crawl dropped.

    A crawl that loses an empty cell shifts the rest of the row left: the name lands in the
    code column and the last column comes out empty. A code cell that holds words and no
    code, in a row whose last cell is empty, is read as that shift.
    """
    cells = cells + [""] * (width - len(cells))
    if code_column is None or code_column >= width - 1:
        return cells
    value = clean(cells[code_column])
    if find_code(value) or len(value.split()) < 3 or clean(cells[-1]):
        return cells
    return cells[:code_column] + [""] + cells[code_column:-1]


def _heading_across(tokens: list[Token], i: int) -> bool:
    """Token ``i`` is a marked heading alone between row separators ("B. TTHC cấp tỉnh")."""
    if i >= len(tokens) or (i + 1 < len(tokens) and _text(tokens[i + 1])):
        return False
    text = _text(tokens[i])
    return bool(text) and bool(_MARKER_LINE_RE.match(text)) and not find_code(text)


def _next_row_starts(
    tokens: list[Token], i: int, current: Token, stt_column: int | None, code_column: int | None
) -> bool:
    if stt_column != 0 or i >= len(tokens):
        return False
    this = _text(current).rstrip(".")
    following = _text(tokens[i]).rstrip(".")
    if not (this.isdigit() and following.isdigit() and int(following) == int(this) + 1):
        return False
    return code_column is None or (
        i + 1 < len(tokens) and find_code(_text(tokens[i + 1])) is not None
    )


def _trailing_heading(token: Token) -> str | None:
    """The marked heading a block of text ends with ("**I.**", "DANH MỤC ... (16 thủ tục)")."""
    lines = [clean(line) for line in token]
    lines = [line for line in lines if line]
    for start in range(len(lines) - 1, -1, -1):
        if _MARKER_LINE_RE.match(lines[start]):
            heading = " ".join(lines[start:])
            return heading if len(heading) <= _MAX_HEADING else None
    if len(lines) == 1 and len(lines[0]) <= _MAX_HEADING and read_heading(lines[0]):
        return lines[0]
    return None


_ANNEX_LINE_RE = re.compile(r"^phụ lục(?:\s+(?:[IVXLC]+|\d{1,2}[a-z]?))?\s*$", re.IGNORECASE)
_ANNEX_NOTE_RE = re.compile(r"^\(?\s*(?:kèm theo|ban hành kèm|ban hành theo)", re.IGNORECASE)


def _annex_title(token: Token) -> str | None:
    """The title of an annex in a block of text: "PHỤ LỤC 2", then its title lines up to the
    "(Kèm theo Quyết định ...)" note."""
    lines = [clean(line) for line in token]
    lines = [line for line in lines if line]
    for index, line in enumerate(lines):
        if _ANNEX_LINE_RE.match(line):
            title: list[str] = []
            for following in lines[index + 1 :]:
                if _ANNEX_NOTE_RE.match(following):
                    break
                title.append(following)
            text = " ".join(title)
            if text and len(text) <= _MAX_HEADING:
                return f"{line}. {text}"
    return None


def _block_headings(token: Token) -> Iterator[Event]:
    annex = _annex_title(token)
    if annex:
        yield HeadingEvent(annex)
    heading = _trailing_heading(token)
    if heading:
        yield HeadingEvent(heading)


def _lone_cell_heading(tokens: list[Token], i: int) -> str | None:
    """A cell alone between two row separators inside a table: a heading across the table
    ("LĨNH VỰC BẢO TRỢ XÃ HỘI (07 TTHC)" broken over two lines)."""
    lone = (i == 0 or not _text(tokens[i - 1])) and (
        i + 1 >= len(tokens) or not _text(tokens[i + 1])
    )
    text = _text(tokens[i])
    if lone and len(text) <= _MAX_HEADING and read_heading(text):
        return text
    return None


def _inline_events(lines: list[str]) -> Iterator[Event]:
    columns: list[Column] | None = None
    header_texts: list[str] | None = None  # the header just read, which a second row may split
    for line in lines:
        if _RULE_RE.match(line):
            continue
        if not _INLINE_ROW_RE.match(line):
            heading = _trailing_heading([line]) if line.strip() else None
            if heading:
                yield HeadingEvent(heading)
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        texts = [clean(cell) for cell in cells]
        filled = [text for text in texts if text]
        if header_texts is not None and columns and filled and is_split_row(filled):
            columns = split_header(header_texts, texts, columns)
            header_texts = None
            yield HeaderEvent(columns)
            continue
        header_texts = None
        header = map_header(texts)
        if header is not None:
            columns, header_texts = header, texts
            yield HeaderEvent(columns)
        elif columns is not None and not is_column_numbering(texts):
            yield RowEvent(cells)
