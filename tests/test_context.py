"""Context around an event: tag, person and equipment pages, related events, the way back to
the timeline, and the map of the countries in the record.

Ranking and pages are checked in-process on the demo's timeline; the rendered pages on the
demo build.
"""

import re

import pytest

from conftest import DEMO, SETTINGS, pelican_build
from pelican.plugins.timeline import history, related
from pelican.plugins.timeline import pages as pages_module
from pelican.plugins.timeline.cache import BuildCache
from pelican.plugins.timeline.cli import site_settings
from pelican.plugins.timeline.content import load_timeline
from pelican.plugins.timeline.pages import SiteBuilder
from pelican.plugins.timeline.problems import ContentError
from pelican.plugins.timeline.related import Relatedness, features
from pelican.plugins.timeline.settings import read_settings
from sitecheck import parse

DRILL = "2024-07-08-joint-rescue-drill"


@pytest.fixture(scope="module")
def settings():
    return site_settings(str(DEMO / "pelicanconf.py"))


@pytest.fixture(scope="module")
def timeline(settings):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(history, "git_dates", lambda folder: {})
        return load_timeline(DEMO / "content", settings)


def builder_for(timeline, settings, **overrides):
    config, problems = read_settings({**settings, **overrides})
    assert problems == []
    return SiteBuilder(timeline, config, "", settings["SITENAME"])


@pytest.fixture(scope="module")
def pages(timeline, settings):
    return {page.save_as: page for page in builder_for(timeline, settings).pages()}


def slugs(events):
    return [e.slug for e in events]


# Related events


def test_related_events_rank_rare_shared_things_above_common_countries(timeline):
    related = Relatedness(timeline).related(timeline.by_slug[DRILL], 4)
    assert [(r.event.slug, r.shared) for r in related] == [
        # the same minister, a tag used 6 times and Denmark (in 10 of 19 events)
        ("2018-10-09-minister-on-ferry-safety",
         {"people": ("Karen Holm",), "tags": ("safety",), "countries": ("DK",)}),
        ("1998-09-14-ferry-association-founded",
         {"tags": ("safety",), "countries": ("DK", "SE", "FI", "NFA")}),
        # the same ship, in four events; ties go to the nearer date
        ("2021-05-03-baltic-star-build", {"systems": ("MS Baltic Star",), "countries": ("DK",)}),
        ("2021-05-03-keel-of-baltic-star",
         {"systems": ("MS Baltic Star",), "countries": ("DK",)}),
    ]  # fmt: skip
    scores = [r.score for r in related]
    assert scores == sorted(scores, reverse=True)


def test_sharing_only_a_common_country_does_not_make_events_related(timeline):
    ranking = Relatedness(timeline)
    common = {
        c for c, events in timeline.by_place.items() if len(events) * 2 >= len(timeline.events)
    }
    assert common == {"DK"}  # in 10 of 19 events: alone it says little
    pairs = []
    for a in timeline.events:
        mine = features(a)
        related = {r.event.slug for r in ranking.related(a, 20)}
        for b in timeline.events:
            shared = {k: [v for v in vs if v in mine[k]] for k, vs in features(b).items()}
            if b is not a and shared == {"systems": [], "people": [], "tags": [],
                                         "countries": ["DK"]}:  # fmt: skip
                pairs.append((a.slug, b.slug, b.slug in related))
    assert pairs
    assert [p for p in pairs if p[2]] == []
    assert ranking.related(timeline.by_slug[DRILL], 0) == []


def test_only_values_of_few_events_bring_candidates_in(timeline, monkeypatch):
    monkeypatch.setattr(related, "CANDIDATE_LIMIT", 2)
    found = related.Relatedness(timeline).related(timeline.by_slug[DRILL], 4)
    # Karen Holm is in two events, the ship in four: only her other event is looked at,
    # and its score still counts what else it shares.
    assert [(r.event.slug, r.shared) for r in found] == [
        ("2018-10-09-minister-on-ferry-safety",
         {"people": ("Karen Holm",), "tags": ("safety",), "countries": ("DK",)}),
    ]  # fmt: skip


def test_an_event_page_gives_related_events_with_their_reasons(pages, timeline):
    event = pages[f"events/{DRILL}.html"].context["event"]
    assert [(r.link.title, r.why) for r in event.related[:2]] == [
        ("Transport minister speaks on ferry safety",
         "Same person: Karen Holm; shared tag: safety; also involves: Denmark."),
        ("Northern Ferry Association founded",
         "Shared tag: safety; also involves: Denmark, Sweden, Finland, Northern Ferry "
         "Association."),
    ]  # fmt: skip


def test_the_number_of_related_events_is_a_setting(timeline, settings):
    builder = builder_for(timeline, settings, TIMELINE_RELATED_EVENTS=0)
    assert builder.views.event(timeline.by_slug[DRILL]).related == ()


# Tag, person and equipment pages


def test_each_tag_person_and_piece_of_equipment_has_a_page_of_its_events(pages, timeline):
    for kind, index, folder in (("tag", timeline.by_tag, "tags"),
                                ("person", timeline.by_person, "people"),
                                ("system", timeline.by_system, "equipment")):  # fmt: skip
        assert index, kind
        for name, events in index.items():
            listed = [link.slug for group in pages_of(pages, folder, name) for link in group]
            assert listed == slugs(events), name
    assert pages["people/karen-holm.html"].context["topic"].name == "Karen Holm"
    listing = pages["equipment/ms-baltic-star.html"].context["listing"]
    assert listing.strip is not None  # the time strip, as on country and type pages


def pages_of(pages, folder, name):
    matches = [p for p in pages.values() if p.template == "topic"
               and p.context["topic"].name == name and p.save_as.startswith(folder)]  # fmt: skip
    assert len(matches) == 1
    return [group.events for group in matches[0].context["listing"].years]


def test_the_lists_of_tags_people_and_equipment_count_events_most_first(pages):
    tags = [(t.name, n) for t, n in pages["tags/index.html"].context["topic_counts"]]
    assert tags[:3] == [("ferries", 10), ("safety", 6), ("ports", 3)]
    people = pages["people/index.html"].context["topic_counts"]
    assert [(t.name, t.url, n) for t, n in people][:3] == [
        ("Karen Holm", "people/karen-holm.html", 2),
        ("Aino Nurmi", "people/aino-nurmi.html", 1),
        ("Henrik Aalto", "people/henrik-aalto.html", 1),
    ]
    assert ("Jörgen Åberg", "people/jorgen-aberg.html", 1) in [
        (t.name, t.url, n) for t, n in people
    ]


def test_see_on_the_timeline_points_to_the_right_page_of_a_split_timeline(timeline, settings):
    builder = builder_for(timeline, settings, TIMELINE_EVENTS_PER_PAGE=5)
    pages = {page.save_as: page for page in builder.pages()}
    assert "index-page2.html" in pages
    for event in timeline.events:
        url = pages[f"events/{event.slug}.html"].context["event"].timeline_url
        page, _, anchor = url.partition("#")
        assert anchor == event.slug
        listed = [link.slug for g in pages[page].context["listing"].years for link in g.events]
        assert event.slug in listed
    assert pages[f"events/{DRILL}.html"].context["event"].timeline_url != f"index.html#{DRILL}"


def test_two_spellings_of_one_tag_are_reported_as_one_page_written_twice(site):
    entry = """\
---
title: Drones for {who}
date: 2022-0{month}-01
countries: [KZ]
type: visit
summary: Drones.
sources: [trt-2021]
tags: [{tag}]
---
Drones [@trt-2021].
"""
    content = site({
        "2022-01-01-a.md": entry.format(who="A", month=1, tag="Drone production"),
        "2022-02-01-b.md": entry.format(who="B", month=2, tag="drone production"),
    })  # fmt: skip
    with pytest.raises(ContentError) as caught:
        load_timeline(content, SETTINGS)
    assert [str(p) for p in caught.value.problems] == [
        "content/events/2022-02-01-b.md:8:7: error: tags: the page of tag 'drone production' would be "
        "written to timeline/tags/drone-production.html, where the page of tag 'Drone production' is "
        "written (spell the tag as elsewhere, or change TIMELINE_TAG_SAVE_AS)"
    ]


def test_map_and_page_settings_are_checked():
    _, problems = read_settings({"TIMELINE_MAP": "europe", "TIMELINE_TAG_SAVE_AS": "tags.html"})
    assert [str(p) for p in problems] == [
        "pelicanconf.py: error: TIMELINE_MAP: must be 'region' or 'world' or '', not 'europe'",
        "pelicanconf.py: error: TIMELINE_TAG_SAVE_AS: 'tags.html' must contain {slug} (one file per item)",
    ]


def test_a_rebuild_with_the_same_countries_reuses_the_map_from_the_cache(
    timeline, settings, tmp_path, monkeypatch
):
    config, _ = read_settings(settings)
    first = BuildCache(tmp_path, "same")
    made = SiteBuilder(timeline, config, "", "", first).world_map
    first.save()
    monkeypatch.setattr(pages_module, "build_map", lambda *args: pytest.fail("map rebuilt"))
    again = SiteBuilder(timeline, config, "", "", BuildCache(tmp_path, "same")).world_map
    assert again == made and again.shape("DK").url == "countries/dk.html"
    other = {**config, "TIMELINE_MAP": "world"}  # another extent is another map
    with pytest.raises(pytest.fail.Exception, match="map rebuilt"):
        _ = SiteBuilder(timeline, other, "", "", BuildCache(tmp_path, "same")).world_map


# The demo build


def text(node_html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", node_html)).strip()


def test_an_event_page_links_its_tags_people_equipment_related_events_and_timeline(demo_site):
    html = (demo_site / "events" / f"{DRILL}.html").read_text(encoding="utf-8")
    links = parse(demo_site / "events" / f"{DRILL}.html").links
    for target in ("../tags/safety.html", "../tags/drills.html", "../people/karen-holm.html",
                   "../equipment/ms-baltic-star.html", f"../index.html#{DRILL}",
                   "../events/2018-10-09-minister-on-ferry-safety.html"):  # fmt: skip
        assert target in links, target
    assert '<a href="../index.html#2024-07-08-joint-rescue-drill">See on the timeline</a>' in html
    related = html[html.index('<section class="related"') :]
    related = related[: related.index("</section>")]
    assert text(related).startswith(
        "Related events Transport minister speaks on ferry safety 9 October 2018 Same person: "
        "Karen Holm; shared tag: safety; also involves: Denmark."
    )


def test_a_tag_page_lists_its_events_with_a_time_strip(demo_site):
    html = (demo_site / "tags" / "safety.html").read_text(encoding="utf-8")
    assert "<h1>safety</h1>" in html
    assert '<p class="stats">6 of 19 events.</p>' in html
    assert html.count('<article class="event-item"') == 6
    assert 'class="time-strip"' in html
    assert '<a href="../tags/index.html">Tags</a>' in html
    listing = (demo_site / "tags" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../tags/safety.html">safety</a></td><td class="num">6</td>' in listing


def test_the_countries_page_has_a_map_linking_each_country_with_a_table_beside_it(demo_site):
    html = (demo_site / "countries" / "index.html").read_text(encoding="utf-8")
    svg = html[html.index("<svg") : html.index("</svg>")]
    linked = re.findall(r'<a href="([^"]+)" class="map-country" aria-label="([^"]+)"', svg)
    assert sorted(linked) == [
        ("../countries/de.html", "Germany: 3 events"),
        ("../countries/dk.html", "Denmark: 10 events"),
        ("../countries/ee.html", "Estonia: 3 events"),
        ("../countries/fi.html", "Finland: 7 events"),
        ("../countries/no.html", "Norway: 1 event"),
        ("../countries/pl.html", "Poland: 4 events"),
        ("../countries/se.html", "Sweden: 9 events"),
    ]  # the organisation is in the table, not on the map
    assert 'role="group" aria-labelledby="map-title" aria-describedby="map-desc"' in svg
    assert 'Northern Ferry Association</a></td><td class="num">4</td>' in html
    assert "<li>" in html and "6–10 events</li>" in html  # the legend


def test_a_country_page_outlines_its_country_on_the_map(demo_site):
    html = (demo_site / "countries" / "fi.html").read_text(encoding="utf-8")
    assert '<h2 id="map-h">On the map</h2>' in html
    here = re.findall(r'<a [^>]*class="map-country here"[^>]*>', html)
    assert here == [
        '<a href="../countries/fi.html" class="map-country here" aria-label="Finland: 7 events" '
        'aria-current="page" data-code="FI">'
    ]
    assert "Outlined: Finland</li>" in html
    organisation = (demo_site / "countries" / "nfa.html").read_text(encoding="utf-8")
    assert '<svg class="map-svg"' not in organisation


def test_the_map_can_be_turned_off(tmp_path, site):
    content = site()
    settings = content.parent / "pelicanconf.py"
    from conftest import INLINE_SETTINGS

    settings.write_text(INLINE_SETTINGS + 'TIMELINE_MAP = ""\n', encoding="utf-8")
    result = pelican_build(content, tmp_path / "out", settings)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "countries" / "index.html").read_text(encoding="utf-8")
    assert "map-svg" not in html and "<table" in html
