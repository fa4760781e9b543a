"""Query understanding: what a person typed, turned once into what every engine searches for.

Pure Python (no Django), so the database engines, the Elasticsearch engine, the API and the
tests all read the same understood query. Any character is text, never syntax: operators,
quotes, ``*`` or SQL come out as folded words or are dropped, and an engine builds its own
query from these words with its own quoting.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from search.abbreviations import ABBREVIATIONS, DOCUMENT_TYPE_ABBREVIATIONS
from search.registry import kind_names
from vntext import NUMBER_RE, clean_number, fold, fold_tokens, nfc, number_key

MAX_QUERY_LENGTH = 500
MAX_TERMS = 24
MAX_WORD_LENGTH = 64
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000

SORTS = ("relevance", "date")

_WORD_RE = re.compile(r"\w+")
_PHRASE_RE = re.compile(r"[\"“”„«»]([^\"“”„«»]+)[\"“”„«»]")
_QUOTES_RE = re.compile(r"[\"“”„«»]")
# Words that announce a document number: "số 5436", "cv 5436", "văn bản 5436".
_NUMBER_TRIGGERS = frozenset({"so", "cv", "van", "ban", "qd", "kh", "tb", "ct", "nq", "hd", "bc"})
_MAX_CHAIN = 5
_GLUED_RE = re.compile(r"([^\W\d_]{1,6})(\d{1,6})")


@dataclass(frozen=True)
class Term:
    """One thing a result must contain: any of its alternatives, each a run of folded words.

    A plain word has one alternative of one word; "tthc" has ``("tthc",)`` and
    ``("thu", "tuc", "hanh", "chinh")``; a quoted phrase has one alternative of many words.
    """

    alternatives: tuple[tuple[str, ...], ...]

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(word for alt in self.alternatives for word in alt))

    @property
    def is_phrase(self) -> bool:
        return len(self.alternatives) == 1 and len(self.alternatives[0]) > 1


@dataclass(frozen=True)
class SearchQuery:
    """What every engine searches for: the text understood, the filters, sort and page."""

    raw: str = ""
    words: tuple[str, ...] = ()
    accented_words: tuple[str, ...] = ()
    # (folded, as typed in lower case) for each word typed with diacritics.
    typed_forms: tuple[tuple[str, str], ...] = ()
    phrases: tuple[str, ...] = ()
    terms: tuple[Term, ...] = ()
    number_keys: tuple[str, ...] = ()
    kind: str | None = None
    doc_type: str | None = None
    issuer: int | None = None
    year_from: int | None = None
    year_to: int | None = None
    signer: str | None = None
    sort: str = "relevance"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    dropped: tuple[str, ...] = field(default=())

    @property
    def has_text(self) -> bool:
        return bool(self.terms or self.number_keys)

    @property
    def has_filters(self) -> bool:
        return any(
            value not in (None, "")
            for value in (
                self.kind,
                self.doc_type,
                self.issuer,
                self.year_from,
                self.year_to,
                self.signer,
            )
        )

    @property
    def highlight_words(self) -> tuple[str, ...]:
        """Words a snippet should mark: those typed with diacritics as typed (they mark only
        themselves), the others and the expansions folded (they mark any spelling)."""
        forms: dict[str, list[str]] = {}
        for folded, typed in self.typed_forms:
            forms.setdefault(folded, []).append(typed)
        return tuple(
            dict.fromkeys(
                form
                for term in self.terms
                for word in term.words
                for form in forms.get(word, [word])
            )
        )

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


def clean_text(raw: object) -> str:
    """NFC text without control characters, surrogates or NUL, one space between words,
    cut to ``MAX_QUERY_LENGTH``."""
    text = nfc(str(raw or "")[: MAX_QUERY_LENGTH * 4])
    text = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") else ch for ch in text
    )
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


@lru_cache(maxsize=1)
def _abbreviation_pairs() -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Every folded word run in the list mapped to the runs that mean the same, both ways."""
    pairs: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for abbreviation, expansions in ABBREVIATIONS.items():
        short = tuple(fold_tokens(abbreviation))
        for expansion in expansions:
            long = tuple(fold_tokens(expansion))
            if not short or not long:
                continue
            pairs.setdefault(short, [short])
            pairs[short].append(long)
            pairs.setdefault(long, [long])
            pairs[long].append(short)
    return {run: tuple(dict.fromkeys(alts)) for run, alts in pairs.items()}


def abbreviation_runs() -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Each folded word run of the abbreviation list and the runs that mean the same."""
    return _abbreviation_pairs()


def _symbol_parts() -> frozenset[str]:
    """Folded words that may follow a running number as part of its symbol."""
    return frozenset(
        run[0] for run in _abbreviation_pairs() if len(run) == 1 and len(run[0]) <= 8
    ) | frozenset({"tw", "nv", "tc", "kt", "ttr", "snn", "sxd", "stc", "vpcp", "ubqgcds"})


def _terms(words: list[str]) -> list[Term]:
    """Group words into terms, joining runs the abbreviation list knows."""
    pairs = _abbreviation_pairs()
    longest = max((len(run) for run in pairs), default=1)
    terms: list[Term] = []
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            run = tuple(words[i : i + size])
            if run in pairs:
                terms.append(Term(pairs[run]))
                i += size
                break
        else:
            terms.append(Term(((words[i],),)))
            i += 1
    return terms


def _split_glued(word: str) -> list[str]:
    """ "CV1836" as "CV" "1836", "QĐ12" as "QĐ" "12": a document type's abbreviation or a
    number word typed against the number; any other mix of letters and digits stays whole."""
    match = _GLUED_RE.fullmatch(word)
    if match and fold(match.group(1)) in _glued_prefixes():
        return [match.group(1), match.group(2)]
    return [word]


@lru_cache(maxsize=1)
def _glued_prefixes() -> frozenset[str]:
    return _NUMBER_TRIGGERS | frozenset(fold(name) for name in DOCUMENT_TYPE_ABBREVIATIONS)


def _number_keys(text: str, tokens: list[tuple[str, str]]) -> tuple[list[str], set[int]]:
    """Keys of the document numbers the text may name, the most specific first.

    ``tokens`` pairs each word as typed with its folded form. A digit run counts as a number
    when a symbol follows it ("5436 ubnd vp"), a trigger word precedes it ("cv 5436",
    "số 5436") or it is all there is ("5436"). Also returns the positions of the trigger
    words, which the text search then leaves out.
    """
    keys: list[str] = []
    triggers: set[int] = set()
    for match in NUMBER_RE.finditer(text):
        key = number_key(clean_number(match.group()))
        if key:
            keys.append(key)
    parts = _symbol_parts()
    consumed = -1
    for i, (_, folded) in enumerate(tokens):
        if i <= consumed or not folded.isdigit() or len(folded) > 6:
            continue
        chain = [folded.lstrip("0") or "0"]
        for typed, word in tokens[i + 1 : i + 1 + _MAX_CHAIN]:
            is_year = word.isdigit() and len(word) == 4 and len(chain) == 1
            is_symbol = not word.isdigit() and (
                word in parts or (typed.isupper() and len(word) <= 10)
            )
            if not (is_year or is_symbol):
                break
            chain.append(word)
        consumed = i + len(chain) - 1
        triggered = i > 0 and tokens[i - 1][1] in _NUMBER_TRIGGERS
        if len(chain) > 1 or triggered or len(tokens) == 1:
            keys.extend("-".join(chain[:size]) for size in range(len(chain), 0, -1))
            if triggered:
                triggers.add(i - 1)
    return list(dict.fromkeys(keys)), triggers


def _as_int(value: object, name: str, dropped: list[str], low: int, high: int) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        dropped.append(name)
        return None
    if not low <= number <= high:
        dropped.append(name)
        return None
    return number


def _as_text(value: object, limit: int = 128) -> str | None:
    text = clean_text(value)[:limit] if value not in (None, "") else ""
    return text or None


def understand(
    raw: object,
    *,
    kind: object = None,
    doc_type: object = None,
    issuer: object = None,
    year_from: object = None,
    year_to: object = None,
    signer: object = None,
    sort: object = None,
    page: object = None,
    page_size: object = None,
) -> SearchQuery:
    """Turn what a person typed, and the filters chosen, into a ``SearchQuery``.

    Lenient by design: a filter that cannot be read is dropped (and named in ``dropped`` so a
    page can say so), a page number out of range becomes the nearest valid one.
    """
    dropped: list[str] = []
    text = clean_text(raw)

    phrases = [
        " ".join(words)
        for words in (fold_tokens(match) for match in _PHRASE_RE.findall(text))
        if words
    ]
    outside = _QUOTES_RE.sub(" ", _PHRASE_RE.sub(" ", text))
    typed = [
        part for word in _WORD_RE.findall(outside.replace("_", " ")) for part in _split_glued(word)
    ]
    tokens = [(word, folded[:MAX_WORD_LENGTH]) for word in typed for folded in fold_tokens(word)]
    words = [folded for _, folded in tokens]
    number_keys, triggers = _number_keys(text, tokens)
    # "số" in "số 5436" announces the number; requiring it in the text would hide citations.
    text_words = [word for i, word in enumerate(words) if i not in triggers]

    terms = [Term((tuple(phrase.split()),)) for phrase in phrases] + _terms(text_words)
    accented = [word.casefold()[:MAX_WORD_LENGTH] for word in _WORD_RE.findall(text)]
    typed_forms = [
        (fold(word)[:MAX_WORD_LENGTH], word.casefold()[:MAX_WORD_LENGTH])
        for word in _WORD_RE.findall(text.replace("_", " "))
        if fold(word) != word.casefold() and len(fold_tokens(word)) == 1
    ]

    kind_value = _as_text(kind)
    if kind_value and kind_value not in kind_names():
        dropped.append("kind")
        kind_value = None
    sort_value = _as_text(sort) or "relevance"
    if sort_value not in SORTS:
        dropped.append("sort")
        sort_value = "relevance"
    year_low = _as_int(year_from, "year_from", dropped, 1900, 2100)
    year_high = _as_int(year_to, "year_to", dropped, 1900, 2100)
    if year_low and year_high and year_low > year_high:
        year_low, year_high = year_high, year_low
    page_number = _as_int(page, "page", [], -(10**9), 10**9) or 1
    size = _as_int(page_size, "page_size", [], -(10**9), 10**9) or DEFAULT_PAGE_SIZE

    return SearchQuery(
        raw=text,
        words=tuple(dict.fromkeys(words + [w for p in phrases for w in p.split()])),
        accented_words=tuple(dict.fromkeys(accented)),
        typed_forms=tuple(dict.fromkeys(typed_forms)),
        phrases=tuple(phrases),
        terms=tuple(terms[:MAX_TERMS]),
        number_keys=tuple(number_keys[:12]),
        kind=kind_value,
        doc_type=_as_text(doc_type, 32),
        issuer=_as_int(issuer, "issuer", dropped, 1, 2**62),
        year_from=year_low,
        year_to=year_high,
        signer=_as_text(signer),
        sort=sort_value,
        page=min(max(page_number, 1), MAX_PAGE),
        page_size=min(max(size, 1), MAX_PAGE_SIZE),
        dropped=tuple(dropped),
    )


__all__ = ["SORTS", "SearchQuery", "Term", "abbreviation_runs", "clean_text", "understand"]
