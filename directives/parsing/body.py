"""The body of a directive as it reads, in rich text: from after the recipients or the title
to before the signature, then the annexes printed after the signature.

The header, "Kính gửi", "Nơi nhận" and the signature are the page's metadata and are not
repeated. Wrapped lines are joined back into paragraphs (a line goes on the one above when
that one does not end a sentence or a list item and the line does not open a part of the
document). The parts of a legal text stay parts: "Chương" and "Mục" and "Điều" become headings
with anchors (``chuong-ii``, ``dieu-3``), "PHỤ LỤC" a heading too; khoản ("1.", "1.1.") and
điểm ("a)") and dashes become nested lists, with the printed marker kept as text (a citation
says "điểm a khoản 2 Điều 3"). Annex tables become ``<table>``: from markdown rows
("| a | b |") and from the crawled form of one cell per line between "|" lines, a row ending
at two "|" lines in a row (the form ``files`` writes for DOCX tables).

Pure Python: the parser calls it; the page renders what it returns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape, unescape

from reading.normalize import is_caps, squash

# Parts of the document, at the start of a paragraph.
_CHAPTER_RE = re.compile(r"^(?:Chương|CHƯƠNG)\s+([IVXLC]+|\d+)\b\.?", re.UNICODE)
_SECTION_RE = re.compile(r"^(?:Mục|MỤC)\s+(\d+|[IVXLC]+)\b\.?")
_ARTICLE_RE = re.compile(r"^(?:Điều|ĐIỀU)\s+(\d+[a-zđ]?)\s*[.:]?(?=\s|$)")
_ANNEX_RE = re.compile(
    r"^(?:PHỤ|Phụ)\s*(?:LỤC|lục|Lục)(?:\s+(?:số\s+)?([IVXLC]+|\d+[a-z]?))?(?!\w)"
)
_ROMAN_RE = re.compile(r"^([IVXLC]+)\.\s+\S")
_ATTACHED_RE = re.compile(r"^\(?\s*(?:Ban\s+hành\s+)?[Kk]èm\s+theo\b")
# List markers and their depth: khoản, sub-khoản, điểm, dashes, pluses.
_ITEM_RES = (
    (re.compile(r"^\d+\.\d+(?:\.\d+)*\.?\s+(?=\S)"), 2),
    (re.compile(r"^\d+[.)]\s+(?=\S)"), 1),
    (re.compile(r"^[a-zđ]\)\s+(?=\S)"), 3),
    (re.compile(r"^\(\d+\)\s+(?=\S)"), 4),
    (re.compile(r"^[-–•]\s*(?=\S)"), 5),
    (re.compile(r"^\+\s*(?=\S)"), 6),
)
# A paragraph starts here, whatever the line above says.
_OPENS_RE = re.compile(
    r"^(?:Căn\s+cứ|Xét\s+đề\s+nghị|Theo\s+đề\s+nghị|Nơi\s+nhận|Kính\s+gửi)(?!\w)", re.IGNORECASE
)
_TERMINAL = (".", ";", ":", "!", "?", "./.")
_RULE_RE = re.compile(r"^[-_=–—. ]{3,}$")
_PAGE_NUMBER_RE = re.compile(r"^\d{1,3}$")
_TABLE_SEPARATOR_RE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")
# An "Điều" paragraph longer than this is a heading followed by its text.
_HEADING_MAX = 160
# The table of contents is worth showing from this many parts.
TOC_MIN_PARTS = 3


def item_depth(text: str) -> int | None:
    for pattern, depth in _ITEM_RES:
        if pattern.match(text):
            return depth
    return None


def _opens_part(line: str) -> bool:
    if is_caps(line) and line.endswith(":") and len(line.split()) <= 3:
        return True  # "QUYẾT ĐỊNH:", "QUYẾT NGHỊ:"
    return bool(
        _CHAPTER_RE.match(line)
        or _SECTION_RE.match(line)
        or _ARTICLE_RE.match(line)
        or _ANNEX_RE.match(line)
        or _ROMAN_RE.match(line)
        or _OPENS_RE.match(line)
        or _ATTACHED_RE.match(line)
        or item_depth(line) is not None
    )


def _is_heading_paragraph(text: str) -> bool:
    return bool(_CHAPTER_RE.match(text) or _SECTION_RE.match(text) or _ARTICLE_RE.match(text))


# Text lines to paragraphs -------------------------------------------------------------


def _full_width(lines: list[str]) -> int:
    """The length from which a line is a full one that wrapped (text that runs on), from the
    longer lines of the text; a heading is a shorter line."""
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < 4:
        return 10**6
    return int(lengths[len(lengths) * 3 // 4] * 0.85)


def join_paragraphs(lines: list[str]) -> list[str]:
    """Wrapped lines joined into paragraphs; "" is a break (blank line, cell, rule).

    A line goes on the paragraph above unless it opens a part (a marker: Điều, khoản,
    điểm, dash, "Căn cứ"), or the line above ends a sentence or list item and this one
    starts in capitals, or one of the two is a line in capitals and the other not, or the
    paragraph is an "Điều" title shorter than a full line. Across a
    break only a plainly unfinished paragraph goes on, with a line in lower case.
    """
    result: list[str] = []
    current: list[str] = []
    pending_break = False
    full = _full_width(lines)
    for line in lines:
        if not line:
            pending_break = bool(current)
            continue
        previous = current[-1] if current else ""
        continues = bool(current) and not _opens_part(line)
        if continues:
            # A line ends a sentence, or closes a parenthesis the paragraph opened with
            # ("(Kèm theo Quyết định số ...)").
            ended = previous.endswith(_TERMINAL) or (
                previous.endswith(")") and current[0].startswith("(")
            )
            lower = line[:1].islower()
            if pending_break:
                continues = not ended and lower
            elif not lower:
                # A capital after a finished sentence, after a heading, or across a change
                # between capitals and ordinary text opens a paragraph.
                continues = not (
                    ended
                    or is_caps(previous) != is_caps(line)
                    or (_is_heading_paragraph(current[0]) and len(previous) < full)
                )
        if continues:
            current.append(line)
        else:
            if current:
                result.append(squash(" ".join(current)))
            current = [line]
        pending_break = False
    if current:
        result.append(squash(" ".join(current)))
    return result


# Raw lines to text and tables ---------------------------------------------------------


@dataclass
class Table:
    rows: list[list[str]]


def _clean(line: str) -> str:
    line = squash(line)
    if not line or _RULE_RE.match(line):
        return ""
    return line


def _cell_text(lines: list[str]) -> str:
    return squash(" ".join(line for line in lines if line))


def _split_rows(rows: list[list[str]], width: int) -> list[list[str]]:
    """Rows of ``width`` cells: a row that ran on into the next (a crawl that lost a row
    break) is cut, and a short one is padded."""
    out: list[list[str]] = []
    for row in rows:
        if len(row) == 1 and width > 1:
            out.append(row)  # a row across the whole table
            continue
        while len(row) > width:
            out.append(row[:width])
            row = row[width:]
        if row:
            out.append(row + [""] * (width - len(row)))
    return out


def _pipe_run_blocks(segments: list[list[str]]) -> list[str | Table]:
    """Blocks of a run of cells between lone "|" lines: an empty segment ends a row; rows
    of two cells or more make tables, a row of one cell is text."""
    rows: list[list[str]] = []
    row: list[str] = []
    for segment in segments:
        text = _cell_text(segment)
        if not text:
            if row:
                rows.append(row)
            row = []
        else:
            row.append(text)
    if row:
        rows.append(row)
    blocks: list[str | Table] = []
    table: list[list[str]] = []

    def close() -> None:
        # Rows of one cell after the table's last full row are text below it.
        trailing: list[str] = []
        while table and len(table[-1]) == 1:
            trailing.insert(0, table.pop()[0])
        if table:
            width = len(table[0])
            blocks.append(Table(_split_rows(table, width)))
            table.clear()
        blocks.extend(trailing)

    for cells in rows:
        if len(cells) >= 2:
            if table and len(cells) > len(table[0]) and len(cells) % len(table[0]) == 1:
                # The crawl lost the break before a caption: last row, caption, next header.
                width = len(table[0])
                table.append(cells[:width])
                close()
                blocks.append(cells[width])
                cells = cells[width + 1 :]
            if cells:
                table.append(cells)
        elif table:
            table.append(cells)  # a merged row across the table ("I. Kinh tế số")
        else:
            blocks.extend(cells)
    close()
    return blocks


def _blocks(raw_lines: list[str]) -> list[list[str] | Table]:
    """Text runs (lines, "" a break) and tables, in order."""
    out: list[list[str] | Table] = []
    text: list[str] = []
    i = 0
    n = len(raw_lines)
    while i < n:
        raw = raw_lines[i].strip()
        if raw == "|":
            # A run of cells up to the last lone "|" of the run.
            last = i
            j = i + 1
            while j < n:
                stripped = raw_lines[j].strip()
                if stripped == "|":
                    last = j
                elif _ANNEX_RE.match(stripped) and last < j - 1:
                    break
                j += 1
            segments: list[list[str]] = [[]]
            for line in raw_lines[i + 1 : last]:
                if line.strip() == "|":
                    segments.append([])
                else:
                    segments[-1].append(_clean(line))
            run = _pipe_run_blocks(segments)
            if any(isinstance(block, Table) for block in run):
                if text:
                    out.append(text)
                    text = []
                for block in run:
                    if isinstance(block, Table):
                        out.append(block)
                    else:
                        out.append([block, ""])
            else:
                text.append("")
                for block in run:
                    text.extend([block, ""])
            i = last + 1
            continue
        if raw.startswith("|") and raw.endswith("|") and raw.count("|") >= 3:
            rows: list[list[str]] = []
            while i < n:
                raw = raw_lines[i].strip()
                if not (raw.startswith("|") and raw.endswith("|") and raw.count("|") >= 3):
                    break
                if not _TABLE_SEPARATOR_RE.match(raw):
                    rows.append([squash(cell) for cell in raw[1:-1].split("|")])
                i += 1
            if text:
                out.append(text)
                text = []
            out.append(Table(_split_rows(rows, max(len(row) for row in rows))))
            continue
        if "|" in raw:
            for cell in raw.split("|"):
                text.extend([_clean(cell), ""])
        elif not _PAGE_NUMBER_RE.match(raw):
            text.append(_clean(raw))
        i += 1
    if text:
        out.append(text)
    return out


# Paragraphs to HTML -------------------------------------------------------------------


@dataclass
class _Item:
    text: str
    children: list = field(default_factory=list)


@dataclass
class _List:
    depth: int
    items: list[_Item] = field(default_factory=list)


@dataclass
class Heading:
    level: int
    anchor: str
    text: str


@dataclass
class Body:
    """The body's blocks rendered, and its parts for a table of contents."""

    html: str
    headings: list[Heading]

    @property
    def parts(self) -> int:
        """How many Điều and Chương the body has."""
        return sum(1 for h in self.headings if h.anchor.split("-")[0] in ("dieu", "chuong"))

    @property
    def contents(self) -> list[Heading]:
        """The table of contents: every heading, for a body of ``TOC_MIN_PARTS`` parts."""
        return self.headings if self.parts >= TOC_MIN_PARTS else []


def _slug(kind: str, number: str) -> str:
    return f"{kind}-{number.lower()}"


class _Builder:
    def __init__(self) -> None:
        self.root: list = []
        self.lists: list[_List] = []
        self.headings: list[Heading] = []
        self.anchors: set[str] = set()
        self.has_chapters = False
        self.chapter = ""

    # Where a block goes: the open list's last item, or the top.
    def _close_lists(self) -> None:
        self.lists.clear()

    def _container(self) -> list:
        if self.lists and self.lists[-1].items:
            return self.lists[-1].items[-1].children
        return self.root

    def _anchor(self, base: str) -> str:
        anchor, serial = base, 1
        while anchor in self.anchors:
            serial += 1
            anchor = f"{base}-{serial}"
        self.anchors.add(anchor)
        return anchor

    def heading(self, level: int, base: str, text: str) -> None:
        self._close_lists()
        heading = Heading(level, self._anchor(base), text)
        self.headings.append(heading)
        self.root.append(heading)

    def paragraph(self, text: str, *, bold: bool = False, italic: bool = False) -> None:
        if self.lists:
            last = self.lists[-1].items[-1].text if self.lists[-1].items else ""
            if not last.endswith(":"):
                self._close_lists()
        self._container().append(("p", text, bold, italic))

    def item(self, depth: int, text: str) -> None:
        while self.lists and self.lists[-1].depth > depth:
            self.lists.pop()
        if self.lists and self.lists[-1].depth == depth:
            self.lists[-1].items.append(_Item(text))
            return
        new = _List(depth, [_Item(text)])
        self._container().append(new)
        self.lists.append(new)

    def table(self, table: Table) -> None:
        self._close_lists()
        self.root.append(table)

    def add(self, text: str, *, annex: bool) -> None:
        article_level = 4 if self.has_chapters else 3
        chapter = _CHAPTER_RE.match(text)
        if chapter:
            self.has_chapters = True
            self.chapter = _slug("chuong", chapter[1])
            self.heading(3, self.chapter, text)
            return
        section = _SECTION_RE.match(text)
        if section and len(text) <= _HEADING_MAX:
            base = _slug("muc", section[1])
            self.heading(4, f"{self.chapter}-{base}" if self.chapter else base, text)
            return
        article = _ARTICLE_RE.match(text)
        if article:
            base = _slug("dieu", article[1])
            rest = text[article.end() :].strip()
            if len(text) > _HEADING_MAX and rest:
                self.heading(article_level, base, text[: article.end()].strip())
                self.paragraph(rest)
            else:
                self.heading(article_level, base, text)
            return
        annex_match = _ANNEX_RE.match(text)
        if annex_match and annex and len(text) <= _HEADING_MAX:
            self.has_chapters = False
            self.chapter = ""
            number = annex_match[1]
            self.heading(3, _slug("phu-luc", number) if number else "phu-luc", text)
            return
        roman = _ROMAN_RE.match(text)
        if roman and len(text) <= _HEADING_MAX and not self.has_chapters:
            self.heading(3, _slug("phan", roman[1]), text)
            return
        depth = item_depth(text)
        if depth is not None:
            self.item(depth, text)
            return
        if _ATTACHED_RE.match(text):
            self.paragraph(text, italic=True)
            return
        self.paragraph(text, bold=is_caps(text) and len(text) <= _HEADING_MAX * 2)

    # Rendering.
    def html(self) -> str:
        return "".join(_render(node) for node in self.root)


def _render(node) -> str:
    if isinstance(node, Heading):
        return f'<h{node.level} id="{node.anchor}">{escape(node.text)}</h{node.level}>'
    if isinstance(node, Table):
        return _render_table(node)
    if isinstance(node, _List):
        tag = "ul" if node.depth >= 5 else "ol"
        items = "".join(
            f"<li>{escape(item.text)}{''.join(_render(child) for child in item.children)}</li>"
            for item in node.items
        )
        return f"<{tag}>{items}</{tag}>"
    _, text, bold, italic = node
    text = escape(text)
    if bold:
        text = f"<b>{text}</b>"
    if italic:
        text = f"<i>{text}</i>"
    return f"<p>{text}</p>"


def _is_header_row(row: list[str]) -> bool:
    """A first row of labels: no cell is a number or a long text."""
    return all(cell and not cell.rstrip(".").isdigit() and len(cell) <= 80 for cell in row)


def _render_table(table: Table) -> str:
    rows = table.rows
    head = ""
    if len(rows) > 1 and _is_header_row(rows[0]):
        cells = "".join(f'<th scope="col">{escape(cell)}</th>' for cell in rows[0])
        head = f"<thead><tr>{cells}</tr></thead>"
        rows = rows[1:]
    width = max(len(row) for row in table.rows)
    body = "".join(
        f'<tr><td colspan="{width}">{escape(row[0])}</td></tr>'
        if len(row) == 1 and width > 1
        else "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>"
        for row in rows
    )
    return f"<table>{head}<tbody>{body}</tbody></table>"


def build_body(raw_lines: list[str], annex_lines: list[str] | None = None) -> Body:
    """The body's rich text from the raw (normalized, unsplit) lines of its zone, and of the
    annexes printed after the signature."""
    builder = _Builder()
    for zone, annex in ((raw_lines, False), (annex_lines or [], True)):
        if annex and zone:
            builder.has_chapters = False
            builder.chapter = ""
        for block in _blocks(zone):
            if isinstance(block, Table):
                builder.table(block)
                continue
            for paragraph in join_paragraphs(block):
                builder.add(paragraph, annex=annex)
    return Body(html=builder.html(), headings=builder.headings)


# Finding the annexes ------------------------------------------------------------------

# How far above a "(Kèm theo ...)" line its title may start.
_ANNEX_TITLE_REACH = 6


def annex_start(lines: list[str], after: int) -> int | None:
    """The clean line where the annexes begin, after the signature: a "PHỤ LỤC" line, or
    the title in capitals above a "(Ban hành) kèm theo ..." line (a regulation issued with
    a decision)."""
    for i in range(after, len(lines)):
        line = lines[i]
        if _ANNEX_RE.match(line):
            return i
        if _ATTACHED_RE.match(line):
            start = i
            k = i - 1
            while (
                k >= after and i - k <= _ANNEX_TITLE_REACH and (not lines[k] or is_caps(lines[k]))
            ):
                if lines[k]:
                    start = k
                k -= 1
            return start
    return None


# The body as stored: anchors and outline -----------------------------------------------

_HEADING_TAG_RE = re.compile(r"<h([34])(\s[^>]*)?>(.*?)</h\1>", re.DOTALL)
_ID_RE = re.compile(r'\sid="([^"]*)"')
_TAG_RE = re.compile(r"<[^>]+>")


def _anchor_for(text: str) -> str | None:
    for pattern, kind in (
        (_CHAPTER_RE, "chuong"),
        (_ARTICLE_RE, "dieu"),
        (_ANNEX_RE, "phu-luc"),
        (_SECTION_RE, "muc"),
        (_ROMAN_RE, "phan"),
    ):
        match = pattern.match(text)
        if match:
            return _slug(kind, match[1]) if match[1] else kind
    return None


def outline(html: str) -> Body:
    """The stored body with an anchor on every heading of a part (an editor's save in the
    rich-text editor drops them; the importer writes them), and its headings in order."""
    headings: list[Heading] = []
    taken: set[str] = set()

    def visit(match: re.Match[str]) -> str:
        level, attributes, inner = int(match[1]), match[2] or "", match[3]
        text = squash(unescape(_TAG_RE.sub("", inner)))
        found = _ID_RE.search(attributes)
        anchor = found[1] if found else _anchor_for(text)
        if anchor is None:
            return match[0]
        base, serial = anchor, 1
        while anchor in taken:
            serial += 1
            anchor = f"{base}-{serial}"
        taken.add(anchor)
        headings.append(Heading(level, anchor, text))
        if found and found[1] == anchor:
            return match[0]
        attributes = _ID_RE.sub("", attributes)
        return f'<h{level}{attributes} id="{anchor}">{inner}</h{level}>'

    html = _HEADING_TAG_RE.sub(visit, html or "")
    return Body(html=_TABLE_OPEN_RE.sub(_scrolling_table, html), headings=headings)


_TABLE_OPEN_RE = re.compile(r"<table\b.*?</table>", re.DOTALL)


def _scrolling_table(match: re.Match[str]) -> str:
    # A wide annex table scrolls on its own on a phone; the region takes the keyboard focus
    # so it can be scrolled without a mouse.
    return (
        '<div class="table-scroll" role="region" tabindex="0" aria-label="Bảng (cuộn ngang)">'
        f"{match[0]}</div>"
    )
