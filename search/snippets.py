"""Highlighted snippets cut from the original, accented text.

Matching happens on folded text, but people read the original: the text is folded one
character at a time (NFC Vietnamese letters fold to exactly one letter), so a match found in
the folded copy sits at the same offsets in the original. A word typed with its diacritics
("thư", "số") then keeps only the matches written with the same ones (not "thủ", "sơ"); a
word typed without any ("thu") marks every folded match. Pure Python, shared by engines.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from html import escape

from vntext import fold, nfc

SNIPPET_CHARS = 240
# A snippet comes from the first part of a long body: folding a text costs a dictionary
# look-up per character, for each of the twenty hits of a page.
_MAX_SCAN_CHARS = 8_000
_MAX_SPANS = 300


class _FoldTable(dict):
    """A ``str.translate`` table filled on first sight of each character: its one-letter
    fold, or a non-word placeholder when folding would change the length."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = fold(ch)
        if len(folded) != 1:
            folded = ch.lower() if len(ch.lower()) == 1 else "\x00"
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def fold_aligned(text: str) -> str:
    """``fold(text)`` with the same length as ``text``, so offsets carry over."""
    return text.translate(_FOLD_TABLE)


# The five tone marks; the other marks (â ê ô ă ơ ư đ) make another letter, not another tone.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


@lru_cache(maxsize=4096)
def accent_key(word: str) -> tuple[str, str]:
    """A word's letters and its tone, apart: equal for one word however it is written
    ("Uỷ"/"ủy", "hoà"/"hòa" put the tone on another vowel) and different for "thư"/"thủ"."""
    letters, tone = [], ""
    for ch in unicodedata.normalize("NFD", word.casefold()):
        if ch in _TONES:
            tone = ch
        else:
            letters.append(ch)
    return unicodedata.normalize("NFC", "".join(letters)), tone


def is_accented(word: str) -> bool:
    """Was ``word`` typed with a diacritic (so it should match only itself)?"""
    return fold(word) != word.casefold()


@lru_cache(maxsize=256)
def _matcher(words: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, frozenset]] | None:
    """The folded pattern of ``words``, and for each folded word the accent keys it must
    have (none when one of its forms was typed without diacritics: any spelling goes)."""
    keys: dict[str, set | None] = {}
    for word in words:
        folded = fold(word)
        if not folded or len(fold_aligned(word)) != len(folded):
            continue
        if not is_accented(word):
            keys[folded] = None
        elif folded not in keys or keys[folded] is not None:
            keys.setdefault(folded, set()).add(accent_key(word))
    if not keys:
        return None
    alternation = "|".join(re.escape(word) for word in sorted(keys, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")
    return pattern, {word: frozenset(k) for word, k in keys.items() if k is not None}


def _spans(text: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    return _spans_folded(text, words)[0]


def _spans_folded(text: str, words: tuple[str, ...]) -> tuple[list[tuple[int, int]], str]:
    """The matched words' spans, and the folded text they were found in (the first
    ``_MAX_SCAN_CHARS``)."""
    matcher = _matcher(words)
    if matcher is None or not text:
        return [], ""
    pattern, accented = matcher
    spans = []
    folded = fold_aligned(text[:_MAX_SCAN_CHARS])
    for match in pattern.finditer(folded):
        wanted = accented.get(match.group())
        if wanted is not None and accent_key(text[match.start() : match.end()]) not in wanted:
            continue
        spans.append(match.span())
        if len(spans) == _MAX_SPANS:
            break
    return spans, folded


def highlight(text: str, words: tuple[str, ...]) -> str:
    """The whole of ``text``, escaped, with ``<mark>`` around every matched word; ``words``
    as typed (see the module's docstring) or folded."""
    text = nfc(text or "")
    return _render(text, _spans(text, words), 0, len(text))


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    out, position = [], start
    for left, right in spans:
        if left < start or right > end:
            continue
        out.append(escape(text[position:left]))
        out.append(f"<mark>{escape(text[left:right])}</mark>")
        position = right
    out.append(escape(text[position:end]))
    return "".join(out)


def _best_window(folded: str, spans: list[tuple[int, int]], words: tuple[str, ...]) -> int:
    """Start of the window holding the most distinct matched words (the first such)."""
    best_start, best_score = spans[0][0], -1
    for i, (left, _) in enumerate(spans):
        seen = set()
        for a, b in spans[i:]:
            if b > left + SNIPPET_CHARS:
                break
            seen.add(folded[a:b])
        if len(seen) > best_score:
            best_start, best_score = left, len(seen)
            if best_score == len(words):
                break
    return best_start


def snippet(texts: list[str], words: tuple[str, ...], limit: int = SNIPPET_CHARS) -> str:
    """A short passage of the first text that best matches ``words``, escaped, with the
    matches marked; the start of the first non-empty text when nothing matches."""
    texts = [text for text in texts if text]
    every_word = len({fold(word) for word in words} - {""})
    best: tuple[int, str, list[tuple[int, int]], str] | None = None
    for text in texts:
        text = nfc(text)
        spans, folded = _spans_folded(text, words)
        distinct = len({folded[a:b] for a, b in spans})
        if spans and (best is None or distinct > best[0]):
            best = (distinct, text, spans, folded)
            if distinct == every_word:
                break  # no later text (a long body) can hold more of the words
    if best is None:
        if not texts:
            return ""
        text = nfc(texts[0])
        return escape(text[:limit]) + ("…" if len(text) > limit else "")
    _, text, spans, folded = best
    if len(text) <= limit:
        return _render(text, spans, 0, len(text))
    anchor = _best_window(folded, spans, words)
    start = max(0, anchor - limit // 4)
    if start:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 and start - space < 30 else start
    end = min(len(text), start + limit)
    space = text.rfind(" ", start, end)
    if end < len(text) and space > start + limit // 2:
        end = space
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + _render(text, spans, start, end) + suffix
