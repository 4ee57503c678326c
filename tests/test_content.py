"""The bundled content's own checks: the one test file that reads content/ and the root
pelicanconf.py.

Every other test builds the demo site (tests/demo) or small inline sites, so a team that
replaces content/ with another topic keeps the generator's tests passing and rewrites only
this file: its thresholds, its source rules, its seed article. The last part checks that
the bundled site as a whole builds and that its pages validate (links, Nu, axe).
"""

import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest

from conftest import ROOT, run_python
from pelican.plugins.timeline.cli import site_settings
from pelican.plugins.timeline.content import load_timeline
from readers import check_exports, front_matter_as_editors_read_it, yaml_as_editors_read_it
from sitecheck import (
    WCAG22_AND_BEST_PRACTICE,
    axe_violations,
    broken_links,
    first_event,
    url_of,
    vnu_errors,
)

CONTENT = ROOT / "content"
SETTINGS_FILE = ROOT / "pelicanconf.py"

# What the record must hold (the content is still being filled in).
MIN_EVENTS = 60
EARLY_YEAR = 2012  # the years before this one must not be a blank
MIN_EVENTS_BEFORE_EARLY_YEAR = 11
# The article the record started from: every entry also cites a source of its own.
SEED = "turkiyescoop-turan-tactic"
MIN_SEED_EVENTS = 15


@pytest.fixture(scope="module")
def timeline():
    return load_timeline(CONTENT, site_settings(str(SETTINGS_FILE)))


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory) -> Path:
    """The bundled content, built once with the project's settings, as `invoke build` does."""
    output = tmp_path_factory.mktemp("bundled") / "output"
    result = run_python("-m", "pelican", str(CONTENT), "-s", str(SETTINGS_FILE), "-o", str(output))
    assert result.returncode == 0, result.stderr + result.stdout
    return output


@pytest.fixture(scope="session")
def shared_reference() -> Path:
    """The editors' research notes (the seed article, source checks), kept outside the repo.

    Set TIMELINE_REFERENCE_DIR to the folder that holds them to run the checks against them.
    """
    folder = Path(os.environ.get("TIMELINE_REFERENCE_DIR", ""))
    if not os.environ.get("TIMELINE_REFERENCE_DIR") or not folder.is_dir():
        pytest.skip("TIMELINE_REFERENCE_DIR does not name the editors' reference folder")
    return folder


# The sources


def test_the_check_command_passes_on_the_bundled_content():
    result = run_python("-m", "pelican.plugins.timeline", "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: ")


def test_every_source_says_when_it_was_accessed(timeline):
    missing = sorted(s.id for s in timeline.sources.values() if not s.accessed)
    assert missing == []


def test_every_entry_cites_a_source_besides_the_seed_article(timeline):
    for event in timeline.events:
        assert set(event.sources) - {SEED}, event.slug


# The three entries an audit found only partly supported, each with what its correction says.
CORRECTED = {
    "1993-02-23-kz-tr-military-education-agreements": "The dates were corrected",
    "2021-10-kz-orders-anka": "became public on 27 November 2021",
    "2022-kg-akinci-aksungur-anka-drones": "Edelweiss-range exercise on 29 October 2024",
}


def test_the_three_corrected_entries_record_their_corrections(timeline):
    events = {event.slug: event for event in timeline.events}
    for slug, words in CORRECTED.items():
        texts = [correction.text for correction in events[slug].corrections]
        assert any(words in text for text in texts), (slug, texts)


def test_every_cited_address_is_http(timeline):
    for source in timeline.sources.values():
        for url in filter(None, (source.url, source.archived_url)):
            assert urlsplit(url).scheme in ("http", "https"), (source.id, url)


def test_the_seed_events_are_all_there(timeline):
    countries = {e.slug: set(e.countries) for e in timeline.events if SEED in e.sources}
    assert len(countries) >= MIN_SEED_EVENTS
    fidan = next(slug for slug in countries if "fidan" in slug)
    assert countries[fidan] == {"TR", "KZ", "UZ", "TM"}


def test_every_bundled_entry_fits_the_editors_json_schema():
    # Read as an editor reads YAML (1.2): `date: 2022` is a number there, which the checker
    # accepts, and so must the schema.
    schema = json.loads((ROOT / "schema" / "entry.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    years = 0
    for path in sorted((CONTENT / "events").glob("*.md")):
        fields = front_matter_as_editors_read_it(path.read_bytes())
        years += isinstance(fields["date"], int)
        errors = [e.message for e in validator.iter_errors(fields)]
        assert errors == [], (path.name, errors)
    assert years, "some bundled entry is dated to a year alone"


def test_the_bibliography_and_organisations_fit_their_json_schemas():
    for name in ("sources", "organisations"):
        schema = json.loads((ROOT / "schema" / f"{name}.schema.json").read_text("utf-8"))
        data = yaml_as_editors_read_it((CONTENT / f"{name}.yaml").read_text("utf-8"))
        validator = jsonschema.validators.validator_for(schema)(schema)
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
        assert errors == [], name


def _forbidden(reference_text: str) -> list[tuple[str, str]]:
    """(event date, address or host) pairs that event-sources.md says not to cite."""
    rules = []
    for block in re.split(r"\n## ", reference_text)[1:]:
        date = re.search(r"Date: (\d{4}(?:-\d{2}){0,2})", block)
        for line in block.splitlines():
            if re.search(r"do not cite|not to cite|withdrawn", line, re.I):
                targets = re.findall(r"https?://[^\s|)]+", line)
                targets += [h.lower() for h in re.findall(r"The ([\w-]+\.\w+) page", line)]
                rules += [(date.group(1) if date else "", t) for t in targets]
    return rules


def test_no_entry_cites_an_address_the_reference_says_not_to_cite(timeline, shared_reference):
    rules = _forbidden((shared_reference / "event-sources.md").read_text("utf-8"))
    assert rules, "the reference names at least one address not to cite"
    for date, target in rules:
        for event in timeline.events:
            for key in event.sources:
                url = timeline.sources[key].url.lower()
                if target.startswith("http"):
                    assert url.rstrip("/") != target.lower().rstrip("/"), (event.slug, url)
                elif event.date.iso_start == date:
                    assert target not in (urlsplit(url).hostname or ""), (event.slug, url)


WORD = re.compile(r"[^\W\d_][\w’'-]*")


def test_milestone_labels_write_names_as_the_entry_does(timeline):
    """A name the entry's own text always capitalises ("Baku", "TAKM", a person's or a
    country's name) is not lower-cased in a milestone label ("founded in baku")."""
    lowered = []
    for event in timeline.events:
        prose = [event.title, event.summary, event.body, event.note]
        prose += [p.name for p in event.people] + [timeline.place(c).name for c in event.countries]
        words = set(WORD.findall(" ".join(prose)))
        names = {w.lower() for w in words if w[0].isupper() and w.lower() not in words}
        for milestone in event.milestones:
            found = [w for w in WORD.findall(milestone.label) if w in names]
            if found:
                lowered.append((event.slug, milestone.label, found))
    assert lowered == []


QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


def _words(text: str) -> list[str]:
    """Lowercase words, leaving out citations and quotations (a quote is marked as one)."""
    text = QUOTED.sub(" ", re.sub(r"\[@[^\]]*\]", " ", text))
    return re.findall(r"[\w’']+", text.lower())


def test_no_sentence_is_copied_from_the_seed_article(timeline, shared_reference):
    article = _words((shared_reference / "seed-article.txt").read_text("utf-8"))
    size = 8
    shingles = {tuple(article[i : i + size]) for i in range(len(article) - size + 1)}
    for event in timeline.events:
        words = _words(" ".join([event.title, event.summary, event.body, event.note]))
        copied = [
            " ".join(words[i : i + size])
            for i in range(len(words) - size + 1)
            if tuple(words[i : i + size]) in shingles
        ]
        assert copied == [], (event.slug, copied[:3])


# The bundled site builds and its pages validate


def test_the_bundled_site_builds_with_enough_events(bundled_site):
    records = json.loads((bundled_site / "events.json").read_text(encoding="utf-8"))
    early = [r for r in records if int(r["start"][:4]) < EARLY_YEAR]
    assert len(records) >= MIN_EVENTS
    assert len(early) >= MIN_EVENTS_BEFORE_EARLY_YEAR, [r["slug"] for r in early]
    pages = {p.stem for p in (bundled_site / "events").glob("*.html")
             if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")}  # fmt: skip
    assert pages == {r["slug"] for r in records}  # every entry, beside its old addresses


def test_every_export_of_the_bundled_site_reads_back(bundled_site):
    # iCalendar, CSV, BibTeX (pybtex, bibtexparser), CSL-JSON (the CSL schema, citeproc-py)
    # and each event page's JSON-LD, OpenGraph and "Cite this event": see tests/readers.py.
    events = check_exports(
        bundled_site, uid_domain="turkiye-in-central-asia-a-defence-diplomacy-timeline.invalid"
    )
    assert len(events) >= MIN_EVENTS


def test_every_internal_link_of_the_bundled_site_resolves(bundled_site):
    assert broken_links(bundled_site) == []


def test_every_page_of_the_bundled_site_is_valid_html(bundled_site):
    assert vnu_errors(bundled_site) == []


def _pages_to_open(site: Path) -> list[str]:
    """One page of each kind, whatever the content: the first event and country found."""
    records = json.loads((site / "events.json").read_text(encoding="utf-8"))
    first = records[0]
    return [
        "index.html",
        first["url"],
        f"countries/{first['countries'][0].lower()}.html",
        "sources.html",
        f"search.html?q={first['title'].split()[0]}",
    ]


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_the_bundled_pages_open_from_disk_and_pass_axe(bundled_site, open_page, width):
    for name in _pages_to_open(bundled_site):
        for scheme in ("light", "dark"):
            page, record = open_page(url_of(bundled_site, name), width, scheme, bypass_csp=True)
            assert record["errors"] == [], name
            assert all(u.startswith("file://") for u in record["requests"]), name
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, (name, width)
            assert axe_violations(page, WCAG22_AND_BEST_PRACTICE) == [], (name, scheme, width)


@pytest.mark.browser
def test_the_bundled_home_page_shows_an_event_above_the_fold(bundled_site, browser):
    """The real record's first event (a long title, milestones) and header, not the demo's:
    at 1280x800 the whole event, at 375x667 its date and title."""
    for width, height, whole in [(1280, 800, True), (375, 667, False)]:
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.goto(url_of(bundled_site, "index.html"))
        first = first_event(page)
        context.close()
        end = first["bottom"] if whole else max(first["title"], first["date"])
        assert end <= first["height"], (width, first)
