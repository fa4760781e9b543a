"""Event dates: recurrence rules (RFC 5545, as Plone stores them), their next occurrences,
the dates in Vietnamese, and the iCalendar file.

Rules are read in the site's time zone (Asia/Ho_Chi_Minh): "every Monday at 07:30" means a
Monday where the event happens, not in UTC.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from itertools import chain, islice

import icalendar
from dateutil.rrule import rruleset, rrulestr

from django.utils import timezone

from vntext.dates import format_vn_date

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
RULE_PROPERTIES = ("RRULE", "RDATE", "EXDATE", "EXRULE")
FREQUENCIES = {
    "YEARLY": ("hằng năm", "năm"),
    "MONTHLY": ("hằng tháng", "tháng"),
    "WEEKLY": ("hằng tuần", "tuần"),
    "DAILY": ("hằng ngày", "ngày"),
    "HOURLY": ("hằng giờ", "giờ"),
    "MINUTELY": ("hằng phút", "phút"),
    "SECONDLY": ("hằng giây", "giây"),
}


def rule_lines(text: str) -> list[str]:
    """The rule lines of a recurrence text; a DTSTART line in it is dropped (the event's
    start is the start). Raises ValueError for a line that is not a recurrence property."""
    lines = []
    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line:
            continue
        name = re.split(r"[:;]", line, maxsplit=1)[0].upper()
        if name == "DTSTART":
            continue
        if name.startswith("FREQ="):
            line, name = f"RRULE:{line}", "RRULE"
        if name not in RULE_PROPERTIES:
            raise ValueError(f"dòng '{line[:60]}' không phải RRULE, RDATE, EXDATE hay EXRULE")
        lines.append(line)
    if not lines:
        raise ValueError("không có quy tắc nào")
    return lines


def rule_set(text: str, start: dt.datetime, *, whole_day: bool = False) -> rruleset:
    """The occurrences of ``text`` from ``start``, as an rruleset in the site's time zone.

    A rule whose UNTIL is written without a zone cannot be combined with a zoned start
    (dateutil refuses); such a rule is read in local wall-clock time, and
    ``occurrences`` puts the zone back."""
    local = timezone.localtime(start) if timezone.is_aware(start) else start
    if whole_day:
        local = local.replace(hour=0, minute=0, second=0, microsecond=0)
    content = "\n".join(rule_lines(text))
    try:
        return rrulestr(content, dtstart=local, forceset=True)
    except ValueError:
        return rrulestr(content, dtstart=local.replace(tzinfo=None), forceset=True)


def occurrences(
    text: str, start: dt.datetime, *, whole_day: bool = False, after: dt.datetime | None = None
) -> Iterator[dt.datetime]:
    """The starts of the occurrences, in local time, from ``after`` on (inclusive)."""
    rules = rule_set(text, start, whole_day=whole_day)
    zone = timezone.get_current_timezone()
    after = timezone.localtime(after or timezone.now())
    if whole_day:
        after = after.replace(hour=0, minute=0, second=0, microsecond=0)
    try:
        iterator = rules.xafter(after, inc=True)
        first = next(iterator, None)
    except TypeError:  # the rule is in wall-clock time: compare without the zone
        iterator = rules.xafter(after.replace(tzinfo=None), inc=True)
        first = next(iterator, None)
    if first is None:
        return
    for value in chain([first], iterator):
        yield value if timezone.is_aware(value) else timezone.make_aware(value, zone)


def next_occurrences(
    text: str,
    start: dt.datetime,
    *,
    whole_day: bool = False,
    count: int = 5,
    after: dt.datetime | None = None,
) -> list[dt.datetime]:
    try:
        return list(islice(occurrences(text, start, whole_day=whole_day, after=after), count))
    except ValueError:
        return []


def _day(value: dt.datetime) -> str:
    return f"{WEEKDAYS[value.weekday()]}, {format_vn_date(value.date())}"


def describe_when(start: dt.datetime, end: dt.datetime | None, *, whole_day: bool = False) -> str:
    """The dates of an event in Vietnamese, from local datetimes."""
    if whole_day:
        if end is None or end.date() == start.date():
            return f"{_day(start)} (cả ngày)"
        return f"Từ {_day(start)} đến {_day(end)} (cả ngày)"
    if end is None:
        return f"{start:%H:%M}, {_day(start)}"
    if end.date() == start.date():
        return f"{start:%H:%M} – {end:%H:%M}, {_day(start)}"
    return f"Từ {start:%H:%M} {_day(start)} đến {end:%H:%M} {_day(end)}"


def describe_recurrence(text: str, start: dt.datetime, *, whole_day: bool = False) -> str:
    """How an event repeats, in Vietnamese: "Lặp lại hằng năm, 3 lần"; empty if it does not."""
    try:
        lines = rule_lines(text)
    except ValueError:
        return ""
    rule = next((line for line in lines if line.upper().startswith("RRULE")), None)
    if rule is None:
        return "Lặp lại vào các ngày định sẵn"
    parts = dict(
        item.split("=", 1) for item in rule.split(":", 1)[-1].upper().split(";") if "=" in item
    )
    every, unit = FREQUENCIES.get(parts.get("FREQ", ""), ("", ""))
    interval = int(parts["INTERVAL"]) if parts.get("INTERVAL", "").isdigit() else 1
    label = f"Lặp lại {every}" if interval == 1 else f"Lặp lại {interval} {unit} một lần"
    if parts.get("COUNT", "").isdigit():
        label += f", {parts['COUNT']} lần"
    if until := parts.get("UNTIL"):
        try:
            day = dt.datetime.strptime(until[:8], "%Y%m%d").date()
            label += f", đến {format_vn_date(day)}"
        except ValueError:
            pass
    return label


def _recurrence_properties(text: str) -> list[tuple[str, object]]:
    component = icalendar.Event.from_ical(
        "BEGIN:VEVENT\r\n" + "\r\n".join(rule_lines(text)) + "\r\nEND:VEVENT\r\n"
    )
    found = []
    for name in RULE_PROPERTIES:
        values = component.get(name)
        if values is None:
            continue
        for value in values if isinstance(values, list) else [values]:
            found.append((name, value))
    return found


def to_ical(page, request=None) -> bytes:
    """The event page as an iCalendar file: UID, DTSTART/DTEND (DATE values for a whole-day
    event, DTEND the day after its last day as RFC 5545 says), its recurrence, LOCATION, URL."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Cong thong tin dien tu//lich su kien//VI")
    calendar.add("version", "2.0")
    event = icalendar.Event()
    site = page.get_site()
    host = site.hostname if site else "localhost"
    event.add("uid", page.ical_uid or f"su-kien-{page.pk}@{host}")
    event.add("dtstamp", page.last_published_at or timezone.now())
    event.add("summary", page.title)
    start = page.local_start
    end = page.local_end
    if page.whole_day:
        event.add("dtstart", start.date())
        event.add("dtend", (end or start).date() + dt.timedelta(days=1))
    else:
        event.add("dtstart", start)
        if end is not None:
            event.add("dtend", end)
    if page.recurrence.strip():
        try:
            for name, value in _recurrence_properties(page.recurrence):
                event.add(name, value)
        except ValueError:
            pass
    if page.location:
        event.add("location", page.location)
    url = page.get_full_url(request=request)
    if url:
        event.add("url", url)
    if page.lead or page.search_description:
        event.add("description", page.lead or page.search_description)
    contact = ", ".join(filter(None, [page.contact_name, page.contact_phone, page.contact_email]))
    if contact:
        event.add("contact", contact)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
