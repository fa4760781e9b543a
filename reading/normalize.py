"""Turn the text of a document, in whatever shape it came, into clean lines and paragraphs.

The same document reaches us as clean text, as markdown crawled from a legal-document site
(header table flattened into "|" lines, "**" bold, "~~404~~" strike-through, words broken across
lines), or as a PDF text layer (decomposed accents, page numbers between lines). Every other
module reads the output of ``clean_lines``, so none of them needs to know about markup.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from vntext import fold, nfc

# A list item or a numbered point: "- ", "+ ", "• ", "1. ", "1.2. ", "a) ", "(3) ", "II. ".
ITEM_MARK_RE = re.compile(
    r"^(?:[-–+•]\s*(?=\S)|\d+(?:\.\d+)*\.\s+|\d+\)\s+|[a-zđ]\)\s+|\(\d+\)\s+|[IVXL]+\.\s+)"
)
_BULLET_RE = re.compile(r"^[-–+•]\s*")
_RULE_RE = re.compile(r"^[-_=–—. ]{3,}$")
_PAGE_NUMBER_RE = re.compile(r"^\d{1,3}$")
_SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
# Zero-width characters and soft hyphens (a regex: ``str.translate`` walks a non-ASCII text
# character by character in Python).
_INVISIBLE_RE = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u00ad]")
_TERMINAL = (".", ";", ":", "!", "?")


def squash(text: str) -> str:
    """``text`` with every run of white space made one space, and trimmed."""
    return " ".join(text.split())


def _drop_symbols(text: str) -> str:
    # Check marks, boxes and stray dingbats ("✓") are scanning or crawling artefacts. The
    # class is built from the characters present, so a long text is walked once, in C.
    odd = [ch for ch in set(text) if unicodedata.category(ch) == "So"]
    return re.sub(f"[{re.escape(''.join(odd))}]", "", text) if odd else text


# An emphasis span of a crawled page ("**Phụ\nlục 1**", "*Hà Nội, ngày 01\ntháng 12*"): the
# crawler wraps lines anywhere, even inside a word group printed on one line. Inside a span a
# line that goes on in lower case is such a wrap; a line in capitals may be a real one
# ("**KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH**").
_EMPHASIS_RE = re.compile(r"(\*\*?)(?=[^\s*])([^*]{1,300}?)(?<=[^\s*])\1")
_WRAP_RE = re.compile(r"[ \t]*\n[ \t]*(?=[a-zà-ỹđ])")
_MAX_WRAPS = 3


def _join_wrapped_emphasis(match: re.Match[str]) -> str:
    body = match[2]
    if body.count("\n") > _MAX_WRAPS or "\n\n" in body:
        return match[0]
    return f"{match[1]}{_WRAP_RE.sub(' ', body)}{match[1]}"


# "**Điều 2. **Trung tâm ... chủ trì": an article with no title, whose text starts on the
# number's line; the bold that ends after the number says so, and the line is cut there so
# the body does not take the first words of the text for the article's title.
_BOLD_ARTICLE_RE = re.compile(r"(?m)^\*\*((?:Điều|ĐIỀU)\s+\d+[a-zđ]?\s*\.)\s*\*\*[ \t]*(?=\S)")
_UNDERSCORE_BOLD_RE = re.compile(r"(?<![_\w])__(?=\w)|(?<=[\w.:])__(?![_\w])")


def _join_lone_bullets(text: str) -> str:
    # A bullet alone on its line ("-" / "Như trên;") belongs to the line below.
    return re.sub(r"(?m)^([ \t]*[-–+•])[ \t]*\n[ \t]*(?=\S)", r"\1 ", text)


def normalize(text: str) -> str:
    """NFC text with markdown emphasis, strike-through marks and artefact symbols removed."""
    text = _INVISIBLE_RE.sub("", nfc(text)).replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.IGNORECASE)
    text = text.replace("~~", "")
    # A markdown bullet "* item" is a list item; every other "*" is emphasis.
    text = re.sub(r"(?m)^[ \t]*\*[ \t]+(?=\S)(?!\*)", "- ", text)
    text = _BOLD_ARTICLE_RE.sub(r"\1\n", text)
    text = _EMPHASIS_RE.sub(_join_wrapped_emphasis, text)
    text = text.replace("*", "")
    # "__Nơi nhận__": bold written with underscores; a rule of underscores stays a rule.
    text = _UNDERSCORE_BOLD_RE.sub("", text)
    text = _join_lone_bullets(text)
    return _drop_symbols(text)


def clean_lines(text: str) -> list[str]:
    """The document as trimmed lines; "" marks a break (blank line, table cell, rule).

    Table cells flattened into "|" become separate lines with a break between them; lines
    that are only a page number are dropped so a sentence split by a page break joins again.
    """
    return traced_lines(normalize(text).split("\n"))[0]


def traced_lines(raw_lines: list[str]) -> tuple[list[str], list[int]]:
    """``clean_lines`` of lines already normalized, with, for each clean line, the index of
    the raw line it comes from (the body builder reads tables from the raw lines)."""
    out: list[str] = []
    origins: list[int] = []
    for number, raw in enumerate(raw_lines):
        for cell in raw.split("|"):
            line = _SPACES_RE.sub(" ", cell).strip()
            if not line or _RULE_RE.match(line):
                out.append("")
                origins.append(number)
            elif _PAGE_NUMBER_RE.match(line):
                continue
            else:
                out.append(line)
                origins.append(number)
            if "|" in raw:
                out.append("")
                origins.append(number)
    return out, origins


def has_lowercase(text: str) -> bool:
    # Compared in C rather than letter by letter: called on every line of long texts.
    return text != text.upper()


def is_caps(text: str) -> bool:
    """True for a heading or title line printed in capitals (digits and marks allowed)."""
    return text == text.upper() and text != text.lower()


def starts_item(line: str) -> bool:
    return bool(ITEM_MARK_RE.match(line))


def strip_item_mark(line: str) -> str:
    """A line without its leading bullet or number: "1.1. Giao Sở ..." -> "Giao Sở ..."."""
    return ITEM_MARK_RE.sub("", line, count=1).strip()


def is_bullet(line: str) -> bool:
    return bool(_BULLET_RE.match(line)) and len(line) > 1


def strip_entry(line: str) -> str:
    """A list entry without its bullet and its final ";", "." or "," (a final ":" stays)."""
    entry = _BULLET_RE.sub("", line, count=1).strip()
    entry = re.sub(r"[\s;.,]+$", "", entry)
    return squash(entry)


def paragraphs(lines: list[str]) -> list[str]:
    """Join wrapped lines back into paragraphs.

    A new paragraph starts at a list item or numbered point, after a heading in capitals,
    and at a break, unless the text before the break is plainly unfinished (no final
    punctuation) and the text after it starts in lower case, as at a PDF page break.
    """
    result: list[str] = []
    current: list[str] = []
    pending_break = False
    for line in lines:
        if not line:
            pending_break = True
            continue
        previous = current[-1] if current else ""
        continues = bool(current) and not starts_item(line) and not is_caps(previous)
        if pending_break:
            continues = continues and not previous.endswith(_TERMINAL) and line[:1].islower()
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


def fold_same_length(text: str) -> str:
    """``fold`` character by character, so positions in the result match ``text``."""
    return "".join([_fold_char(ch) for ch in text])


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    folded = fold(ch)
    return folded if len(folded) == 1 else ch
