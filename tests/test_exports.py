"""Exports beside events.json, feeds and page metadata."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

from conftest import HOSTED_URL

ATOM = "{http://www.w3.org/2005/Atom}"
TARIFF = "events/1996-03-ports-agree-common-tariff.html"  # known to the month; an ampersand


def read(site, name):
    return (site / name).read_text(encoding="utf-8")


def test_csv_has_a_row_per_event_in_order(demo_site):
    events = json.loads(read(demo_site, "events.json"))
    rows = list(csv.DictReader(io.StringIO(read(demo_site, "events.csv"))))
    assert [r["slug"] for r in rows] == [e["slug"] for e in events]
    tariff = next(r for r in rows if r["slug"] == "1996-03-ports-agree-common-tariff")
    assert (tariff["date"], tariff["start"], tariff["precision"], tariff["countries"]) == (
        "1996-03",
        "1996-03-01",
        "month",
        "DK; SE; DE",
    )
    assert tariff["title"] == "Ports agree a common tariff & timetable"
    assert tariff["source_urls"] == "https://gazette.example.org/1996/03/tariff"


def test_ics_has_the_events_whose_first_day_is_known_as_all_day_events(demo_site):
    text = (demo_site / "events.ics").read_bytes().decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    unfolded = text.replace("\r\n ", "")
    events = json.loads(read(demo_site, "events.json"))
    day_events = [e for e in events if e["precision"] == "day"]
    assert unfolded.count("BEGIN:VEVENT") == len(day_events)
    # Known to the day, then to the month: until the end of that month (DTEND is exclusive).
    baltic = unfolded.split("UID:2021-05-03-baltic-star-build@")[1].split("END:VEVENT")[0]
    assert "DTSTART;VALUE=DATE:20210503" in baltic and "DTEND;VALUE=DATE:20210701" in baltic
    assert "UID:1996-03-ports-agree-common-tariff@" not in unfolded  # known to the month only
    drill = unfolded.split("UID:2024-07-08-joint-rescue-drill@")[1].split("END:VEVENT")[0]
    assert "DTSTART;VALUE=DATE:20240708" in drill and "DTEND;VALUE=DATE:20240718" in drill
    uncertain = unfolded.split("UID:2016-08-30-skerries-summer-route-opens@")[1].split(
        "END:VEVENT"
    )[0]
    assert "(date uncertain)" in uncertain


def test_bibliography_as_csl_json_and_bibtex(demo_site):
    items = json.loads(read(demo_site, "sources.json"))
    gazette = next(i for i in items if i["id"] == "gazette-1995-05-02")
    assert gazette["issued"] == {"date-parts": [[1995, 5, 2]]}
    assert gazette["container-title"] == "The Harbour Gazette"
    assert gazette["URL"] == "https://gazette.example.org/1995/05/first-ferry"
    bib = read(demo_site, "sources.bib")
    assert bib.count("\n@") + bib.startswith("@") == len(items)
    entry = bib.split("{gazette-1995-05-02,")[1].split("\n}")[0]
    assert "journal = {The Harbour Gazette}" in entry and "date = {1995-05-02}" in entry


def test_event_page_metadata(demo_site, hosted_demo_site):
    page = read(hosted_demo_site, TARIFF)
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    )
    assert (
        data["@type"] == "Event" and data["startDate"] == "1996-03" and data["endDate"] == "1996-03"
    )
    assert {p["name"] for p in data["location"]} == {"Denmark", "Sweden", "Germany"}
    assert data["name"] == "Ports agree a common tariff & timetable"
    assert data["url"] == f"{HOSTED_URL}/{TARIFF}"
    assert f'<link rel="canonical" href="{HOSTED_URL}/{TARIFF}">' in page
    assert (
        '<meta property="og:title" content="Ports agree a common tariff &amp; timetable">' in page
    )
    assert "Cite this event" in page and "@misc{1996-03-ports-agree-common-tariff," in page
    local = read(demo_site, TARIFF)
    assert 'rel="canonical"' not in local and "og:url" not in local


def test_feeds_are_ordered_by_change_and_exist_per_country(hosted_demo_site):
    feed = ET.parse(hosted_demo_site / "feeds" / "all.atom.xml").getroot()
    updated = [e.find(f"{ATOM}updated").text for e in feed.findall(f"{ATOM}entry")]
    assert updated and updated == sorted(updated, reverse=True)
    links = [e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")]
    assert all(link.startswith(f"{HOSTED_URL}/events/") for link in links)
    dk = ET.parse(hosted_demo_site / "feeds" / "dk.atom.xml").getroot()
    events = json.loads(read(hosted_demo_site, "events.json"))
    dk_slugs = {e["slug"] for e in events if "DK" in e["countries"]}
    linked = {
        e.find(f"{ATOM}link").get("href").rsplit("/", 1)[1][:-5] for e in dk.findall(f"{ATOM}entry")
    }
    assert linked == dk_slugs


def test_sitemap_and_robots_in_the_hosted_build_only(demo_site, hosted_demo_site):
    sitemap = ET.parse(hosted_demo_site / "sitemap.xml").getroot()
    locations = {u.find("{http://www.sitemaps.org/schemas/sitemap/0.9}loc").text for u in sitemap}
    assert f"{HOSTED_URL}/index.html" in locations
    assert f"{HOSTED_URL}/pages/about.html" in locations
    assert len([u for u in locations if "/events/" in u]) == len(
        json.loads(read(hosted_demo_site, "events.json"))
    )
    assert (
        read(hosted_demo_site, "robots.txt")
        == f"User-agent: *\nAllow: /\nSitemap: {HOSTED_URL}/sitemap.xml\n"
    )
    for name in ("sitemap.xml", "robots.txt", "feeds"):
        assert not (demo_site / name).exists()


def test_a_large_timeline_indexes_fewer_body_words_per_event():
    from pelican.plugins.timeline.exports.search_data import body_words_each

    assert body_words_each(42, 200, 100_000) == 200
    assert body_words_each(10_000, 200, 100_000) == 10
    assert body_words_each(10_000, 200, 0) == body_words_each(0, 0, 100) == 0


def test_search_data_holds_every_event(demo_site):
    (name,) = [p.name for p in demo_site.glob("search-data.*.js")]
    assert re.fullmatch(r"search-data\.[0-9a-f]{10}\.js", name)  # named by its content
    assert name in read(demo_site, "search.html")
    text = read(demo_site, name)
    # {"fields": [...], "row": [...], "rows": '<JSON>', "index": '<JSON>'}: the index is
    # MiniSearch's serialised index (tests/test_search.py), the rows what each hit shows;
    # both JSON texts in single-quoted JavaScript strings.
    data = re.fullmatch(
        r"window\.TIMELINE_SEARCH = \{\"fields\":(.*),\"row\":(.*),\"rows\":'(.*)',\n"
        r"\"index\":'(.*)'\};\n",
        text,
    ).groups()
    escapes = {"\\": "\\", "'": "'", "n": "\n", "r": "\r", "/": "/"}
    fields, row, rows, index = (
        json.loads(
            re.sub(
                r"\\(u[0-9a-f]{4}|.)", lambda m: escapes.get(m[1]) or chr(int(m[1][1:], 16)), part
            )
        )
        for part in data
    )
    assert index["serializationVersion"] == 2 and index["fieldIds"] == {
        f: i for i, f in enumerate(fields)
    }
    assert index["documentCount"] == len(rows) == len(json.loads(read(demo_site, "events.json")))
    built = dict(
        zip(
            row,
            next(r for r in rows if r[0] == "events/2021-05-03-baltic-star-build.html"),
            strict=True,
        )
    )
    assert "MS Baltic Star" in built["systems"] and "Poland" in built["places"]
    assert "keel" in built["body"] and "[1]" not in built["body"]
