"""The map's geometry: TopoJSON decoding, shading, clipping, simplifying, and the reduced map."""

import math
import re

import pytest

from pelican.plugins.timeline.worldmap import (
    Shade,
    build_map,
    clip,
    decode,
    load_atlas,
    ring_area,
    shade_of,
    shades,
    simplify,
)

# Two squares side by side sharing one edge (arc 1), quantized on a grid of 1 degree:
# Denmark (208) on the left, Sweden (752) on the right, and a feature without an ISO code.
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [1, 1], "translate": [10, 50]},
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "id": "208", "properties": {"name": "Dk"}},
                {"type": "Polygon", "arcs": [[2, -2]], "id": "752", "properties": {"name": "Se"}},
                {"type": "Polygon", "arcs": [[3]], "properties": {"name": "Nowhere"}},
            ],
        }
    },
    "arcs": [
        [[1, 0], [-1, 0], [0, 1], [1, 0]],  # (11,50) (10,50) (10,51) (11,51): Denmark's west
        [[1, 1], [0, -1]],  # (11,51) -> (11,50): the shared edge
        [[1, 1], [1, 0], [0, -1], [-1, 0]],  # (11,51) (12,51) (12,50) (11,50): Sweden's east
        [[20, 20], [1, 0], [0, 1], [-1, 0]],
    ],
}


def test_arcs_are_delta_decoded_joined_and_reversed():
    atlas = decode(TOPOLOGY)
    assert set(atlas.polygons) == {"DK", "SE"}  # the feature without an ISO code is skipped
    assert atlas.polygons["DK"] == [[[(11, 50), (10, 50), (10, 51), (11, 51), (11, 50)]]]
    # ~1 is arc 1 backwards, and the point where two arcs meet is not repeated
    assert atlas.polygons["SE"] == [[[(11, 51), (12, 51), (12, 50), (11, 50), (11, 51)]]]
    assert atlas.neighbours("DK") == {"SE"}
    assert atlas.names == {"DK": "Dk", "SE": "Se"}


def test_the_vendored_atlas_knows_countries_by_iso_code_and_their_borders():
    atlas = load_atlas()
    assert {"DK", "KZ", "TR", "UZ", "MT", "SG"} <= set(atlas.polygons)
    assert atlas.neighbours("UZ") == {"AF", "KG", "KZ", "TJ", "TM"}
    assert "AQ" in atlas.polygons


def test_shades_count_one_by_one_then_on_a_geometric_scale():
    assert shades(3) == [Shade(1, 1, 1), Shade(2, 2, 2), Shade(3, 3, 3)]
    scale = shades(41)
    assert [(s.low, s.high) for s in scale] == [(1, 1), (2, 3), (4, 8), (9, 19), (20, 41)]
    assert [s.label for s in scale[:2]] == ["1 event", "2–3 events"]
    assert shade_of(41, scale).index == 5
    assert shade_of(5, scale).index == 3
    assert shade_of(0, scale) is None


def test_clipping_keeps_the_part_inside_the_frame():
    square = [(-5, -5), (5, -5), (5, 5), (-5, 5)]
    clipped = clip(square, 0, 0, 10, 10)
    assert sorted(clipped) == sorted([(0, 0), (5, 0), (5, 5), (0, 5)])
    assert clip([(20, 20), (30, 20), (30, 30)], 0, 0, 10, 10) == []


def test_simplifying_drops_points_within_the_tolerance_only():
    wobbly = [(x / 10, 0.1 * (x % 2)) for x in range(101)] + [(10, 10), (0, 10)]
    simple = simplify(wobbly, 0.5)
    assert len(simple) < 10
    assert abs(ring_area(simple)) == pytest.approx(abs(ring_area(wobbly)), rel=0.02)


def href(code):
    return f"countries/{code.lower()}.html"


NORDIC = {"DK": 10, "SE": 9, "FI": 7, "EE": 3, "DE": 3, "PL": 4, "NO": 1}


def test_a_regional_map_shades_and_links_the_record_and_shows_only_the_region_around():
    names = {"DK": "Denmark", "SE": "Sweden"}
    world_map = build_map(NORDIC, names, href)
    assert world_map.extent == "region"
    linked = {s.code: s for s in world_map.links}
    assert set(linked) == set(NORDIC)
    assert linked["DK"].url == "countries/dk.html"
    assert linked["DK"].label == "Denmark: 10 events"
    assert linked["NO"].label == "Norway: 1 event"  # the dataset's name where none is given
    assert linked["DK"].shade == 5 and linked["NO"].shade == 1
    context = {s.code for s in world_map.shapes if not s.url}
    assert {"RU", "LT", "LV", "GB"} <= context  # around the record, unshaded
    assert not {"US", "AU", "BR", "AQ"} & context  # far away: left out
    assert all(not s.url and not s.shade for s in world_map.shapes if s.code in context)
    # Every point lies in the frame, and the whole map stays small.
    for shape in world_map.shapes:
        for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", shape.d):
            assert -2.1 <= float(x) <= world_map.width + 2.1
            assert -2.1 <= float(y) <= world_map.height + 2.1
    assert sum(len(s.d) for s in world_map.shapes) < 50_000
    assert world_map.description == "7 countries; most events: Denmark: 10 events."


def test_the_highlighted_country_is_drawn_last():
    world_map = build_map(NORDIC, {}, href)
    assert world_map.ordered("DK")[-1].code == "DK"
    assert world_map.shape("RU") is None  # context: no page to highlight


def test_countries_far_apart_get_the_world_map_and_a_tiny_country_a_dot():
    world_map = build_map({"US": 3, "KZ": 2, "SG": 1}, {}, href)
    assert world_map.extent == "world"
    assert "AQ" not in {s.code for s in world_map.shapes}
    singapore = world_map.shape("SG")
    assert singapore.d.startswith("M") and "a3.5,3.5" in singapore.d  # a dot, not nothing
    assert world_map.width == 640 and math.isclose(world_map.height / 640, 0.45, abs_tol=0.03)


def test_a_code_without_a_shape_is_named_as_missing_and_none_at_all_gives_no_map():
    world_map = build_map({"DK": 2, "XK": 1}, {"XK": "Kosovo"}, href)
    assert world_map.missing == ("Kosovo",)
    assert world_map.description.endswith("Not drawn (no shape in the map data): Kosovo.")
    assert build_map({"NFA": 3}, {}, href) is None
