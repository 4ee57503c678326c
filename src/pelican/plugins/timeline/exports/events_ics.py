"""``events.ics``: an iCalendar file (RFC 5545) of the events whose first day is known.

Each event is an all-day event: ``DTSTART;VALUE=DATE`` is its first day and
``DTEND;VALUE=DATE`` the day after the last day it may have lasted (RFC 5545 makes DTEND
exclusive). An interval whose end is known only to the month or year (``2023-01-25/2023-02``)
runs to the end of that month or year, and its description gives the date as the site
writes it ("25 January – February 2023"). An event whose start is known only to the month
or year is left out, because a calendar would show it as a month-long or year-long event.
Uncertain or approximate dates say so in their summary.

``UID`` is the event's slug at the site's domain (``TIMELINE_UID_DOMAIN``), so two sites
built with this generator never share one; ``URL`` is the event page's absolute address,
written only by a hosted build (an offline build has no address a calendar could open).
"""

from __future__ import annotations

import datetime as dt

PRODID = "-//pelican-timeline//events//EN"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Lines of at most 75 octets, continued with a space (RFC 5545, 3.1)."""
    data = line.encode("utf-8")
    parts, start, width = [], 0, 75
    while len(data) - start > width:
        end = start + width
        while data[end] & 0xC0 == 0x80:  # never cut a UTF-8 character in two
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, width = end, 74  # continuation lines start with a space
    parts.append(data[start:].decode("utf-8"))
    return [parts[0], *(" " + p for p in parts[1:])]


def included(event) -> bool:
    return event.date.precision == "day"


def render(timeline, urls, site_url: str, calendar_name: str, uid_domain: str) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(calendar_name)}",
    ]
    for event in timeline.events:
        if not included(event):
            continue
        date = event.date
        summary = event.title
        if date.uncertain or date.approximate:
            summary += " (date uncertain)" if date.uncertain else " (date approximate)"
        stamp = timeline.changes.get(event.slug, (None, None))[1] or dt.datetime(
            date.start.year, date.start.month, date.start.day, tzinfo=dt.UTC
        )
        description = f"{event.summary}\n\nDate: {date.display}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.slug}@{uid_domain}",
            f"DTSTAMP:{ics_datetime(stamp)}",
            f"DTSTART;VALUE=DATE:{ics_date(date.start)}",
            f"DTEND;VALUE=DATE:{ics_date(date.end + dt.timedelta(days=1))}",
            f"SUMMARY:{_escape(summary)}",
            f"DESCRIPTION:{_escape(description)}",
        ]
        if site_url:
            lines.append(f"URL:{site_url}/{urls.event(event.slug)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in _fold(line))


def ics_date(day: dt.date) -> str:
    """YYYYMMDD with four digits of year: strftime writes the year 900 as 900 on Linux."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def ics_datetime(moment: dt.datetime) -> str:
    """A UTC date-time, YYYYMMDDTHHMMSSZ, with four digits of year."""
    utc = moment.astimezone(dt.UTC)
    return f"{ics_date(utc.date())}T{utc.hour:02d}{utc.minute:02d}{utc.second:02d}Z"
