"""What the templates show of events, places, types and sources, prepared in Python.

Templates only place these values; every decision (what to link, how a reference reads,
which HTML is safe) is made here.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, replace

import pycountry
from markupsafe import Markup

from .addresses import Address, address
from .changes import LABELS, Change, by_day
from .dates import display_day
from .linkreport import LinkRecord, applicable
from .model import Event, EventType, Source, Timeline
from .places import Place
from .related import Relatedness
from .render import Rendering
from .report import ReportLink, report_link
from .urls import Urls


def direction(text: str) -> str:
    """ "rtl" when text starts, as the Unicode bidi algorithm reads it, right to left, else "".

    The first strong character decides, as for ``dir="auto"``; saying it in the page
    isolates the text, so an Arabic title keeps its order beside English punctuation.
    """
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return ""
    return ""


def language_name(code: str, names: dict | None = None) -> str:
    """'fr' -> 'French', from TIMELINE_LANGUAGE_NAMES, else pycountry's ISO 639 data."""
    if names and code in names:
        return names[code]
    language = pycountry.languages.get(alpha_2=code) if len(code) == 2 else None
    language = language or pycountry.languages.get(alpha_3=code)
    return language.name if language else code


@dataclass(frozen=True)
class PlaceLink:
    code: str
    name: str
    flag: str
    kind: str
    url: str  # "" when the place has no events, so no page
    role: str = ""  # the place's role in one event ("recipient"), shown beside its badge


@dataclass(frozen=True)
class TypeLink:
    code: str
    label: str
    plural: str
    description: str
    url: str


@dataclass(frozen=True)
class StepLink:
    date_display: str
    date_iso: str
    label: str


@dataclass(frozen=True)
class EventLink:
    """Enough of an event to list it: what the timeline, filters and neighbours use."""

    slug: str
    title: str
    url: str
    date_display: str
    date_iso: str
    year: int
    summary: str
    type: TypeLink
    places: tuple[PlaceLink, ...]
    tags: tuple[str, ...]
    steps: tuple[StepLink, ...]
    context: bool = False  # outside the main scope, kept as background

    @property
    def country_codes(self) -> str:
        return " ".join(p.code for p in self.places)

    @property
    def tag_list(self) -> str:
        # A tag cannot hold a line break (the checker refuses one), so any other character,
        # "|" included, can be filtered on.
        return "\n".join(self.tags)

    @property
    def role_list(self) -> str:
        """``FR:supplier DE:recipient``: what a filter by role reads."""
        return " ".join(f"{p.code}:{p.role}" for p in self.places if p.role)

    @property
    def roles(self) -> tuple[PlaceLink, ...]:
        return tuple(p for p in self.places if p.role)


@dataclass(frozen=True)
class SourceView:
    id: str
    number: int
    authors: str
    title: str
    title_english: str
    container_title: str
    issued: str
    url: str
    accessed: str
    archived_url: str
    language: str
    language_code: str
    note: str
    link_status: str = ""  # "gone" or "moved" when the last link check found so, else ""
    link_checked: str = ""  # the day of that check, as shown
    moved_to: str = ""
    title_lang: str = ""  # the title's language (BCP 47) when not the site's
    title_dir: str = ""  # "rtl" for a right-to-left title
    container_dir: str = ""
    address: Address | None = None  # the address as it reads

    @property
    def title_stop(self) -> str:
        """The full stop after the title, unless the title ends a sentence itself."""
        last = (self.title_english or self.title)[-1:]
        return "" if last in ".?!" and not self.title_english else "."


@dataclass(frozen=True)
class MilestoneView:
    date_display: str
    date_iso: str
    label: str
    marks_html: Markup


@dataclass(frozen=True)
class TopicLink:
    """A tag, a person or a piece of equipment, and its page."""

    kind: str  # "tag", "person" or "system"
    name: str
    url: str


@dataclass(frozen=True)
class PersonView:
    name: str
    role: str
    place: PlaceLink | None
    url: str = ""


@dataclass(frozen=True)
class RelatedView:
    link: EventLink
    reasons: tuple[str, ...]  # "same equipment: MS Aurora", "shared tags: ice, safety"

    @property
    def why(self) -> str:
        """The reasons as one sentence: "Same equipment: MS Aurora; shared tag: ice."."""
        text = "; ".join(self.reasons)
        return f"{text[:1].upper()}{text[1:]}." if text else ""


REASONS = {
    "systems": ("same equipment", "same equipment"),
    "people": ("same person", "same people"),
    "tags": ("shared tag", "shared tags"),
    "countries": ("also involves", "also involves"),
}


@dataclass(frozen=True)
class DayView:
    iso: str
    display: str


def day_view(day: dt.date) -> DayView:
    return DayView(day.isoformat(), display_day(day))


@dataclass(frozen=True)
class CorrectionView:
    date: DayView
    text: str
    anchor: str


@dataclass(frozen=True)
class HistoryView:
    """When an entry was added and last changed; None of either when unknown."""

    added: DayView | None
    updated: DayView | None  # only when later than added


@dataclass(frozen=True)
class ChangeView:
    kind: str  # "added", "updated" or "corrected"
    label: str
    event: EventLink
    text: str
    url: str  # the event, or its correction


@dataclass(frozen=True)
class ChangeDay:
    date: DayView
    changes: list[ChangeView]


@dataclass
class EventView:
    link: EventLink
    body_html: Markup
    note_html: Markup
    milestones: list[MilestoneView]
    people: list[PersonView]
    systems: tuple[str, ...]
    tags: tuple[str, ...]
    references: list[SourceView]
    previous: EventLink | None
    next: EventLink | None
    date_text: str
    permalink: str  # absolute when the site has an absolute SITEURL, else ""
    context: str = ""  # why an entry outside the main scope is kept
    history: HistoryView = HistoryView(None, None)
    corrections: tuple[CorrectionView, ...] = ()
    report: ReportLink | None = None
    tag_links: tuple[TopicLink, ...] = ()
    system_links: tuple[TopicLink, ...] = ()
    related: tuple[RelatedView, ...] = ()
    timeline_url: str = ""  # the event in the timeline's list, on the right page

    @property
    def last_correction(self) -> CorrectionView | None:
        return self.corrections[-1] if self.corrections else None


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".?!" else f"{text}."


def source_view(
    source: Source,
    number: int = 0,
    language_names=None,
    link: LinkRecord | None = None,
    site_language: str = "en",
) -> SourceView:
    """How a reference reads; ``link`` is the last link check's record of its address."""
    foreign = source.language and source.language.lower() != site_language.lower()
    language = source.language if foreign else ""
    link = applicable(link, source.url)
    shown_status = link.status if link and link.status in ("gone", "moved") else ""
    return SourceView(
        id=source.id,
        number=number,
        authors=", ".join(source.authors),
        title=source.title,
        title_english=source.title_english,
        container_title=source.container_title,
        issued=source.issued.display if source.issued else "",
        url=source.url,
        accessed=source.accessed.display if source.accessed else "",
        archived_url=source.archived_url,
        language=language_name(language, language_names) if language else "",
        language_code=source.language,
        note=_sentence(source.note),
        link_status=shown_status,
        link_checked=link.checked_display if shown_status else "",
        moved_to=link.final_url if shown_status == "moved" else "",
        # A title in square brackets is the editors' description, in the site's language.
        title_lang="" if source.title.startswith("[") else language,
        title_dir=direction(source.title),
        container_dir=direction(source.container_title),
        address=address(source.url) if source.url else None,
    )


class Views:
    """Builds and remembers the view of every event, place and type of one timeline."""

    def __init__(
        self,
        timeline: Timeline,
        urls: Urls,
        site_url="",
        rendering: Rendering | None = None,
        language_names=None,
        report_to="",
        related_count=0,
        language="en",
    ):
        self.timeline = timeline
        self.language = language  # the site's, against which a source's is foreign
        self.related_count = related_count
        self.relatedness = Relatedness(timeline)
        self.listed_at: dict[str, str] = {}  # slug -> the timeline page that lists it
        self.report_to = report_to
        self.language_names = language_names or {}
        self.rendering = rendering or Rendering(timeline.sources)
        self.urls = urls
        self.site_url = site_url
        self._places: dict[str, PlaceLink] = {}
        self.types = {code: self._type_link(t) for code, t in timeline.types.items()}
        self.links = {e.slug: self._event_link(e) for e in timeline.events}

    def place(self, code: str) -> PlaceLink:
        if code not in self._places:
            place: Place = self.timeline.place(code)
            url = self.urls.place(code) if code in self.timeline.by_place else ""
            self._places[code] = PlaceLink(place.code, place.name, place.flag, place.kind, url)
        return self._places[code]

    def _with_role(self, event: Event, code: str) -> PlaceLink:
        role = event.role_of(code)
        place = self.place(code)
        return replace(place, role=self.timeline.role_label(role)) if role else place

    def _type_link(self, event_type: EventType) -> TypeLink:
        return TypeLink(
            event_type.code,
            event_type.label,
            event_type.plural,
            event_type.description,
            self.urls.type(event_type.code),
        )

    def _event_link(self, event: Event) -> EventLink:
        return EventLink(
            slug=event.slug,
            title=event.title,
            url=self.urls.event(event.slug),
            date_display=event.date.display,
            date_iso=event.date.iso_start,
            year=event.date.year,
            summary=event.summary,
            type=self.types[event.type],
            places=tuple(self._with_role(event, code) for code in event.countries),
            tags=event.tags,
            steps=tuple(
                StepLink(m.date.display, m.date.iso_start, m.label) for m in event.milestones
            ),
            context=bool(event.context),
        )

    def topic(self, kind: str, name: str) -> TopicLink:
        return TopicLink(kind, name, getattr(self.urls, kind)(name))

    def related(self, event: Event) -> tuple[RelatedView, ...]:
        views = []
        for found in self.relatedness.related(event, self.related_count):
            reasons = []
            for kind, values in found.shared.items():
                if kind == "countries":
                    values = tuple(self.place(code).name for code in values)
                one, many = REASONS[kind]
                reasons.append(f"{one if len(values) == 1 else many}: {', '.join(values)}")
            views.append(RelatedView(self.links[found.event.slug], tuple(reasons)))
        return tuple(views)

    def event(self, event: Event) -> EventView:
        """What an event's page shows. Made anew on each call, not kept: the build makes
        one page at a time, and 10,000 views kept held a copy of every body."""
        rendered = self.rendering.event(event)
        milestones = [
            MilestoneView(m.date.display, m.date.iso_start, m.label, Markup(mark))
            for m, mark in zip(event.milestones, rendered.milestone_marks, strict=True)
        ]
        references = [
            source_view(
                self.timeline.sources[key],
                number,
                self.language_names,
                self.timeline.links.get(key),
                self.language,
            )
            for key, number in rendered.numbers
        ]
        before, after = self.timeline.neighbours[event.slug]
        link = self.links[event.slug]
        return EventView(
            link=link,
            body_html=Markup(rendered.body_html),
            note_html=Markup(rendered.note_html),
            milestones=milestones,
            people=[
                PersonView(
                    p.name,
                    p.role,
                    self.place(p.country) if p.country else None,
                    self.urls.person(p.name),
                )
                for p in event.people
            ],
            systems=event.systems,
            tags=event.tags,
            references=references,
            previous=self.links[before.slug] if before else None,
            next=self.links[after.slug] if after else None,
            date_text=event.date.text,
            permalink=f"{self.site_url}/{link.url}" if self.site_url else "",
            context=event.context,
            history=self._history(event),
            corrections=tuple(
                CorrectionView(day_view(c.date.start), c.text, f"correction-{number}")
                for number, c in enumerate(event.corrections, 1)
            ),
            report=report_link(self.report_to, event.slug, event.title),
            tag_links=tuple(self.topic("tag", t) for t in event.tags),
            system_links=tuple(self.topic("system", s) for s in event.systems),
            related=self.related(event),
            timeline_url=self.listed_at.get(event.slug, ""),
        )

    def _history(self, event: Event) -> HistoryView:
        dates = self.timeline.changes.get(event.slug)
        if not dates:
            return HistoryView(None, None)
        added = dates.added.date() if dates.recorded else None
        updated = dates.updated.date()
        # Unrecorded, the dates are the event's own: only a declared update is a fact.
        known = dates.recorded or bool(event.updated)
        show = known and (added is None or updated > added)
        return HistoryView(added and day_view(added), day_view(updated) if show else None)

    def change_days(self, changes: list[Change]) -> list[ChangeDay]:
        """The "What changed" list, one group per day, as the page shows it."""
        days = []
        for day, group in by_day(changes):
            views = []
            for change in group:
                link = self.links[change.slug]
                anchor = f"#correction-{change.number}" if change.number else ""
                label = LABELS[change.kind]
                views.append(ChangeView(change.kind, label, link, change.text, link.url + anchor))
            days.append(ChangeDay(day_view(day), views))
        return days
