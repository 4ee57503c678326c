"""Read and validate all content: entries, bibliography, organisations -> Timeline.

This is the one place that decides whether the content is valid. ``invoke check`` calls
``load_timeline`` and stops; the build calls the same function before it writes anything.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import frontmatter
from .bibliography import parse_sources
from .history import entry_dates
from .places import Gazetteer, Place
from .problems import ContentError, Problem
from .schema import Vocabulary, slug_for, validate_entry
from .settings import read_settings
from .timeline import Timeline

ORG_CODE_RE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")
MAX_ENTRY_BYTES = 200_000


def _display(path: Path, root: Path) -> str:
    """Paths in messages are relative to the project (the content folder's parent)."""
    try:
        return path.resolve().relative_to(root.resolve().parent).as_posix()
    except ValueError:
        return path.as_posix()


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
            hint = "use 2-8 capital letters or digits, e.g. OTS"
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


def entry_paths(events_dir: Path) -> list[Path]:
    return sorted(p for p in events_dir.rglob("*.md") if p.is_file())


def load_timeline(content_path, settings: dict | None = None) -> Timeline:
    """Validate everything under ``content_path``; raise ContentError listing every problem."""
    root = Path(content_path)
    config, problems = read_settings(settings or {})

    def shown(path: Path) -> str:
        return _display(path, root)

    org_path = root / config["TIMELINE_ORGANISATIONS_FILE"]
    organisations, org_problems = load_organisations(org_path, shown(org_path))
    problems += org_problems
    gazetteer = Gazetteer(organisations)

    sources_path = root / config["TIMELINE_SOURCES_FILE"]
    if sources_path.exists():
        sources, source_problems = parse_sources(shown(sources_path), sources_path.read_bytes())
        problems += source_problems
    else:
        sources = {}
        hint = "create it: a CSL-YAML list of the sources your entries cite"
        problems.append(Problem(shown(sources_path), 0, "sources", "file not found", hint))

    vocabulary = Vocabulary(gazetteer, config["TIMELINE_TYPES"], sources)
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
        try:
            fields, body, body_line = frontmatter.parse_entry(name, raw)
        except frontmatter.EntryError as exc:
            problems.append(exc.problem)
            continue
        event, entry_problems = validate_entry(name, fields, body, body_line, vocabulary)
        problems += entry_problems
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
