"""Text printed in capitals written out in sentence case.

Decree 30/2020/NĐ-CP prints the title of a Quyết định, Kế hoạch or Chỉ thị in capitals under
its type word ("KẾ HOẠCH TRIỂN KHAI ... TRÊN ĐỊA BÀN TỈNH ĐỒNG NAI"); a page, a list or a search
result shows it as a sentence. Lower-casing every word would lose what must keep its capitals:
an abbreviation ("UBND", "TTHC", "CNTT") is recognised as a word that cannot be a Vietnamese
syllable; a place or a body of the vocabularies ("Đồng Nai", "Bộ Tài chính", "Việt Nam") takes
its official spelling; a cited document's type takes a capital ("Nghị quyết số 57-NQ/TW"); a
word with a digit ("COVID-19") stays as printed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from vntext import fold

from .doctypes import CITED_TYPE_RE, title_case_type
from .vocabulary import CENTRAL_BODIES, PARTY_BODIES, PROVINCES

# A Vietnamese syllable, folded: an initial consonant group, one to three vowels, a final.
_SYLLABLE_RE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}"
    r"(?:ch|ng|nh|[cmnpt])?$"
)
# Names written with capitals in running text that the vocabularies do not list as places or
# bodies: the country and the bodies every province has.
_COMMON_NAMES = (
    "Việt Nam", "Ủy ban nhân dân", "Hội đồng nhân dân", "Mặt trận Tổ quốc Việt Nam",
    "Ủy ban Mặt trận Tổ quốc",
)  # fmt: skip
# The two places a tone mark may sit in "oa", "oe", "uy" ("hòa" / "hoà").
_TONE_PLACES = {
    "òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ", "òe": "oè", "óe": "oé",
    "ỏe": "oẻ", "õe": "oẽ", "ọe": "oẹ", "ùy": "uỳ", "úy": "uý", "ủy": "uỷ", "ũy": "uỹ",
    "ụy": "uỵ",
}  # fmt: skip
_WORD_RE = re.compile(r"[^\W_]+(?:[&/.'-][^\W_]+)*")
_CITED_KIND_RE = re.compile(rf"{CITED_TYPE_RE.pattern}(?=\s+số\s)", re.IGNORECASE)
# Share of cased letters in upper case above which a text counts as printed in capitals.
_CAPS_SHARE = 0.9


def is_in_capitals(text: str) -> bool:
    """True when (nearly) every letter of ``text`` is a capital."""
    letters = [ch for ch in text if ch.isalpha() and ch.lower() != ch.upper()]
    if len(letters) < 4:
        return False
    return sum(ch.isupper() for ch in letters) >= _CAPS_SHARE * len(letters)


def _is_abbreviation(word: str) -> bool:
    """A word in capitals that no Vietnamese syllable spells: "UBND", "TTHC", "KH&CN"."""
    if any(ch.isdigit() for ch in word):
        return True
    parts = re.split(r"[&/.'-]", fold(word))
    return any(part and not _SYLLABLE_RE.match(part) for part in parts)


def _lower_word(match: re.Match[str]) -> str:
    word = match.group()
    return word if _is_abbreviation(word) else word.lower()


@lru_cache(maxsize=1)
def _names_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    spelling: dict[str, str] = {}
    for name in (*PROVINCES, *CENTRAL_BODIES, *PARTY_BODIES, *_COMMON_NAMES):
        lowered = name.lower()
        for variant in (lowered, _other_tone_place(lowered)):
            spelling.setdefault(variant, name)
    alternatives = sorted(spelling, key=len, reverse=True)
    pattern = re.compile(
        r"(?<!\w)(?:"
        + "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alternatives)
        + r")(?!\w)"
    )
    return pattern, spelling


def _other_tone_place(text: str) -> str:
    for old, new in _TONE_PLACES.items():
        text = text.replace(old, new)
    return text


def sentence_case(text: str | None) -> str | None:
    """``text`` in sentence case when it is printed in capitals, else as it is.

    "KẾ HOẠCH TRIỂN KHAI TTHC TRÊN ĐỊA BÀN TỈNH ĐỒNG NAI" -> "Kế hoạch triển khai TTHC trên
    địa bàn tỉnh Đồng Nai".
    """
    if not text or not is_in_capitals(text):
        return text
    lowered = _WORD_RE.sub(_lower_word, text)
    pattern, spelling = _names_pattern()
    named = pattern.sub(lambda m: spelling[" ".join(m.group().split())], lowered)
    named = re.sub(r"(?i)(?<!\w)v/v(?!\w)", "V/v", named)
    # A cited document's type before its number is written as a name: "Nghị quyết số 57".
    named = _CITED_KIND_RE.sub(lambda m: title_case_type(m.group(1)), named)
    first = next((i for i, ch in enumerate(named) if ch.isalpha()), None)
    if first is None:
        return named
    return named[:first] + named[first].upper() + named[first + 1 :]
