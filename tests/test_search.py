"""The search page on the demo site, in Chromium, from disk (file://) and over HTTP.

The index is built with the site (exports/search_data.py) in MiniSearch's serialised
format; these tests check that MiniSearch in the browser loads it and answers exactly as
an index it builds itself from the same documents, that every hit shows why it matched,
that results can be put in date order by a shareable address, and that typing moves
nothing already on screen.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import PLUGIN
from sitecheck import url_of

pytestmark = pytest.mark.browser

# Words from titles, summaries, people, equipment, places, tags, types, sources and
# bodies of the demo site, whole and as prefixes, and a misspelling.
QUERIES = ("Nordlys", "aberg", "Karen Holm", "ferry", "nord", "collide", "keel", "Poland",
           "Harbour Gazette", "rescue drill", "winter timetable", "ferries", "Aurora", "nordlis")  # fmt: skip


@pytest.fixture(params=["file", "http"])
def search_url(request, demo_site):
    """search_url(query string) -> the search page's address, from disk or over HTTP."""
    if request.param == "file":
        return lambda query="": url_of(demo_site, "search.html" + query)
    base = request.getfixturevalue("served_demo")
    return lambda query="": f"{base}/search.html{query}"


# In the page: an index built by MiniSearch from the documents the page shows (every
# indexed field, as indexed), and both indexes' answers to the queries.
COMPARE = """([queries]) => {
  const shipped = window.TimelineSearch.index;
  const data = window.TIMELINE_SEARCH;
  const docs = window.TimelineSearch.documents();
  const built = new MiniSearch(window.TimelineSearch.options(data));
  built.addAll(docs);
  const canonical = index => {
    const json = JSON.parse(JSON.stringify(index));
    json.index = Object.fromEntries(json.index);
    return json;
  };
  const answers = index => queries.map(q => [
    index.search(q).map(r => [r.id, r.score, r.terms, r.match]),
    index.search(q, {combineWith: 'OR'}).map(r => [r.id, r.score])]);
  return {shipped: canonical(shipped), built: canonical(built),
          shippedAnswers: answers(shipped), builtAnswers: answers(built),
          documents: docs.length};
}"""


def test_the_shipped_index_is_the_one_the_browser_would_build(search_url, demo_site, open_page):
    page, record = open_page(search_url())
    page.wait_for_function("window.TimelineSearch.index")
    result = page.evaluate(COMPARE, [list(QUERIES)])
    assert result["documents"] == len(json.loads((demo_site / "events.json").read_text()))
    assert result["shipped"] == result["built"]
    assert result["shippedAnswers"] == result["builtAnswers"]
    assert any(found for found, _ in result["shippedAnswers"])
    assert record["errors"] == []


def test_every_hit_shows_the_words_it_matched(search_url, open_page):
    page, record = open_page(search_url())
    box = page.locator("#search-q")
    for query in QUERIES:
        box.fill(query)
        box.press("Enter")
        hits = page.locator("#search-results > li")
        assert hits.count() > 0, query
        unmarked = hits.evaluate_all(
            "els => els.filter(li => !li.querySelector('mark')).map(li => li.innerText)"
        )
        assert unmarked == [], query
    # A word found only in an event's text is shown in a snippet of that text:
    box.fill("keel")
    box.press("Enter")
    why = page.locator("#search-results .result-why").filter(has_text="Text: ").first
    assert why.inner_text().startswith("Text: ")
    assert why.locator("mark").first.inner_text().lower() == "keel"
    assert record["errors"] == []


def dates_shown(page, demo_site):
    starts = {e["url"]: e["start"] for e in json.loads((demo_site / "events.json").read_text())}
    hrefs = page.locator("#search-results h2 a").evaluate_all(
        "els => els.map(a => a.getAttribute('href'))"
    )
    return [starts[re.sub(r"^(\./)?", "", href)] for href in hrefs]


def test_results_in_date_order_by_a_shareable_address(search_url, demo_site, open_page):
    page, record = open_page(search_url("?q=ferry&order=newest"))
    assert page.locator("#search-order").input_value() == "newest"
    newest = dates_shown(page, demo_site)
    assert len(newest) >= 4 and newest == sorted(newest, reverse=True)
    page.locator("#search-order").select_option("oldest")
    assert parse_qs(urlsplit(page.url).query) == {"q": ["ferry"], "order": ["oldest"]}
    assert dates_shown(page, demo_site) == sorted(newest)
    page.locator("#search-order").select_option("relevance")
    assert parse_qs(urlsplit(page.url).query) == {"q": ["ferry"]}
    by_relevance = dates_shown(page, demo_site)
    assert sorted(by_relevance) == sorted(newest) and by_relevance != sorted(newest)
    assert record["errors"] == []


# Sums every layout shift, including those just after a key press (which the CLS metric
# forgives for half a second): a reader sees those too.
WATCH_SHIFTS = """() => {
  window.shifts = [];
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) window.shifts.push(entry.value);
  }).observe({type: 'layout-shift', buffered: true});
}"""


@pytest.mark.parametrize("width", [375, 1280])
def test_typing_a_query_moves_nothing_on_screen(search_url, open_page, width):
    page, record = open_page(search_url(), width)
    page.evaluate(WATCH_SHIFTS)
    box = page.locator("#search-q")
    for query in ("nordlys", "ferry drill", "zzzz", "karen holm", ""):
        box.fill("")
        box.press_sequentially(query, delay=60)
        page.wait_for_timeout(300)
    page.locator("#search-order").select_option("newest")
    box.press_sequentially("ferry", delay=60)
    page.wait_for_timeout(300)
    shifts = page.evaluate("window.shifts")
    assert sum(shifts) < 0.1, shifts
    assert record["errors"] == []


def test_the_page_is_ready_at_once(search_url, demo_site, open_page):
    page, record = open_page(search_url("?q=Nordlys"))
    # The answer is on the page when its load event has fired (open_page waits for it):
    # the index is loaded, not built (benchmarks/search_bench.py times this at scale).
    assert page.locator("#search-results > li").count() >= 3
    events = json.loads((demo_site / "events.json").read_text())
    assert page.evaluate("window.TimelineSearch.index.documentCount") == len(events)
    assert record["errors"] == []


def test_scripts_are_served_minified(demo_site):
    html = (demo_site / "search.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script src="(?:\./)?(assets/[^"]+\.js)"', html)
    assert len(scripts) == 2  # MiniSearch and ours; the index is data
    for script in scripts:
        served = (demo_site / script).read_text(encoding="utf-8")
        name = re.sub(r"\.[0-9a-f]{10}\.js$", ".js", script.removeprefix("assets/"))
        source = (PLUGIN / "static" / name).read_text(encoding="utf-8")
        assert len(served) < 0.75 * len(source), script
        assert "/**" not in served and "\n  " not in served, script


# Text in several scripts: dotted and dotless i, accents written apart (e + U+0301),
# Arabic with vowel marks, Devanagari (marks inside words), Cyrillic, ß, digits, quotes.
SCRIPTS = (
    "İstanbul, Işıklar'da Türkiye's 2021–24 drills; Cafe\u0301 Zürich naïve STRASSE straße "
    "مُحَمَّد الإمارات हिन्दी भाषा Қазақстан Ўзбекистон “Bayraktar TB2” A-400M x_y"
)


def test_words_split_and_fold_alike_in_python_and_in_the_page(demo_site, open_page):
    from pelican.plugins.timeline.exports.search_data import fold, tokenize

    page, _ = open_page(url_of(demo_site, "search.html"))
    for text in (SCRIPTS, "Plain ASCII: x_y, A-400M, don't (TB2)"):
        in_page = page.evaluate(
            "text => TimelineSearch.tokenize(text).map(TimelineSearch.fold)", text
        )
        assert in_page == [fold(word) for word in tokenize(text)]
    assert [fold(word) for word in tokenize(SCRIPTS)][:4] == [
        "istanbul",
        "isiklar",
        "da",
        "turkiye",
    ]
