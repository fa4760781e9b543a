"""Fold Vietnamese text for matching: NFC, lower case, no marks, "đ" -> "d".

One function serves index time and query time, so "thu tuc noi bo", "Thủ tục nội bộ", a
decomposed string pulled from a PDF and "hoà"/"hòa" all fold to the same words.
"""

import re
import unicodedata

_WORD_RE = re.compile(r"\w+", re.UNICODE)
# Letters that NFD does not decompose but readers treat as a base letter plus a mark.
_EXTRA = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "ơ": "o", "ư": "u"})


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
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_EXTRA).casefold()


def fold_tokens(text: str) -> list[str]:
    """The folded words of ``text``: letters and digits only, punctuation dropped."""
    return _WORD_RE.findall(fold(text).replace("_", " "))
