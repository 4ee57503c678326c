"""The package as another team meets it: installed with pip, started with quickstart, and
dropped into an ordinary Pelican blog."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from pelican.plugins.timeline.cli import main as timeline_command
from pelican.plugins.timeline.quickstart import QuickstartError, write_site

QUICKSTART_FILES = [
    ".gitignore",
    "README.md",
    "content/events/2019-02-04-edtf-specification-published.md",
    "content/sources.yaml",
    "pelicanconf.py",
    "publishconf.py",
    "requirements.txt",
    "tasks.py",
]


def pelican(site: Path, python=sys.executable) -> subprocess.CompletedProcess:
    return subprocess.run(
        [python, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", "output"],
        cwd=site, capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_quickstart_writes_a_site_that_checks_and_builds(tmp_path, capsys, monkeypatch):
    site = tmp_path / "apollo"
    assert timeline_command(["quickstart", str(site), "--title", "The Apollo programme"]) == 0
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()) == (
        QUICKSTART_FILES
    )
    settings = (site / "pelicanconf.py").read_text(encoding="utf-8")
    assert "SITENAME = 'The Apollo programme'" in settings
    assert (site / "README.md").read_text(encoding="utf-8").startswith("# The Apollo programme\n")
    capsys.readouterr()

    monkeypatch.chdir(site)
    assert timeline_command(["check"]) == 0
    assert capsys.readouterr().out == "OK: 1 event, 1 source, no problems.\n"
    built = pelican(site)
    assert built.returncode == 0, built.stderr
    home = (site / "output" / "index.html").read_text(encoding="utf-8")
    assert "The Apollo programme" in home
    assert "The Library of Congress publishes the EDTF date format specification" in home
    assert not (site / "output" / "theme").exists()  # no unused copy of Pelican's theme files


def test_quickstart_title_with_quotes_and_backslashes_stays_python(tmp_path):
    site = tmp_path / "site"
    write_site(site, 'Ada\'s "notes" \\ drafts', "O'Brien")
    namespace: dict = {}
    exec((site / "pelicanconf.py").read_text(encoding="utf-8"), namespace)
    assert namespace["SITENAME"] == 'Ada\'s "notes" \\ drafts'
    assert namespace["AUTHOR"] == "O'Brien"


def test_quickstart_never_overwrites(tmp_path, capsys):
    site = tmp_path / "site"
    site.mkdir()
    (site / "notes.txt").write_text("mine", encoding="utf-8")
    assert timeline_command(["quickstart", str(site), "--title", "T"]) == 2
    assert capsys.readouterr().err == (
        f"quickstart: {site} is not empty; give a new or empty folder\n"
    )
    assert [p.name for p in site.iterdir()] == ["notes.txt"]


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("   ", "--title is empty (give the site a title)"),
        ("Line\nbreak", "--title contains a control character; type it on one line"),
    ],
)
def test_quickstart_refuses_a_title_it_cannot_write(tmp_path, title, message):
    with pytest.raises(QuickstartError, match=message.replace("(", r"\(").replace(")", r"\)")):
        write_site(tmp_path / "site", title)
    assert not (tmp_path / "site").exists()


def test_quickstart_without_a_terminal_names_what_is_missing(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    assert timeline_command(["quickstart", str(tmp_path / "site")]) == 2
    assert capsys.readouterr().err == (
        "quickstart: --title is missing (run in a terminal to be asked)\n"
    )


BLOG_SETTINGS = """\
AUTHOR = "A blogger"
SITENAME = "A blog with a timeline"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
RELATIVE_URLS = True
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
PLUGINS = ["pelican.plugins.timeline"]
"""

ARTICLE = """\
Title: Why we keep a timeline
Date: 2024-03-01
Category: notes

A blog post that lives beside the timeline.
"""

EVENT = """\
---
title: The first ferry crosses the strait
date: 1998-06-02
countries: [DK, SE]
type: event
summary: A ferry crossed the strait for the first time.
sources: [harbour-1998]
---
The ferry left at dawn [@harbour-1998].
"""

BIBLIOGRAPHY = """\
- id: harbour-1998
  type: article-newspaper
  title: Ferry crosses the strait
  container-title: The Harbour Gazette
  issued: 1998-06-03
  URL: https://gazette.example.org/1998/ferry
  accessed: 2026-12-07
  language: en
"""


def test_an_ordinary_blog_builds_the_timeline_beside_its_articles(tmp_path):
    site = tmp_path / "blog"
    (site / "content" / "events").mkdir(parents=True)
    (site / "pelicanconf.py").write_text(BLOG_SETTINGS, encoding="utf-8")
    (site / "content" / "why.md").write_text(ARTICLE, encoding="utf-8")
    (site / "content" / "events" / "1998-06-02-ferry.md").write_text(EVENT, encoding="utf-8")
    (site / "content" / "sources.yaml").write_text(BIBLIOGRAPHY, encoding="utf-8")

    built = pelican(site)

    assert built.returncode == 0, built.stderr
    assert "Processed 1 article" in built.stdout  # the event was not read as an article
    output = site / "output"
    assert "Why we keep a timeline" in (output / "index.html").read_text(encoding="utf-8")
    timeline = (output / "timeline" / "index.html").read_text(encoding="utf-8")
    assert "The first ferry crosses the strait" in timeline
    assert (output / "timeline" / "events.json").is_file()
    assert not (output / "events").exists()


@pytest.mark.skipif(
    not (os.environ.get("CI") or os.environ.get("REQUIRE_TOOLS") or os.environ.get("SLOW")),
    reason="installs the package into a new virtual environment (set SLOW=1 to run)",
)
def test_pip_install_then_quickstart_then_pelican_in_a_fresh_venv(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    installed = subprocess.run(
        [python, "-m", "pip", "install", "-q", str(ROOT)], capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    site = tmp_path / "apollo"
    started = subprocess.run(
        [venv / "bin" / "pelican-timeline", "quickstart", str(site), "--title", "Apollo"],
        capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert started.returncode == 0, started.stderr
    built = pelican(site, python=python)
    assert built.returncode == 0, built.stderr
    assert "Apollo" in (site / "output" / "index.html").read_text(encoding="utf-8")
    checked = subprocess.run(
        [venv / "bin" / "pelican-timeline", "check"], cwd=site, capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    assert checked.stdout == "OK: 1 event, 1 source, no problems.\n", checked.stderr


def test_a_blog_hosted_build_keeps_every_timeline_file_in_its_folder(tmp_path):
    site = tmp_path / "blog"
    (site / "content" / "events").mkdir(parents=True)
    (site / "pelicanconf.py").write_text(
        BLOG_SETTINGS + 'SITEURL = "https://blog.example.org"\nRELATIVE_URLS = False\n',
        encoding="utf-8",
    )
    (site / "content" / "events" / "1998-06-02-ferry.md").write_text(EVENT, encoding="utf-8")
    (site / "content" / "sources.yaml").write_text(BIBLIOGRAPHY, encoding="utf-8")

    built = pelican(site)

    assert built.returncode == 0, built.stderr
    output = site / "output"
    beside_the_blog = {p.name for p in output.iterdir()} - {"theme"}
    assert "timeline" in beside_the_blog
    assert not beside_the_blog & {
        "events.json",
        "events.csv",
        "events.ics",
        "sources.bib",
        "sources.json",
        "sitemap.xml",
        "robots.txt",
        "feeds",
    }
    timeline = {p.name for p in (output / "timeline").iterdir()}
    assert {"events.json", "events.csv", "sitemap.xml", "feeds"} <= timeline
    assert "robots.txt" not in timeline  # only read at a site's root
