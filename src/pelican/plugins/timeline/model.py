"""The timeline model: events, sources, organisations and the timeline that orders them.

Plain, frozen records built from validated data (see ``validate``), and a ``Timeline`` that
sorts and indexes the events once, so that pages, exports and search never sort or group
events themselves. No validation, no Pelican, no input or output here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .dates import EventDate
from .places import Gazetteer, Place


@dataclass(frozen=True)
class Person:
    name: str
    role: str = ""
    country: str = ""


@dataclass(frozen=True)
class Milestone:
    date: EventDate
    label: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Correction:
    date: EventDate
    text: str


@dataclass(frozen=True)
class Event:
    """One validated entry. Every field of the entry table is an attribute; an absent
    optional field holds the table's empty value (``()``, ``""`` or ``None``)."""

    slug: str
    path: str
    body: str
    body_line: int
    title: str
    date: EventDate
    countries: tuple[str, ...]
    type: str
    summary: str
    sources: tuple[str, ...]
    tags: tuple[str, ...] = ()
    people: tuple[Person, ...] = ()
    systems: tuple[str, ...] = ()
    note: str = ""
    milestones: tuple[Milestone, ...] = ()
    roles: tuple[tuple[str, str], ...] = ()  # (country code, role code), in entry order
    context: str = ""
    corrections: tuple[Correction, ...] = ()
    added: EventDate | None = None
    updated: EventDate | None = None
    aliases: tuple[str, ...] = ()  # earlier slugs whose addresses redirect here
    # The line of each field in the file, for checks that span several entries.
    # Where the fields that checks across entries report are (validate.CROSS_ENTRY_FIELDS).
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def __repr__(self):
        return f"Event({self.slug!r})"

    @property
    def sort_key(self):
        return (*self.date.sort_key, self.slug)

    def role_of(self, code: str) -> str:
        """The role code the entry gives to a country, or ''."""
        return dict(self.roles).get(code, "")


@dataclass(frozen=True)
class Source:
    """One record of the bibliography; ``csl`` keeps every field as written, for exports."""

    id: str
    type: str
    title: str
    line: int
    container_title: str = ""
    authors: tuple[str, ...] = ()
    issued: EventDate | None = None
    accessed: EventDate | None = None
    url: str = ""
    archived_url: str = ""
    language: str = ""
    title_english: str = ""
    note: str = ""
    csl: dict = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Organisation:
    """A code of the organisations file, usable in ``countries`` beside country codes."""

    code: str
    name: str
    short_name: str = ""
    line: int = 0

    def place(self) -> Place:
        return Place(self.code, self.name, "organisation", "", self.short_name)


@dataclass(frozen=True)
class EventType:
    code: str
    label: str
    plural: str
    description: str

    @property
    def slug(self) -> str:
        return self.code


def event_types(types: dict) -> dict[str, EventType]:
    """TIMELINE_TYPES ``{code: (label, plural, description)}`` -> {code: EventType}."""
    result = {}
    for code, spec in types.items():
        label, plural, description = ([*list(spec), "", "", ""])[:3] if spec else ("", "", "")
        label = label or code.replace("-", " ").capitalize()
        result[code] = EventType(code, label, plural or f"{label}s", description)
    return result


def _grouped(pairs) -> dict[str, list[Event]]:
    groups: dict[str, list[Event]] = defaultdict(list)
    for key, event in pairs:
        groups[key].append(event)
    return dict(sorted(groups.items(), key=lambda kv: kv[0].casefold()))


@dataclass
class Timeline:
    """Every event in order (sorted once), with the indexes the site and exports read."""

    events: list[Event]
    sources: dict[str, Source]
    gazetteer: Gazetteer
    types: dict[str, EventType]
    roles: dict[str, str] = field(default_factory=dict)  # role code -> label
    by_slug: dict[str, Event] = field(default_factory=dict)
    by_year: dict[int, list[Event]] = field(default_factory=dict)
    by_place: dict[str, list[Event]] = field(default_factory=dict)
    by_type: dict[str, list[Event]] = field(default_factory=dict)
    by_tag: dict[str, list[Event]] = field(default_factory=dict)
    by_person: dict[str, list[Event]] = field(default_factory=dict)
    by_system: dict[str, list[Event]] = field(default_factory=dict)
    citing: dict[str, list[Event]] = field(default_factory=dict)  # source id -> events
    neighbours: dict[str, tuple[Event | None, Event | None]] = field(default_factory=dict)
    changes: dict = field(default_factory=dict)  # slug -> history.EntryDates
    links: dict = field(default_factory=dict)  # source id -> LinkRecord of the last check
    # A digest of all the timeline holds but the events' bodies ("" when not known): pages
    # that show no body are keyed by it (``content.load_timeline`` sets it).
    key: str = ""

    @classmethod
    def build(cls, events, sources, gazetteer, types, roles=None) -> Timeline:
        ordered = sorted(events, key=lambda e: e.sort_key)
        timeline = cls(ordered, dict(sources), gazetteer, event_types(types), dict(roles or {}))
        by_year, by_place, by_type = defaultdict(list), defaultdict(list), defaultdict(list)
        citing: dict[str, list[Event]] = {key: [] for key in sources}
        for index, event in enumerate(ordered):
            timeline.by_slug[event.slug] = event
            by_year[event.date.year].append(event)
            by_type[event.type].append(event)
            for code in event.countries:
                by_place[code].append(event)
            for key in event.sources:
                citing.setdefault(key, []).append(event)
            before = ordered[index - 1] if index else None
            after = ordered[index + 1] if index + 1 < len(ordered) else None
            timeline.neighbours[event.slug] = (before, after)
        timeline.by_year = dict(by_year)
        timeline.by_place = dict(
            sorted(by_place.items(), key=lambda kv: _place_name(gazetteer, kv[0]).casefold())
        )
        timeline.by_type = {code: by_type[code] for code in timeline.types if code in by_type}
        timeline.by_tag = _grouped((tag, e) for e in ordered for tag in e.tags)
        timeline.by_person = _grouped((p.name, e) for e in ordered for p in e.people)
        timeline.by_system = _grouped((system, e) for e in ordered for system in e.systems)
        timeline.citing = citing
        return timeline

    def event(self, slug: str) -> Event | None:
        return self.by_slug.get(slug)

    def previous(self, event: Event) -> Event | None:
        return self.neighbours[event.slug][0]

    def next(self, event: Event) -> Event | None:
        return self.neighbours[event.slug][1]

    def place(self, code: str) -> Place:
        return self.gazetteer.get(code)

    def role_label(self, role: str) -> str:
        return self.roles.get(role, role)

    @property
    def aliases(self) -> dict[str, Event]:
        """Earlier slug -> the event now at another address."""
        return {alias: e for e in self.events for alias in e.aliases}


def _place_name(gazetteer: Gazetteer, code: str) -> str:
    place = gazetteer.get(code)
    return place.name if place else code
