"""Vietnamese post-correction of OCR text: a tone or vowel mark misread, set right by context.

Tesseract's commonest error on a clean Vietnamese page is a mark: "bố sung" for "bổ sung",
"Sô:" for "Số:", "quyên hạn" for "quyền hạn". The letters are right, so the candidates for a
word are the syllables that fold (``vntext.fold``) to the same letters. Which one is meant is
told by how often each follows the word before and precedes the word after in administrative
text: ``reading/data/ocr_syllables.tsv`` (syllables and pairs counted over a body of
directives by ``python -m bench.build_ocr_vocabulary``). A word is changed only when the
evidence for the other spelling is strong and for the printed one absent or tiny beside
it, so a rare but right word stays.

Besides marks, what specks and line ends do to a Decree-30 page: marks print does not use
("`", "„", a quote before a word) dropped, a stop before a number dropped, a document number
cut at its hyphen by the end of a line joined again, and the words of a date ("17 thành 9
năm n 2025") set right from the numbers around them. Pure Python.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from vntext import fold

VOCABULARY = Path(__file__).resolve().parent / "data" / "ocr_syllables.tsv"
_WORD_RE = re.compile(r"[^\W\d_]+")
_DASH_RUN_RE = re.compile(r" [—–-]{1,3} ")
_LEADING_DASHES_RE = re.compile(r"^[—–-]{2,3} ")
_ABBREVIATION_RE = re.compile(r"[(\-]?[A-ZĐ]{2,8}[)\].,;:]*")
# A number, a date or a document number: digits with their separators and capitals.
_NUMBER_RE = re.compile(r"[(\-]?\d[\dA-ZĐa-z/.\-]*[)\].,;:]*")
_ONE_RE = re.compile(r"(?<=\d)[lI]|[lI](?=\d)")
_EIGHT_RE = re.compile(r"(?<=\d)§|§(?=\d)")
_SPACE_BEFORE_SLASH_RE = re.compile(r"(\d) /(?=[A-ZĐ\d])")
_SPACE_AFTER_HYPHEN_RE = re.compile(r"(\d/[\w/]*[A-ZĐa-z])- ([A-ZĐ]{2,})")
_NUMBER_LINE_RE = re.compile(r"S[ốôoóồổ]\s*:")
# "V/v" as Tesseract misreads it ("VÀ,", "V/V", "Vív"), before a word in lower case.
_SUBJECT_RE = re.compile(r"^V(?:[/|][vVy]?[,.]?|[ÀAíl][,.]|À)\s+(?=[a-zđà-ỹ])")
# A space cut into the number of a document ("1 93/2025/NĐ-CP", "48/201 4/QH13").
_SPACE_IN_NUMBER_RE = re.compile(r"(\d) (\d{1,3}/[\dA-ZĐ])")
# A space before a full stop, comma, semicolon or colon, which Vietnamese print never has.
_SPACE_BEFORE_STOP_RE = re.compile(r"(?<=[\w)]) ([.,;:])(?=\s|$)")
_PREAMBLE_RE = re.compile(r"(Căn cứ|Theo đề nghị|Xét|Thực hiện)\b")
# A stop or comma read from a speck before a number ("số .57/TTr-UBND"): print puts a space
# or a bracket before a number, never a lone stop.
# A comma and a stop read together ("2030,.chuẩn"): print has the comma only.
_COMMA_STOP_RE = re.compile(r",\.\s*(?=[a-zđà-ỹ])")
# The label of a clause or point quoted by an amending text, its stop read as a comma
# ("“4, Việc", "“b, Giấy") after the opening quote at the head of a line.
_LABEL_COMMA_RE = re.compile(r"^([“\"])(\d{1,2}|[a-zđ]), (?=[A-ZĐÀ-Ỹ])")
# A capital with a mark inside a word in lower case ("một sỐ điều"): the mark made it tall.
_MARKED_CAPITALS = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"
_TALL_CAPITAL_RE = re.compile(rf"\b([a-zđ][a-zđà-ỹ]*)([{_MARKED_CAPITALS}])(?=[a-zđà-ỹ]*\b)")
# Letters of other alphabets Tesseract reads for Vietnamese ones: the Icelandic eth for Đ.
_LOOKALIKES = str.maketrans({"Ð": "Đ", "ð": "đ"})
_SPECK_BEFORE_NUMBER_RE = re.compile(r"(?<=\s)[.,](?=\d)")
# Marks Vietnamese print does not use, read from specks: a backquote, a low double quote, a
# straight quote glued to the head of a word in lower case ("'đề „nghị").
_STRAY_MARK_RE = re.compile(r"(?:(?<=\s)|^)(?:[`„]+|'(?=[a-zđà-ỹ]))")
_LONE_MARKS_RE = re.compile(r"(?:(?<=\s)|^)[`„']+(?=\s|$)")
# The course of the National Assembly after a law's number cut by a space ("31/2024/QH 15").
_COURSE_RE = re.compile(r"(/(?:UBTV)?QH) (\d{1,2})\b")
# A document number cut at its hyphen by the end of a line ("27/2024/TT-" then "BTC ngày").
_NUMBER_AT_LINE_END_RE = re.compile(r"\d/(?:[\dA-ZĐa-zđ]+/)*[A-ZĐ][A-ZĐa-zđ]{0,7}-$")
_NUMBER_REST_RE = re.compile(r"[A-ZĐ]{2,}\b")
# "ngày D tháng M năm YYYY" with the two words misread ("17 thành 9 năm n 2025", "8 nam 2025").
_DATE_RE = re.compile(r"\b(\d{1,2}) (\w+) (\d{1,2}) (\w+)(?: [a-zđ])? (\d{4})\b")
# ... or its month and year alone, at the head of a line ("5 nam 2026").
_MONTH_YEAR_RE = re.compile(r"\b(\d{1,2}) (\w+)(?: [a-zđ])? ((?:19|20)\d\d)\b")
# A pair seen this often, against a printed pair never seen, is enough to change a word.
_MIN_PAIR_EVIDENCE = 2
# ... or this many times the evidence for the printed spelling (a few slips in the body of
# text that was counted must not protect an error).
_DWARFS = 20


class _Model:
    def __init__(self, path: Path) -> None:
        self.unigrams: dict[str, int] = {}
        self.bigrams: dict[tuple[str, str], int] = {}
        self.by_fold: dict[str, list[str]] = {}
        if not path.is_file():
            return
        for line in path.read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if len(cells) == 2:
                self.unigrams[cells[0]] = int(cells[1])
            elif len(cells) == 3:
                self.bigrams[(cells[0], cells[1])] = int(cells[2])
        for word in self.unigrams:
            self.by_fold.setdefault(fold(word), []).append(word)

    def context(self, word: str, before: str | None, after: str | None) -> int:
        return (self.bigrams.get((before, word), 0) if before else 0) + (
            self.bigrams.get((word, after), 0) if after else 0
        )

    def best(self, word: str, before: str | None, after: str | None) -> str:
        candidates = self.by_fold.get(fold(word), [])
        if not candidates or (len(candidates) == 1 and candidates[0] == word):
            return word
        printed = self.context(word, before, after)
        known = self.unigrams.get(word, 0)

        def score(candidate: str) -> tuple[int, int]:
            return (self.context(candidate, before, after), self.unigrams.get(candidate, 0))

        choice = max(candidates, key=score)
        pair, count = score(choice)
        if choice == word:
            return word
        if pair >= _MIN_PAIR_EVIDENCE and pair >= _DWARFS * printed:
            return choice
        # A spelling no administrative text uses, and one it uses often.
        if known == 0 and count >= 5:
            return choice
        return word


@lru_cache(maxsize=1)
def _model() -> _Model:
    return _Model(VOCABULARY)


def _cased(template: str, word: str) -> str:
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def correct_line(line: str) -> str:
    """``line`` with misread marks set right where the context is clear."""
    # A hyphen between words read as a dash or a run of them ("Độc lập —- Tự do").
    line = _DASH_RUN_RE.sub(" - ", line)
    # The dash opening a recipient read as two ("-- VPCP: …").
    line = _LEADING_DASHES_RE.sub("- ", line)
    model = _model()
    if not model.unigrams:
        return line
    matches = list(_WORD_RE.finditer(line))
    words = [match.group().lower() for match in matches]
    pieces = []
    last = 0
    for i, match in enumerate(matches):
        before = words[i - 1] if i else None
        after = words[i + 1] if i + 1 < len(words) else None
        best = model.best(words[i], before, after)
        pieces.append(line[last : match.start()])
        pieces.append(match.group() if best == words[i] else _cased(match.group(), best))
        last = match.end()
    pieces.append(line[last:])
    return "".join(pieces)


def is_noise(line: str) -> bool:
    """A line of OCR noise: what a seal, a stamp, a signature or a smudge was read as.

    Fewer than half its tokens are plausible: a syllable administrative text uses, a number
    or a document number, an abbreviation in capitals ("VPCP", "UBND").
    """
    model = _model()
    tokens = line.split()
    if not tokens or not model.unigrams:
        return not tokens
    plausible = 0
    for token in tokens:
        if _ABBREVIATION_RE.fullmatch(token) or _NUMBER_RE.fullmatch(token):
            plausible += 1
            continue
        words = _WORD_RE.findall(token)
        if words and all(word.lower() in model.unigrams for word in words):
            plausible += 1
    return plausible < len(tokens) / 2


def correct_numbers(line: str) -> str:
    """Numbers, document numbers and dates with their misread characters set right.

    A fraction slash for a slash ("48/2014⁄QH13"); "l" or "I" touching a digit for a one
    ("l8 tháng", "QHl3"); "§" touching a digit for an eight; the Icelandic "Ð" for "Đ"; a
    number cut by a space before its slash ("216 /NQ-CP"), after a hyphen ("27/2024/TT- BTC"),
    between its digits ("1 93/2025/NĐ-CP") or before the National Assembly's course ("QH 15");
    a space before a stop ("Điều 2 ."); a speck read as a stop before a number ("số .92");
    misread words of a date; a quoted label's stop read as a comma ("“6, Việc"); a comma and
    a stop read together; a marked capital inside a word in lower case ("một sỐ điều").
    """
    line = line.replace("⁄", "/").translate(_LOOKALIKES)
    line = _ONE_RE.sub("1", line)
    line = _EIGHT_RE.sub("8", line)
    line = _SPACE_BEFORE_SLASH_RE.sub(r"\1/", line)
    line = _SPACE_IN_NUMBER_RE.sub(r"\1\2", line)
    line = _SPACE_BEFORE_STOP_RE.sub(r"\1", line)
    line = _SPECK_BEFORE_NUMBER_RE.sub("", line)
    line = _COMMA_STOP_RE.sub(", ", line)
    line = _LABEL_COMMA_RE.sub(r"\1\2. ", line)
    line = _TALL_CAPITAL_RE.sub(lambda m: m.group(1) + m.group(2).lower(), line)
    line = _COURSE_RE.sub(r"\1\2", line)
    line = _DATE_RE.sub(_date_words, line)
    line = _MONTH_YEAR_RE.sub(_year_word, line)
    return _SPACE_AFTER_HYPHEN_RE.sub(r"\1-\2", line)


def _near(word: str, target: str) -> bool:
    """Whether ``word`` is ``target`` with its marks or one letter misread."""
    folded = fold(word.lower())
    if len(folded) != len(target):
        return False
    return sum(a != b for a, b in zip(folded, target, strict=True)) <= 1


def _date_words(match: re.Match[str]) -> str:
    day, month_word, month, year_word, year = match.groups()
    if not (1 <= int(day) <= 31 and 1 <= int(month) <= 12):
        return match.group()
    if not (_near(month_word, "thang") and _near(year_word, "nam")):
        return match.group()
    month_word = _cased(month_word, "tháng")
    year_word = _cased(year_word, "năm")
    return f"{day} {month_word} {month} {year_word} {year}"


def _year_word(match: re.Match[str]) -> str:
    month, year_word, year = match.groups()
    if not 1 <= int(month) <= 12 or not _near(year_word, "nam"):
        return match.group()
    return f"{month} {_cased(year_word, 'năm')} {year}"


def stray_marks(line: str) -> str:
    """``line`` without the marks specks are read as: "`", "„", a quote before a word."""
    line = _LONE_MARKS_RE.sub("", line)
    line = _STRAY_MARK_RE.sub("", line)
    return " ".join(line.split()) if line != line.strip() or "  " in line else line


def joined_numbers(lines: list[str]) -> list[str]:
    """A document number cut at its hyphen by the end of a line, joined to its rest."""
    joined: list[str] = []
    for line in lines:
        if joined and _NUMBER_AT_LINE_END_RE.search(joined[-1]) and _NUMBER_REST_RE.match(line):
            joined[-1] += line
        else:
            joined.append(line)
    return joined


def preamble_semicolons(lines: list[str]) -> list[str]:
    """A comma read for the semicolon that ends each ground of a Decree-30 preamble.

    Each "Căn cứ …", "Theo đề nghị …", "Xét …" ends with a semicolon; a line ending in a
    comma right before the next one is that semicolon misread.
    """
    fixed = list(lines)
    for index in range(len(lines) - 1):
        if fixed[index].endswith(",") and _PREAMBLE_RE.match(lines[index + 1]):
            fixed[index] = fixed[index][:-1] + ";"
    return fixed


def subject_prefix(lines: list[str]) -> list[str]:
    """ "V/v" (về việc) misread at the head of a letter's subject, the line after "Số: …"."""
    fixed = list(lines)
    for index in range(1, len(lines)):
        if _NUMBER_LINE_RE.match(lines[index - 1]):
            fixed[index] = _SUBJECT_RE.sub("V/v ", lines[index], count=1)
    return fixed


def correct(text: str) -> str:
    """OCR text with noise lines dropped, misread marks set right, numbers and dates mended."""
    lines = [correct_numbers(correct_line(line)) for line in text.splitlines()]
    lines = [stray_marks(line) for line in lines if not is_noise(line)]
    return "\n".join(subject_prefix(preamble_semicolons(joined_numbers(lines))))
