"""Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y.

Code-point order, Python's and most databases' default, puts "Công" before "Cấp" and "Đăng"
after "Xã". ``sort_key`` gives a key of digits only that sorts the
Vietnamese way under any collation: letters first (with ă, â, đ, ê, ô, ơ, ư as letters of their
own), then the tone marks to break ties (none, huyền, hỏi, ngã, sắc, nặng).
"""

import unicodedata

from vntext.folding import nfc

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# The tones come apart as combining marks; the marks that make a letter of its own (breve,
# circumflex, horn) stay with it.
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}


def _letters_and_tones(text: str):
    for char in nfc(text).casefold():
        decomposed = unicodedata.normalize("NFD", char)
        base = "".join(c for c in decomposed if c not in _TONES)
        tone = next((_TONES[c] for c in decomposed if c in _TONES), "0")
        yield unicodedata.normalize("NFC", base), tone


def sort_key(text: str) -> str:
    """An ASCII key that orders ``text`` alphabetically the Vietnamese way."""
    primary, secondary = [], []
    syllable_tone = "0"
    for letter, tone in _letters_and_tones(text or ""):
        position = ALPHABET.find(letter) if len(letter) == 1 else -1
        if position >= 0:
            primary.append(f"{position + 20:02d}")
            # One tone per syllable, wherever it sits: "hoà" and "hòa" are one word.
            syllable_tone = tone if tone != "0" else syllable_tone
            continue
        if syllable_tone != "0" or primary:
            secondary.append(syllable_tone)
        syllable_tone = "0"
        if letter.isdigit():
            primary.append(f"1{letter}")
        elif letter.isspace():
            primary.append("00")
        # punctuation is left out of the order
    secondary.append(syllable_tone)
    # "00" ends the letters: below every letter code, so "ba" sorts before "ba con".
    return "".join(primary) + "00" + "".join(secondary)


def by_label(options) -> list[dict]:
    """Filter options (dicts with a "label") in Vietnamese alphabetical order of their label."""
    return sorted(options, key=lambda option: sort_key(str(option["label"])))
