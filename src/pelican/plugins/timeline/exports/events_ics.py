"""``events.ics``: an iCalendar file of the events whose day is known.

Only events dated to a day (or a span of days) are included, as all-day events; an event
known only to the month or year is left out, because a calendar would show it as a
month-long or year-long event. Uncertain or approximate days say so in their summary.
"""

from __future__ import annotations

import datetime as dt

PRODID = "-//timeline//events//EN"


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
    date = event.date
    return date.precision == "day" and date.end_precision == "day"


def render(timeline, urls, site_url: str, calendar_name: str, host: str = "timeline") -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(calendar_name)}",
    ]
    prefix = f"{site_url}/" if site_url else ""
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
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.slug}@{host}",
            f"DTSTAMP:{stamp.astimezone(dt.UTC).strftime('%Y%m%dT%H%M%SZ')}",
            f"DTSTART;VALUE=DATE:{ics_date(date.start)}",
            f"DTEND;VALUE=DATE:{ics_date(date.end + dt.timedelta(days=1))}",
            f"SUMMARY:{_escape(summary)}",
            f"DESCRIPTION:{_escape(event.summary)}",
            f"URL:{prefix}{urls.event(event.slug)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in _fold(line))


def ics_date(day: dt.date) -> str:
    """YYYYMMDD with four digits of year: strftime writes the year 900 as 900 on Linux."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"
