"""``events.csv``: one row per event, for spreadsheets. Lists are joined with "; "."""

from __future__ import annotations

import csv
import io

COLUMNS = (
    "slug", "title", "date", "start", "end", "precision", "countries", "type", "tags",
    "people", "systems", "summary", "url", "sources", "source_urls", "roles",
)  # fmt: skip


def _person(person: dict) -> str:
    details = ", ".join(filter(None, (person["role"], person["country"])))
    return f"{person['name']} ({details})" if details else person["name"]


def render(records: list[dict]) -> str:
    """records: from events_json.event_records()."""
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
        writer.writerow([row[column] for column in COLUMNS])
    return out.getvalue()
