"""The time strip, the tag vocabulary and the role facet: units, then small inline sites."""

import re
from collections import Counter

import pytest

from conftest import SETTINGS, pelican_build
from pelican.plugins.timeline.content import load_timeline
from pelican.plugins.timeline.problems import ContentError
from pelican.plugins.timeline.settings import read_settings
from pelican.plugins.timeline.tagwords import near_duplicates, suggest, tag_key
from pelican.plugins.timeline.timestrip import PITCH, build_strip, describe, year_ranges
from test_checker import entry

KEYS = {"visit": ("Visit", "Visits"), "exercise": ("Exercise", "Exercises")}


def strip_of(counts):
    return build_strip(counts, KEYS, lambda year: f"#y{year}")


def test_one_column_per_year_with_gaps_kept_and_links_only_where_events_are():
    strip = strip_of({2001: Counter(visit=1), 2004: Counter(visit=2, exercise=2)})
    assert [c.year for c in strip.columns] == [2001, 2002, 2003, 2004]
    assert [c.x for c in strip.columns] == [0, PITCH, 2 * PITCH, 3 * PITCH]
    assert [c.href for c in strip.columns] == ["#y2001", "", "", "#y2004"]
    assert [c.year for c in strip.links] == [2001, 2004]
    assert strip.width == 4 * PITCH


def test_heights_are_to_scale_and_split_by_key_in_the_given_order():
    strip = strip_of({2001: Counter(visit=1), 2002: Counter(exercise=2, visit=2)})
    lone, busy = strip.columns
    assert sum(s.height for s in busy.segments) == strip.bar_height
    assert sum(s.height for s in lone.segments) == pytest.approx(strip.bar_height / 4)
    assert [s.key for s in busy.segments] == ["visit", "exercise"]  # KEYS order, bottom up
    assert busy.segments[0].y > busy.segments[1].y  # stacked from the baseline upwards
    assert [s.colour for s in busy.segments] == [0, 1]
    assert busy.name == "2002: 4 events (2 visits, 2 exercises)"
    assert lone.name == "2001: 1 event"


def test_a_strip_of_one_year_says_nothing_and_is_not_drawn():
    assert strip_of({2001: Counter(visit=3)}) is None


def test_the_strip_in_words_names_the_busiest_year_and_the_gaps():
    assert year_ranges([1996, 1997, 1998, 2010]) == ["1996–1998", "2010"]
    text = describe({1993: 1, 1994: 0, 1995: 0, 1996: 3, 1997: 0, 1998: 1})
    assert text == (
        "5 events from 1993 to 1998, in 3 years of 6. Most in 1996 (3 events). "
        "None in 1994–1995, 1997."
    )


def test_first_last_and_round_years_are_written_and_never_crowd():
    strip = strip_of({1993: Counter(visit=1), 2025: Counter(visit=1)})
    written = [c.year for c in strip.columns if c.label]
    assert written[0] == 1993 and written[-1] == 2025
    assert 1995 not in written and 2000 in written  # 1995 would touch 1993's label
    assert strip.columns[0].anchor == "start" and strip.columns[-1].anchor == "end"


def test_near_duplicate_tags_differ_in_case_plural_or_separators_only():
    assert tag_key("Caspian-Seas") == tag_key("caspian sea")
    assert tag_key("exports") == tag_key("export")
    assert near_duplicates(["navy", "Caspian Sea", "caspian sea", "uav"]) == [
        ("Caspian Sea", "caspian sea")
    ]
    assert suggest("Caspian Sea", ["caspian sea", "navy"]) == "caspian sea"
    assert suggest("shipbuildng", ["shipbuilding", "navy"]) == "shipbuilding"
    assert suggest("parade", ["shipbuilding", "navy"]) == ""


def test_the_vocabulary_setting_rejects_near_duplicates_and_non_text():
    _, problems = read_settings({"TIMELINE_TAGS": ["navy", "Navy"]})
    assert [str(p) for p in problems] == [
        "pelicanconf.py: error: TIMELINE_TAGS: 'navy' and 'Navy' are the same tag spelled two ways "
        "(keep one)"
    ]
    _, problems = read_settings({"TIMELINE_TAGS": "navy"})
    assert "must be a list of tags, not str" in str(problems[0])


def test_the_checker_names_tags_outside_the_vocabulary_with_did_you_mean(site):
    content = site(
        {"2023-11-08-navy.md": entry(date="2023-11-08", tags="[navy, Caspian Sea, parade]")}
    )
    settings = {**SETTINGS, "TIMELINE_TAGS": ["navy", "caspian sea"]}
    with pytest.raises(ContentError) as caught:
        load_timeline(content, settings)
    assert [str(p) for p in caught.value.problems] == [
        "content/events/2023-11-08-navy.md:8:14: error: tags: tag 'Caspian Sea' is not in the site's vocabulary "
        "(TIMELINE_TAGS) (did you mean 'caspian sea'?)",
        "content/events/2023-11-08-navy.md:8:27: error: tags: tag 'parade' is not in the site's vocabulary "
        "(TIMELINE_TAGS) (add it to TIMELINE_TAGS first)",
    ]
    # Without a vocabulary any tag goes.
    assert len(load_timeline(content, SETTINGS).events) == 3


def test_an_inline_site_gets_a_strip_and_a_role_facet(site, tmp_path):
    content = site(
        {"2019-05-01-talks.md": entry(date="2019-05-01", type="visit",
                                      roles="{KZ: host, TR: visitor}")}
    )  # fmt: skip
    output = tmp_path / "output"
    result = pelican_build(content, output)
    assert result.returncode == 0, result.stderr
    html = (output / "index.html").read_text(encoding="utf-8")
    svg = re.search(r'<nav class="time-strip".*?</nav>', html, re.S).group(0)
    assert re.findall(r'<a href="(#y\d+)"', svg) == ["#y2019", "#y2021", "#y2023"]
    assert '<title id="strip-title">Events per year, 2019–2023</title>' in svg
    assert "None in 2020, 2022." in svg
    assert 'aria-label="2019: 1 event"' in svg
    assert '<option value="KZ:host">Kazakhstan as host (1)</option>' in html
    assert re.search(r'data-roles="(KZ:host TR:visitor|TR:visitor KZ:host)"', html)
    country = (output / "countries" / "kz.html").read_text(encoding="utf-8")
    assert 'class="time-strip"' in country
