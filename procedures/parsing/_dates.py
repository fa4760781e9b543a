"""A minimal Vietnamese date reader, private to the procedure parser.

vntext.dates is being written by another engineer; until it lands this covers the two shapes
procedure decisions use ("ngày 18 tháng 11 năm 2025", "19/11/2025"). Replace with vntext.dates
once it exists.
"""

import re
from datetime import date

from vntext import fold

_WORDY = re.compile(r"ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})")
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")


def find_date(text: str) -> tuple[date, int] | None:
    """The first valid date in ``text`` and its offset, or None.

    The offset lets callers prefer the date closest to a number they already found. Folding
    keeps offsets because every precomposed Vietnamese letter folds to one character.
    """
    folded = fold(text)
    found: list[tuple[int, date]] = []
    for pattern in (_WORDY, _NUMERIC):
        for match in pattern.finditer(folded):
            day, month, year = (int(part) for part in match.groups())
            try:
                found.append((match.start(), date(year, month, day)))
            except ValueError:
                continue
            break
    if not found:
        return None
    offset, value = min(found)
    return value, offset
