"""``events.csv``: one row per event, for spreadsheets. Lists are joined with "; ".

A cell that a spreadsheet would run as a formula (one starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) is written with a ``'`` before it, as OWASP advises
against CSV injection: spreadsheets then show it as text. A program reading the file
gets the ``'`` too, and should drop it from such cells.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

COLUMNS = (
    "slug", "title", "date", "start", "end", "precision", "countries", "type", "tags",
    "people", "systems", "summary", "url", "sources", "source_urls", "roles", "end_precision",
)  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _person(person: dict) -> str:
    details = ", ".join(filter(None, (person["role"], person["country"])))
    return f"{person['name']} ({details})" if details else person["name"]


def cell(value) -> str:
    """The value as a cell no spreadsheet runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def render(records: Iterable[dict]) -> str:
    """records: from events_json.event_records() or each_record()."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for record in records:
        row = dict(record)
        row["countries"] = "; ".join(record["countries"])
        row["roles"] = "; ".join(f"{code}: {role}" for code, role in record["roles"].items())
        row["tags"] = "; ".join(record["tags"])
        row["systems"] = "; ".join(record["systems"])
        row["people"] = "; ".join(_person(p) for p in record["people"])
        row["sources"] = "; ".join(s["id"] for s in record["sources"])
        row["source_urls"] = "; ".join(s["url"] or "" for s in record["sources"])
        writer.writerow([cell(row[column]) for column in COLUMNS])
    return out.getvalue()
