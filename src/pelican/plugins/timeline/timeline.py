"""The timeline model: every validated event in order, grouped the ways the site shows them.

Built once per build from validated events; pages, exports and search read it and never
sort or group events themselves.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .bibliography import Source
from .places import Gazetteer, Place
from .schema import Event


@dataclass(frozen=True)
class EventType:
    code: str
    label: str
    plural: str
    description: str

    @property
    def slug(self) -> str:
        return self.code


@dataclass
class Timeline:
    events: list[Event]
    sources: dict[str, Source]
    gazetteer: Gazetteer
    types: dict[str, EventType]
    by_year: dict[int, list[Event]] = field(default_factory=dict)
    by_place: dict[str, list[Event]] = field(default_factory=dict)
    by_type: dict[str, list[Event]] = field(default_factory=dict)
    citing: dict[str, list[Event]] = field(default_factory=dict)
    neighbours: dict[str, tuple[Event | None, Event | None]] = field(default_factory=dict)
    changes: dict = field(default_factory=dict)  # slug -> (added, updated) datetimes
    links: dict = field(default_factory=dict)  # source id -> LinkRecord of the last check

    @classmethod
    def build(cls, events, sources, gazetteer, types) -> Timeline:
        ordered = sorted(events, key=lambda e: e.sort_key)
        timeline = cls(ordered, sources, gazetteer, _event_types(types))
        by_year, by_place, by_type = defaultdict(list), defaultdict(list), defaultdict(list)
        citing = {key: [] for key in sources}
        for index, event in enumerate(ordered):
            by_year[event.date.year].append(event)
            by_type[event.type].append(event)
            for code in event.countries:
                by_place[code].append(event)
            for key in event.sources:
                citing[key].append(event)
            before = ordered[index - 1] if index else None
            after = ordered[index + 1] if index + 1 < len(ordered) else None
            timeline.neighbours[event.slug] = (before, after)
        timeline.by_year = dict(by_year)
        timeline.by_place = dict(
            sorted(by_place.items(), key=lambda kv: gazetteer.get(kv[0]).name.casefold())
        )
        timeline.by_type = {code: by_type[code] for code in timeline.types if code in by_type}
        timeline.citing = citing
        return timeline

    def place(self, code: str) -> Place:
        return self.gazetteer.get(code)


def _event_types(types: dict) -> dict[str, EventType]:
    result = {}
    for code, spec in types.items():
        label, plural, description = ([*list(spec), "", "", ""])[:3] if spec else ("", "", "")
        label = label or code.replace("-", " ").capitalize()
        result[code] = EventType(code, label, plural or f"{label}s", description)
    return result
