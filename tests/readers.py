"""Independent readers of a built site's exports, and what each must find there.

Each export is read back by the program people use to read it (icalendar, csv, pybtex,
bibtexparser, citeproc-py, the official CSL data schema, extruct), never by matching
strings. ``check_exports`` runs them all over one built site and compares what they read
with ``events.json`` and ``sources.json``; the demo site, the awkward-inputs site and the
bundled site (tests/test_content.py) all go through it.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
import warnings
from pathlib import Path

import bibtexparser
import extruct
import feedparser
import icalendar
import jsonschema
import yaml
from bibtexparser import middlewares
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as citeproc_formatter
from citeproc.source.json import CiteProcJSON
from pybtex.database import parse_string as pybtex_parse
from pylatexenc.latex2text import LatexNodes2Text

from pelican.plugins.timeline import frontmatter

VENDOR = Path(__file__).parent / "vendor"
CSL_DATA_SCHEMA = json.loads((VENDOR / "csl-schema" / "csl-data.json").read_text("utf-8"))
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PRECISION_LENGTH = {"year": 4, "month": 7, "day": 10}


# --- YAML as an editor reads it ------------------------------------------------------------


class Yaml12Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """YAML 1.2's core schema, as the `yaml` package of Node (and so the editor linter)
    reads front matter: `2022` is a number, `NO` is text, `2021-11-07` is text. libyaml's
    parser, as the checker's: PyYAML's own refuses `{date: 2021-10?}`, which both read."""


Yaml12Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
              r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+0123456789."),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):  # fmt: skip
    Yaml12Loader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), _first)


def _yaml12_int(loader, node):
    value = loader.construct_scalar(node)
    if value.startswith("0o"):
        return int(value[2:], 8)
    return int(value, 16) if value.startswith("0x") else int(value, 10)


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _yaml12_int)


def yaml_as_editors_read_it(text: str):
    return yaml.load(text, Loader=Yaml12Loader)  # a SafeLoader with YAML 1.2's types


def front_matter_as_editors_read_it(raw: bytes):
    """The front matter of an entry file as a YAML 1.2 reader types it, or None when the
    file has none the checker could read."""
    try:
        head = frontmatter.split(frontmatter.decode(raw))[0]
        return yaml_as_editors_read_it(head)
    except (frontmatter.FrontMatterError, yaml.YAMLError, ValueError):
        return None


# --- the readers ---------------------------------------------------------------------------


def read_calendar(path: Path) -> list:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return list(calendar.walk("VEVENT"))


def read_csv(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8"), newline="")))


def tex_to_text(value: str) -> str:
    """A BibTeX value as text, decoded by pylatexenc (bibtexparser's decoder), which shows
    \\textasciicircum as the modifier letter ˆ."""
    return LatexNodes2Text().latex_to_text(value).replace("ˆ", "^")


def read_bibtex_with_bibtexparser(text: str):
    library = bibtexparser.parse_string(
        text, append_middleware=[middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()]
    )
    assert library.failed_blocks == [], [b.error for b in library.failed_blocks]
    return {entry.key: entry for entry in library.entries}


def format_with_citeproc(items: list[dict]) -> dict[str, str]:
    """Every item of a CSL-JSON list formatted in the Harvard style citeproc-py ships."""
    with warnings.catch_warnings():
        # citeproc-py warns that it does not use "custom", which the CSL schema allows.
        warnings.filterwarnings("ignore", message=".*unsupported: custom")
        source = CiteProcJSON(items)
        style = CitationStylesStyle("harvard-cite-them-right", validate=False)
        bibliography = CitationStylesBibliography(style, source, citeproc_formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        bibliography.sort()
        texts = [str(entry) for entry in bibliography.bibliography()]
    return dict(zip(bibliography.keys, texts, strict=True))


def page_metadata(page: Path, url: str) -> dict:
    return extruct.extract(
        page.read_text("utf-8"), base_url=url, syntaxes=["json-ld", "opengraph"], uniform=True
    )


def cite_this_bibtex(page: Path) -> str:
    found = re.search(
        r"<summary>BibTeX</summary><pre><code>(.*?)</code></pre>", page.read_text("utf-8"), re.S
    )
    assert found, page
    return html.unescape(found.group(1))


# --- what they must find -------------------------------------------------------------------


def _iso(text: str, precision: str) -> str:
    return text[: PRECISION_LENGTH[precision]]


def person_text(parts: list[str]) -> str:
    return tex_to_text(" ".join(parts))


def check_names(csl_names: list[dict], persons: list) -> None:
    """pybtex's reading of each name is the CSL name: a corporate name is one last name."""
    assert len(persons) == len(csl_names), (csl_names, [str(p) for p in persons])
    for name, person in zip(csl_names, persons, strict=True):
        if "literal" in name:
            assert person.first_names == person.lineage_names == person.prelast_names == []
            assert person_text(person.last_names) == name["literal"], str(person)
            continue
        particle = " ".join(
            name[k] for k in ("dropping-particle", "non-dropping-particle") if k in name
        )
        assert person_text(person.last_names) == name["family"], str(person)
        assert person_text(person.first_names) == name.get("given", ""), str(person)
        assert person_text(person.prelast_names) == particle, str(person)
        assert person_text(person.lineage_names) == name.get("suffix", ""), str(person)


def check_bibliography(output: Path) -> None:
    items = json.loads((output / "sources.json").read_text("utf-8"))
    errors = [
        f"{list(e.absolute_path)}: {e.message}"
        for e in jsonschema.Draft7Validator(CSL_DATA_SCHEMA).iter_errors(items)
    ]
    assert errors == []
    formatted = format_with_citeproc(items)
    assert sorted(formatted) == sorted(i["id"] for i in items)
    for item in items:
        assert item["title"] in formatted[item["id"]], formatted[item["id"]]
        for name in item.get("author", []):
            shown = name.get("literal") or name["family"]
            assert shown in formatted[item["id"]], (shown, formatted[item["id"]])
        issued = item.get("issued")
        if issued and len(issued["date-parts"]) == 1:  # citeproc-py drops ranges' years
            assert str(issued["date-parts"][0][0]) in formatted[item["id"]]

    bib = (output / "sources.bib").read_text("utf-8")
    entries = pybtex_parse(bib, "bibtex").entries
    by_bibtexparser = read_bibtex_with_bibtexparser(bib)
    assert sorted(entries) == sorted(by_bibtexparser) == sorted(i["id"] for i in items)
    for item in items:
        entry = entries[item["id"]]
        assert tex_to_text(entry.fields["title"]) == item["title"], entry.fields["title"]
        assert tex_to_text(by_bibtexparser[item["id"]]["title"]) == item["title"]
        check_names(item.get("author", []), entry.persons.get("author", []))
        # Addresses are verbatim (bibtexparser alone cuts a value at "%", as a comment).
        assert entry.fields.get("url") == item.get("URL"), entry.fields.get("url")
        if "%" not in item.get("URL", "%"):
            assert by_bibtexparser[item["id"]]["url"] == item["URL"]
        issued = item.get("issued")
        if issued:
            # ISO 8601 as precise as CSL's date-parts: no EDTF qualifier reaches TeX.
            parts = ["-".join(f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate(d))
                     for d in issued["date-parts"]]  # fmt: skip
            assert entry.fields["date"] == "/".join(parts)
            assert entry.fields["year"] == str(issued["date-parts"][0][0])
            if issued.get("circa"):
                assert "date approximate" in entry.fields["note"]
            if "?" in issued.get("raw", "") or "%" in issued.get("raw", ""):
                assert "uncertain" in entry.fields["note"]
        else:
            assert "date" not in entry.fields


def check_feed(path: Path, events: list[dict]) -> None:
    """feedparser reads the feed cleanly; each item is an event, titled with its date as
    the site writes it ("c. 2005", "March 1996"), never a day it does not know."""
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    by_url = {e["url"]: e for e in events}
    assert feed.entries
    for item in feed.entries:
        event = by_url[item.link]
        assert item.title.startswith(f"{event['title']} (") and item.title.endswith(")")
        shown = item.title[len(event["title"]) + 2 : -1]
        if event["precision"] == "year" == event["end_precision"] and "/" not in event["date"]:
            assert re.fullmatch(r"(c\. )?\d{1,4}( \(uncertain\))?", shown), shown
        if event["precision"] == "month" == event["end_precision"] and "/" not in event["date"]:
            assert re.fullmatch(r"(c\. )?[A-Z][a-z]+ \d{1,4}( \(uncertain\))?", shown), shown


def check_exports(output: Path, site_url: str = "", uid_domain: str = "") -> list[dict]:
    """Read every export of a built site back; return the events of events.json."""
    events = json.loads((output / "events.json").read_text("utf-8"))
    for event in events:
        for end, precision in (("start", "precision"), ("end", "end_precision")):
            assert event[precision] in PRECISION_LENGTH, event
            assert dt.date.fromisoformat(event[end])
        assert event["start"] <= event["end"]
        assert event["url"].startswith(f"{site_url}/") if site_url else "://" not in event["url"]

    rows = read_csv(output / "events.csv")
    assert [r["slug"] for r in rows] == [e["slug"] for e in events]
    for row, event in zip(rows, events, strict=True):
        for column, value in row.items():
            # What a spreadsheet would run as a formula carries a ' before it.
            assert not value.startswith(FORMULA_STARTS), (column, value)
        title = event["title"]
        assert row["title"] == (f"'{title}" if title.startswith(FORMULA_STARTS) else title)
        assert (row["precision"], row["end_precision"]) == (
            event["precision"],
            event["end_precision"],
        )

    calendar = {str(e["UID"]): e for e in read_calendar(output / "events.ics")}
    if uid_domain:
        assert all(uid.endswith(f"@{uid_domain}") for uid in calendar)
    day_known = [e for e in events if e["precision"] == "day"]
    assert sorted(uid.rsplit("@", 1)[0] for uid in calendar) == sorted(e["slug"] for e in day_known)
    domains = {uid.rsplit("@", 1)[1] for uid in calendar}
    assert len(domains) <= 1 and "timeline" not in domains
    for event in day_known:
        vevent = next(v for u, v in calendar.items() if u.startswith(f"{event['slug']}@"))
        start, end = vevent["DTSTART"].dt, vevent["DTEND"].dt
        assert type(start) is dt.date and type(end) is dt.date  # all-day, never a time
        assert start.isoformat() == event["start"]
        # DTEND is the day after the last day the event may have lasted (RFC 5545).
        assert (end - dt.timedelta(days=1)).isoformat() == event["end"]
        assert str(vevent["SUMMARY"]).startswith(event["title"])
        if event["uncertain"] or event["approximate"]:
            assert str(vevent["SUMMARY"]).endswith(("(date uncertain)", "(date approximate)"))
        if site_url:
            assert str(vevent["URL"]) == event["url"]
        else:
            assert "URL" not in vevent  # an offline build has no address to give

    check_bibliography(output)
    if site_url:
        check_feed(output / "feeds" / "all.atom.xml", events)

    for event in events:
        page = output / event["url"].removeprefix(f"{site_url}/")
        data = page_metadata(page, event["url"] if site_url else page.as_uri())
        (ld,) = [d for d in data["json-ld"] if d.get("@type") == "Event"]
        assert ld["name"] == event["title"]
        # Dates as precise as they are known: "1996-03" stays a month, "2003" a year.
        assert ld["startDate"] == _iso(event["start"], event["precision"])
        assert ld["endDate"] == _iso(event["end"], event["end_precision"])
        (og,) = data["opengraph"]
        assert og["og:title"] == event["title"]
        assert og.get("og:url") == (event["url"] if site_url else None)
        assert ld.get("url") == (event["url"] if site_url else None)
        cite = pybtex_parse(cite_this_bibtex(page), "bibtex").entries[event["slug"]]
        assert tex_to_text(cite.fields["title"]) == event["title"]
        assert cite.fields.get("url") == (event["url"] if site_url else None)
    return events
