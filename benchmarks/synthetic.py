"""Synthetic but realistic content for benchmarks: N events in our format and in Pelican's.

Deterministic for a given N and seed: bodies of 150-400 words with citations, 1-3
countries, 1-3 sources per event, dates of day, month and year precision and intervals.
"""

from __future__ import annotations

import random
from pathlib import Path

# Text with the shape of real text, so that search timings mean something: a few
# thousand distinct words whose frequencies fall off as in natural language (Zipf: the
# commonest words in almost every event, most words in a few), plus people's names,
# places and outlets. Real words come first in rank; invented ones (built from syllables,
# deterministically) make up the long tail, as rare words and proper names do.
FUNCTION_WORDS = """
the of and to in a on for with by at from that as was were is its their which this
also after during before between over under into about against more than two three
first new other his her they it be has had have been will would an not but or all
"""
DOMAIN_WORDS = """
defence minister agreement cooperation military delegation visit training exercise drone
production plan signed talks ministry officials joint forces border security industry
contract delivery aircraft systems programme officers academy naval units summit
declaration partnership technology transfer procurement framework protocol ratified
parliament capital regional strategic bilateral mutual annual meeting press service
reported according statement week month year agency news sources said president
government army navy air force general staff chief commander deputy envoy embassy
ambassador treaty memorandum understanding intergovernmental commission plenary working
group consultations negotiations dialogue relations friendship brotherhood solidarity
assistance aid grant loan credit supply supplies equipment vehicles armoured personnel
carriers helicopters transport patrol boats frigate corvette vessel shipyard factory
plant assembly line licence licensed local localisation maintenance repair overhaul
spare parts ammunition rifles artillery mortars radar radars missiles launchers air
defence electronic warfare communications satellite reconnaissance surveillance
unmanned aerial vehicle vehicles tactical strategic operational combat battalion brigade
regiment company platoon special operations commandos paratroopers cadets students
graduates instructors courses school college university institute centre center base
garrison headquarters range polygon field manoeuvres drills live fire command post
staff peacekeeping mission counterterrorism terrorism extremism narcotics trafficking
smuggling cyber information intelligence sharing exchange experience expertise
modernisation reform capabilities capacity interoperability standards certification
testing trials demonstration exhibition fair expo show stand display showcase
presented unveiled announced confirmed denied discussed agreed approved adopted
endorsed hosted received welcomed attended participated observed inspected toured
opened inaugurated launched completed delivered handed ordered purchased acquired
bought sold exported imported financed funded invested budget spending million billion
dollars value worth cost price units batch first second third final initial pilot
phase stage project programmes initiative roadmap timeline schedule deadline period
years decades century history historic landmark milestone anniversary ceremony parade
celebration independence day national republic state union organisation council
secretariat summit leaders heads presidents prime foreign affairs interior emergency
situations border guards gendarmerie police national guard reserve conscription
contract soldiers servicemen women veterans families housing salaries pensions
education language cultural heritage turkic kinship common shared values region
central asia caspian sea black mountain valley river desert steppe city province
district oblast port airport railway highway pipeline energy gas oil mining
"""
SYLLABLE_TEXT = """
ka ra tu men bek ol sar lan dor vi ze na mi ko su ta ri bo el an ul tek gor shan zhan mur
ali ay bul chi da er gul han is jan kul lik mar nur oz pa rus sen tal ush vos yer zor ak bay
dem fer gen hal ir kem lev mor ner os per qar sul tem ur vel yas zin
"""
SYLLABLES = tuple(SYLLABLE_TEXT.split())
COUNTRIES = ["TR", "KZ", "KG", "UZ", "TM", "AZ", "TJ", "PK", "HU", "OTS"]
TYPES = ["visit", "agreement", "arms-transfer", "production", "exercise", "training",
         "summit", "statement", "display"]  # fmt: skip
SYSTEMS = ["ANKA", "Bayraktar TB2", "Akıncı", "Aksungur", "Cobra", "Kirpi", "Otokar Arma"]
TAGS = ["uav", "naval", "training", "armoured vehicles", "military education", "ratification",
        "defence industry", "special forces", "peacekeeping", "air defence"]  # fmt: skip
ROLES = ["Minister of Defence", "Deputy Minister", "Chief of General Staff", "Ambassador",
         "President", "Commander of the Air Force", "Head of the Defence Industry Agency",
         "Foreign Minister", "Spokesperson", "Director of the Military Academy"]  # fmt: skip


def _invented(rng: random.Random, count: int, syllables: tuple[int, int], taken: set) -> list:
    words = []
    while len(words) < count:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(*syllables)))
        if word not in taken:
            taken.add(word)
            words.append(word)
    return words


def _vocabulary() -> tuple[list[str], list[float], list[str], list[str], list[str]]:
    """(words by rank, cumulative Zipf weights, people, places, outlets), the same every run."""
    rng = random.Random(1993)
    words = list(dict.fromkeys(FUNCTION_WORDS.split() + DOMAIN_WORDS.split()))
    taken = set(words)
    words += _invented(rng, 4000, (2, 4), taken)
    weights, total = [], 0.0
    for rank in range(len(words)):
        total += 1 / (rank + 2.7)  # Zipf-Mandelbrot
        weights.append(total)
    given = [w.capitalize() for w in _invented(rng, 300, (2, 3), taken)]
    family = [w.capitalize() + rng.choice(("ov", "ev", "oğlu", "bekov", "uly", "yan", ""))
              for w in _invented(rng, 700, (2, 3), taken)]  # fmt: skip
    people = [f"{rng.choice(given)} {rng.choice(family)}" for _ in range(2000)]
    places = [w.capitalize() + rng.choice(("", "abad", "kent", "sk", "tau", " Valley"))
              for w in _invented(rng, 400, (2, 3), taken)]  # fmt: skip
    outlets = [f"{w.capitalize()} {rng.choice(('Times', 'News', 'Daily', 'Herald', 'Post'))}"
               for w in _invented(rng, 60, (2, 3), taken)]  # fmt: skip
    return words, weights, people, places, outlets


WORDS, WEIGHTS, PEOPLE, PLACES, OUTLETS = _vocabulary()


def _sentence(rng: random.Random, n: int) -> str:
    words = rng.choices(WORDS, cum_weights=WEIGHTS, k=n)
    if n > 6 and rng.random() < 0.5:  # names and places, as reports have them
        words[rng.randrange(n)] = rng.choice(PLACES)
    if n > 8 and rng.random() < 0.3:
        words[rng.randrange(n)] = rng.choice(PEOPLE)
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
                f"  container-title: {OUTLETS[i % len(OUTLETS)]}\n"
                f"  issued: {rng.randint(1993, 2025)}-{rng.randint(1, 12):02d}-"
                f"{rng.randint(1, 28):02d}\n"
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
            f"people:\n  - {{name: {PEOPLE[rng.randrange(len(PEOPLE))]}, "
            f"role: {rng.choice(ROLES)}, country: {countries[0]}}}\n"
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
