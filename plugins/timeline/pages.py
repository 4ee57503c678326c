"""Timeline model -> the pages of the site: (output path, template, ready data) triples.

Everything a template shows is prepared here, so templates only place values. URLs are
relative to the site root; templates prefix them with ``SITEURL``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import markdown

from .bibliography import Source
from .places import Place
from .render import Reference, Renderer
from .schema import Event
from .timeline import EventType, Timeline

LANGUAGE_NAMES = {
    "en": "English", "ru": "Russian", "tr": "Turkish", "kk": "Kazakh", "ky": "Kyrgyz",
    "uz": "Uzbek", "tk": "Turkmen", "az": "Azerbaijani", "it": "Italian", "de": "German",
    "fr": "French", "id": "Indonesian", "ar": "Arabic", "fa": "Persian", "zh": "Chinese",
}  # fmt: skip


@dataclass(frozen=True)
class Page:
    save_as: str
    template: str
    context: dict


class Urls:
    """Every page's URL, from the TIMELINE_*_SAVE_AS settings."""

    def __init__(self, config: dict):
        self.config = config

    def event(self, slug: str) -> str:
        return self.config["TIMELINE_EVENT_SAVE_AS"].format(slug=slug)

    def place(self, code: str) -> str:
        return self.config["TIMELINE_COUNTRY_SAVE_AS"].format(slug=code.lower())

    def type(self, code: str) -> str:
        return self.config["TIMELINE_TYPE_SAVE_AS"].format(slug=code)

    def named(self, name: str) -> str:
        return self.config[f"TIMELINE_{name.upper()}_SAVE_AS"]


@dataclass(frozen=True)
class PlaceLink:
    code: str
    name: str
    flag: str
    kind: str
    url: str


@dataclass(frozen=True)
class TypeLink:
    code: str
    label: str
    plural: str
    description: str
    url: str


@dataclass(frozen=True)
class EventLink:
    """Enough of an event to list it: what the timeline and neighbours show."""

    slug: str
    title: str
    url: str
    date_display: str
    date_iso: str
    year: int
    summary: str
    type: TypeLink
    places: tuple[PlaceLink, ...]


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
    domain: str
    accessed: str
    archived_url: str
    language: str
    language_code: str
    note: str

    @property
    def title_stop(self) -> str:
        """The full stop after the title, unless the title ends a sentence itself."""
        last = (self.title_english or self.title)[-1:]
        return "" if last in ".?!" and not self.title_english else "."


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".?!" else f"{text}."


@dataclass(frozen=True)
class MilestoneView:
    date_display: str
    date_iso: str
    label: str
    marks_html: str


@dataclass(frozen=True)
class PersonView:
    name: str
    role: str
    place: PlaceLink | None


@dataclass
class EventView:
    link: EventLink
    body_html: str
    note_html: str
    milestones: list[MilestoneView]
    people: list[PersonView]
    systems: tuple[str, ...]
    tags: tuple[str, ...]
    references: list[SourceView]
    previous: EventLink | None
    next: EventLink | None
    date_text: str
    permalink: str  # absolute when the site has an absolute SITEURL, else ""


@dataclass
class YearGroup:
    year: int
    anchor: str
    events: list[EventLink] = field(default_factory=list)


def source_view(source: Source, number: int = 0) -> SourceView:
    return SourceView(
        id=source.id,
        number=number,
        authors=", ".join(source.authors),
        title=source.title,
        title_english=source.title_english,
        container_title=source.container_title,
        issued=source.issued.display if source.issued else "",
        url=source.url,
        domain=source.domain,
        accessed=source.accessed.display if source.accessed else "",
        archived_url=source.archived_url,
        language=LANGUAGE_NAMES.get(source.language, source.language)
        if source.language and source.language != "en"
        else "",
        language_code=source.language,
        note=_sentence(source.note),
    )


class SiteBuilder:
    """Prepares every page of the timeline from one Timeline."""

    def __init__(self, timeline: Timeline, config: dict, site_url: str = ""):
        self.timeline = timeline
        self.config = config
        self.site_url = site_url.rstrip("/") if site_url.startswith(("http://", "https://")) else ""
        self.urls = Urls(config)
        self.place_links: dict[str, PlaceLink] = {}
        self.type_links = {code: self._type_link(t) for code, t in timeline.types.items()}
        self.links = {e.slug: self._event_link(e) for e in timeline.events}

    def _place_link(self, place: Place) -> PlaceLink:
        """A link to the place's page; url is "" when the place has no events, so no page."""
        has_page = place.code in self.timeline.by_place
        url = self.urls.place(place.code) if has_page else ""
        return PlaceLink(place.code, place.name, place.flag, place.kind, url)

    def _type_link(self, event_type: EventType) -> TypeLink:
        return TypeLink(
            event_type.code,
            event_type.label,
            event_type.plural,
            event_type.description,
            self.urls.type(event_type.code),
        )

    def place_link(self, code: str) -> PlaceLink:
        if code not in self.place_links:
            self.place_links[code] = self._place_link(self.timeline.place(code))
        return self.place_links[code]

    def _event_link(self, event: Event) -> EventLink:
        return EventLink(
            slug=event.slug,
            title=event.title,
            url=self.urls.event(event.slug),
            date_display=event.date.display,
            date_iso=event.date.iso_start,
            year=event.date.year,
            summary=event.summary,
            type=self.type_links[event.type],
            places=tuple(self.place_link(code) for code in event.countries),
        )

    def event_view(self, event: Event) -> EventView:
        renderer = Renderer(self.timeline.sources)
        body_html = renderer.markdown(event.body)
        note_html = renderer.markdown(event.note) if event.note else ""
        milestones = [
            MilestoneView(m.date.display, m.date.iso_start, m.label, renderer.key_marks(m.sources))
            for m in event.milestones
        ]
        references: list[Reference] = renderer.references()
        before, after = self.timeline.neighbours[event.slug]
        return EventView(
            link=self.links[event.slug],
            body_html=body_html,
            note_html=note_html,
            milestones=milestones,
            people=[
                PersonView(p.name, p.role, self.place_link(p.country) if p.country else None)
                for p in event.people
            ],
            systems=event.systems,
            tags=event.tags,
            references=[source_view(r.source, r.number) for r in references],
            previous=self.links[before.slug] if before else None,
            next=self.links[after.slug] if after else None,
            date_text=event.date.text,
            permalink=f"{self.site_url}/{self.links[event.slug].url}" if self.site_url else "",
        )

    def year_groups(self, events: list[Event]) -> list[YearGroup]:
        groups: dict[int, YearGroup] = {}
        for event in events:
            year = event.date.year
            group = groups.setdefault(year, YearGroup(year, f"y{year}"))
            group.events.append(self.links[event.slug])
        return list(groups.values())

    def site_context(self) -> dict:
        """Values every page of the site needs, Pelican's own pages included."""
        urls = self.urls
        return {
            "nav_urls": {
                "timeline": urls.named("index"),
                "countries": urls.named("countries"),
                "types": urls.named("types"),
                "sources": urls.named("sources"),
                "json": urls.named("json"),
            },
        }

    def pages(self) -> list[Page]:
        timeline, urls = self.timeline, self.urls
        total = len(timeline.events)
        place_counts = [(self.place_link(code), len(ev)) for code, ev in timeline.by_place.items()]
        type_counts = [(self.type_links[code], len(ev)) for code, ev in timeline.by_type.items()]
        intro = markdown.markdown(self.config["TIMELINE_INTRO"])
        common: dict = {}
        pages = [
            Page(urls.named("index"), "timeline", {
                **common, "page_kind": "timeline", "heading": self.config["TIMELINE_TITLE"],
                "intro_html": intro, "years": self.year_groups(timeline.events),
                "total": total, "place_counts": place_counts, "type_counts": type_counts,
            }),
            Page(urls.named("countries"), "countries", {
                **common, "page_kind": "countries", "place_counts": place_counts,
                "total": total,
            }),
            Page(urls.named("types"), "types", {
                **common, "page_kind": "types", "type_counts": type_counts, "total": total,
            }),
            Page(urls.named("sources"), "sources", {
                **common, "page_kind": "sources", "sources": self.sources_list(),
            }),
        ]  # fmt: skip
        for code, events in timeline.by_place.items():
            link = self.place_link(code)
            pages.append(
                Page(link.url, "country", {
                    **common, "page_kind": "country", "place": link, "count": len(events),
                    "years": self.year_groups(events), "total": total,
                })
            )  # fmt: skip
        for code, events in timeline.by_type.items():
            link = self.type_links[code]
            pages.append(
                Page(link.url, "type", {
                    **common, "page_kind": "type", "event_type": link, "count": len(events),
                    "years": self.year_groups(events), "total": total,
                })
            )  # fmt: skip
        for event in timeline.events:
            view = self.event_view(event)
            pages.append(
                Page(view.link.url, "event", {**common, "page_kind": "event", "event": view})
            )
        return pages

    def sources_list(self) -> list[tuple[SourceView, list[EventLink]]]:
        def order(source: Source):
            return (source.container_title.casefold(), source.title.casefold(), source.id)

        return [
            (source_view(s), [self.links[e.slug] for e in self.timeline.citing[s.id]])
            for s in sorted(self.timeline.sources.values(), key=order)
        ]
