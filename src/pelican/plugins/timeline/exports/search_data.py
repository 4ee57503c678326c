"""``search-data.js``: the documents the search page indexes, as a classic script.

A script that sets a global works from file:// where fetch() of a local file does not.
The data is one JSON string parsed by JSON.parse, which browsers parse faster than the
same data written as an object literal.
"""

from __future__ import annotations

import json

from ..model import Timeline
from ..render import Rendering
from ..urls import Urls

FIELDS = ("title", "summary", "body", "people", "systems", "places", "sources", "tags", "type")
STORED = ("url", "title", "date", "summary", "type")


def documents(timeline: Timeline, urls: Urls, rendering: Rendering, body_words: int):
    docs = []
    for index, event in enumerate(timeline.events):
        words = rendering.event(event).text.split()
        sources = [timeline.sources[key] for key in event.sources]
        docs.append(
            {
                "id": index,
                "url": urls.event(event.slug),
                "title": event.title,
                "date": event.date.display,
                "summary": event.summary,
                "type": timeline.types[event.type].label,
                "body": " ".join(words[:body_words]),
                "people": " ".join(f"{p.name} {p.role}" for p in event.people),
                "systems": " ".join(event.systems),
                "places": " ".join(timeline.place(code).name for code in event.countries),
                "sources": " ".join(f"{s.title} {s.container_title}" for s in sources),
                "tags": " ".join(event.tags),
            }
        )
    return docs


def render(timeline: Timeline, urls: Urls, rendering: Rendering, body_words: int) -> str:
    docs = documents(timeline, urls, rendering, body_words)
    data = {"fields": FIELDS, "stored": STORED, "documents": docs}
    text = json.dumps(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")), ensure_ascii=False
    )
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("</", "<\\/")
    return f"window.TIMELINE_SEARCH = JSON.parse({text});\n"
