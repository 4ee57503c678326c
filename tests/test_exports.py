"""Exports beside events.json, feeds and page metadata."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import ROOT, pelican_build

ATOM = "{http://www.w3.org/2005/Atom}"


def read(site, name):
    return (site / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def hosted_site(tmp_path_factory):
    output = tmp_path_factory.mktemp("hosted") / "output"
    result = pelican_build(
        ROOT / "content", output, ROOT / "publishconf.py", env={"SITEURL": "https://timeline.test"}
    )
    assert result.returncode == 0, result.stderr
    return output


def test_csv_has_a_row_per_event_in_order(bundled_site):
    events = json.loads(read(bundled_site, "events.json"))
    rows = list(csv.DictReader(io.StringIO(read(bundled_site, "events.csv"))))
    assert [r["slug"] for r in rows] == [e["slug"] for e in events]
    anka = next(r for r in rows if r["slug"] == "2021-10-kz-orders-anka")
    assert (anka["date"], anka["start"], anka["precision"], anka["countries"]) == (
        "2021-10",
        "2021-10-01",
        "month",
        "KZ; TR",
    )
    assert "aresdifesa" in anka["source_urls"]


def test_ics_has_only_day_precise_events_as_all_day_events(bundled_site):
    text = (bundled_site / "events.ics").read_bytes().decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    unfolded = text.replace("\r\n ", "")
    events = json.loads(read(bundled_site, "events.json"))
    day_events = [
        e
        for e in events
        if e["precision"] == "day" and len(e["date"].split("/")[-1].strip("~?%")) == 10
    ]
    assert unfolded.count("BEGIN:VEVENT") == len(day_events)
    assert "UID:2021-10-kz-orders-anka@" not in unfolded  # known to the month only
    birlestik = unfolded.split("UID:2024-07-08-birlestik-2024-exercise@")[1].split("END:VEVENT")[0]
    assert "DTSTART;VALUE=DATE:20240708" in birlestik and "DTEND;VALUE=DATE:20240718" in birlestik
    uncertain = unfolded.split("UID:2022-11-23-uz-tr-kurbanov-ankara-agreement@")[1].split(
        "END:VEVENT"
    )[0]
    assert "(date uncertain)" in uncertain


def test_bibliography_as_csl_json_and_bibtex(bundled_site):
    items = json.loads(read(bundled_site, "sources.json"))
    astana = next(i for i in items if i["id"] == "astanatimes-2023-11-08")
    assert astana["issued"] == {"date-parts": [[2023, 11, 8]]}
    assert astana["container-title"] == "The Astana Times" and astana["URL"].startswith("https://")
    bib = read(bundled_site, "sources.bib")
    assert bib.count("\n@") + bib.startswith("@") == len(items)
    entry = bib.split("{astanatimes-2023-11-08,")[1].split("\n}")[0]
    assert "journal = {The Astana Times}" in entry and "date = {2023-11-08}" in entry


def test_event_page_metadata(bundled_site, hosted_site):
    page = read(hosted_site, "events/2021-10-kz-orders-anka.html")
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    )
    assert (
        data["@type"] == "Event" and data["startDate"] == "2021-10" and data["endDate"] == "2021-10"
    )
    assert {p["name"] for p in data["location"]} == {"Kazakhstan", "Türkiye"}
    assert data["url"] == "https://timeline.test/events/2021-10-kz-orders-anka.html"
    assert (
        '<link rel="canonical" href="https://timeline.test/events/2021-10-kz-orders-anka.html">'
        in page
    )
    assert (
        '<meta property="og:title" content="Kazakhstan buys three ANKA drones from Turkish Aerospace">'
        in page
    )
    assert "Cite this event" in page and "@misc{2021-10-kz-orders-anka," in page
    local = read(bundled_site, "events/2021-10-kz-orders-anka.html")
    assert 'rel="canonical"' not in local and "og:url" not in local


def test_feeds_are_ordered_by_change_and_exist_per_country(hosted_site):
    feed = ET.parse(hosted_site / "feeds" / "all.atom.xml").getroot()
    updated = [e.find(f"{ATOM}updated").text for e in feed.findall(f"{ATOM}entry")]
    assert updated and updated == sorted(updated, reverse=True)
    links = [e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")]
    assert all(link.startswith("https://timeline.test/events/") for link in links)
    kz = ET.parse(hosted_site / "feeds" / "kz.atom.xml").getroot()
    assert kz.findall(f"{ATOM}entry")
    events = json.loads(read(hosted_site, "events.json"))
    kz_slugs = {e["slug"] for e in events if "KZ" in e["countries"]}
    for entry in kz.findall(f"{ATOM}entry"):
        assert entry.find(f"{ATOM}link").get("href").rsplit("/", 1)[1][:-5] in kz_slugs


def test_sitemap_and_robots_in_the_hosted_build_only(bundled_site, hosted_site):
    sitemap = ET.parse(hosted_site / "sitemap.xml").getroot()
    locations = {u.find("{http://www.sitemaps.org/schemas/sitemap/0.9}loc").text for u in sitemap}
    assert "https://timeline.test/index.html" in locations
    assert "https://timeline.test/pages/about.html" in locations
    assert len([u for u in locations if "/events/" in u]) == len(
        json.loads(read(hosted_site, "events.json"))
    )
    assert (
        read(hosted_site, "robots.txt")
        == "User-agent: *\nAllow: /\nSitemap: https://timeline.test/sitemap.xml\n"
    )
    for name in ("sitemap.xml", "robots.txt", "feeds"):
        assert not (bundled_site / name).exists()


def test_search_data_holds_every_event(bundled_site):
    (name,) = [p.name for p in bundled_site.glob("search-data.*.js")]
    assert re.fullmatch(r"search-data\.[0-9a-f]{10}\.js", name)  # named by its content
    assert name in read(bundled_site, "search.html")
    text = read(bundled_site, name)
    assert text.startswith("window.TIMELINE_SEARCH = JSON.parse(")
    data = json.loads(json.loads(text[len("window.TIMELINE_SEARCH = JSON.parse(") : -3]))
    assert len(data["documents"]) == len(json.loads(read(bundled_site, "events.json")))
    anka = next(d for d in data["documents"] if d["url"] == "events/2021-10-kz-orders-anka.html")
    assert (
        "ANKA" in anka["systems"] and "Kazakhstan" in anka["places"] and "[1]" not in anka["body"]
    )
