"""Synthetic but realistic content for benchmarks: N events in our format and in Pelican's.

Deterministic for a given N and seed: bodies of 150-400 words with citations, 1-3
countries, 1-3 sources per event, dates of day, month and year precision and intervals.
"""

from __future__ import annotations

import random
from pathlib import Path

VOCABULARY = """
defence minister agreement cooperation military delegation visit training exercise drone
production plan signed talks ministry officials joint forces border security industry
contract delivery aircraft systems programme officers academy naval units summit declaration
partnership technology transfer procurement framework protocol ratified parliament capital
regional strategic bilateral mutual annual meeting press service reported according
statement week month year agency news sources said new
"""
WORDS = tuple(VOCABULARY.split())
COUNTRIES = ["TR", "KZ", "KG", "UZ", "TM", "AZ", "TJ", "PK", "HU", "OTS"]
TYPES = ["visit", "agreement", "arms-transfer", "production", "exercise", "training",
         "summit", "statement", "display"]  # fmt: skip
SYSTEMS = ["ANKA", "Bayraktar TB2", "Akıncı", "Aksungur", "Cobra", "Kirpi", "Otokar Arma"]
TAGS = ["uav", "naval", "training", "armoured vehicles", "military education", "ratification",
        "defence industry", "special forces", "peacekeeping", "air defence"]  # fmt: skip


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def _date(rng: random.Random) -> tuple[str, str]:
    """(EDTF text, file-name prefix)"""
    year = rng.randint(1993, 2025)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    roll = rng.random()
    if roll < 0.6:
        text = f"{year}-{month:02d}-{day:02d}"
        return (text + ("?" if rng.random() < 0.05 else "")), text
    if roll < 0.8:
        return f"{year}-{month:02d}", f"{year}-{month:02d}"
    if roll < 0.9:
        return f"{year}" + ("~" if rng.random() < 0.3 else ""), f"{year}"
    end = min(day + rng.randint(1, 9), 28)
    start = f"{year}-{month:02d}-{day:02d}"
    return f"{start}/{year}-{month:02d}-{end:02d}", start


def generate(root: Path, events: int, seed: int = 1) -> dict:
    """Write content/ (ours) and vanilla/ (Pelican's own format) under root."""
    rng = random.Random(seed)
    ours = root / "content"
    vanilla = root / "vanilla"
    (ours / "events").mkdir(parents=True)
    (vanilla / "articles").mkdir(parents=True)
    (ours / "organisations.yaml").write_text(
        "- code: OTS\n  name: Organisation of Turkic States\n", encoding="utf-8"
    )
    source_count = max(1, events // 3)
    sources = [f"src-{i:05d}" for i in range(source_count)]
    with (ours / "sources.yaml").open("w", encoding="utf-8") as bib:
        for i, key in enumerate(sources):
            bib.write(
                f"- id: {key}\n  type: article-newspaper\n  title: {_sentence(rng, 7)[:-1]}\n"
                f"  container-title: Outlet {i % 40}\n  issued: {rng.randint(1993, 2025)}-"
                f"{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n"
                f"  URL: https://news.example/{key}\n  language: en\n"
            )
    for i in range(events):
        date, prefix = _date(rng)
        countries = rng.sample(COUNTRIES, rng.randint(1, 3))
        cited = sorted(
            {sources[i % source_count], *rng.sample(sources, min(rng.randint(0, 2), source_count))}
        )
        title = _sentence(rng, rng.randint(6, 12))[:-1]
        summary = _sentence(rng, rng.randint(12, 25))
        paragraphs, words = [], rng.randint(150, 400)
        keys = list(cited)
        while words > 0:
            n = min(words, rng.randint(40, 90))
            text = " ".join(_sentence(rng, 10) for _ in range(max(1, n // 10)))
            if keys:
                text += f" [@{keys.pop()}]"
            paragraphs.append(text)
            words -= n
        if keys:
            paragraphs.append("Also [@" + "; @".join(keys) + "].")
        tags = rng.sample(TAGS, rng.randint(0, 3))
        systems = rng.sample(SYSTEMS, rng.randint(0, 2))
        kind = rng.choice(TYPES)
        slug = f"{prefix}-event-{i:05d}"
        body = "\n\n".join(paragraphs) + "\n"
        (ours / "events" / f"{slug}.md").write_text(
            f'---\ntitle: "{title}"\ndate: {date}\ncountries: [{", ".join(countries)}]\n'
            f"type: {kind}\ntags: [{', '.join(tags)}]\nsystems: [{', '.join(systems)}]\n"
            f"people:\n  - {{name: Person {i % 500}, role: Minister, country: {countries[0]}}}\n"
            f'summary: "{summary}"\nsources: [{", ".join(cited)}]\n---\n{body}',
            encoding="utf-8",
        )
        day = (
            prefix
            if len(prefix) == 10
            else (prefix + "-01" if len(prefix) == 7 else prefix + "-01-01")
        )
        (vanilla / "articles" / f"{slug}.md").write_text(
            f"Title: {title}\nDate: {day}\nSlug: {slug}\nCategory: {kind}\n"
            f"Tags: {', '.join(tags + countries)}\nSummary: {summary}\n\n{body}",
            encoding="utf-8",
        )
    return {"events": events, "sources": source_count}
