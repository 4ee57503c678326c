"""Pages, listings, exports and the cache, called in-process on the demo's timeline.

No Pelican build and no subprocess: the timeline is loaded once from tests/demo/content
with the demo's settings, and each test calls the package's functions and reads back
what they return, the way the full builds do.
"""

import csv
import dataclasses
import datetime as dt
import io
import json
import re
import shutil
from collections import Counter

import pytest

from conftest import DEMO
from pelican.plugins.timeline import content as content_module
from pelican.plugins.timeline import exports, history
from pelican.plugins.timeline import listing as listing_module
from pelican.plugins.timeline.cache import BuildCache
from pelican.plugins.timeline.cli import site_settings
from pelican.plugins.timeline.content import load_timeline
from pelican.plugins.timeline.exports import bibliography, events_csv, events_ics, events_json
from pelican.plugins.timeline.listing import facets, paginate
from pelican.plugins.timeline.pages import SiteBuilder
from pelican.plugins.timeline.render import Rendering
from pelican.plugins.timeline.settings import read_settings
from pelican.plugins.timeline.urls import Urls

SITE = "https://timeline.test"
BUILT = "2021-05-03-baltic-star-build"


@pytest.fixture(scope="module")
def settings():
    return site_settings(str(DEMO / "pelicanconf.py"))


@pytest.fixture(scope="module")
def config(settings):
    config, problems = read_settings(settings)
    assert problems == []
    return config


def load(content, settings, cache=None):
    """The timeline, with entry dates taken from the files only (no git, so no subprocess)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(history, "git_dates", lambda folder: {})
        return load_timeline(content, settings, cache)


@pytest.fixture(scope="module")
def timeline(settings):
    return load(DEMO / "content", settings)


@pytest.fixture(scope="module")
def builder(timeline, config, settings):
    return SiteBuilder(timeline, config, "", settings["SITENAME"])


@pytest.fixture(scope="module")
def pages(builder):
    return {page.save_as: page for page in builder.pages()}


def demo_entries():
    return sorted(p.stem for p in (DEMO / "content" / "events").glob("*.md"))


# Pages


def test_the_timeline_holds_every_demo_entry_in_date_order(timeline):
    assert sorted(e.slug for e in timeline.events) == demo_entries()
    keys = [e.date.sort_key for e in timeline.events]
    assert keys == sorted(keys)


def test_every_page_is_planned_once(builder, pages, timeline):
    urls = builder.urls
    named = ("index", "countries", "types", "sources", "search", "changes")
    expected = {urls.named(n) for n in named}
    expected |= {urls.event(e.slug) for e in timeline.events}
    expected |= {urls.place(code) for code in timeline.by_place}
    expected |= {urls.type(code) for code in timeline.by_type}
    expected |= {urls.named(n) for n in ("tags", "people", "systems")}
    expected |= {urls.tag(t) for t in timeline.by_tag}
    expected |= {urls.person(p) for p in timeline.by_person}
    expected |= {urls.system(s) for s in timeline.by_system}
    assert set(pages) == expected
    assert len(builder.pages()) == len(expected)  # no page twice
    assert Counter(p.template for p in pages.values())["event"] == len(timeline.events)
    assert urls.place("NO") in pages and urls.place("NFA") in pages


def test_an_event_page_has_numbered_references_milestones_and_neighbours(builder, pages):
    page = pages[builder.urls.event(BUILT)]
    event = page.context["event"]
    assert [(r.number, r.id) for r in event.references] == [
        (1, "gazette-2021-05-03"),
        (2, "kurier-2021-06"),
    ]
    assert 'href="#ref-1"' in event.body_html and 'href="#ref-2"' in event.body_html
    assert [(m.date_iso, m.label) for m in event.milestones] == [
        ("2021-05-03", "Keel laid"),
        ("2021-06", "Launched"),
    ]
    assert event.previous.slug == "2021-05-03-keel-of-baltic-star"
    assert event.next.slug == "2021-06-baltic-star-launched"
    assert [p.name for p in event.link.places] == ["Poland", "Denmark"]
    json_ld = json.loads(page.context["json_ld"])
    assert (json_ld["startDate"], json_ld["endDate"]) == ("2021-05-03", "2021-06")
    assert page.context["cite_this"].bibtex.startswith(f"@misc{{{BUILT},")
    text = builder.rendering.event(builder.timeline.by_slug[BUILT]).text
    assert "[1]" not in text and "keel" in text


def test_a_country_page_lists_only_its_events(builder, pages, timeline):
    listing = pages[builder.urls.place("SE")].context["listing"]
    slugs = [link.slug for group in listing.years for link in group.events]
    assert slugs == [e.slug for e in timeline.events if "SE" in e.countries]
    assert pages[builder.urls.place("SE")].context["count"] == len(slugs)


def test_the_sources_page_lists_each_source_with_the_events_citing_it(builder):
    listed = {view.id: [link.slug for link in links] for view, links in builder.sources_list}
    assert listed["gazette-2021-05-03"] == [
        "2021-05-03-keel-of-baltic-star",
        "2021-05-03-baltic-star-build",
    ]
    assert listed["gazette-2015-01-20"] == [
        "2015-01-20-ice-closes-northern-route",
        "2021-11-winter-timetable",
    ]
    assert len(listed) == len(builder.timeline.sources)


def test_the_sources_page_is_split_into_pages_labelled_by_outlet(timeline, config, settings):
    builder = SiteBuilder(timeline, {**config, "TIMELINE_SOURCES_PER_PAGE": 5}, "",
                          settings["SITENAME"])  # fmt: skip
    pages = builder.sources_pages()
    total = len(timeline.sources)
    assert len(pages) == -(-total // 5) > 1
    assert [p.save_as for p in pages] == ["sources.html"] + [
        f"sources-page{n}.html" for n in range(2, len(pages) + 1)
    ]
    listed = [view.id for page in pages for view, _ in page.context["sources"]]
    assert listed == [view.id for view, _ in builder.sources_list]  # each once, in order
    for number, page in enumerate(pages, 1):
        paging = page.context["paging"]
        assert page.context["total"] == total and paging.number == number
        assert [link.url for link in paging.pages] == [p.save_as for p in pages]
        assert [link.current for link in paging.pages].index(True) == number - 1
        shown = [view.container_title or view.title for view, _ in page.context["sources"]]
        assert paging.pages[number - 1].label in (shown[0], f"{shown[0]} – {shown[-1]}")
    assert [p.context["paging"].next_url for p in pages[:-1]] == [p.save_as for p in pages[1:]]
    (one,) = SiteBuilder(timeline, config, "", settings["SITENAME"]).sources_pages()
    assert one.context["paging"].count == 1 and len(one.context["sources"]) == total


# Listing


def test_a_long_listing_is_split_between_years_and_a_crowded_year_within_itself(builder, timeline):
    links = builder.links(timeline.events)
    listing = paginate(links, "index.html", 5)
    assert [page.url for page in listing] == ["index.html"] + [
        f"index-page{n}.html" for n in range(2, len(listing) + 1)
    ]
    shown = [link.slug for page in listing for group in page.years for link in group.events]
    assert shown == [e.slug for e in timeline.events]  # each event once, in order
    assert all(sum(len(g.events) for g in page.years) <= 5 for page in listing)
    parts = [(n, g) for n, page in enumerate(listing) for g in page.years if g.year == 2021]
    # 2021 has 6 events: 5 begin a page of their own, the sixth continues on the next one.
    assert [(len(g.events), g.continued) for _, g in parts] == [(5, False), (1, True)]
    (begins, _), (continues, _) = parts
    assert [g.year for g in listing[begins].years] == [2021] and continues == begins + 1
    other_years = [g.year for g in listing[continues].years]
    assert other_years[0] == 2021 and len(other_years) > 1  # later years fill the page
    years = [g.year for page in listing for g in page.years if not g.continued]
    assert len(years) == len(set(years))  # a year begins once
    assert [p.previous_url for p in listing[1:]] == [p.url for p in listing[:-1]]
    assert [p.next_url for p in listing[:-1]] == [p.url for p in listing[1:]]
    first = listing[0]
    assert {y.year for y in first.year_links if y.same_page} == {g.year for g in first.years}
    year_2021 = next(y for y in first.year_links if y.year == 2021)
    assert year_2021.url == listing[begins].url and year_2021.count == 6
    # The time strip of every page leads to where 2021 begins.
    for n, page in enumerate(listing):
        [column] = [c for c in page.strip.columns if c.year == 2021]
        assert column.href == ("#y2021" if n == begins else f"{listing[begins].url}#y2021")


def test_one_page_when_the_listing_is_short(builder, timeline):
    (page,) = paginate(builder.links(timeline.events), "index.html", 500)
    assert not page.paginated and page.span == "1995–2024"
    assert page.previous_url == page.next_url == ""


def test_filters_count_what_the_page_lists(builder, timeline):
    filters = facets(builder.links(timeline.events))
    places = {f.value: f.count for f in filters.places}
    assert places == dict(Counter(code for e in timeline.events for code in e.countries))
    counts = [f.count for f in filters.places]
    assert counts == sorted(counts, reverse=True)
    assert [f.label for f in filters.places if f.count == places["NO"]][-1] == "Norway"
    assert {f.value: f.count for f in filters.types} == dict(
        Counter(e.type for e in timeline.events)
    )
    assert filters.years == sorted({e.date.year for e in timeline.events})


# Exports


def test_events_json_reads_back_as_the_records(timeline, builder):
    records = events_json.event_records(timeline, builder.urls, SITE)
    assert json.loads(events_json.render(records)) == records
    assert [r["slug"] for r in records] == [e.slug for e in timeline.events]
    drill = next(r for r in records if r["slug"] == "2024-07-08-joint-rescue-drill")
    assert (drill["date"], drill["start"], drill["end"], drill["precision"]) == (
        "2024-07-08/2024-07-17", "2024-07-08", "2024-07-17", "day",
    )  # fmt: skip
    assert drill["url"] == f"{SITE}/events/2024-07-08-joint-rescue-drill.html"
    aground = next(r for r in records if r["slug"] == "2003-nordlys-runs-aground-in-fog")
    assert (aground["precision"], aground["approximate"], aground["uncertain"]) == (
        "year", True, False,
    )  # fmt: skip


def test_events_csv_reads_back_row_for_row(timeline, builder):
    records = events_json.event_records(timeline, builder.urls)
    rows = list(csv.DictReader(io.StringIO(events_csv.render(records), newline="")))
    assert [r["slug"] for r in rows] == [r["slug"] for r in records]
    keel = next(r for r in rows if r["slug"] == "2021-05-03-keel-of-baltic-star")
    assert keel["people"] == "Aino Nurmi (Reporter, FI)"
    assert keel["countries"] == "PL; DK" and keel["systems"] == "MS Baltic Star"
    title = next(r for r in rows if r["slug"] == "1996-03-ports-agree-common-tariff")["title"]
    assert title == "Ports agree a common tariff & timetable"


def test_the_calendar_holds_the_day_precise_events(timeline, builder):
    text = events_ics.render(timeline, builder.urls, SITE, "Demo", "timeline.test")
    unfolded = text.replace("\r\n ", "")
    uids = re.findall(r"UID:(.+)@timeline\.test", unfolded)
    assert uids == [e.slug for e in timeline.events if e.date.precision == "day"]
    assert "2021-05-03-baltic-star-build" in uids  # ends in a month: to the end of that month
    assert "1996-03-ports-agree-common-tariff" not in uids  # starts in a month, not on a day
    skerries = unfolded.split("UID:2016-08-30-skerries-summer-route-opens@")[1]
    assert "SUMMARY:A summer route to the skerries opens (date uncertain)" in skerries
    assert f"URL:{SITE}/events/2016-08-30-skerries-summer-route-opens.html" in skerries


def test_the_bibliography_exports_read_back(timeline):
    items = json.loads(bibliography.render_csl_json(timeline.sources))
    assert sorted(i["id"] for i in items) == sorted(timeline.sources)
    tariff = next(i for i in items if i["id"] == "gazette-1996-03")
    assert tariff["issued"] == {"date-parts": [[1996, 3]]}
    bib = bibliography.render_bibtex(timeline.sources)
    assert re.findall(r"^@\w+\{([^,]+),", bib, re.M) == sorted(timeline.sources)
    entry = bib.split("{gazette-1996-03,")[1].split("\n}")[0]
    assert r"title = {Ports agree a common tariff \& timetable}" in entry


def test_a_local_build_exports_no_feed_and_a_hosted_one_adds_them(timeline, config, settings):
    # The exports read the model, the URLs and the rendered texts: no page builder.
    urls, rendering, name = Urls(config), Rendering(timeline.sources), settings["SITENAME"]
    names = [path for path, _ in exports.files(timeline, urls, rendering, config, "", name)]
    assert {"events.json", "events.csv", "events.ics", "sources.json", "sources.bib"} <= set(names)
    assert not [n for n in names if n.startswith("feeds/") or n in ("sitemap.xml", "robots.txt")]
    assert len(names) == exports.count(timeline, urls, "")
    files = dict(exports.files(timeline, urls, rendering, config, SITE, name, ["index.html"]))
    assert len(files) == exports.count(timeline, urls, SITE)  # what the progress bar counts
    feeds = {n for n in files if n.startswith("feeds/")}
    assert feeds == {"feeds/all.atom.xml", "feeds/changes.atom.xml"} | {
        f"feeds/{code.lower()}.atom.xml" for code in timeline.by_place
    }
    assert f"<loc>{SITE}/index.html</loc>" in files["sitemap.xml"]
    assert files["robots.txt"].endswith(f"Sitemap: {SITE}/sitemap.xml\n")


# The cache


def test_a_cache_computes_each_value_once_and_never_keeps_none():
    cache = BuildCache(None, "")
    calls = []
    assert cache.get("a", lambda: calls.append(1) or "A") == "A"
    assert cache.get("a", lambda: calls.append(1) or "B") == "A"
    assert cache.get("nothing", lambda: None) is None
    assert cache.get("nothing", lambda: "now") == "now"
    assert len(calls) == 1


def test_a_saved_cache_is_reused_only_with_the_same_fingerprint(tmp_path):
    first = BuildCache(tmp_path, "fingerprint-1")
    first.get("entry", lambda: "parsed")
    first.written("events/a.html", "key-a")
    first.written("events/b.html", "key-b")
    first.save()

    same = BuildCache(tmp_path, "fingerprint-1")
    assert same.get("entry", lambda: "parsed again") == "parsed"
    (tmp_path / "out" / "events").mkdir(parents=True)
    (tmp_path / "out" / "events" / "a.html").write_text("a")
    assert same.unchanged("events/a.html", "key-a", tmp_path / "out")
    assert not same.unchanged("events/a.html", "key-changed", tmp_path / "out")
    assert not same.unchanged("events/b.html", "key-b", tmp_path / "out")  # file gone
    same.written("events/a.html", "key-a")
    assert same.stale() == ["events/b.html"]  # b's event was deleted: remove its page

    other = BuildCache(tmp_path, "fingerprint-2")  # new code, theme or settings
    assert other.get("entry", lambda: "parsed again") == "parsed again"
    assert other.stale() == ["events/a.html", "events/b.html"]


def test_page_keys_are_kept_per_output_folder_and_forgotten_with_the_folder(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    for output in (first, second):
        output.mkdir()
        (output / "a.html").write_text("a")
        cache = BuildCache(tmp_path / "cache", "code", str(output))
        cache.written("a.html", f"key of {output.name}")
        cache.save()
    again = BuildCache(tmp_path / "cache", "code", str(first))
    assert again.unchanged("a.html", "key of first", first)
    assert not again.unchanged("a.html", "key of second", first)  # the other folder's key
    shutil.rmtree(second)  # as an atomic build removes its staging folder
    again.written("a.html", "key of first")
    again.save()
    assert not BuildCache(tmp_path / "cache", "code", str(second)).previous_pages


def test_a_second_load_reads_only_the_changed_entry(tmp_path, settings, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(DEMO / "content", content)
    cache = BuildCache(tmp_path / "cache", "demo")
    load(content, settings, cache)
    cache.save()

    entry = content / "events" / "2021-06-baltic-star-launched.md"
    entry.write_text(entry.read_text("utf-8").replace("at the yard", "at the yard, at dusk"))
    again = BuildCache(tmp_path / "cache", "demo")
    computed, plain_get, plain_record = [], again.get, content_module.entry_record
    again.get = lambda key, compute: plain_get(key, lambda: computed.append(key) or compute())
    monkeypatch.setattr(
        content_module, "entry_record", lambda work, item: computed.append(item[0]) or
        plain_record(work, item)
    )  # fmt: skip
    reloaded = load(content, settings, again)
    # The sources are not checked again; the output paths are planned again, as the
    # summary, a fact, changed.
    assert computed[0] == "content/events/2021-06-baltic-star-launched.md"
    assert len(computed) == 2 and again.values[computed[1]] == []
    launched = next(e for e in reloaded.events if e.slug == "2021-06-baltic-star-launched")
    assert launched.summary == "The Baltic Star was launched at the yard, at dusk."


def test_rendered_markdown_is_cached_and_keyed_by_the_cited_sources(timeline, config):
    cache = BuildCache(None, "")
    SiteBuilder(timeline, config, "", "", cache).views.event(timeline.events[0])
    keys = set(cache.values)
    SiteBuilder(timeline, config, "", "", cache).views.event(timeline.events[0])
    assert set(cache.values) == keys  # the second builder found it
    changed = dict(timeline.sources)
    first = timeline.events[0]
    source = changed[first.sources[0]]
    changed[source.id] = type(source)(**{**source.__dict__, "title": "A corrected title"})
    assert changed[source.id].title == "A corrected title"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timeline, "sources", changed)
        view = SiteBuilder(timeline, config, "", "", cache).views.event(first)
    assert set(cache.values) > keys  # a new title is a new key: no stale HTML
    assert "A corrected title" in view.body_html


def test_entry_dates_come_from_the_front_matter_else_the_event(timeline):
    added, updated = timeline.changes["2021-09-14-two-ferries-collide"][:2]
    assert added == dt.datetime(2021, 9, 14, tzinfo=dt.UTC) and updated >= added


def test_the_timeline_key_holds_the_facts_and_not_the_bodies(tmp_path, settings):
    """Listing pages are keyed by Timeline.key: a body edit must keep it, so that no
    listing is made again, and any edit to what a listing shows must change it."""
    content = tmp_path / "content"
    shutil.copytree(DEMO / "content", content)
    entry = content / "events" / "2021-06-baltic-star-launched.md"
    original = entry.read_text("utf-8")
    first = load(content, settings).key
    assert re.fullmatch("[0-9a-f]{64}", first)
    entry.write_text(original.replace("went into the water", "slid into the water"), "utf-8")
    assert load(content, settings).key == first
    entry.write_text(original.replace("at the yard", "at the yard, at dusk"), "utf-8")
    assert load(content, settings).key != first  # the summary shows on listings
    entry.write_text(original, "utf-8")
    sources = content / "sources.yaml"
    sources.write_text(sources.read_text("utf-8").replace("title: ", "title: New ", 1), "utf-8")
    assert load(content, settings).key != first  # the Sources pages show titles


def test_a_page_made_from_the_timeline_is_prepared_only_when_asked_for(
    timeline, config, monkeypatch
):
    made = []
    plain_facets = listing_module.facets
    monkeypatch.setattr(
        listing_module, "facets", lambda links: made.append(1) or plain_facets(links)
    )
    pages = SiteBuilder(timeline, config).pages(with_events=False)
    assert made == [] and all(page.save_as for page in pages)
    lazy = [page for page in pages if page.shows_only_the_timeline]
    assert [page.save_as for page in pages if page not in lazy] == ["search.html"]
    index = next(page for page in pages if page.save_as == "index.html")
    assert index.context["listing"].number == 1 and made == [1]
    index.forget()
    assert index.context["listing"].number == 1 and made == [1, 1]  # made again when asked


def test_the_search_data_is_made_again_only_when_what_it_indexes_changes(
    tmp_path, timeline, config, monkeypatch
):
    from pelican.plugins.timeline.exports import search_data

    made, plain = [], search_data.text_of
    monkeypatch.setattr(search_data, "text_of", lambda docs: made.append(1) or plain(docs))
    urls, rendering = Urls(config), Rendering(timeline.sources)

    def search_file(cache):
        return exports.search_file(timeline, urls, rendering, config, cache)

    first = BuildCache(tmp_path / "cache", "demo")
    name, text = search_file(first)
    first.save()
    again = BuildCache(tmp_path / "cache", "demo")
    assert search_file(again) == (name, text) and made == [1]  # read back, not made
    retitled = dataclasses.replace(timeline.events[0], title="A new title")
    edited = dataclasses.replace(timeline, events=[retitled, *timeline.events[1:]])
    changed_name, changed_text = exports.search_file(edited, urls, rendering, config, again)
    assert made == [1, 1] and changed_name != name and "A new title" in changed_text


def test_counts_read_as_words():
    from pelican.plugins.timeline.nouns import plural

    assert plural(1, "event") == "1 event" and plural(0, "event") == "0 events"
    assert plural(2, "person", "people") == "2 people"


def test_the_home_page_counts_its_events_in_words(timeline, config):
    from pelican.plugins.timeline.model import Timeline

    def stats(events):
        one = Timeline.build(events, timeline.sources, timeline.gazetteer,
                             config["TIMELINE_TYPES"], config["TIMELINE_ROLES"])  # fmt: skip
        home = SiteBuilder(one, config).pages(with_events=False)[0]
        return home.context["stats"]

    first = timeline.events[0]
    assert stats([first]) == f"1 event, {first.date.year}."
    years = sorted({event.date.year for event in timeline.events})
    assert stats(timeline.events) == f"{len(timeline.events)} events, {years[0]}–{years[-1]}."
