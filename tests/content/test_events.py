"""Event pages: dates in the site's time zone and in Vietnamese, recurrence checked and
expanded where the event happens, and the iCalendar file read back with icalendar."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from bs4 import BeautifulSoup

from django.core.exceptions import ValidationError

from content.models import EventPage, SectionPage
from tests.factories import make_page

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def section(site):
    return make_page(site, SectionPage, title="Sự kiện")


def whole_day_event(
    section, recurrence="RRULE:FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=21;COUNT=3", **fields
):
    """A whole-day event on 21/4/2024 as Plone stores it: from local midnight (17:00 UTC the
    day before) to 23:59 local."""
    return make_page(
        section,
        EventPage,
        title="Ngày Sách và Văn hóa đọc",
        start=datetime(2024, 4, 20, 17, 0, tzinfo=UTC),
        end=datetime(2024, 4, 21, 16, 59, tzinfo=UTC),
        whole_day=True,
        recurrence=recurrence,
        location="Thư viện tỉnh",
        **fields,
    )


def read_calendar(client, page) -> icalendar.Event:
    response = client.get(page.url + "lich.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    return event


def test_whole_day_event_ics_has_date_values_and_its_rule(client, section):
    page = whole_day_event(section, ical_uid="abc-123@plone")
    event = read_calendar(client, page)
    assert event["UID"] == "abc-123@plone"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    # DATE values, not datetimes; the end is exclusive (the day after the last day).
    assert type(start) is date and start == date(2024, 4, 21)
    assert type(end) is date and end == date(2024, 4, 22)
    rule = event["RRULE"]
    assert rule["FREQ"] == ["YEARLY"] and rule["COUNT"] == [3] and rule["BYMONTHDAY"] == [21]
    assert str(event["LOCATION"]) == "Thư viện tỉnh"
    assert str(event["URL"]) == page.full_url
    assert str(event["SUMMARY"]) == "Ngày Sách và Văn hóa đọc"


def test_timed_event_ics_keeps_the_local_time_and_zone(client, section):
    page = make_page(
        section,
        EventPage,
        start=datetime(2024, 10, 10, 1, 0, tzinfo=UTC),
        end=datetime(2024, 10, 10, 4, 30, tzinfo=UTC),
        recurrence="RRULE:FREQ=WEEKLY;BYDAY=TH;UNTIL=20241231T000000Z",
    )
    event = read_calendar(client, page)
    start = event.decoded("DTSTART")
    assert start == datetime(2024, 10, 10, 8, 0, tzinfo=ZONE)
    assert start.utcoffset().total_seconds() == 7 * 3600
    assert event.decoded("DTEND") == datetime(2024, 10, 10, 11, 30, tzinfo=ZONE)
    assert event["RRULE"]["BYDAY"] == ["TH"]
    assert event["UID"].endswith("@localhost")  # made by the portal: stable per page


def test_open_ended_event_has_no_end_in_the_ics(client, section):
    page = make_page(
        section,
        EventPage,
        start=datetime(2024, 10, 10, 1, 0, tzinfo=UTC),
        end=datetime(2024, 10, 10, 4, 30, tzinfo=UTC),
        open_end=True,
    )
    event = read_calendar(client, page)
    assert "DTEND" not in event and "RRULE" not in event


def test_a_draft_event_has_no_calendar_file(client, section):
    page = make_page(section, EventPage, start=datetime(2024, 1, 1, tzinfo=UTC), publish=False)
    assert client.get(f"/{section.slug}/{page.slug}/lich.ics").status_code == 404
    assert client.get(f"/{section.slug}/lich.ics").status_code == 404  # not an event


def test_the_page_shows_local_dates_in_vietnamese_and_the_next_occurrences(client, section):
    page = whole_day_event(section, recurrence="RRULE:FREQ=YEARLY;INTERVAL=2")
    document = BeautifulSoup(client.get(page.url).content, "html.parser")
    facts = document.select_one(".event__facts").get_text(" ", strip=True)
    assert "Chủ nhật, ngày 21 tháng 4 năm 2024 (cả ngày)" in facts
    assert "Lặp lại 2 năm một lần" in facts
    assert document.select_one(f'a[href="{page.url}lich.ics"]') is not None
    # The next five, from today, every other 21 April.
    shown = [item["datetime"] for item in document.select(".event__next time")]
    assert len(shown) == 5
    assert all(value.endswith("-04-21") for value in shown)
    years = [int(value[:4]) for value in shown]
    assert years[0] >= date.today().year and {
        b - a for a, b in zip(years, years[1:], strict=False)
    } == {2}
    assert years[0] % 2 == 0


def test_a_finished_series_lists_no_next_dates(client, section):
    page = whole_day_event(section, recurrence="RRULE:FREQ=YEARLY;COUNT=3")
    document = BeautifulSoup(client.get(page.url).content, "html.parser")
    assert "Lặp lại hằng năm, 3 lần" in document.select_one(".event__facts").get_text()
    assert page.next_occurrences(after=datetime(2030, 1, 1, tzinfo=UTC)) == []
    assert [d.year for d in page.next_occurrences(after=datetime(2020, 1, 1, tzinfo=UTC))] == [
        2024,
        2025,
        2026,
    ]


def test_next_occurrences_follow_the_rule_in_local_time(section):
    # Mondays at 06:00 in Hà Nội are Sundays at 23:00 UTC: the rule speaks of the local day.
    page = make_page(
        section,
        EventPage,
        start=datetime(2024, 1, 7, 23, 0, tzinfo=UTC),  # Monday 8/1/2024 06:00 local
        recurrence="RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=10",
    )
    after = datetime(2024, 2, 1, tzinfo=UTC)
    upcoming = page.next_occurrences(count=3, after=after)
    assert [value.date() for value in upcoming] == [
        date(2024, 2, 5),
        date(2024, 2, 12),
        date(2024, 2, 19),
    ]
    assert all(value.weekday() == 0 and value.hour == 6 for value in upcoming)
    assert page.next_occurrences(after=datetime(2024, 6, 1, tzinfo=UTC)) == []


def test_rdate_exdate_and_a_floating_until_are_read(section):
    page = make_page(
        section,
        EventPage,
        start=datetime(2024, 3, 1, 1, 0, tzinfo=UTC),
        recurrence="RRULE:FREQ=DAILY;UNTIL=20240305T080000\nEXDATE:20240302T080000",
    )
    page.full_clean()
    days = [value.day for value in page.next_occurrences(after=datetime(2024, 1, 1, tzinfo=UTC))]
    assert days == [1, 3, 4, 5]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    ["RRULE:FREQ=SOMETIMES", "FREQ=WEEKLY;BYDAY=XX", "SUMMARY:không phải quy tắc", "RRULE:"],
)
def test_an_invalid_rule_is_refused_in_vietnamese(text):
    page = EventPage(title="x", slug="x", start=datetime(2024, 1, 1, tzinfo=UTC), recurrence=text)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "Quy tắc lặp không hợp lệ" in str(error.value.message_dict["recurrence"])


@pytest.mark.django_db
def test_the_end_must_follow_the_start():
    page = EventPage(
        title="x",
        slug="x",
        start=datetime(2024, 1, 2, tzinfo=UTC),
        end=datetime(2024, 1, 1, tzinfo=UTC),
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "end" in error.value.message_dict
