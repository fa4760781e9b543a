"""The day a visitor or a client asks about, as people write it."""

from datetime import date

import pytest

from procedures.answers import parse_day


def test_a_day_is_read_day_first_or_in_iso_form():
    assert parse_day("19/05/2022") == date(2022, 5, 19)
    assert parse_day(" 1-2-2024 ") == date(2024, 2, 1)
    assert parse_day("2022-05-19") == date(2022, 5, 19)
    for bad in ("31/02/2022", "hôm nay", "20-05-2022x", "05/19/2022"):
        with pytest.raises(ValueError, match="không hợp lệ"):
            parse_day(bad)
