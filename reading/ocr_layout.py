"""Reading order of OCR words on a Decree-30 page: the header's two columns as two blocks.

Tesseract finds text lines across the whole width, so the issuing body on the left and the
national motto on the right come out as one line ("VĂN PHÒNG … CỘNG HOÀ …"), the number beside
the place and date, the recipients beside the signature. The parser needs each column on its
own. This module takes Tesseract's words with their boxes and orders them again:

- a line is cut into segments where a gap between two words is far wider than a space;
- segments that share a height on the page form a row; a row is *full* when one segment spans
  the middle of the text area (a body line or a centred title), else it has a left and/or
  right part;
- consecutive column rows close to each other form a band, read left part first, then right.

So a header reads issuing body, motto, number and subject, place and date; the foot reads the
recipients, then the signing block. Pure Python: boxes in, text out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median

# A gap wider than this many text heights between two words separates two columns.
_COLUMN_GAP = 2.2
# Rows further apart than this many text heights start a new band.
_BAND_GAP = 1.0
# A block read as a picture is read again when at least this many text heights high and wide.
_MIN_BLOCK_LINES = 2
# Rows of at most this many words above the header are hand-written notes.
_NOTE_WORDS = 2
_MIN_BLOCK_WIDTH = 6


@dataclass
class Word:
    """One word as Tesseract read it: its box in pixels, its line key, its confidence."""

    text: str
    left: int
    top: int
    width: int
    height: int
    line: tuple[int, int, int]
    confidence: float

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height


@dataclass
class Segment:
    """Words of one line with no column gap between them."""

    words: list[Word] = field(default_factory=list)

    @property
    def left(self) -> int:
        return min(word.left for word in self.words)

    @property
    def right(self) -> int:
        return max(word.right for word in self.words)

    @property
    def top(self) -> int:
        return min(word.top for word in self.words)

    @property
    def bottom(self) -> int:
        return max(word.bottom for word in self.words)

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)


def words_from_tsv(tsv: str) -> list[Word]:
    """Words from ``tesseract … tsv`` output (level 5 rows with text)."""
    words = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        block, paragraph, line = int(cells[2]), int(cells[3]), int(cells[4])
        left, top, width, height = (int(value) for value in cells[6:10])
        words.append(
            Word(
                text=cells[11].strip(),
                left=left,
                top=top,
                width=width,
                height=height,
                line=(block, paragraph, line),
                confidence=float(cells[10]),
            )
        )
    return words


def empty_blocks(tsv: str, words: list[Word]) -> list[tuple[int, int, int, int]]:
    """Boxes (left, top, right, bottom) of the blocks Tesseract found but read no word in.

    The automatic page segmentation takes print under a seal or a signature for a picture and
    leaves it unread; such a block, if it is at least a few lines high and wide, is worth
    reading again as a block of lines. The box is widened by a margin of a text height.
    """
    if not words:
        return []
    text_height = median(word.height for word in words)
    read = {word.line[0] for word in words}
    boxes = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "2" or int(cells[2]) in read:
            continue
        left, top, width, height = (int(value) for value in cells[6:10])
        if height < _MIN_BLOCK_LINES * text_height or width < _MIN_BLOCK_WIDTH * text_height:
            continue
        margin = int(text_height / 2)
        boxes.append(
            (
                max(left - margin, 0),
                max(top - margin, 0),
                left + width + margin,
                top + height + margin,
            )
        )
    return boxes


def _segments(words: list[Word], text_height: float) -> list[Segment]:
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    segments = []
    for line_words in lines.values():
        line_words.sort(key=lambda word: word.left)
        current = Segment([line_words[0]])
        for word in line_words[1:]:
            if word.left - current.words[-1].right > _COLUMN_GAP * text_height:
                segments.append(current)
                current = Segment([word])
            else:
                current.words.append(word)
        segments.append(current)
    return segments


def _rows(segments: list[Segment]) -> list[list[Segment]]:
    """Segments grouped by vertical overlap (more than half the shorter one's height)."""
    rows: list[list[Segment]] = []
    for segment in sorted(segments, key=lambda s: (s.top + s.bottom) / 2):
        if rows:
            row = rows[-1]
            top = max(min(s.top for s in row), segment.top)
            bottom = min(max(s.bottom for s in row), segment.bottom)
            shorter = min(segment.bottom - segment.top, max(s.bottom - s.top for s in row))
            if bottom - top > shorter / 2:
                row.append(segment)
                continue
        rows.append([segment])
    return rows


def _below_margin_notes(rows: list[list[Segment]]) -> list[list[Segment]]:
    """The rows from the header on: what a clerk wrote above it ("TTĐT", initials) dropped.

    Nothing is printed above a Decree-30 header (issuing body and motto, a few words a row),
    so rows of one or two words before the first row of more are hand-written notes.
    """
    for index, row in enumerate(rows):
        if sum(len(segment.words) for segment in row) > _NOTE_WORDS:
            return rows[index:]
    return rows


def order_words(words: list[Word]) -> str:
    """The page's text, one line per segment, in the reading order described above."""
    if not words:
        return ""
    text_height = median(word.height for word in words)
    segments = _segments(words, text_height)
    page_left = min(segment.left for segment in segments)
    page_right = max(segment.right for segment in segments)
    middle = (page_left + page_right) / 2
    margin = 0.04 * (page_right - page_left)

    def side(segment: Segment) -> str:
        if segment.left < middle - margin and segment.right > middle + margin:
            return "full"
        return "left" if segment.right <= middle + margin else "right"

    lines: list[str] = []
    band: list[list[Segment]] = []
    last_bottom: int | None = None

    def flush() -> None:
        # Each column on its own, top to bottom: a row of the band may hold two lines of one
        # column when a taller box on the other side (a stamp, a seal) overlaps both.
        for wanted in ("left", "right"):
            column = [s for row in band for s in row if side(s) == wanted]
            for line in _rows(column):
                lines.extend(s.text for s in sorted(line, key=lambda s: s.left))
        band.clear()

    for row in _below_margin_notes(_rows(segments)):
        row_top = min(s.top for s in row)
        if any(side(s) == "full" for s in row):
            flush()
            lines.extend(s.text for s in sorted(row, key=lambda s: s.left))
        else:
            if band and last_bottom is not None and row_top - last_bottom > _BAND_GAP * text_height:
                flush()
            band.append(row)
        last_bottom = max(s.bottom for s in row)
    flush()
    return "\n".join(lines)
