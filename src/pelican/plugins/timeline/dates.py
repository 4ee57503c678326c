"""Event dates: an EDTF string -> EventDate (range, precision, qualifier), display, sorting.

Only this module parses or formats an event date. An EventDate never invents a day: a
month-only date keeps precision "month", and every display and export reads that.

Sorting: events sort by their first possible day; on the same first day a coarser date
comes before a finer one (``2021`` before ``2021-01`` before ``2021-01-01``), then the
shorter span before the longer one. So "November 2023" is listed at the start of
November 2023, ahead of the events dated within that month.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

PRECISIONS = ("year", "month", "day")
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

DATE_HINT = (
    "write an EDTF date: 2021, 2021-11, 2021-11-07, 2021~ (approximate), "
    "2021? (uncertain) or 2024-07-08/2024-07-17 (interval)"
)


@dataclass(frozen=True)
class EventDate:
    text: str
    start: dt.date
    end: dt.date
    precision: str  # of the start: "year", "month" or "day"
    end_precision: str
    approximate: bool = False
    uncertain: bool = False

    @property
    def is_interval(self) -> bool:
        return "/" in self.text

    @property
    def sort_key(self) -> tuple:
        return (self.start, PRECISIONS.index(self.precision), self.end)

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def iso_start(self) -> str:
        """The start as precisely as it is known: '2021', '2021-11' or '2021-11-07'."""
        return _iso(self.start, self.precision)

    @property
    def iso_end(self) -> str:
        return _iso(self.end, self.end_precision)

    @property
    def display(self) -> str:
        if self.is_interval:
            text = _display_range(self.start, self.precision, self.end, self.end_precision)
        else:
            text = _display_one(self.start, self.precision)
        if self.approximate:
            text = f"c. {text}"
        if self.uncertain:
            text = f"{text} (uncertain)"
        return text


def _iso(day: dt.date, precision: str) -> str:
    return {"year": f"{day.year:04d}", "month": f"{day.year:04d}-{day.month:02d}"}.get(
        precision, day.isoformat()
    )


def _display_one(day: dt.date, precision: str) -> str:
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return f"{MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def display_day(day: dt.date) -> str:
    """'7 November 2023', as event dates show a day."""
    return _display_one(day, "day")


def _display_range(start, start_precision, end, end_precision) -> str:
    first, last = _display_one(start, start_precision), _display_one(end, end_precision)
    if first == last:  # an interval of one day (or month, or year) is that day
        return first
    if start_precision == end_precision == "day" and (start.year, start.month) == (
        end.year,
        end.month,
    ):
        return f"{start.day}–{end.day} {MONTHS[start.month - 1]} {start.year}"
    if start_precision == end_precision == "month" and start.year == end.year:
        return f"{MONTHS[start.month - 1]}–{MONTHS[end.month - 1]} {start.year}"
    if start_precision == end_precision == "day" and start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} – {_display_one(end, 'day')}"
    return f"{_display_one(start, start_precision)} – {_display_one(end, end_precision)}"


DAY_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
LAST_YEAR = 9998  # calendar exports end an event the day after it: 9999-12-31 has none


def _not_a_real_day(text: str) -> str:
    """'' unless the text names a day that no calendar has, such as 2021-02-29."""
    for year, month, day in DAY_RE.findall(text):
        y, m, d = int(year), int(month), int(day)
        if 1 <= m <= 12 and y >= 1 and d > calendar.monthrange(y, m)[1]:
            days = calendar.monthrange(y, m)[1]
            return f"{year}-{month}-{day} is not a real date: {MONTHS[m - 1]} {y} has {days} days"
    return ""


class DateError(ValueError):
    def __init__(self, message: str, hint: str = DATE_HINT):
        super().__init__(message)
        self.message = message
        self.hint = hint


SIMPLE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([~?%]?)$")


def _simple_bound(part: str):
    """(first day, last day, precision, qualifier) of a plain EDTF date, or None."""
    match = SIMPLE_RE.match(part)
    if not match:
        return None
    year, month, day, qualifier = match.groups()
    if not 1 <= int(year) <= LAST_YEAR:
        return None  # the EDTF reading gives the message
    try:
        if day:
            first = last = dt.date(int(year), int(month), int(day))
            return first, last, "day", qualifier
        if month:
            first = dt.date(int(year), int(month), 1)
            last = dt.date(int(year), int(month), calendar.monthrange(int(year), int(month))[1])
            return first, last, "month", qualifier
        return dt.date(int(year), 1, 1), dt.date(int(year), 12, 31), "year", qualifier
    except ValueError:
        return None  # an impossible date: the EDTF library gives the message


def _parse_simple(text: str) -> EventDate | None:
    """The common forms, read without the (slow) EDTF grammar; None for anything else.

    The test suite checks that this agrees with the edtf library on every form it accepts.
    """
    parts = text.split("/")
    if len(parts) > 2:
        return None
    bounds = [_simple_bound(part) for part in parts]
    if None in bounds:
        return None
    (start, _, precision, q1), (_, end, end_precision, q2) = bounds[0], bounds[-1]
    if end < start:
        return None
    qualifiers = q1 + (q2 if len(parts) == 2 else "")
    return EventDate(
        text=text,
        start=start,
        end=end,
        precision=precision,
        end_precision=end_precision,
        approximate=any(q in "~%" for q in qualifiers),
        uncertain=any(q in "?%" for q in qualifiers),
    )


@functools.lru_cache(maxsize=4096)
def parse_date(text: str) -> EventDate:
    """Parse an EDTF date of day, month or year precision, optionally ~ ? % or an interval."""
    text = str(text).strip()
    if not text:
        raise DateError("date is empty")
    if not text.isascii():
        # Python reads Arabic-Indic and fullwidth digits as numbers; EDTF and every
        # export expect ASCII.
        raise DateError(
            f"{text!r} has characters other than ASCII (digits 0-9, '-', '/', '~', '?', '%')",
            "type the date with the digits 0-9, e.g. 2021-11-07",
        )
    unreal = _not_a_real_day(text)
    if unreal:
        raise DateError(unreal, "check the day and month")
    simple = _parse_simple(text)
    if simple is not None:
        return simple
    return parse_with_edtf(text)


def parse_with_edtf(text: str) -> EventDate:
    """Parse with the edtf library: the reference for every form."""
    # Imported here: building its grammar takes a tenth of a second, and most dates
    # never need it.
    from edtf import EDTFParseException, parse_edtf

    try:
        parsed = parse_edtf(text)
    except EDTFParseException:
        raise DateError(f"{text!r} is not a valid EDTF date") from None
    except Exception:  # the edtf library raises plain errors on some odd input
        raise DateError(f"{text!r} is not a valid EDTF date") from None
    parts = [getattr(parsed, "lower", None), getattr(parsed, "upper", None)]
    if not all(parts):
        parts = [parsed, parsed]
    (start, start_precision), (end, end_precision) = (_bound(p, text) for p in parts)
    start_day, end_day = start[0], end[1]
    if end_day < start_day:
        raise DateError(f"interval {text!r} ends before it starts", "put the earlier date first")
    return EventDate(
        text=text,
        start=start_day,
        end=end_day,
        precision=start_precision,
        end_precision=end_precision,
        approximate=_flag(parsed, parts, "is_approximate"),
        uncertain=_flag(parsed, parts, "is_uncertain"),
    )


def _flag(parsed, parts, name) -> bool:
    both = "is_uncertain_and_approximate"
    return any(bool(getattr(x, name, False) or getattr(x, both, False)) for x in [parsed, *parts])


def _bound(part, text):
    """(first day, last day), precision of one date of an EDTF expression."""
    base = getattr(part, "date", part)
    precision = getattr(base, "precision", None)
    name = type(base).__name__
    if name != "Date" or precision not in PRECISIONS or "X" in str(base).upper():
        raise DateError(
            f"{text!r} is not supported: only years, months and days, optionally "
            "approximate (~), uncertain (?) or an interval (a/b)",
        )
    try:
        lower, upper = part.lower_strict(), part.upper_strict()
        first = dt.date(*tuple(lower)[:3])
        last = dt.date(*tuple(upper)[:3])
    except (TypeError, ValueError, OverflowError):
        raise DateError(f"{text!r} is outside the dates this site can show") from None
    if first.year < 1 or last.year > LAST_YEAR:
        raise DateError(
            f"{text!r} is outside the dates this site can show",
            f"years 1 to {LAST_YEAR} can be shown and exported",
        )
    return (first, last), precision
