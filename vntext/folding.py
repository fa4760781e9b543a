"""Fold Vietnamese text for matching: NFC, lower case, no marks, "đ" -> "d".

One function serves index time and query time, so "thu tuc noi bo", "Thủ tục nội bộ", a
decomposed string pulled from a PDF and "hoà"/"hòa" all fold to the same words.
"""

import functools
import re
import unicodedata

_WORD_RE = re.compile(r"\w+", re.UNICODE)
# Letters that NFD does not decompose but readers treat as a base letter plus a mark.
_EXTRA_PAIRS = (("đ", "d"), ("Đ", "d"), ("ð", "d"), ("Ð", "d"), ("ơ", "o"), ("ư", "u"))


def nfc(text: str) -> str:
    """Compose decomposed accents (text pulled from PDFs often carries them apart)."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Return ``text`` in lower case with every diacritic removed and "đ" made "d".

    Length is not preserved (decomposition drops the marks); use it for matching, never for
    display.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", _replace_extra(text))
    if not decomposed.isascii():
        # The marks are removed by one regex made of the few distinct marks the text holds
        # (a Vietnamese text has about ten): a Python test per character, or str.translate
        # with a table, costs several times more on a document's body.
        marks = frozenset(ch for ch in set(decomposed) if unicodedata.combining(ch))
        if marks:
            decomposed = _marks_pattern(marks).sub("", decomposed)
    return _replace_extra(decomposed).casefold()


def _replace_extra(text: str) -> str:
    """The letters of ``_EXTRA_PAIRS`` replaced (``str.replace`` is far quicker than
    ``str.translate`` on long text)."""
    for letter, base in _EXTRA_PAIRS:
        if letter in text:
            text = text.replace(letter, base)
    return text


@functools.lru_cache(maxsize=256)
def _marks_pattern(marks: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(mark) for mark in sorted(marks)) + "]")


def fold_tokens(text: str) -> list[str]:
    """The folded words of ``text``: letters and digits only, punctuation dropped."""
    return _WORD_RE.findall(fold(text).replace("_", " "))
