"""A map of the countries in the record, shaded by event count: pure geometry and words.

The shapes come from Natural Earth's 1:50m country boundaries as TopoJSON (the npm package
world-atlas, vendored in ``data/world-atlas``). The build decodes its arcs once, projects
the countries it draws, clips them to the frame and simplifies them to under a pixel, so a
map of a region is some 30-40 kB of path data (a quarter of that compressed) and no script.
A template draws the SVG from a ``WorldMap``; nothing here knows HTML.

Two extents: ``"region"`` frames the countries of the record (their main land, not far
islands or overseas parts) with a Lambert azimuthal equal-area projection centred on them,
and draws every other country in the frame, unshaded, for context; ``"world"`` draws the
whole world (without Antarctica) in the Equal Earth projection. Both are equal-area, so a
shade is never exaggerated by its country's latitude.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry

ATLAS = Path(__file__).resolve().parent / "data" / "world-atlas" / "countries-50m.json"
EXTENTS = ("region", "world")
WIDTH = 640
MIN_ASPECT, MAX_ASPECT = 0.5, 0.9  # height / width of a regional map
MARGIN = 0.08  # of the record's extent, on each side
TOLERANCE = 0.7  # px: how far a simplified outline may stray from the data
MIN_AREA = 0.5  # px²: a smaller ring (an islet) is dropped, unless its country would vanish
MARKER_RADIUS = 3.5  # px: a country of the record too small to see is drawn as a dot
SHADES = 5
WORLD_RADIUS = 65  # degrees from the centre beyond which a region needs the world map
FAR_SIDE = 100  # degrees: a ring reaching this far from a region's centre is left out

Ring = list[tuple[float, float]]
Polygon = list[Ring]  # outer ring, then holes


@dataclass(frozen=True)
class Atlas:
    polygons: dict[str, list[Polygon]]  # ISO alpha-2 -> polygons in (longitude, latitude)
    arcs: dict[str, frozenset[int]]  # ISO alpha-2 -> the arcs of its outline
    names: dict[str, str]  # ISO alpha-2 -> the dataset's name

    def neighbours(self, code: str) -> set[str]:
        """Countries that share a stretch of border with ``code`` (by shared arcs)."""
        own = self.arcs.get(code, frozenset())
        return {other for other, arcs in self.arcs.items() if other != code and own & arcs}


def _alpha_2(numeric: str | None) -> str:
    country = pycountry.countries.get(numeric=numeric) if numeric else None
    return country.alpha_2 if country else ""


def decode(topology: dict, name: str = "countries") -> Atlas:
    """A TopoJSON topology -> its geometries by ISO alpha-2 code, in degrees.

    Arcs are delta-encoded, quantized positions; a negative index ``~i`` means arc ``i``
    reversed; consecutive arcs of a ring share their joining point.
    """
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> Ring:
        points: Ring = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc[1:] if points else arc)
        return points

    polygons: dict[str, list[Polygon]] = {}
    used: dict[str, set[int]] = {}
    names = {}
    for geometry in topology["objects"][name]["geometries"]:
        code = _alpha_2(geometry.get("id"))
        if not code:
            continue  # no ISO code (Kosovo, Somaliland): no entry can name it
        kind = geometry["type"]
        parts = [geometry["arcs"]] if kind == "Polygon" else geometry["arcs"]
        if kind not in ("Polygon", "MultiPolygon"):
            continue
        polygons.setdefault(code, []).extend([ring(r) for r in part] for part in parts)
        used.setdefault(code, set()).update(
            i if i >= 0 else ~i for part in parts for r in part for i in r
        )
        names[code] = geometry.get("properties", {}).get("name", code)
    return Atlas(polygons, {c: frozenset(a) for c, a in used.items()}, names)


@lru_cache(maxsize=2)
def load_atlas(path: Path = ATLAS) -> Atlas:
    return decode(json.loads(path.read_text(encoding="utf-8")))


# --- projections: (longitude, latitude) in degrees -> (x, y) with y up -------------------


def lambert_azimuthal(lon0: float, lat0: float) -> Callable[[float, float], tuple]:
    """The Lambert azimuthal equal-area projection centred on (lon0, lat0)."""
    l0, p0 = math.radians(lon0), math.radians(lat0)
    sin_p0, cos_p0 = math.sin(p0), math.cos(p0)

    def project(lon: float, lat: float) -> tuple[float, float]:
        lam, phi = math.radians(lon) - l0, math.radians(lat)
        cos_c = sin_p0 * math.sin(phi) + cos_p0 * math.cos(phi) * math.cos(lam)
        k = math.sqrt(2 / max(1e-9, 1 + cos_c))
        x = k * math.cos(phi) * math.sin(lam)
        y = k * (cos_p0 * math.sin(phi) - sin_p0 * math.cos(phi) * math.cos(lam))
        return x, y

    return project


_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """The Equal Earth projection (Šavrič, Patterson and Jenny, 2018)."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


def angular_distance(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Degrees along the sphere between two points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    cos_d = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(
        math.radians(lon2 - lon1)
    )
    return math.degrees(math.acos(max(-1.0, min(1.0, cos_d))))


# --- planar helpers -----------------------------------------------------------------------


def ring_area(ring: Ring) -> float:
    """Signed area by the shoelace formula (in the ring's own units)."""
    return (
        sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))
        / 2
    )


def _centroid(ring: Ring) -> tuple[float, float]:
    xs, ys = zip(*ring, strict=True)
    return sum(xs) / len(xs), sum(ys) / len(ys)


def main_parts(polygons: list[Polygon]) -> list[Polygon]:
    """A country's main land: its largest polygon and the sizeable ones near it, not far
    islands or overseas parts (French Guiana for France), which would stretch the frame."""

    def size(polygon: Polygon) -> float:
        lat = _centroid(polygon[0])[1]
        return abs(ring_area(polygon[0])) * math.cos(math.radians(lat))

    largest = max(polygons, key=size)
    lon0, lat0 = _centroid(largest[0])
    return [
        p
        for p in polygons
        if p is largest
        or (size(p) >= 0.1 * size(largest) and angular_distance(lon0, lat0, *_centroid(p[0])) < 12)
    ]


def clip(ring: Ring, left: float, top: float, right: float, bottom: float) -> Ring:
    """Sutherland–Hodgman: the part of a closed ring inside a rectangle (y down)."""
    edges = (
        (lambda p: p[0] >= left, lambda a, b: _cross_x(a, b, left)),
        (lambda p: p[0] <= right, lambda a, b: _cross_x(a, b, right)),
        (lambda p: p[1] >= top, lambda a, b: _cross_y(a, b, top)),
        (lambda p: p[1] <= bottom, lambda a, b: _cross_y(a, b, bottom)),
    )
    points = ring
    for inside, cross in edges:
        if not points:
            break
        result = []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    result.append(cross(previous, point))
                result.append(point)
            elif inside(previous):
                result.append(cross(previous, point))
            previous = point
        points = result
    return points


def _cross_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return x, a[1] + t * (b[1] - a[1])


def _cross_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return a[0] + t * (b[0] - a[0]), y


def simplify(ring: Ring, tolerance: float = TOLERANCE) -> Ring:
    """Douglas–Peucker on a closed ring, after dropping points closer than the tolerance."""
    thinned = [ring[0]]
    for point in ring[1:]:
        if math.dist(point, thinned[-1]) >= tolerance:
            thinned.append(point)
    if len(thinned) < 4:
        return thinned
    keep = [False] * len(thinned)
    keep[0] = keep[-1] = True
    # Split the ring at its farthest point from the start, so both halves are open lines.
    far = max(range(len(thinned)), key=lambda i: math.dist(thinned[0], thinned[i]))
    keep[far] = True
    stack = [(0, far), (far, len(thinned) - 1)]
    while stack:
        first, last = stack.pop()
        a, b = thinned[first], thinned[last]
        best, index = 0.0, 0
        for i in range(first + 1, last):
            d = _segment_distance(thinned[i], a, b)
            if d > best:
                best, index = d, i
        if best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(thinned, keep, strict=True) if k]


def _segment_distance(p, a, b) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    if not length:
        return math.dist(p, a)
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length))
    return math.dist(p, (a[0] + t * dx, a[1] + t * dy))


def path_data(rings: list[Ring]) -> str:
    """SVG path data, one closed subpath per ring, to a tenth of a pixel."""
    return " ".join(
        "M" + " ".join(f"{x:.1f},{y:.1f}" for x, y in ring).replace(".0,", ",") + "Z"
        for ring in rings
    )


def marker(x: float, y: float, r: float = MARKER_RADIUS) -> str:
    return f"M{x - r:.1f},{y:.1f}a{r},{r} 0 1,0 {2 * r},0a{r},{r} 0 1,0 {-2 * r},0Z"


# --- the map ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Shade:
    index: int  # 1..SHADES, a class of the stylesheet
    low: int
    high: int

    @property
    def label(self) -> str:
        span = str(self.low) if self.low == self.high else f"{self.low}–{self.high}"
        return f"{span} event{'' if span == '1' else 's'}"


def shades(peak: int, steps: int = SHADES) -> list[Shade]:
    """Classes of event counts from 1 to peak: one per count while they fit, else on a
    geometric scale, so the one country in every event does not wash out the others."""
    if peak <= steps:
        return [Shade(n, n, n) for n in range(1, peak + 1)]
    lows = sorted({max(1, round(peak ** (i / steps))) for i in range(steps)})
    return [
        Shade(i + 1, low, (lows[i + 1] - 1) if i + 1 < len(lows) else peak)
        for i, low in enumerate(lows)
    ]


def shade_of(count: int, scale: list[Shade]) -> Shade | None:
    return next((s for s in reversed(scale) if count >= s.low), None) if count else None


@dataclass(frozen=True)
class MapShape:
    code: str
    name: str
    d: str  # SVG path data
    count: int  # events in the record; 0 for a country shown for context
    shade: int  # 0 for context
    url: str  # the country's page; "" for context
    label: str  # "Denmark: 12 events"


@dataclass(frozen=True)
class WorldMap:
    width: int
    height: int
    extent: str
    shapes: tuple[MapShape, ...]  # context first, then the record's, so outlines stay on top
    legend: tuple[Shade, ...]
    title: str
    description: str
    missing: tuple[str, ...]  # names of record countries the dataset has no shape for

    @property
    def links(self) -> tuple[MapShape, ...]:
        return tuple(s for s in self.shapes if s.url)

    def ordered(self, here: str = "") -> tuple[MapShape, ...]:
        """The shapes in drawing order, the highlighted country last so its outline shows."""
        return tuple(s for s in self.shapes if s.code != here) + tuple(
            s for s in self.shapes if s.code == here
        )

    def shape(self, code: str) -> MapShape | None:
        return next((s for s in self.shapes if s.code == code and s.url), None)


def _frame(points: list[tuple[float, float]]):
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    left, right, bottom, top = min(xs), max(xs), min(ys), max(ys)
    width, height = right - left, top - bottom
    pad = MARGIN * max(width, height)
    left, right, bottom, top = left - pad, right + pad, bottom - pad, top + pad
    width, height = right - left, top - bottom
    aspect = min(MAX_ASPECT, max(MIN_ASPECT, height / width))
    if height < aspect * width:  # too flat: add sea above and below
        extra = (aspect * width - height) / 2
        bottom, top = bottom - extra, top + extra
    else:  # too tall: add room at the sides
        extra = (height / aspect - width) / 2
        left, right = left - extra, right + extra
    return left, bottom, right - left, top - bottom


def build_map(
    counts: Mapping[str, int],
    names: Mapping[str, str],
    href: Callable[[str], str],
    extent: str = "region",
    atlas: Atlas | None = None,
) -> WorldMap | None:
    """The map of {ISO alpha-2 code: events}; ``names`` are the site's names of those
    countries, ``href(code)`` the link to each country's page.

    None when no country of the record has a shape.
    """
    atlas = atlas or load_atlas()
    record = {c: n for c, n in counts.items() if n and c in atlas.polygons}
    if not record:
        return None
    missing = tuple(sorted(names.get(c, c) for c, n in counts.items() if n and c not in record))
    if extent == "region":
        mains = [p for c in record for p in main_parts(atlas.polygons[c])]
        lon0, lat0 = _centre([pt for p in mains for pt in p[0]])
        far = max(angular_distance(lon0, lat0, *pt) for p in mains for pt in p[0])
        if far > WORLD_RADIUS:
            extent = "world"
    if extent == "region":
        project = lambert_azimuthal(lon0, lat0)
        left, bottom, width, height = _frame([project(*pt) for p in mains for pt in p[0]])

        def visible(ring: Ring) -> bool:
            return all(angular_distance(lon0, lat0, *pt) < FAR_SIDE for pt in ring[::10] or ring)

        codes = list(atlas.polygons)
    else:
        project = equal_earth
        codes = [c for c in atlas.polygons if c != "AQ"]
        everything = [project(*pt) for c in codes for p in atlas.polygons[c] for pt in p[0]]
        left, bottom, width, height = _bounds(everything)

        def visible(ring: Ring) -> bool:
            return True

    scale = WIDTH / width
    map_height = round(height * scale)

    def to_px(lon: float, lat: float) -> tuple[float, float]:
        x, y = project(lon, lat)
        return (x - left) * scale, (bottom + height - y) * scale

    peak = max(record.values())
    legend = shades(peak)
    context, shown = [], []
    for code in codes:
        rings = []
        for polygon in atlas.polygons[code]:
            for raw in polygon:
                if not visible(raw):
                    continue
                ring = clip([to_px(*pt) for pt in raw], -2, -2, WIDTH + 2, map_height + 2)
                if len(ring) >= 3:
                    rings.append(simplify(ring, TOLERANCE))
        kept = [r for r in rings if len(r) >= 3 and abs(ring_area(r)) >= MIN_AREA]
        count = record.get(code, 0)
        if not count:
            if kept:
                context.append(MapShape(code, atlas.names[code], path_data(kept), 0, 0, "", ""))
            continue
        d = path_data(kept) if kept else (marker(*_centroid(max(rings, key=len))) if rings else "")
        if not d:
            continue
        name = names.get(code, atlas.names[code])
        label = f"{name}: {count} event{'' if count == 1 else 's'}"
        shade = shade_of(count, legend)
        shown.append(MapShape(code, name, d, count, shade.index, href(code), label))
    shown.sort(key=lambda s: s.name.casefold())
    return WorldMap(
        width=WIDTH,
        height=map_height,
        extent=extent,
        shapes=(*context, *shown),
        legend=tuple(legend),
        title="Map of the countries in the record, shaded by number of events",
        description=describe(shown, missing),
        missing=missing,
    )


def _bounds(points):
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The mean direction of points on the sphere, as (longitude, latitude)."""
    x = y = z = 0.0
    for lon, lat in points:
        lam, phi = math.radians(lon), math.radians(lat)
        x += math.cos(phi) * math.cos(lam)
        y += math.cos(phi) * math.sin(lam)
        z += math.sin(phi)
    return math.degrees(math.atan2(y, x)), math.degrees(math.atan2(z, math.hypot(x, y)))


def describe(shown: list[MapShape], missing: tuple[str, ...]) -> str:
    """The map in words, for its description; the table beside it gives every count."""
    ranked = sorted(shown, key=lambda s: (-s.count, s.name.casefold()))
    text = f"{len(shown)} countr{'y' if len(shown) == 1 else 'ies'}"
    if ranked:
        text += f"; most events: {ranked[0].label}"
    if missing:
        text += f". Not drawn (no shape in the map data): {', '.join(missing)}"
    return text + "."
