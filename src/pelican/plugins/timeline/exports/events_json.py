"""``events.json``: the timeline as a documented, stable list of objects.

The format is a public interface (documented in CONTRIBUTING.md): fields are only ever
added, never renamed or removed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from ..model import Timeline
from ..urls import Urls


def event_records(timeline: Timeline, urls: Urls, site_url: str = "") -> list[dict]:
    """One dict per event, in timeline order; ``url`` is absolute when site_url is given."""
    return list(each_record(timeline, urls, site_url))


def each_record(timeline: Timeline, urls: Urls, site_url: str = "") -> Iterator[dict]:
    """The records of ``event_records`` one at a time: the exports that read them hold
    one, not 10,000."""
    prefix = f"{site_url.rstrip('/')}/" if site_url else ""
    for event in timeline.events:
        when = event.date
        yield (
            {
                "slug": event.slug,
                "title": event.title,
                "date": when.text,
                "start": when.start.isoformat(),
                "end": when.end.isoformat(),
                "precision": when.precision,
                "end_precision": when.end_precision,
                "approximate": when.approximate,
                "uncertain": when.uncertain,
                "countries": list(event.countries),
                "roles": dict(event.roles),
                "type": event.type,
                "tags": list(event.tags),
                "people": [
                    {"name": p.name, "role": p.role, "country": p.country} for p in event.people
                ],
                "systems": list(event.systems),
                "summary": event.summary,
                "url": prefix + urls.event(event.slug),
                "milestones": [
                    {
                        "date": m.date.text,
                        "start": m.date.start.isoformat(),
                        "end": m.date.end.isoformat(),
                        "precision": m.date.precision,
                        "end_precision": m.date.end_precision,
                        "label": m.label,
                        "sources": list(m.sources),
                    }
                    for m in event.milestones
                ],
                "sources": [_source(timeline.sources[key]) for key in event.sources],
                "context": event.context,
                "corrections": [
                    {"date": c.date.start.isoformat(), "text": c.text} for c in event.corrections
                ],
            }
        )


def _source(source) -> dict:
    return {
        "id": source.id,
        "title": source.title,
        "container_title": source.container_title,
        "issued": source.issued.text if source.issued else None,
        "url": source.url or None,
    }


def render(records: Iterable[dict]) -> str:
    """records: from event_records() or each_record()."""
    # One event per line: readable in a diff, and written by json's fast C encoder.
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    return "[\n" + ",\n".join(lines) + "\n]\n"
