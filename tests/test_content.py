"""The bundled content: sourced, checkable, and written afresh."""

import re
from urllib.parse import urlsplit

import pytest

from conftest import ROOT
from pelican.plugins.timeline.cli import site_settings
from pelican.plugins.timeline.content import load_timeline

SEED = "turkiyescoop-turan-tactic"


@pytest.fixture(scope="module")
def timeline():
    return load_timeline(ROOT / "content", site_settings(str(ROOT / "pelicanconf.py")))


def test_at_least_35_events_each_citing_a_source_besides_the_seed_article(timeline):
    assert len(timeline.events) >= 35
    for event in timeline.events:
        assert set(event.sources) - {SEED}, event.slug


def test_every_cited_address_is_http(timeline):
    for source in timeline.sources.values():
        for url in filter(None, (source.url, source.archived_url)):
            assert urlsplit(url).scheme in ("http", "https"), (source.id, url)


def test_the_seed_events_are_all_there(timeline):
    countries = {e.slug: set(e.countries) for e in timeline.events if SEED in e.sources}
    assert len(countries) >= 15
    fidan = next(slug for slug in countries if "fidan" in slug)
    assert countries[fidan] == {"TR", "KZ", "UZ", "TM"}


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
