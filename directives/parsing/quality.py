"""Signs that a text layer is bad OCR, so an editor checks it instead of trusting it.

A scanned page read by poor OCR gives words that no Vietnamese spelling allows: letters mixed
with digits and symbols, letters from outside the Vietnamese alphabet, runs of consonants.
The parser never repairs such text; it reads what it can and warns.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

WARN_BAD_OCR = "text looks like bad OCR"

_VIETNAMESE_LETTERS = set(
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵfjwz"
)
_WORD_RE = re.compile(r"\S+")
_TRIM = "()[]{}\"'“”‘’.,;:!?…-–—/%*"
# Share of odd words above which a text is flagged (a clean document stays well below 1%).
_THRESHOLD = 0.08
_MIN_WORDS = 20


_PLAIN_WORD_RE = re.compile(
    "[" + "".join(sorted(_VIETNAMESE_LETTERS | {ch.upper() for ch in _VIETNAMESE_LETTERS})) + "]+"
)


@lru_cache(maxsize=65536)
def _is_odd(word: str) -> bool:
    # Most words are plain Vietnamese letters: settled by one C-level match, and a long
    # document repeats its words, so each is judged once.
    if _PLAIN_WORD_RE.fullmatch(word):
        return False
    word = word.strip(_TRIM)
    if not word or word.isdigit() or not any(ch.isalpha() for ch in word):
        return False
    letters = [ch.lower() for ch in word if ch.isalpha()]
    if any(ch not in _VIETNAMESE_LETTERS for ch in letters):
        return True
    # Letters glued to digits or symbols inside a word ("th4nh", "c@c"); symbols such as
    # "18h00", "QĐ-UBND", "VP7" are legitimate and contain no lower-case vowel run.
    inner = re.sub(r"[\w/&.\-]", "", word)
    return bool(inner) or bool(re.search(r"[a-zà-ỹ][0-9]+[a-zà-ỹ]", word))


def odd_word_ratio(text: str) -> float:
    """The share of words in ``text`` that no Vietnamese spelling allows (0 for short text)."""
    words = _WORD_RE.findall(unicodedata.normalize("NFC", text))
    if len(words) < _MIN_WORDS:
        return 0.0
    # Each distinct word is judged once (a long text repeats most of its words).
    return sum(n for word, n in Counter(words).items() if _is_odd(word)) / len(words)


def looks_like_bad_ocr(text: str) -> bool:
    """True when enough words are impossible spellings to distrust the whole text."""
    return odd_word_ratio(text) > _THRESHOLD
