"""Timeline model -> the pages of the site: (output path, template, ready data) triples.

URLs are relative to the site root; templates prefix them with ``SITEURL``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, partial

import markdown
from markupsafe import Markup

from . import exports, metadata
from .cache import BuildCache, digest
from .changes import recent_changes
from .listing import Listing, listed_at
from .model import Source, Timeline
from .nouns import plural
from .render import Rendering
from .report import report_link
from .urls import Urls
from .views import EventLink, SourceView, Views, source_view
from .worldmap import WorldMap, build_map

# Pages and files every page may link to, by their TIMELINE_<NAME>_SAVE_AS setting.
NAV_PAGES = ("index", "countries", "types", "sources", "search", "changes", "json", "csv",
             "ics", "csl_json", "bibtex", "feed", "changes_feed", "tags", "people",
             "systems")  # fmt: skip
# Tags, people and equipment: (kind, the timeline's index of it, index page, its heading).
TOPICS = (("tag", "by_tag", "tags", "Tags"), ("person", "by_person", "people", "People"),
          ("system", "by_system", "systems", "Equipment"))  # fmt: skip


class Page:
    """One page of the site: where it goes, its template and its data.

    A page given ``make`` instead of ``context`` is prepared when its data is first asked
    for. It shows nothing but what the timeline holds, so the build keys it by the
    timeline's ``key``: a rebuild that finds it unchanged on disk never prepares it, and
    a build holds one such page's data at a time (``forget``). A page given its context
    is keyed by that data.
    """

    __slots__ = ("_context", "_make", "save_as", "template")

    def __init__(self, save_as: str, template: str, context: dict | None = None, make=None):
        if (context is None) == (make is None):
            raise TypeError("a Page takes either its context or make")
        self.save_as, self.template = save_as, template
        self._context, self._make = context, make

    @property
    def shows_only_the_timeline(self) -> bool:
        return self._make is not None

    @property
    def context(self) -> dict:
        if self._context is None:
            self._context = self._make()
        return self._context

    def forget(self):
        """Drop the prepared data of a page that can prepare it again."""
        if self._make is not None:
            self._context = None

    def __repr__(self) -> str:
        return f"Page({self.save_as!r}, {self.template!r})"


@dataclass(frozen=True)
class PageLink:
    number: int
    url: str
    label: str  # what the page holds, e.g. its first and last outlet
    current: bool


@dataclass(frozen=True)
class Paging:
    """Where one page of a list split into pages stands among the others."""

    number: int
    count: int
    previous_url: str
    next_url: str
    pages: tuple[PageLink, ...]


def absolute_site_url(site_url: str) -> str:
    """SITEURL when it is absolute (a hosted build), else ""."""
    return site_url.rstrip("/") if site_url.startswith(("http://", "https://")) else ""


class SiteBuilder:
    """Prepares every page of the timeline from one Timeline."""

    def __init__(
        self,
        timeline: Timeline,
        config: dict,
        site_url: str = "",
        site_name="",
        cache=None,
        language="en",
        rendered=None,
    ):
        self.timeline = timeline
        self.config = config
        self.site_url = absolute_site_url(site_url)
        self.site_name = site_name
        self.urls = Urls(config)
        self.cache = cache or BuildCache(None, "")
        self.rendering = Rendering(timeline.sources, self.cache, rendered)
        self.views = Views(
            timeline, self.urls, self.site_url, self.rendering, config["TIMELINE_LANGUAGE_NAMES"],
            config["TIMELINE_REPORT_ERRORS_TO"], config["TIMELINE_RELATED_EVENTS"], language,
        )  # fmt: skip
        per_page = int(config["TIMELINE_EVENTS_PER_PAGE"])
        self.views.listed_at = {
            slug: f"{url}#{slug}"
            for slug, url in listed_at(self.links(timeline.events), self.urls.named("index"),
                                       per_page).items()
        }  # fmt: skip

    def site_context(self) -> dict:
        """Values every page of the site needs, Pelican's own pages included."""
        named = self.urls.named
        return {
            "nav_urls": {name: named(name) for name in NAV_PAGES},
            "absolute_site_url": self.site_url,
            # For pages that ask for it (``Report_errors: yes``), such as an About page.
            "report_errors": report_link(self.config["TIMELINE_REPORT_ERRORS_TO"]),
        }

    def links(self, events) -> list[EventLink]:
        return [self.views.links[e.slug] for e in events]

    @cached_property
    def type_labels(self) -> dict[str, tuple[str, str]]:
        """{code: (label, plural)}, in the site's order: what splits a time strip by type."""
        return {code: (t.label, t.plural) for code, t in self.views.types.items()}

    def listing(self, first_url, template, events, **context) -> list[Page]:
        per_page = int(self.config["TIMELINE_EVENTS_PER_PAGE"])
        listing = Listing(self.links(events), first_url, per_page, self.type_labels)

        def make(index: int) -> dict:
            return {**context, "listing": listing.page(index)}

        return [Page(url, template, make=partial(make, n)) for n, url in enumerate(listing.urls)]

    def pages(self, with_events=True) -> list[Page]:
        """Every page; without the events' own with ``with_events=False`` (the build makes
        those one at a time, see ``event_page``)."""
        timeline, urls, views = self.timeline, self.urls, self.views
        total = len(timeline.events)

        def countries() -> dict:
            counts = [(views.place(code), len(ev)) for code, ev in timeline.by_place.items()]
            return {"page_kind": "countries", "place_counts": counts, "total": total,
                    "world_map": self.world_map}  # fmt: skip

        def types() -> dict:
            counts = [(views.types[code], len(ev)) for code, ev in timeline.by_type.items()]
            return {"page_kind": "types", "type_counts": counts, "total": total}

        def changes() -> dict:
            feed = urls.named("changes_feed") if self.site_url else ""
            days = self.views.change_days(self.changes())
            return {"page_kind": "changes", "days": days, "changes_feed": feed}

        years = sorted(timeline.by_year)
        span = "" if not years else str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
        pages = self.listing(
            urls.named("index"), "timeline", timeline.events,
            page_kind="timeline", heading=self.config["TIMELINE_TITLE"], total=total,
            intro_html=Markup(markdown.markdown(self.config["TIMELINE_INTRO"])),
            stats=f"{plural(total, 'event')}{', ' if span else ''}{span}.",
        )  # fmt: skip
        pages += [
            Page(urls.named("countries"), "countries", make=countries),
            Page(urls.named("types"), "types", make=types),
            # Named by its data's digest: keyed by its context, not the timeline's key.
            Page(urls.named("search"), "search",
                 {"page_kind": "search", "total": total,
                  "search_data_url": self.search_data[0]}),
            Page(urls.named("changes"), "changes", make=changes),
        ]  # fmt: skip
        pages += self.sources_pages()
        for code, events in timeline.by_place.items():
            place = views.place(code)
            feed = urls.place_feed(code)
            pages += self.listing(
                place.url, "country", events, page_kind="country", place=place,
                count=len(events), total=total, place_feed=feed if self.site_url else "",
                world_map=self.world_map if place.kind == "country" else None,
            )  # fmt: skip
        for code, events in timeline.by_type.items():
            event_type = views.types[code]
            pages += self.listing(
                event_type.url, "type", events, page_kind="type", event_type=event_type,
                count=len(events), total=total,
            )  # fmt: skip
        pages += self.topic_pages(total)
        if with_events:
            pages += [self.event_page(event) for event in timeline.events]
        return pages

    def event_page(self, event) -> Page:
        views = self.views
        view = views.event(event)
        return Page(view.link.url, "event", {
            "page_kind": "event", "event": view,
            "json_ld": metadata.json_ld(event, view, views, self.timeline.sources,
                                        self.site_name),
            "cite_this": metadata.cite(event, view, self.site_name),
            "description": event.summary,
        })  # fmt: skip

    def topic_pages(self, total: int) -> list[Page]:
        """A page per tag, person and piece of equipment, and a list of each kind."""
        pages = []
        for kind, index, list_name, heading in TOPICS:
            for name, events in getattr(self.timeline, index).items():
                topic = self.views.topic(kind, name)
                pages += self.listing(
                    topic.url, "topic", events, page_kind="topic", topic=topic,
                    kind_heading=heading, list_url=self.urls.named(list_name),
                    count=len(events), total=total,
                )  # fmt: skip
            make = partial(self._topic_list, kind, index, heading, total)
            pages.append(Page(self.urls.named(list_name), "topics", make=make))
        return pages

    def _topic_list(self, kind: str, index: str, heading: str, total: int) -> dict:
        counts = [
            (self.views.topic(kind, name), len(events))
            for name, events in getattr(self.timeline, index).items()
        ]
        counts.sort(key=lambda tc: (-tc[1], tc[0].name.casefold()))
        return {"page_kind": "topics", "kind": kind, "heading": heading,
                "topic_counts": counts, "total": total}  # fmt: skip

    @cached_property
    def world_map(self) -> WorldMap | None:
        """The map of the countries in the record (organisations have no shape), or None."""
        extent = self.config["TIMELINE_MAP"]
        if not extent:
            return None
        places = {code: self.views.place(code) for code in self.timeline.by_place}
        counts = {
            code: len(events)
            for code, events in self.timeline.by_place.items()
            if places[code].kind == "country"
        }
        names = {code: place.name for code, place in places.items()}
        links = {code: place.url for code, place in places.items()}
        # Reading and reducing the shapes takes a good part of a second: a rebuild whose
        # countries, counts and links are unchanged reuses the map.
        key = digest("map", sorted(counts.items()), sorted(names.items()), sorted(links.items()),
                     extent)  # fmt: skip
        return self.cache.get(key, lambda: build_map(counts, names, links.get, extent))

    def changes(self, limit=None):
        """The newest changes; as many as the "What changed" page lists, unless limit says."""
        limit = limit or int(self.config["TIMELINE_CHANGES_LENGTH"])
        return recent_changes(self.timeline.events, self.timeline.changes, limit)

    @cached_property
    def search_data(self) -> tuple[str, str]:
        """(output path, text) of the search page's data: its name goes into the page."""
        return exports.search_file(
            self.timeline, self.urls, self.rendering, self.config, self.cache
        )

    def sources_pages(self) -> list[Page]:
        """The sources, in pages of TIMELINE_SOURCES_PER_PAGE, each labelled by the first
        and last outlet it lists (the list is in order of outlet, then title)."""
        per_page = int(self.config["TIMELINE_SOURCES_PER_PAGE"])
        count = max(1, -(-len(self.timeline.sources) // per_page))
        urls = [Urls.page(self.urls.named("sources"), n) for n in range(1, count + 1)]

        def label(chunk) -> str:
            if not chunk:
                return ""
            first, last = (s.container_title or s.title for s, _ in (chunk[0], chunk[-1]))
            return first if first == last else f"{first} – {last}"

        def make(index: int) -> dict:
            listed = self.sources_list
            chunks = [listed[i : i + per_page] for i in range(0, len(listed), per_page)] or [[]]
            paging = Paging(
                number=index + 1,
                count=count,
                previous_url=urls[index - 1] if index else "",
                next_url=urls[index + 1] if index + 1 < count else "",
                pages=tuple(
                    PageLink(n + 1, url, label(chunks[n]), n == index) for n, url in enumerate(urls)
                ),
            )
            return {"page_kind": "sources", "sources": chunks[index], "total": len(listed),
                    "paging": paging}  # fmt: skip

        return [Page(url, "sources", make=partial(make, n)) for n, url in enumerate(urls)]

    @cached_property
    def sources_list(self) -> list[tuple[SourceView, list[EventLink]]]:
        def order(source: Source):
            return (source.container_title.casefold(), source.title.casefold(), source.id)

        return [
            (
                source_view(
                    s,
                    0,
                    self.views.language_names,
                    self.timeline.links.get(s.id),
                    self.views.language,
                ),
                [self.views.links[e.slug] for e in self.timeline.citing[s.id]],
            )
            for s in sorted(self.timeline.sources.values(), key=order)
        ]
