"""A build of the demo site: the pages, their links, and events.json."""

import json
import re

from conftest import (
    DEMO,
    EVENT_A,
    EVENT_B,
    HOSTED_URL,
    INLINE_SETTINGS,
    SOURCES,
    copy_demo,
    pelican_build,
    run_python,
    write_site,
)
from sitecheck import broken_links, parse

BUILT = "events/2021-05-03-baltic-star-build.html"  # two sources, milestones, neighbours
LAUNCHED = "events/2021-06-baltic-star-launched.html"  # known to the month
AGROUND = "events/2003-nordlys-runs-aground-in-fog.html"  # an editorial note
ENTRIES = DEMO / "content" / "events"


def read(site, name):
    return (site / name).read_text(encoding="utf-8")


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_every_internal_link_resolves(demo_site):
    assert broken_links(demo_site) == []


def test_every_entry_has_a_page_and_the_index_lists_it(demo_site):
    entries = sorted(p.stem for p in ENTRIES.glob("*.md"))
    pages = {p.stem for p in (demo_site / "events").glob("*.html")}
    redirects = {p.stem for p in (demo_site / "events").glob("*.html")
                 if 'http-equiv="refresh"' in p.read_text(encoding="utf-8")}  # fmt: skip
    assert sorted(pages - redirects) == entries
    home = read(demo_site, "index.html")
    for slug in entries:
        assert f'href="./events/{slug}.html"' in home
    assert home.count("<article ") == len(entries)


def test_home_groups_by_year_with_year_navigation(demo_site):
    home = parse(demo_site / "index.html")
    years = sorted({int(p.name[:4]) for p in ENTRIES.glob("*.md")})
    for year in years:
        assert f"y{year}" in home.ids
        assert f"#y{year}" in home.links
    html = read(demo_site, "index.html")
    headings = re.findall(r'class="year-heading">(\d{4})', html)
    assert [int(y) for y in headings] == years


def test_home_is_in_chronological_order_with_imprecise_dates_first(demo_site):
    records = json.loads(read(demo_site, "events.json"))
    html = read(demo_site, "index.html")
    positions = [html.index(f'id="{r["slug"]}"') for r in records]
    assert positions == sorted(positions)
    keys = [(r["start"], ["year", "month", "day"].index(r["precision"])) for r in records]
    assert keys == sorted(keys)


def test_month_precision_is_never_shown_as_a_day(demo_site):
    event = text_of(read(demo_site, LAUNCHED))
    assert "June 2021 · Opening" in event
    assert '<time datetime="2021-06">June 2021</time>' in read(demo_site, LAUNCHED)
    record = next(r for r in json.loads(read(demo_site, "events.json")) if r["slug"] in LAUNCHED)
    assert (record["date"], record["start"], record["end"], record["precision"]) == (
        "2021-06",
        "2021-06-01",
        "2021-06-30",
        "month",
    )


def test_event_page_has_citations_references_milestones_and_neighbours(demo_site):
    html = read(demo_site, BUILT)
    page = parse(demo_site / BUILT)
    marks = set(re.findall(r'href="#(ref-\d+)"', html))
    assert marks and marks <= page.ids
    references = re.findall(r'<li id="(ref-\d+)">', html)
    assert references == [f"ref-{n}" for n in range(1, len(references) + 1)]
    assert set(references) == marks
    text = text_of(html)
    assert "Ostsee-Kurier" in text and "kurier.example.com/2021/06/baltic-star" in text
    assert "Milestones" in text
    assert "3 May 2021: Keel laid" in re.sub(r"<[^>]+>", "", html)
    assert "Editorial note" not in text
    assert "Editorial note The report gives only the year" in text_of(read(demo_site, AGROUND))
    assert 'rel="prev"' in html and 'rel="next"' in html
    assert 'rel="bookmark"' in html


def test_country_pages_list_their_events_with_counts(demo_site):
    records = json.loads(read(demo_site, "events.json"))
    codes = {code for r in records for code in r["countries"]}
    assert {"DK", "NO", "NFA"} <= codes  # Norway, not read as false; an organisation
    for code in sorted(codes):
        html = read(demo_site, f"countries/{code.lower()}.html")
        expected = [r["slug"] for r in records if code in r["countries"]]
        found = re.findall(r'<article class="event-item" id="([^"]+)"', html)
        assert found == expected
        assert f"{len(expected)} of {len(records)} events" in text_of(html)
    index = text_of(read(demo_site, "countries/index.html"))
    assert "Norway" in index and "Northern Ferry Association" in index


def test_type_pages_and_sources_page(demo_site):
    records = json.loads(read(demo_site, "events.json"))
    for kind in {r["type"] for r in records}:
        html = read(demo_site, f"types/{kind}.html")
        assert html.count("<article ") == sum(r["type"] == kind for r in records)
    sources = read(demo_site, "sources.html")
    cited = {s["id"] for r in records for s in r["sources"]}
    listed = set(re.findall(r'<li id="([^"]+)">', sources))
    assert listed == cited
    block = sources.split('id="gazette-2021-05-03"')[1].split("</li>")[0]
    assert "./events/2021-05-03-keel-of-baltic-star.html" in block
    assert "./events/2021-05-03-baltic-star-build.html" in block
    assert "./events/2021-06-baltic-star-launched.html" not in block


def test_events_json_is_the_documented_interface(demo_site):
    records = json.loads(read(demo_site, "events.json"))
    assert len(records) == len(list(ENTRIES.glob("*.md")))
    keys = {"slug", "title", "date", "start", "end", "precision", "countries", "type", "tags",
            "people", "systems", "summary", "url", "sources"}  # fmt: skip
    for record in records:
        assert keys <= set(record)
        assert record["precision"] in ("year", "month", "day")
        assert (demo_site / record["url"]).is_file()
        for source in record["sources"]:
            assert set(source) == {"id", "title", "container_title", "issued", "url"}
    drill = next(r for r in records if r["slug"] == "2024-07-08-joint-rescue-drill")
    assert (drill["date"], drill["start"], drill["end"]) == (
        "2024-07-08/2024-07-17",
        "2024-07-08",
        "2024-07-17",
    )
    assert drill["countries"] == ["DK", "SE", "FI", "NFA"]  # as the entry lists them


def test_pages_from_content_pages_are_built(demo_site):
    about = read(demo_site, "pages/about.html")
    assert "An invented timeline that the generator's tests build." in text_of(about)
    # The demo theme's page.html puts it in the timeline's look, not Pelican's default theme.
    assert 'class="site-nav"' in about and "theme/css/main.css" not in about


def test_bad_content_fails_the_plain_pelican_build_and_writes_nothing(tmp_path):
    content = write_site(
        tmp_path, {"2023-11-07-x.md": EVENT_A.replace("[TR, KZ]", "[TR, Kazakstan]")}
    )
    output = tmp_path / "output"
    result = pelican_build(content, output)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert (
        "content/events/2023-11-07-x.md:4:17: error: countries: unknown country or organisation "
        "'Kazakstan' (did you mean KZ (Kazakhstan)?)" in result.stderr
    )
    assert not output.exists()


def test_failed_invoke_build_leaves_the_previous_site(tmp_path):
    project = copy_demo(tmp_path)
    first = run_python("-m", "invoke", "build", cwd=project)
    assert first.returncode == 0, first.stderr
    before = read(project / "output", "index.html")
    entry = project / "content" / "events" / "2021-06-baltic-star-launched.md"
    entry.write_text(
        entry.read_text(encoding="utf-8").replace("date: 2021-06", "date: 2021-06-45"),
        encoding="utf-8",
    )
    second = run_python("-m", "invoke", "build", cwd=project)
    assert second.returncode == 1
    assert (
        "2021-06-baltic-star-launched.md:3:7: error: date: 2021-06-45 is not a real date: June 2021 has 30 days"
        in second.stderr
    )
    assert read(project / "output", "index.html") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".output-")) == []


def test_published_build_has_absolute_urls(hosted_demo_site):
    records = json.loads(read(hosted_demo_site, "events.json"))
    assert records[0]["url"].startswith(f"{HOSTED_URL}/events/")
    assert f"{HOSTED_URL}/{BUILT}" in read(hosted_demo_site, BUILT)


def test_reference_list_shows_author_outlet_dates_language_and_archived_copy(site, tmp_path):
    content = site()
    result = pelican_build(content, tmp_path / "output")
    assert result.returncode == 0, result.stderr

    def plain(name):
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", read(tmp_path / "output", name)))

    drones = plain("events/2021-11-drones.html")
    assert "Kazakhstan orders drones. TRT World, November 2021." in drones
    assert "Accessed 2 January 2024. Archived copy." in drones
    assert 'href="https://web.archive.org/web/2021/https://www.trtworld.com/article/1"' in read(
        tmp_path / "output", "events/2021-11-drones.html"
    )
    plan = read(tmp_path / "output", "events/2023-11-07-plan.html")
    assert (
        "Dana Omirgazy. Kazakhstan, Türkiye Sign a Plan. The Astana Times, 8 November 2023."
        in plain("events/2023-11-07-plan.html")
    )
    assert (
        '<a href="#ref-1" aria-label="Source 1: Kazakhstan, Türkiye Sign a Plan">1</a>, p. 2]'
        in plan
    )


def test_small_pages_split_crowded_years_and_the_sources_and_every_link_resolves(tmp_path):
    project = copy_demo(tmp_path / "site")
    result = run_python("-m", "pelican", "content", "-s", "pelicanconf.py", "-o", "output",
                        "-e", "TIMELINE_EVENTS_PER_PAGE=4", "TIMELINE_SOURCES_PER_PAGE=5",
                        cwd=project)  # fmt: skip
    assert result.returncode == 0, result.stderr
    site = project / "output"
    assert broken_links(site) == []
    sources = sorted(p.name for p in site.glob("sources*.html"))
    assert sources == ["sources-page2.html", "sources-page3.html", "sources-page4.html",
                       "sources.html"]  # 16 sources, 5 a page  # fmt: skip
    second = text_of(read(site, "sources-page2.html"))
    assert "16 sources, each with the events that cite it." in second
    assert "Previous page" in second and "Next page" in second
    # 2021 has six events: four on one page, the other two go on, headed as continued.
    pages = {p.name: text_of(read(site, p.name)) for p in site.glob("index*.html")}
    assert [name for name, text in pages.items() if "2021 (continued)" in text] != []
    assert sum(text.count("2021 (continued)") for text in pages.values()) == 1


FOREIGN_SOURCES = """\
- id: vestnik-2021
  type: article-newspaper
  title: Паром вышел в рейс
  container-title: Морской вестник
  issued: 2021-06-11
  URL: https://vestnik.example.org/2021/%D0%BF%D0%B0%D1%80%D0%BE%D0%BC?id=%D0%B0%20%D0%B1
  language: ru
- id: bahr-2021
  type: article-newspaper
  title: العبارة الجديدة تبحر شمالا
  title-english: The new ferry sails north
  container-title: البحر
  issued: 2021-04-03
  URL: https://bahr.example.org/2021/%D8%B9%D8%A8%D8%A7%D8%B1%D8%A9
  language: ar
- id: kurier-2021
  type: webpage
  title: "[The ferry's timetable for 2021]"
  container-title: Ostsee-Kurier
  URL: https://kurier.example.com/fahrplan
  language: de
"""

FERRY = """\
---
title: A ferry sails
date: 2021-06-11
countries: [KZ]
type: visit
summary: A ferry sailed.
sources: [vestnik-2021, bahr-2021, kurier-2021]
---
It sailed [@vestnik-2021; @bahr-2021; @kurier-2021].
"""


def test_a_reference_shows_its_address_decoded_and_its_title_in_its_language(site, tmp_path):
    content = site({"2021-06-11-ferry.md": FERRY}, sources=SOURCES + FOREIGN_SOURCES)
    result = pelican_build(content, tmp_path / "output")
    assert result.returncode == 0, result.stderr
    html = read(tmp_path / "output", "events/2021-06-11-ferry.html")
    references = html.split('<section class="references"')[1].split("</section>")[0]
    russian, arabic, german = re.findall(r"<li id=\"ref-\d\">(.*?)</li>", references, re.S)

    assert russian.startswith(
        '<cite lang="ru"><a href="https://vestnik.example.org/2021/%D0%BF%D0%B0%D1%80%D0%BE%D0%BC'
        '?id=%D0%B0%20%D0%B1" hreflang="ru">Паром вышел в рейс</a></cite>.'
    )  # the link keeps the address as written
    assert (
        '<span class="url" dir="ltr"><span class="url-full"><span class="url-host">'
        "vestnik.example.org</span>/2021/паром?id=а%20б</span>"
    ) in russian  # decoded but for the space, host first
    assert text_of(arabic).startswith(
        " العبارة الجديدة تبحر شمالا [The new ferry sails north]. البحر , 3 April 2021. In Arabic."
    )
    assert '<cite lang="ar" dir="rtl">' in arabic  # isolated: its own direction
    assert '<span class="outlet" dir="rtl">البحر</span>' in arabic
    # A bracketed title is the editors' description, in the site's language, not the source's.
    assert "<cite><a" in german and "In German." in german
    english = read(tmp_path / "output", "events/2023-11-07-plan.html")
    assert '<cite><a href="https://astanatimes.com/2023/11/plan/" hreflang="en">' in english


def run_in_terminal(args, cwd) -> tuple[int, str]:
    """Run a command with a pseudo-terminal as its stdout and stderr, as a person would."""
    import os
    import subprocess
    import sys

    leader, follower = os.openpty()
    process = subprocess.Popen([sys.executable, *args], cwd=cwd, stdout=follower,
                               stderr=follower, env={**os.environ, "COLUMNS": "100"})  # fmt: skip
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    text = b"".join(chunks).decode("utf-8", "replace")
    return process.wait(), re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)  # without colours


STEPS = ("Reading entries", "Checking entries", "Writing pages", "Writing exports")


def test_a_build_in_a_terminal_shows_progress_and_a_piped_one_stays_quiet(tmp_path):
    content = write_site(tmp_path, {"2023-11-07-plan.md": EVENT_A, "2021-11-drones.md": EVENT_B})
    quiet = pelican_build(content, tmp_path / "piped")  # stdout and stderr are pipes
    assert quiet.returncode == 0, quiet.stderr
    assert not any(step in quiet.stdout + quiet.stderr for step in STEPS)
    assert "━" not in quiet.stdout + quiet.stderr

    status, shown = run_in_terminal(
        ["-m", "pelican", str(content), "-s", "pelicanconf.py", "-o", str(tmp_path / "tty")],
        tmp_path,
    )
    assert status == 0, shown
    for step in STEPS:
        assert re.search(rf"{step} +━+ +\d+/\d+", shown), (step, shown)
    assert "Timeline: 2 events, 2 sources" in shown


def test_check_in_a_terminal_shows_progress_on_stderr(tmp_path):
    content = write_site(tmp_path, {"2023-11-07-plan.md": EVENT_A, "2021-11-drones.md": EVENT_B})
    (tmp_path / "pelicanconf.py").write_text(INLINE_SETTINGS, encoding="utf-8")
    status, shown = run_in_terminal(["-m", "pelican.plugins.timeline", "check", str(content)],
                                    tmp_path)  # fmt: skip
    assert status == 0, shown
    assert re.search(r"Checking entries +━+ +2/2", shown), shown
    assert shown.rstrip().endswith("OK: 2 events, 2 sources, no problems.")
