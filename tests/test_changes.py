"""Corrections, the "What changed" page and feed, context entries and error reports."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from types import SimpleNamespace

import feedparser
import pytest

from conftest import EVENT_B, INLINE_SETTINGS, SETTINGS, pelican_build, run_python
from pelican.plugins.timeline.changes import by_day, recent_changes
from pelican.plugins.timeline.content import load_timeline
from pelican.plugins.timeline.dates import parse_date
from pelican.plugins.timeline.history import EntryDates
from pelican.plugins.timeline.problems import ContentError
from pelican.plugins.timeline.report import report_link
from pelican.plugins.timeline.settings import read_settings

CORRECTED = """\
---
title: Kazakhstan and Türkiye sign a plan
date: 2023-11-07
countries: [TR, KZ]
type: agreement
summary: The ministers signed a plan.
sources: [astana-2023]
added: 2024-03-01
updated: 2024-05-10
corrections:
  - {date: 2024-03-02, text: "The signing date was 7 November, not 8."}
  - {date: 2024-04-15, text: "The plan is for 2024, not 2023."}
---
The ministers signed the plan in Ankara [@astana-2023].
"""

CONTEXT = """\
---
title: An exercise without Türkiye
date: 2021-11
countries: [KZ, OTS]
type: visit
summary: A drill nearby.
sources: [trt-2021]
added: 2024-04-15
context: Kept as background to the drone order; Türkiye took no part.
---
Kazakhstan held a drill [@trt-2021].
"""

ABOUT = "Title: About\nSlug: about\nReport_errors: yes\n\nWho we are.\n"


def day(text):
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def event(slug, corrections=(), updated=""):
    return SimpleNamespace(
        slug=slug,
        updated=parse_date(updated) if updated else "",
        corrections=tuple(
            SimpleNamespace(date=parse_date(when), text=text) for when, text in corrections
        ),
    )


# --- the list of changes, a pure function ------------------------------------------------


def test_changes_are_newest_first_with_corrections_first_within_a_day():
    events = [
        event("a", corrections=[("2024-03-02", "Fixed a date.")], updated="2024-05-10"),
        event("b"),
        event("c", updated="2024-03-02"),
    ]
    history = {
        "a": EntryDates(day("2024-03-01"), day("2024-05-10"), True),
        "b": EntryDates(day("2024-03-02"), day("2024-03-02"), True),
        "c": EntryDates(day("2024-01-01"), day("2024-03-02"), True),
    }
    changes = recent_changes(events, history)
    assert [(str(c.date), c.kind, c.slug, c.text) for c in changes] == [
        ("2024-05-10", "updated", "a", ""),
        ("2024-03-02", "corrected", "a", "Fixed a date."),
        ("2024-03-02", "updated", "c", ""),
        ("2024-03-02", "added", "b", ""),
        ("2024-03-01", "added", "a", ""),
        ("2024-01-01", "added", "c", ""),
    ]
    assert [(str(d), len(group)) for d, group in by_day(changes)] == [
        ("2024-05-10", 1),
        ("2024-03-02", 3),
        ("2024-03-01", 1),
        ("2024-01-01", 1),
    ]
    assert [c.slug for c in recent_changes(events, history, limit=2)] == ["a", "a"]


def test_unknown_additions_and_repeated_updates_are_not_listed():
    events = [event("old"), event("fixed", [("2024-03-02", "A date.")], updated="2024-03-02")]
    history = {
        # No git, no 'added': the dates are the event's own, not when it was published.
        "old": EntryDates(day("1993-08-08"), day("1993-08-08"), False),
        "fixed": EntryDates(day("2024-03-01"), day("2024-03-02"), True),
    }
    changes = recent_changes(events, history)
    assert [(str(c.date), c.kind, c.slug) for c in changes] == [
        ("2024-03-02", "corrected", "fixed"),
        ("2024-03-01", "added", "fixed"),
    ]


# --- where errors are reported --------------------------------------------------------------


def test_report_links_name_the_entry():
    mail = report_link("errors@example.org", "2023-11-07-plan", "Ministers sign a plan")
    assert mail.url == (
        "mailto:errors@example.org?subject=Error%20in%20entry%202023-11-07-plan%3A%20"
        "Ministers%20sign%20a%20plan"
    )
    assert mail.label == "errors@example.org"
    form = report_link("https://example.org/issues/new?labels=error", "2023-11-07-plan")
    assert form.url == "https://example.org/issues/new?labels=error&entry=2023-11-07-plan"
    assert form.label == "example.org/issues/new"
    assert report_link("https://example.org/report").url == "https://example.org/report"
    assert report_link("", "2023-11-07-plan") is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("http://example.org/report", "'http://example.org/report' is neither an https:// "
         "address nor an email address"),
        ("mailto:errors@example.org", "'mailto:errors@example.org': write the email address "
         "without 'mailto:'"),
        ("errors@localhost", "'errors@localhost' is neither an https:// address nor an email "
         "address"),
        ("https://example.org/report#form", "'https://example.org/report#form' must not end "
         "with a #fragment"),
        (None, "must be an https:// address or an email address as text, not None"),
    ],
)  # fmt: skip
def test_a_bad_report_address_is_a_setting_error(value, message):
    config, problems = read_settings({"TIMELINE_REPORT_ERRORS_TO": value})
    assert [str(p) for p in problems] == [
        f"pelicanconf.py: error: TIMELINE_REPORT_ERRORS_TO: {message} "
        "(e.g. https://example.org/report or errors@example.org)"
    ]
    assert config["TIMELINE_REPORT_ERRORS_TO"] == ""


def test_the_checker_reports_a_bad_report_address(site, tmp_path):
    settings = settings_file(tmp_path, TIMELINE_REPORT_ERRORS_TO="http://example.org")
    result = run_python("-m", "pelican.plugins.timeline", "check", str(site()), "-s", str(settings))
    assert result.returncode == 1
    assert (
        "pelicanconf.py: error: TIMELINE_REPORT_ERRORS_TO: 'http://example.org' is neither an "
        "https:// address nor an email address (e.g. https://example.org/report or "
        "errors@example.org)" in result.stderr
    )


# --- the checker keeps corrections honest ---------------------------------------------------


def problems_of(content):
    with pytest.raises(ContentError) as caught:
        load_timeline(content, SETTINGS)
    return [str(p) for p in caught.value.problems]


def with_corrections(lines: str) -> str:
    head, _, rest = CORRECTED.partition("corrections:\n")
    _, _, body = rest.partition("---\n")
    return f"{head}corrections:\n{textwrap.dedent(lines)}---\n{body}"


def test_corrections_out_of_order_are_an_error(site):
    content = site(
        {
            "2023-11-07-plan.md": with_corrections(
                """\
                  - {date: 2024-04-15, text: Second.}
                  - {date: 2024-03-02, text: First.}
                """
            )
        }
    )
    assert problems_of(content) == [
        "content/events/2023-11-07-plan.md:12:3: error: corrections: correction of 2024-03-02 is "
        "listed after one of 2024-04-15 (list corrections oldest first)"
    ]


def test_a_correction_after_the_build_date_is_an_error(site):
    today = dt.date.today().isoformat()
    content = site(
        {"2023-11-07-plan.md": with_corrections("  - {date: 2999-01-01, text: Soon.}\n")}
    )
    assert problems_of(content) == [
        "content/events/2023-11-07-plan.md:11:3: error: corrections: correction date 2999-01-01 is "
        f"after the build date ({today}) (date a correction the day it was made)"
    ]


def test_a_correction_needs_a_day_and_a_text(site):
    content = site(
        {
            "2023-11-07-plan.md": with_corrections(
                """\
                  - {date: 2024-03, text: A month only.}
                  - {date: 2024-03-05}
                  - {date: 2024-03-06, txt: Misspelt.}
                """
            )
        }
    )
    assert problems_of(content) == [
        "content/events/2023-11-07-plan.md:11:3: error: corrections: correction '2024-03' must be a "
        "single day (write it as 2024-02-28)",
        "content/events/2023-11-07-plan.md:12:3: error: corrections: correction is missing text",
        "content/events/2023-11-07-plan.md:13:3: error: corrections: correction is missing text",
        "content/events/2023-11-07-plan.md:13:3: error: corrections: unknown correction field 'txt' "
        "(did you mean 'text'?)",
    ]


# --- rendered pages -------------------------------------------------------------------------


def settings_file(folder, **values):
    """A settings file: the inline sites', with these values changed."""
    path = folder / "conf.py"
    lines = [INLINE_SETTINGS]
    lines += [f"{name} = {value!r}\n" for name, value in values.items()]
    path.write_text("".join(lines), encoding="utf-8")
    return path


def plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


@pytest.fixture
def built(site, tmp_path):
    """build(**settings) -> output folder of the sample site with a corrected entry."""

    def build(hosted=False, **values):
        content = site({"2023-11-07-plan.md": CORRECTED, "2021-11-context.md": CONTEXT})
        (content / "pages").mkdir()
        (content / "pages" / "about.md").write_text(ABOUT, encoding="utf-8")
        output = tmp_path / "output"
        env = {}
        if hosted:
            values["RELATIVE_URLS"] = False
            values["SITEURL"] = "https://timeline.test"
        result = pelican_build(content, output, settings_file(tmp_path, **values), env)
        assert result.returncode == 0, result.stderr + result.stdout
        return output

    return build


def test_event_page_shows_its_history_corrections_and_report_link(built):
    output = built(TIMELINE_REPORT_ERRORS_TO="errors@example.org")
    html = (output / "events" / "2023-11-07-plan.html").read_text("utf-8")
    record = plain(html.split('<section class="record"', 1)[1].split("</section>", 1)[0])
    assert record == (
        'id="record" aria-labelledby="record-h"> Corrections and history Added 1 March 2024; '
        "last changed 10 May 2024. What changed across the timeline Corrections "
        "2 March 2024: The signing date was 7 November, not 8. "
        "15 April 2024: The plan is for 2024, not 2023. Report an error in this entry"
    )
    assert (
        '<a href="mailto:errors@example.org?subject=Error%20in%20entry%202023-11-07-plan%3A%20'
        'Kazakhstan%20and%20T%C3%BCrkiye%20sign%20a%20plan">Report an error in this entry</a>'
        in html
    )
    assert '<li id="correction-1"><time datetime="2024-03-02">2 March 2024</time>:' in html
    # Near the top, before the body: a reader sees at once that the entry was corrected.
    header = plain(html.split('<header class="event-header">', 1)[1].split("</header>", 1)[0])
    assert header.endswith("Corrected 15 April 2024 (2 corrections): see what was corrected."), (
        header
    )
    about = plain((output / "pages" / "about.html").read_text("utf-8"))
    assert "Reporting an error Report an error to errors@example.org." in about


def test_context_entries_are_labelled_on_their_page_and_in_the_listing(built):
    output = built()
    page = plain((output / "events" / "2021-11-context.html").read_text("utf-8"))
    assert "Context Kept as background to the drone order; Türkiye took no part." in page
    home = (output / "index.html").read_text("utf-8")
    items = re.findall(r'<article class="event-item" id="([^"]+)".*?</article>', home, re.S)
    labelled = [
        slug
        for slug in items
        if '<span class="context-label">Context</span>'
        in home.split(f'id="{slug}"', 1)[1].split("</article>", 1)[0]
    ]
    assert labelled == ["2021-11-context"]


def test_without_a_report_address_no_report_link_is_shown(built):
    output = built()
    for page in output.rglob("*.html"):
        assert "Report an error in this entry" not in page.read_text("utf-8"), page
    about = plain((output / "pages" / "about.html").read_text("utf-8"))
    assert "This site has not published an address for reporting errors yet." in about


def test_what_changed_page_lists_changes_newest_first_by_day(built):
    output = built()
    html = (output / "changes.html").read_text("utf-8")
    days = re.findall(r'<section class="change-day".*?</section>', html, re.S)
    listed = [
        (
            plain(re.search(r"<h2.*?</h2>", d, re.S).group()),
            [plain(item) for item in re.findall(r'<li class="change.*?</li>', d, re.S)],
        )
        for d in days
    ]
    assert listed == [
        ("10 May 2024", ["Updated Kazakhstan and Türkiye sign a plan · 7 November 2023"]),
        (
            "15 April 2024",
            [
                "Corrected Kazakhstan and Türkiye sign a plan · 7 November 2023 "
                "The plan is for 2024, not 2023.",
                "Added An exercise without Türkiye · November 2021 Context",
            ],
        ),
        (
            "2 March 2024",
            [
                "Corrected Kazakhstan and Türkiye sign a plan · 7 November 2023 "
                "The signing date was 7 November, not 8."
            ],
        ),
        ("1 March 2024", ["Added Kazakhstan and Türkiye sign a plan · 7 November 2023"]),
    ]
    assert 'href="./events/2023-11-07-plan.html#correction-2"' in html
    # Linked from every page's footer; no feed in a local build.
    assert 'href="./changes.html">What changed</a>' in (output / "index.html").read_text("utf-8")
    assert not (output / "feeds").exists()


def test_hosted_build_has_a_feed_of_changes_that_parses(built):
    output = built(hosted=True)
    feed = feedparser.parse((output / "feeds" / "changes.atom.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title.endswith(": what changed")
    assert [(e.title, e.link, e.updated[:10]) for e in feed.entries] == [
        ("Updated: Kazakhstan and Türkiye sign a plan — 7 November 2023",
         "https://timeline.test/events/2023-11-07-plan.html", "2024-05-10"),
        ("Corrected: Kazakhstan and Türkiye sign a plan — 7 November 2023",
         "https://timeline.test/events/2023-11-07-plan.html#correction-2", "2024-04-15"),
        ("Added: An exercise without Türkiye — November 2021",
         "https://timeline.test/events/2021-11-context.html", "2024-04-15"),
        ("Corrected: Kazakhstan and Türkiye sign a plan — 7 November 2023",
         "https://timeline.test/events/2023-11-07-plan.html#correction-1", "2024-03-02"),
        ("Added: Kazakhstan and Türkiye sign a plan — 7 November 2023",
         "https://timeline.test/events/2023-11-07-plan.html", "2024-03-01"),
    ]  # fmt: skip
    assert len({e.id for e in feed.entries}) == len(feed.entries)
    assert feed.entries[1].summary == "The plan is for 2024, not 2023."
    changes = (output / "changes.html").read_text("utf-8")
    assert 'href="https://timeline.test/feeds/changes.atom.xml">Atom feed</a>' in changes


def test_an_entry_without_recorded_dates_shows_no_made_up_history(site, tmp_path):
    output = tmp_path / "output"
    result = pelican_build(site({"2021-11-drones.md": EVENT_B}), output)
    assert result.returncode == 0, result.stderr
    html = (output / "events" / "2021-11-drones.html").read_text("utf-8")
    assert 'class="record"' not in html  # not in git, no 'added': nothing known to show


def test_events_json_exports_context_and_corrections(built):
    import json

    records = {r["slug"]: r for r in json.loads((built() / "events.json").read_text("utf-8"))}
    assert records["2023-11-07-plan"]["corrections"] == [
        {"date": "2024-03-02", "text": "The signing date was 7 November, not 8."},
        {"date": "2024-04-15", "text": "The plan is for 2024, not 2023."},
    ]
    assert records["2023-11-07-plan"]["context"] == ""
    assert records["2021-11-context"]["context"].startswith("Kept as background")
    assert records["2021-11-drones"]["corrections"] == []


def test_a_renamed_entry_was_added_when_its_first_file_was(tmp_path):
    import subprocess

    from pelican.plugins.timeline.history import entry_dates

    def git(*args, when):
        env = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "HOME": str(tmp_path),
               "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org",
               "GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.org"}  # fmt: skip
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, capture_output=True)

    git("init", "-q", when="2020-01-01T00:00:00Z")
    (tmp_path / "2020-old-name.md").write_text("first\n")
    git("add", ".", when="2020-01-01T00:00:00Z")
    git("commit", "-qm", "add", when="2020-01-01T00:00:00Z")
    git("mv", "2020-old-name.md", "2020-new-name.md", when="2021-06-01T00:00:00Z")
    git("commit", "-qm", "rename", when="2021-06-01T00:00:00Z")
    event = SimpleNamespace(slug="2020-new-name", aliases=("2020-old-name",), added=None,
                            updated=None, date=parse_date("2020"))  # fmt: skip
    dates = entry_dates([event], tmp_path, {"2020-new-name": "2020-new-name.md"})
    assert dates["2020-new-name"].added.date().isoformat() == "2020-01-01"
    assert dates["2020-new-name"].updated.date().isoformat() == "2021-06-01"


def git(folder, *args, when="2024-01-01T12:00:00+00:00"):
    import subprocess

    env = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "Ed",
           "GIT_AUTHOR_EMAIL": "ed@example.org", "GIT_COMMITTER_NAME": "Ed",
           "GIT_COMMITTER_EMAIL": "ed@example.org", "PATH": "/usr/bin:/bin"}  # fmt: skip
    subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


def test_a_shallow_clone_warns_and_does_not_give_every_entry_its_one_commits_date(tmp_path, caplog):
    import shutil

    if not shutil.which("git"):
        pytest.skip("git is not installed")
    from conftest import EVENT_A, write_site

    origin = tmp_path / "origin"
    content = write_site(origin, {"2023-11-07-plan.md": EVENT_A})
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", ".")
    git(origin, "commit", "-q", "-m", "First entry", when="2024-01-10T12:00:00+00:00")
    (content / "events" / "2021-11-drones.md").write_text(EVENT_B, encoding="utf-8")
    git(origin, "add", ".")
    git(origin, "commit", "-q", "-m", "Second entry", when="2024-06-20T12:00:00+00:00")

    full = load_timeline(content, SETTINGS)
    assert full.changes["2023-11-07-plan"].added.date() == dt.date(2024, 1, 10)
    assert full.changes["2021-11-drones"].added.date() == dt.date(2024, 6, 20)
    assert "shallow" not in caplog.text

    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", origin.as_uri(), str(clone))
    with caplog.at_level("WARNING"):
        shallow = load_timeline(clone / content.name, SETTINGS)
    plan = shallow.changes["2023-11-07-plan"]
    # Not the clone's one commit date (2024-06-20): not known, so not shown as a fact.
    assert plan.recorded is False and plan.added.date() == dt.date(2023, 11, 7)
    assert shallow.changes["2021-11-drones"].recorded is False
    assert caplog.messages == [
        "timeline: the git history is shallow, so when 2 of 2 entries were added is not known "
        "from it (a shallow clone would give them all the date of its oldest commit); they are "
        "shown without that date, and the feeds order them by event date. Fetch the whole "
        "history (git fetch --unshallow; with actions/checkout, fetch-depth: 0) or give "
        "'added' in their front matter."
    ]
