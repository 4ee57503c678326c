"""Lists of events as pages: grouped by year, split into pages of whole years, with facets.

A listing (the timeline, a country, a type) stays on one page up to
``TIMELINE_EVENTS_PER_PAGE`` events; beyond that it is split between years, oldest first,
so that every page stays small and works without JavaScript. A year with more events
than a page holds is split too, into parts that each begin a page, so that no page grows
with the site. The filters of a page count what is on that page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from .timestrip import Strip, build_strip
from .urls import Urls
from .views import EventLink


@dataclass
class YearGroup:
    year: int
    anchor: str
    events: list[EventLink] = field(default_factory=list)
    continued: bool = False  # the year began on an earlier page


@dataclass(frozen=True)
class YearLink:
    year: int
    anchor: str
    count: int
    url: str  # the page that lists the year
    same_page: bool


@dataclass(frozen=True)
class Facet:
    value: str
    label: str
    count: int
    flag: str = ""


@dataclass(frozen=True)
class Filters:
    places: list[Facet]
    types: list[Facet]
    tags: list[Facet]
    years: list[int]
    roles: list[Facet] = field(default_factory=list)


@dataclass
class ListingPage:
    number: int
    count: int  # pages in the listing
    url: str
    years: list[YearGroup]
    year_links: list[YearLink]
    filters: Filters
    previous_url: str = ""
    next_url: str = ""
    strip: Strip | None = None

    @property
    def paginated(self) -> bool:
        return self.count > 1

    @property
    def span(self) -> str:
        if not self.years:
            return ""
        first, last = self.years[0].year, self.years[-1].year
        return str(first) if first == last else f"{first}–{last}"


def group_by_year(links: list[EventLink]) -> list[YearGroup]:
    groups: dict[int, YearGroup] = {}
    for link in links:
        groups.setdefault(link.year, YearGroup(link.year, f"y{link.year}")).events.append(link)
    return list(groups.values())


def year_parts(group: YearGroup, per_page: int) -> list[YearGroup]:
    """A year as it is paged: whole, or in parts of per_page events if it is longer."""
    if len(group.events) <= per_page:
        return [group]
    return [
        YearGroup(group.year, group.anchor, group.events[i : i + per_page], continued=i > 0)
        for i in range(0, len(group.events), per_page)
    ]


def split_years(groups: list[YearGroup], per_page: int) -> list[list[YearGroup]]:
    """Whole years per page, each page holding at most per_page events; a longer year is
    split into parts, each beginning a page."""
    pages: list[list[YearGroup]] = [[]]
    size = 0
    for part in (part for group in groups for part in year_parts(group, per_page)):
        if pages[-1] and size + len(part.events) > per_page:
            pages.append([])
            size = 0
        pages[-1].append(part)
        size += len(part.events)
    return pages


def facets(links: list[EventLink]) -> Filters:
    """What each filter offers, most used first; a role reads 'France as supplier'."""
    places, types, tags, roles = Counter(), Counter(), Counter(), Counter()
    place_of, type_of = {}, {}
    for link in links:
        for place in link.places:
            places[place.code] += 1
            place_of[place.code] = place
        types[link.type.code] += 1
        type_of[link.type.code] = link.type
        tags.update(link.tags)
        roles.update((place.code, place.role) for place in link.roles)

    def by_count(counter, label):
        return sorted(counter.items(), key=lambda kv: (-kv[1], label(kv[0]).casefold()))

    return Filters(
        places=[
            Facet(code, place_of[code].name, n, place_of[code].flag)
            for code, n in by_count(places, lambda c: place_of[c].name)
        ],
        types=[Facet(code, type_of[code].label, n) for code, n in by_count(types, lambda c: c)],
        tags=[Facet(tag, tag, n) for tag, n in by_count(tags, lambda t: t)],
        years=sorted({link.year for link in links}),
        roles=[
            Facet(f"{code}:{role}", f"{place_of[code].name} as {role}", n)
            for (code, role), n in sorted(
                roles.items(), key=lambda kv: (place_of[kv[0][0]].name.casefold(), kv[0][1])
            )
        ],
    )


def year_type_counts(links: list[EventLink]) -> dict[int, Counter]:
    counts: dict[int, Counter] = {}
    for link in links:
        if link.year not in counts:  # not setdefault: it would make a Counter per link
            counts[link.year] = Counter()
        counts[link.year][link.type.code] += 1
    return counts


def listed_at(links: list[EventLink], first_url: str, per_page: int) -> dict[str, str]:
    """slug -> the page of the listing that shows the event (as ``paginate`` splits it)."""
    chunks = split_years(group_by_year(links), max(1, per_page))
    return {
        link.slug: Urls.page(first_url, number)
        for number, chunk in enumerate(chunks, 1)
        for group in chunk
        for link in group.events
    }


class Listing:
    """The pages of one listing, each made when asked for: a rebuild that finds a page
    unchanged on disk never makes it, and a build makes one at a time, not all at once.
    The first page is at first_url.

    ``type_labels`` ({code: (label, plural)}, in the site's order) splits the time strip
    by type; without it the strip's columns are not split.
    """

    def __init__(self, links: list[EventLink], first_url: str, per_page: int, type_labels=None):
        self.links = links
        self.type_labels = type_labels or {}
        self.per_page = max(1, per_page)
        # Most listings (a tag, a person) fit one page: their years are grouped only when
        # the page is made.
        count = 1 if len(links) <= self.per_page else len(self.chunks)
        self.urls = [Urls.page(first_url, n) for n in range(1, count + 1)]

    @cached_property
    def chunks(self) -> list[list[YearGroup]]:
        return split_years(group_by_year(self.links), self.per_page)

    def __len__(self) -> int:
        return len(self.urls)

    @cached_property
    def _years(self) -> tuple[dict[int, str], Counter, dict[int, Counter]]:
        """Where each year begins, its count of events, and its counts by type."""
        home_of: dict[int, str] = {}
        counts: Counter = Counter()
        for url, chunk in zip(self.urls, self.chunks, strict=True):
            for group in chunk:
                home_of.setdefault(group.year, url)
                counts[group.year] += len(group.events)
        return home_of, counts, year_type_counts(self.links)

    def page(self, index: int) -> ListingPage:
        home_of, counts, year_counts = self._years
        urls, chunk, here = self.urls, self.chunks[index], self.urls[index]
        year_links = [
            YearLink(year, f"y{year}", counts[year], home_of[year], home_of[year] == here)
            for year in home_of
        ]

        def href(year):
            return f"#y{year}" if home_of[year] == here else f"{home_of[year]}#y{year}"

        return ListingPage(
            number=index + 1,
            count=len(self.urls),
            url=here,
            years=chunk,
            year_links=year_links,
            filters=facets([link for group in chunk for link in group.events]),
            previous_url=urls[index - 1] if index else "",
            next_url=urls[index + 1] if index + 1 < len(urls) else "",
            strip=build_strip(year_counts, self.type_labels, href),
        )


def paginate(
    links: list[EventLink], first_url: str, per_page: int, type_labels=None
) -> list[ListingPage]:
    """Every page of one listing (see ``Listing``)."""
    listing = Listing(links, first_url, per_page, type_labels)
    return [listing.page(index) for index in range(len(listing))]
