"""Every export of the demo site and of the awkward-inputs site, read by an independent reader.

See tests/readers.py for the readers and what each must find; here are the sites, and the
awkward inputs each reader must get right, quoted whole.
"""

import datetime as dt
import json
import shutil
from pathlib import Path

import feedparser
import pytest
from pybtex.database import parse_string as pybtex_parse

from conftest import HOSTED_URL, run_python
from pelican.plugins.timeline.settings import read_settings
from readers import (
    check_exports,
    cite_this_bibtex,
    read_bibtex_with_bibtexparser,
    read_calendar,
    read_csv,
    tex_to_text,
)

AWKWARD = Path(__file__).parent / "awkward"
AWKWARD_UID_DOMAIN = "railway.example.org"  # its publishconf.py sets TIMELINE_UID_DOMAIN


def build_awkward(destination: Path, settings="pelicanconf.py", env=None) -> Path:
    shutil.copytree(AWKWARD, destination)
    result = run_python(
        "-m", "pelican", "content", "-s", settings, "-o", "output", cwd=destination, env=env
    )
    assert result.returncode == 0, result.stderr + result.stdout
    return destination / "output"


@pytest.fixture(scope="module")
def awkward_site(tmp_path_factory) -> Path:
    return build_awkward(tmp_path_factory.mktemp("awkward") / "site")


@pytest.fixture(scope="module")
def hosted_awkward_site(tmp_path_factory) -> Path:
    return build_awkward(
        tmp_path_factory.mktemp("awkward-hosted") / "site", "publishconf.py",
        {"SITEURL": HOSTED_URL},
    )  # fmt: skip


def test_every_export_of_the_demo_site_reads_back(demo_site, hosted_demo_site):
    check_exports(demo_site, uid_domain="northern-ferries-a-demo-timeline.invalid")
    events = check_exports(hosted_demo_site, HOSTED_URL, uid_domain="timeline.test")
    baltic = next(e for e in events if e["slug"] == "2021-05-03-baltic-star-build")
    assert (baltic["precision"], baltic["end_precision"]) == ("day", "month")


def test_every_export_of_the_awkward_site_reads_back(awkward_site, hosted_awkward_site):
    check_exports(awkward_site, uid_domain="uber-die-passe-an-awkward-railway-timeline.invalid")
    check_exports(hosted_awkward_site, HOSTED_URL, uid_domain=AWKWARD_UID_DOMAIN)


def test_imprecise_dates_stay_imprecise_in_json_and_csv(awkward_site):
    events = {e["slug"]: e for e in json.loads((awkward_site / "events.json").read_text())}
    shown = {
        slug: (e["date"], e["start"], e["end"], e["precision"], e["end_precision"])
        for slug, e in events.items()
    }
    assert shown == {
        "0950-06-01-monks-cut-the-first-path": ("0950-06-01", "0950-06-01", "0950-06-01", "day", "day"),
        "1987-fares-rise": ("1987", "1987-01-01", "1987-12-31", "year", "year"),
        "1998-11-snow-season": ("1998-11/1999-02-14", "1998-11-01", "1999-02-14", "month", "day"),
        "1999-07-rails-buckle": ("1999-07", "1999-07-01", "1999-07-31", "month", "month"),
        "2005-avalanche": ("2005~", "2005-01-01", "2005-12-31", "year", "year"),
        "2010-03-04-vostok-arrives": ("2010-03-04?", "2010-03-04", "2010-03-04", "day", "day"),
        "2012-05-06-railfans-refund": ("2012-05-06", "2012-05-06", "2012-05-06", "day", "day"),
        "2023-01-25-tunnel-works": ("2023-01-25/2023-02", "2023-01-25", "2023-02-28", "day", "month"),
    }  # fmt: skip
    assert (
        events["2005-avalanche"]["approximate"] and events["2010-03-04-vostok-arrives"]["uncertain"]
    )
    rows = {r["slug"]: r for r in read_csv(awkward_site / "events.csv")}
    assert rows["2023-01-25-tunnel-works"]["date"] == "2023-01-25/2023-02"
    assert rows["2023-01-25-tunnel-works"]["end_precision"] == "month"


def test_spreadsheet_formulas_are_neutralised_in_the_csv(awkward_site):
    titles = {r["slug"]: r["title"] for r in read_csv(awkward_site / "events.csv")}
    assert (
        titles["2023-01-25-tunnel-works"]
        == "'=SUM(1+1) tunnel works run from 25 January into February"
    )
    assert titles["1987-fares-rise"] == "'+15% on every fare: the board's new tariff"
    assert titles["1999-07-rails-buckle"] == "'-40 °C in winter, +35 °C in July: the rails buckle"
    assert titles["2012-05-06-railfans-refund"] == "'@railfans ask for a 100% refund & an apology"
    assert titles["2005-avalanche"] == "Çığ düştü: dağ hattı üç gün kapalı (İzmir–Şile)"


def test_the_calendar_holds_mixed_intervals_and_years_below_1000(awkward_site, hosted_awkward_site):
    offline = {str(v["UID"]).split("@")[0]: v for v in read_calendar(awkward_site / "events.ics")}
    # Known to the month or the year at the start: not in a calendar.
    assert sorted(offline) == [
        "0950-06-01-monks-cut-the-first-path", "2010-03-04-vostok-arrives",
        "2012-05-06-railfans-refund", "2023-01-25-tunnel-works",
    ]  # fmt: skip
    tunnel = offline["2023-01-25-tunnel-works"]
    assert (tunnel["DTSTART"].dt, tunnel["DTEND"].dt) == (dt.date(2023, 1, 25), dt.date(2023, 3, 1))
    assert str(tunnel["DESCRIPTION"]) == (
        "Works in the tunnel began on 25 January and ended some time in February.\n\n"
        "Date: 25 January 2023 – February 2023"
    )
    monks = offline["0950-06-01-monks-cut-the-first-path"]
    assert monks["DTSTART"].dt == dt.date(950, 6, 1)
    assert "DTSTART;VALUE=DATE:09500601\r\n" in (awkward_site / "events.ics").read_bytes().decode()
    vostok = offline["2010-03-04-vostok-arrives"]
    assert str(vostok["SUMMARY"]) == "Поезд «Восток» прибыл ~ в полдень (date uncertain)"
    hosted = {str(v["UID"]): v for v in read_calendar(hosted_awkward_site / "events.ics")}
    assert str(hosted[f"2023-01-25-tunnel-works@{AWKWARD_UID_DOMAIN}"]["URL"]) == (
        f"{HOSTED_URL}/events/2023-01-25-tunnel-works.html"
    )


def test_bibtex_names_titles_and_dates_as_pybtex_reads_them(awkward_site):
    entries = pybtex_parse((awkward_site / "sources.bib").read_text(), "bibtex").entries
    (board,) = entries["board-1987"].persons["author"]
    assert (board.first_names, board.last_names) == (
        [],
        ["{Press service of the Rail \\& Road Board}"],
    )
    (smith,) = entries["annals-0950"].persons["author"]  # written family: "Smith, Jr."
    assert (smith.first_names, smith.last_names, smith.lineage_names) == (
        ["John"],
        ["Smith"],
        ["Jr."],
    )
    gogh, brandt = entries["gazette-1999"].persons["author"]
    assert (gogh.prelast_names, gogh.last_names, gogh.first_names) == (
        ["van"],
        ["Gogh"],
        ["Vincent"],
    )
    assert (brandt.last_names, brandt.lineage_names) == (["Brandt"], ["Jr."])
    forum = entries["forum-2012"].fields
    assert (
        forum["title"]
        == r"Refund\_request: 100\% \& \$5 fee, 2\textasciicircum{}3 \textbackslash{}o/"
    )
    assert tex_to_text(forum["title"]) == r"Refund_request: 100% & $5 fee, 2^3 \o/"
    gazette = entries["gazette-1999"].fields
    assert tex_to_text(gazette["title"]) == "Heat buckles rails ~ 40 °C in the valley"
    assert (gazette["date"], gazette["note"]) == ("1999-07-30", "date uncertain")
    annals = entries["annals-0950"].fields
    assert (annals["date"], annals["note"]) == ("1890", "date approximate")
    assert annals["url"] == "https://library.example.org/annals_of_the_pass/%C3%A7?page=2&vol=3#p12"
    assert entries["tunnel-2023"].fields["date"] == "2023-01-25/2023-02"
    assert entries["postasi-2005"].fields["titleaddon"] == (
        "[Avalanche: the mountain line closed for three days]"
    )
    by_bibtexparser = read_bibtex_with_bibtexparser((awkward_site / "sources.bib").read_text())
    (name,) = by_bibtexparser["board-1987"]["author"]
    assert (name.first, name.last) == ([], ["{Press service of the Rail \\& Road Board}"])


def test_csl_json_keeps_translations_and_archived_copies_in_custom(awkward_site):
    items = {i["id"]: i for i in json.loads((awkward_site / "sources.json").read_text())}
    assert items["vestnik-2010"]["custom"] == {
        "title-english": "The Vostok train arrived at noon",
        "archived-url": "https://web.archive.org/web/2011/https://vestnik.example.org/2010/vostok",
    }
    assert items["annals-0950"]["author"] == [{"family": "Smith", "given": "John", "suffix": "Jr."}]
    assert items["annals-0950"]["issued"] == {"date-parts": [[1890]], "circa": True, "raw": "1890~"}
    assert items["tunnel-2023"]["issued"] == {"date-parts": [[2023, 1, 25], [2023, 2]]}
    assert items["forum-2012"]["author"] == [{"literal": "railfan_42"}]


def test_cite_this_event_is_read_by_pybtex(hosted_awkward_site):
    page = hosted_awkward_site / "events" / "2012-05-06-railfans-refund.html"
    entry = pybtex_parse(cite_this_bibtex(page), "bibtex").entries["2012-05-06-railfans-refund"]
    assert entry.fields["title"] == r"@railfans ask for a 100\% refund \& an apology"
    assert entry.fields["url"] == f"{HOSTED_URL}/events/2012-05-06-railfans-refund.html"
    assert (
        tex_to_text(entry.fields["howpublished"]) == "Über die Pässe: an awkward railway timeline"
    )
    avalanche = hosted_awkward_site / "events" / "2005-avalanche.html"
    note = pybtex_parse(cite_this_bibtex(avalanche), "bibtex").entries["2005-avalanche"]
    assert note.fields["note"] == "Timeline entry for c. 2005"


def test_the_feed_keeps_imprecise_dates_imprecise(hosted_awkward_site):
    feed = feedparser.parse((hosted_awkward_site / "feeds" / "all.atom.xml").read_bytes())
    titles = sorted(entry.title for entry in feed.entries)
    assert titles == [
        "+15% on every fare: the board's new tariff (1987)",
        "-40 °C in winter, +35 °C in July: the rails buckle (July 1999)",
        "=SUM(1+1) tunnel works run from 25 January into February (25 January 2023 – February 2023)",
        "@railfans ask for a 100% refund & an apology (6 May 2012)",
        "Monks cut the first path over the pass (1 June 950)",
        "Snow closes the upper line from November to 14 February (November 1998 – 14 February 1999)",
        "Çığ düştü: dağ hattı üç gün kapalı (İzmir–Şile) (c. 2005)",
        "Поезд «Восток» прибыл ~ в полдень (4 March 2010 (uncertain))",
    ]


DOMAIN_HINT = 'lowercase letters, digits, "-" and ".", e.g. "timeline.example.org"'


@pytest.mark.parametrize(
    ("value", "message", "hint"),
    [
        ("Timeline.Example.org", "'Timeline.Example.org' is not a domain name", DOMAIN_HINT),
        ("https://timeline.example.org", "'https://timeline.example.org' is not a domain name", DOMAIN_HINT),
        (42, "must be text, not 42", 'write "" for none'),
    ],
)  # fmt: skip
def test_the_uid_domain_setting_is_checked(value, message, hint):
    _, problems = read_settings({"TIMELINE_UID_DOMAIN": value})
    assert [(p.path, p.field, p.message, p.hint) for p in problems] == [
        ("pelicanconf.py", "TIMELINE_UID_DOMAIN", message, hint)
    ]
    assert read_settings({"TIMELINE_UID_DOMAIN": "timeline.example.org"})[1] == []
