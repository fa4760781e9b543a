"""The first full date in a piece of text, read with vntext.dates."""

from datetime import date

from vntext.dates import find_dates


def find_date(text: str) -> tuple[date, int] | None:
    """The first complete, valid date in ``text`` and its offset, or None.

    A blank day ("ngày  tháng 5 năm 2022", stamped at signing) is no date here: the record
    holds calendar dates only. The offset lets callers insist the date follows a phrase.
    """
    for item in find_dates(text, months=False):
        value = item.value.to_date() if item.valid else None
        if value is not None:
            return value, item.start
    return None
