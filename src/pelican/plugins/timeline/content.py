"""Read and validate all content: entries, bibliography, organisations -> Timeline.

This is the one place that decides whether the content is valid. ``invoke check`` calls
``load_timeline`` and stops; the build calls the same function before it writes anything.
"""

from __future__ import annotations

from pathlib import Path

from . import frontmatter, output_paths
from .cache import BuildCache, digest
from .fields import Vocabulary
from .history import entry_dates
from .linkreport import parse_link_report
from .model import Timeline
from .places import Gazetteer, Place
from .problems import ContentError, Problem
from .progress import QUIET
from .settings import read_settings
from .validate import (
    check_aliases,
    check_uncited,
    slug_for,
    validate_entry,
    validate_organisations,
    validate_sources,
)

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


def read_optional(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


def load_organisations(raw: bytes | None, shown: str) -> tuple[list[Place], list[Problem]]:
    """The organisations file's bytes (None when there is none) -> places and problems."""
    organisations, problems = validate_organisations(shown, raw)
    return [o.place() for o in organisations], problems


def _read_entry(name: str, raw: bytes, vocabulary: Vocabulary):
    """(Event or None, problems) of one file."""
    try:
        fields, body, body_line = frontmatter.parse_entry(name, raw)
    except frontmatter.EntryError as exc:
        return None, [exc.problem]
    return validate_entry(name, fields, body, body_line, vocabulary)


def entry_paths(events_dir: Path) -> list[Path]:
    """Every entry: .md in any case (reported if not lowercase); dot-files and dot-folders
    are skipped, as other generators do (macOS writes ._name.md beside each file)."""
    return sorted(
        p
        for p in events_dir.rglob("*")
        if p.suffix.lower() == ".md"
        and not any(part.startswith(".") for part in p.relative_to(events_dir).parts)
        and p.is_file()
    )


def load_timeline(content_path, settings: dict | None = None, cache=None,
                  progress=QUIET) -> Timeline:  # fmt: skip
    """Validate everything under ``content_path``; raise ContentError listing every problem.

    With a BuildCache, an entry whose bytes and vocabulary are unchanged since the last
    build is taken from it instead of being parsed and checked again. ``progress`` (from
    ``progress.bars``) shows the reading and the checking of the entries.
    """
    root = Path(content_path)
    config, problems = read_settings(settings or {})

    shown = _displayer(root)

    cache = cache or BuildCache(None, "")
    org_path = root / config["TIMELINE_ORGANISATIONS_FILE"]
    raw_organisations = read_optional(org_path)
    organisation_records, org_problems = validate_organisations(shown(org_path), raw_organisations)
    problems += org_problems
    gazetteer = Gazetteer([o.place() for o in organisation_records])

    sources_path = root / config["TIMELINE_SOURCES_FILE"]
    raw_sources = read_optional(sources_path)
    if raw_sources is not None:
        # Problems are cached with the sources: the same bytes always have the same ones.
        sources, source_problems = cache.get(
            digest("sources", shown(sources_path), raw_sources),
            lambda: validate_sources(shown(sources_path), raw_sources),
        )
        problems += source_problems
    else:
        sources = {}
        hint = "create it: a CSL-YAML list of the sources your entries cite"
        problems.append(Problem(shown(sources_path), 0, "sources", "file not found", hint))

    # A data file with problems makes the entries that use it look wrong (one unclosed '['
    # would make every citation "unknown"): report the data files alone, before echoes.
    if problems:
        raise ContentError(problems)

    vocabulary = Vocabulary(
        gazetteer,
        config["TIMELINE_TYPES"],
        sources,
        roles=config["TIMELINE_ROLES"],
        tags=tuple(config["TIMELINE_TAGS"]),
    )
    links, link_problems = load_link_status(root / config["TIMELINE_LINKSTATUS_FILE"], shown,
                                            vocabulary.today)  # fmt: skip
    problems += link_problems
    vocabulary_key = digest(
        "vocabulary",
        raw_sources,
        raw_organisations,
        config["TIMELINE_TYPES"],
        config["TIMELINE_ROLES"],
        list(config["TIMELINE_TAGS"]),
        str(vocabulary.today),
    )
    events_dir = root / config["TIMELINE_EVENTS_PATH"]
    events, first_seen, names = [], {}, {}
    paths = entry_paths(events_dir) if events_dir.is_dir() else []
    raws = [p.read_bytes() for p in progress.track(paths, "Reading entries", len(paths))]
    for path, raw in progress.track(zip(paths, raws, strict=True), "Checking entries", len(paths)):
        name = shown(path)
        if len(raw) > MAX_ENTRY_BYTES:
            problems.append(
                Problem(name, 0, "file", f"is {len(raw):,} bytes; at most {MAX_ENTRY_BYTES:,}",
                        "an entry is a short summary with citations: shorten it")
            )  # fmt: skip
            continue
        if path.suffix != ".md":
            problems.append(
                Problem(name, 0, "file name", f"ends in {path.suffix!r}; entries end in '.md'",
                        f"rename it to {path.stem}.md")
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
        event, found = cache.get(
            digest("entry", name, raw, vocabulary_key),
            lambda name=name, raw=raw: _read_entry(name, raw, vocabulary),
        )
        problems += found
        if event:
            events.append(event)
            names[event.slug] = path.relative_to(events_dir).as_posix()
    if not events_dir.is_dir():
        problems.append(Problem(shown(events_dir), 0, "events", "folder not found"))

    problems += check_aliases(events)
    if not problems:
        problems += check_uncited(shown(sources_path), sources, events)
    if not problems:
        problems += output_paths.problems(
            output_paths.planned(
                config,
                [(event.slug, shown(events_dir / names[event.slug])) for event in events],
                {o.code: (shown(org_path), o.line) for o in organisation_records},
                {code for event in events for code in event.countries},
                config["TIMELINE_TYPES"],
                topics(events, lambda e: shown(events_dir / names[e.slug])),
            )
        )
    if problems:
        raise ContentError(problems)
    timeline = Timeline.build(
        events, sources, gazetteer, config["TIMELINE_TYPES"], config["TIMELINE_ROLES"]
    )
    timeline.changes = entry_dates(events, events_dir, names)
    timeline.links = links
    return timeline


def topics(events, shown) -> list[tuple[str, str, str, int]]:
    """(kind, name, file shown, line) of the first use of each tag, person and equipment."""
    found = {}
    for event in sorted(events, key=lambda e: e.sort_key):
        names = [("tag", t) for t in event.tags] + [("person", p.name) for p in event.people]
        for kind, name in [*names, *(("system", s) for s in event.systems)]:
            field = output_paths.TOPIC_FIELDS[kind]
            found.setdefault((kind, name), (shown(event), event.lines.get(field, 0)))
    return [(kind, name, *where) for (kind, name), where in found.items()]


def load_link_status(path: Path, shown, today) -> tuple[dict, list[Problem]]:
    """The link check's results, or none when it has not been run (the file is optional)."""
    raw = read_optional(path)
    if raw is None:
        return {}, []
    return parse_link_report(shown(path), raw, today)
