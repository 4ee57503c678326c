"""Read and validate all content: entries, bibliography, organisations -> Timeline.

This is the one place that decides whether the content is valid. ``invoke check`` calls
``load_timeline`` and stops; the build calls the same function before it writes anything.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import frontmatter
from .bibliography import parse_sources
from .cache import BuildCache, digest
from .history import entry_dates
from .places import Gazetteer, Place
from .problems import ContentError, Problem
from .schema import Vocabulary, slug_for, validate_entry
from .settings import read_settings
from .timeline import Timeline

ORG_CODE_RE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")
MAX_ENTRY_BYTES = 200_000


def _displayer(root: Path):
    """path -> how messages show it: relative to the project (the content folder's parent)."""
    prefix = root.resolve().name

    def shown(path: Path) -> str:
        try:
            return f"{prefix}/{path.relative_to(root).as_posix()}"
        except ValueError:
            return path.as_posix()

    return shown


def load_organisations(path: Path, shown: str) -> tuple[list[Place], list[Problem]]:
    if not path.exists():
        return [], []
    try:
        data = frontmatter.load_yaml(frontmatter.decode(path.read_bytes()), first_line=1)
    except frontmatter.FrontMatterError as exc:
        return [], [Problem(shown, exc.line, "organisations", exc.message, exc.hint)]
    if data is None:
        return [], []
    if not isinstance(data, list):
        hint = "start each with '- code: ...'"
        return [], [Problem(shown, 1, "organisations", "must be a list", hint)]
    places, problems = [], []
    countries = Gazetteer()
    for item in data:
        line = getattr(item, "line", 0)
        if not isinstance(item, dict) or not isinstance(item.get("code"), str):
            problems.append(Problem(shown, line, "code", "each organisation needs a code"))
            continue
        code, name = item["code"], item.get("name")
        if not ORG_CODE_RE.match(code):
            hint = "use 2-8 capital letters or digits, e.g. EU"
            problems.append(Problem(shown, line, "code", f"invalid code {code!r}", hint))
        elif countries.get(code):
            hint = "choose a code that is not a country's"
            problems.append(Problem(shown, line, "code", f"{code} is a country code", hint))
        elif not isinstance(name, str) or not name.strip():
            problems.append(Problem(shown, line, "name", f"organisation {code} needs a name"))
        else:
            short = item.get("short_name") if isinstance(item.get("short_name"), str) else ""
            places.append(Place(code, name.strip(), "organisation", "", short))
    return places, problems


def _valid_sources(name: str, raw: bytes):
    """(sources, []) when the bibliography has no problem, else None (so it is not cached)."""
    sources, problems = parse_sources(name, raw)
    return None if problems else (sources, problems)


def _read_entry(name: str, raw: bytes, vocabulary: Vocabulary, problems: list[Problem]):
    """The Event of one file, or None with its problems added to ``problems``."""
    try:
        fields, body, body_line = frontmatter.parse_entry(name, raw)
    except frontmatter.EntryError as exc:
        problems.append(exc.problem)
        return None
    event, entry_problems = validate_entry(name, fields, body, body_line, vocabulary)
    problems += entry_problems
    return event


def entry_paths(events_dir: Path) -> list[Path]:
    return sorted(p for p in events_dir.rglob("*.md") if p.is_file())


def load_timeline(content_path, settings: dict | None = None, cache=None) -> Timeline:
    """Validate everything under ``content_path``; raise ContentError listing every problem.

    With a BuildCache, an entry whose bytes and vocabulary are unchanged since the last
    build is taken from it instead of being parsed and checked again.
    """
    root = Path(content_path)
    config, problems = read_settings(settings or {})

    shown = _displayer(root)

    org_path = root / config["TIMELINE_ORGANISATIONS_FILE"]
    organisations, org_problems = load_organisations(org_path, shown(org_path))
    problems += org_problems
    gazetteer = Gazetteer(organisations)

    sources_path = root / config["TIMELINE_SOURCES_FILE"]
    cache = cache or BuildCache(None, "")
    if sources_path.exists():
        raw_sources = sources_path.read_bytes()
        parsed = cache.get(
            digest("sources", shown(sources_path), raw_sources),
            lambda: _valid_sources(shown(sources_path), raw_sources),
        )
        sources, source_problems = parsed or parse_sources(shown(sources_path), raw_sources)
        problems += source_problems
    else:
        sources = {}
        hint = "create it: a CSL-YAML list of the sources your entries cite"
        problems.append(Problem(shown(sources_path), 0, "sources", "file not found", hint))

    vocabulary = Vocabulary(gazetteer, config["TIMELINE_TYPES"], sources)
    vocabulary_key = digest(
        "vocabulary", sources_path.read_bytes() if sources_path.exists() else b"",
        org_path.read_bytes() if org_path.exists() else b"", config["TIMELINE_TYPES"],
    )  # fmt: skip
    events_dir = root / config["TIMELINE_EVENTS_PATH"]
    events, first_seen, names = [], {}, {}
    for path in entry_paths(events_dir) if events_dir.is_dir() else []:
        name = shown(path)
        raw = path.read_bytes()
        if len(raw) > MAX_ENTRY_BYTES:
            problems.append(
                Problem(name, 0, "file", f"is {len(raw):,} bytes; at most {MAX_ENTRY_BYTES:,}",
                        "an entry is a short summary with citations: shorten it")
            )  # fmt: skip
            continue
        slug = slug_for(name)
        if slug in first_seen:
            problems.append(
                Problem(name, 0, "file name", f"slug {slug!r} is also used by {first_seen[slug]}",
                        "rename one of the two files")
            )  # fmt: skip
            continue
        first_seen[slug] = name
        found: list[Problem] = []
        event = cache.get(
            digest("entry", name, raw, vocabulary_key),
            lambda name=name, raw=raw, found=found: _read_entry(name, raw, vocabulary, found),
        )
        problems += found
        if event:
            events.append(event)
            names[event.slug] = path.relative_to(events_dir).as_posix()
    if not events_dir.is_dir():
        problems.append(Problem(shown(events_dir), 0, "events", "folder not found"))

    if not problems:
        cited = {key for event in events for key in event.sources}
        for key, source in sources.items():
            if key not in cited:
                problems.append(
                    Problem(shown(sources_path), source.line, "id",
                            f"source {key!r} is not cited by any event",
                            "cite it from an entry, or remove it")
                )  # fmt: skip
    if problems:
        raise ContentError(problems)
    timeline = Timeline.build(events, sources, gazetteer, config["TIMELINE_TYPES"])
    timeline.changes = entry_dates(events, events_dir, names)
    return timeline
