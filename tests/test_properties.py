"""The checker's promise, as a property: for any front matter, settings and bibliography,
either ``check`` reports a problem, or the build succeeds."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EVENT_B, ORGANISATIONS, SOURCES, write_site
from pelican.plugins.timeline.content import load_timeline
from pelican.plugins.timeline.problems import ContentError
from test_corpus_robust import build_in_process, site_settings

# Mostly ordinary values, so that many examples reach the build; some hostile ones.
plain_text = st.text(st.characters(categories=("L", "N", "Zs", "P")), min_size=1, max_size=40)
awkward_text = st.one_of(
    plain_text,
    plain_text,
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40),
)
yaml_scalar = awkward_text.map(lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"')
dates = st.one_of(
    st.sampled_from(["2021", "2021-11", "2021-02-29", "0900-03-15", "9998-12-31", "9999-12-31",
                     "2021-11-07/2021-11-07", "2021~", "٢٠٢١", "2021-13", "0000", "2021-11-07?"]),
    st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}"),
)  # fmt: skip
codes = st.lists(
    st.sampled_from(["TR", "KZ", "OTS", "TR", "KZ", "OTS", "UZ", "XX", "kz"]),
    min_size=1, max_size=3,
)  # fmt: skip
tags = st.lists(awkward_text, max_size=3)
languages = st.sampled_from(["en", "en-US", "kk-Cyrl", "tr", "en", "en", "en_US", "English"])
urls = st.sampled_from([*["https://example.org/a"] * 8, "https://example.org/b?c=d#e",
                        "https://example.org/%5Bx%5D", "https://[example.org", "http://ex.org:x/",
                        "ftp://example.org", "https://example.org/a b", "https://例え.jp/"])  # fmt: skip
setting_values = st.fixed_dictionaries(
    {},
    optional={
        "TIMELINE_EVENTS_PER_PAGE": st.one_of(st.integers(-2, 5), st.just("ten"), st.none()),
        "TIMELINE_INTRO": st.one_of(awkward_text, awkward_text, st.none()),
        "TIMELINE_EVENT_SAVE_AS": st.sampled_from(
            ["events/{slug}.html", "{slug}.html", "e/{title}.html", "../{slug}.html",
             "index.html", "events/{slug}-" + "x" * 240 + ".html"]),
        "TIMELINE_CSV_SAVE_AS": st.sampled_from(["events.csv", "events.json", "../x.csv"]),
        "TIMELINE_TITLE": st.one_of(awkward_text, st.just("")),
    },
)  # fmt: skip


def entry(title, date, countries, tags_, summary) -> str:
    tag_list = ", ".join('"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"' for t in tags_)
    return (
        f"---\ntitle: {title}\ndate: {date}\ncountries: [{', '.join(countries)}]\n"
        f"type: visit\nsummary: {summary}\nsources: [astana-2023]\ntags: [{tag_list}]\n---\n"
        "Text [@astana-2023].\n"
    )


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    title=yaml_scalar, date=dates, countries=codes, tags_=tags, summary=yaml_scalar,
    language=languages, url=urls, overrides=setting_values,
    extra_organisations=st.sampled_from(["", "", "", "- code: ALL\n  name: All\n",
                                         "- code: INDEX\n  name: Index\n"]),
)  # fmt: skip
def test_check_reports_a_problem_or_the_build_succeeds(
    title, date, countries, tags_, summary, language, url, overrides, extra_organisations
):
    folder = Path(tempfile.mkdtemp())
    try:
        sources = SOURCES.replace("language: en\n", f"language: {language}\n", 1)
        sources = sources.replace("https://astanatimes.com/2023/11/plan/", url)
        organisations = ORGANISATIONS + extra_organisations
        name = f"{date[:10]}-generated.md" if date[:4].isascii() else "2021-generated.md"
        content = write_site(
            folder,
            {name: entry(title, date, countries, tags_, summary), "2021-11-drones.md": EVENT_B},
            sources=sources,
            orgs=organisations,
        )
        config = site_settings(content, folder / "output", overrides)
        try:
            load_timeline(content, config)
        except ContentError:
            return  # check refused it: the build is never reached
        build_in_process(config)  # must not raise
        assert (folder / "output" / "index.html").exists()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
