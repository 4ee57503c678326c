"""A time strip to scale: one column per year from the first event to the last.

Pure geometry and words, no HTML: a template draws the SVG from a ``Strip``. Years
without events keep their place, so gaps in the record show as gaps. Each column is
split into segments by a key (an event's type, say) so the strip also shows what kind of
events a year holds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from .nouns import plural

PITCH = 24  # px per year: the smallest target WCAG 2.2 (2.5.8) accepts side by side
BAR_HEIGHT = 40
LABEL_HEIGHT = 14
MIN_SEGMENT = 3  # a single event stays visible beside a year of many
LABEL_EVERY = 5


@dataclass(frozen=True)
class Segment:
    key: str
    label: str
    count: int
    y: float
    height: float
    colour: int  # index into the stylesheet's palette, stable across pages


@dataclass(frozen=True)
class Column:
    year: int
    count: int
    x: int
    href: str  # "" for a year without events
    name: str  # what a screen reader or a tooltip says: "2021: 9 events (4 visits, …)"
    segments: tuple[Segment, ...]
    label: bool  # whether the year is written under the column
    label_x: float = 0
    anchor: str = "middle"  # the first and last years are written inward, not clipped


@dataclass(frozen=True)
class Strip:
    columns: tuple[Column, ...]
    width: int
    height: int
    bar_height: int
    pitch: int
    title: str
    description: str
    legend: tuple[tuple[str, str, int], ...]  # (key, label, colour) of keys that occur

    @property
    def links(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.href)


def year_ranges(years: Iterable[int]) -> list[str]:
    """[1996, 1997, 1998, 2010] -> ['1996–1998', '2010']."""
    ranges: list[list[int]] = []
    for year in sorted(years):
        if ranges and year == ranges[-1][1] + 1:
            ranges[-1][1] = year
        else:
            ranges.append([year, year])
    return [str(a) if a == b else f"{a}–{b}" for a, b in ranges]


def build_strip(
    counts: Mapping[int, Counter],
    keys: Mapping[str, tuple[str, str]],
    href: Callable[[int], str],
    *,
    pitch: int = PITCH,
    bar_height: int = BAR_HEIGHT,
) -> Strip | None:
    """The strip of {year: Counter(key: events)}; ``keys`` maps each key, in drawing order,
    to its (singular, plural) label; ``href(year)`` is the link to that year's place.

    None when fewer than two years have events: a strip of one column says nothing.
    """
    years = [year for year, counter in counts.items() if sum(counter.values())]
    if len(years) < 2:
        return None
    first, last = min(years), max(years)
    totals = {year: sum(counts.get(year, Counter()).values()) for year in range(first, last + 1)}
    peak = max(totals.values())
    order = {key: index for index, key in enumerate(keys)}
    used: Counter = Counter()
    columns = []
    for index, year in enumerate(range(first, last + 1)):
        counter = counts.get(year, Counter())
        total = totals[year]
        segments = []
        top = float(bar_height)
        if total:
            column_height = max(MIN_SEGMENT, bar_height * total / peak)
            for key in sorted(counter, key=lambda k: order.get(k, len(order))):
                if not counter[key]:
                    continue
                used[key] += counter[key]
                height = column_height * counter[key] / total
                top -= height
                one = keys.get(key, (key, key))[0]
                segments.append(
                    Segment(key, one, counter[key], round(top, 2), round(height, 2),
                            order.get(key, len(order)))
                )  # fmt: skip
        columns.append(
            Column(
                year=year,
                count=total,
                x=index * pitch,
                href=href(year) if total else "",
                name=_column_name(year, counter, keys),
                segments=tuple(segments),
                label=year in (first, last) or year % LABEL_EVERY == 0,
                label_x=index * pitch
                + (1 if year == first else pitch - 1 if year == last else pitch / 2),
                anchor="start" if year == first else "end" if year == last else "middle",
            )
        )
    _drop_crowded_labels(columns, pitch)
    legend = tuple(
        (key, keys.get(key, (key, key))[1], order.get(key, len(order)))
        for key in sorted(used, key=lambda k: order.get(k, len(order)))
    )
    return Strip(
        columns=tuple(columns),
        width=len(columns) * pitch,
        height=bar_height + LABEL_HEIGHT + 2,
        bar_height=bar_height,
        pitch=pitch,
        title=f"Events per year, {first}–{last}",
        description=describe(totals),
        legend=legend,
    )


def _column_name(year: int, counter: Counter, keys: Mapping[str, tuple[str, str]]) -> str:
    total = sum(counter.values())
    if not total:
        return f"{year}: no events"
    parts = [
        plural(counter[key], *keys.get(key, (key, key))).lower() for key in keys if counter.get(key)
    ] + [plural(n, key, key) for key, n in counter.items() if key not in keys and n]
    detail = f" ({', '.join(parts)})" if len(parts) > 1 else ""
    return f"{year}: {plural(total, 'event', 'events')}{detail}"


def _drop_crowded_labels(columns: list[Column], pitch: int) -> None:
    """Keep the first and last year written; drop a round year written too close to them."""
    labelled = [i for i, c in enumerate(columns) if c.label]
    room = LABEL_EVERY - 2 if pitch >= PITCH else LABEL_EVERY
    for edge, neighbour in ((0, 1), (-1, -2)):
        if len(labelled) > 2 and abs(labelled[edge] - labelled[neighbour]) < room:
            index = labelled[neighbour]
            columns[index] = replace(columns[index], label=False)


def describe(totals: Mapping[int, int]) -> str:
    """The strip in words: span, total, busiest year and the years without events."""
    years = sorted(totals)
    total = sum(totals.values())
    busiest = max(totals.values())
    peaks = [str(y) for y in years if totals[y] == busiest]
    empty = [y for y in years if not totals[y]]
    text = (
        f"{plural(total, 'event', 'events')} from {years[0]} to {years[-1]}, "
        f"in {plural(len(years) - len(empty), 'year', 'years')} of {len(years)}. "
        f"Most in {', '.join(peaks)} ({plural(busiest, 'event', 'events')})."
    )
    if empty:
        text += f" None in {', '.join(year_ranges(empty))}."
    return text
