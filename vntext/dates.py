"""Vietnamese dates: "16/5/2022", "ngày 14 tháng 11 năm 2025", "tháng 5/2018", "năm 2020".

Administrative documents print dates in two spellings and often leave parts blank in a
published copy ("ngày  tháng 5 năm 2022": the day is stamped at signing). A ``PartialDate``
keeps exactly the parts that are printed, and its ISO form is only as precise as the text:
"2025-12-05", "2025-12", "2025", or "--11-15" for a yearly date with no year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from vntext.folding import nfc

_DAY = r"(?P<day>\d{1,2})"
_MONTH = r"(?P<month>\d{1,2})"
_YEAR = r"(?P<year>\d{4})"

# "ngày 14 tháng 11 năm 2025"; any number may be blank in a published copy.
LONG_DATE_RE = re.compile(
    r"ngày\s*(?P<day>\d{1,2})?\s*tháng\s*(?P<month>\d{1,2})?\s*năm\s*(?P<year>\d{4})",
    re.IGNORECASE,
)
# "16/5/2022", "02-4-2020", "16.5.2022" — the same separator twice, not inside a number
# such as "08/2024/TT-BXD".
NUMERIC_DATE_RE = re.compile(
    rf"(?<![\d/.-]){_DAY}\s?(?P<sep>[/.-])\s?{_MONTH}\s?(?P=sep)\s?{_YEAR}(?![\d/]|\.\d)"
)
# "tháng 12 năm 2025", "tháng 5/2018".
MONTH_DATE_RE = re.compile(rf"tháng\s*{_MONTH}\s*(?:/|năm)\s*{_YEAR}(?![\d/])", re.IGNORECASE)
# "năm 2020" — only meaningful after a word such as "trong" (see ``parse_vn_date``).
YEAR_RE = re.compile(rf"năm\s+{_YEAR}(?![\d/])", re.IGNORECASE)
# "15/11" with no year, used with "hằng năm" for a yearly deadline.
DAY_MONTH_RE = re.compile(rf"(?<![\d/.]){_DAY}/{_MONTH}(?![\d/])")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date with whatever parts the text prints; a missing part is ``None``."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @property
    def is_complete(self) -> bool:
        return None not in (self.year, self.month, self.day)

    @property
    def iso(self) -> str | None:
        """ISO 8601 as precise as printed; ``None`` when nothing usable is printed.

        A day without a month or year cannot be placed, so it gives ``None``.
        """
        if self.year is None:
            if self.month is not None and self.day is not None:
                return f"--{self.month:02d}-{self.day:02d}"
            return None
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def to_date(self) -> date | None:
        """The calendar date, when every part is printed."""
        if not self.is_complete:
            return None
        return date(self.year, self.month, self.day)  # type: ignore[arg-type]

    def sort_key(self) -> tuple[int, int, int]:
        """A key that places a partial date at the start of its month or year."""
        return (self.year or 0, self.month or 0, self.day or 0)


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in a text, with its span so callers can read the words around it."""

    start: int
    end: int
    value: PartialDate
    kind: str  # "long", "numeric", "month", "year" or "day_month"
    valid: bool = True


def _to_int(value: str | None) -> int | None:
    return int(value) if value else None


def _is_valid(year: int | None, month: int | None, day: int | None) -> bool:
    if month is not None and not 1 <= month <= 12:
        return False
    if year is not None and not 1900 <= year <= 2100:
        return False
    if day is None:
        return True
    if not 1 <= day <= 31:
        return False
    if year is not None and month is not None:
        try:
            date(year, month, day)
        except ValueError:
            return False
    return True


def _match(m: re.Match[str], kind: str) -> DateMatch:
    groups = m.groupdict()
    year, month, day = (_to_int(groups.get(k)) for k in ("year", "month", "day"))
    valid = _is_valid(year, month, day)
    value = PartialDate(year, month, day) if valid else PartialDate()
    return DateMatch(m.start(), m.end(), value, kind, valid)


def find_dates(
    text: str, *, months: bool = True, years: bool = False, day_months: bool = False
) -> Iterator[DateMatch]:
    """Every date expression in ``text``, in order, without overlaps.

    Full dates always count; month-only ("tháng 5/2018") unless ``months`` is false; bare
    years ("năm 2020") and yearless days ("15/11") only on request, since both are common in
    text that is not a date at all (plan periods, article numbers). A match whose numbers
    cannot be a date ("31/02/2020") is returned with ``valid=False`` so a caller can warn.
    """
    patterns: list[tuple[re.Pattern[str], str]] = [
        (LONG_DATE_RE, "long"),
        (NUMERIC_DATE_RE, "numeric"),
    ]
    if months:
        patterns.append((MONTH_DATE_RE, "month"))
    if years:
        patterns.append((YEAR_RE, "year"))
    if day_months:
        patterns.append((DAY_MONTH_RE, "day_month"))
    found = sorted(
        (_match(m, kind) for pattern, kind in patterns for m in pattern.finditer(text)),
        key=lambda d: (d.start, -d.end),
    )
    last_end = -1
    for item in found:
        if item.start >= last_end:
            last_end = item.end
            yield item


def parse_vn_date(text: str) -> PartialDate | None:
    """The first date printed in ``text``, in any spelling, as a ``PartialDate``.

    "16/5/2022" and "ngày 16 tháng 5 năm 2022" give 2022-05-16; "ngày  tháng 5 năm 2022"
    gives 2022-05; "trong tháng 12 năm 2025" gives 2025-12; "trong năm 2020" gives 2020.
    Returns ``None`` when no valid date is printed.
    """
    text = nfc(text)
    for item in find_dates(text, years=True):
        if item.valid and item.value.iso:
            return item.value
    return None


def format_vn_date(value: date) -> str:
    """The long spelling used in document headers: "ngày 13 tháng 7 năm 2023"."""
    return f"ngày {value.day} tháng {value.month} năm {value.year}"


def format_short(value: date) -> str:
    """The short spelling with two-digit day and month: "13/07/2023"."""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
