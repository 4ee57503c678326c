"""Read and validate all content: entries, bibliography, organisations -> Timeline.

This is the one place that decides whether the content is valid. ``invoke check`` calls
``load_timeline`` and stops; the build calls the same function before it writes anything.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, replace
from pathlib import Path

from . import frontmatter, output_paths, parallel
from .cache import BuildCache, digest
from .fields import Vocabulary
from .history import entry_dates
from .linkreport import parse_link_report
from .model import Timeline
from .places import Gazetteer, Place
from .problems import ContentError, Problem
from .progress import QUIET
from .render import pack, render_event
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
RENDERED = "/rendered"  # the key of a record's rendered texts: the record's key + this
logger = logging.getLogger(__name__)


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


@dataclass(frozen=True)
class EntryWork:
    """What every worker needs to make an entry's record."""

    vocabulary: Vocabulary
    render: bool


def entry_record(work: EntryWork, item: tuple[str, bytes]):
    """One entry's record: (Event or None, problems, its rendered texts packed or None, a
    digest of its facts: all but the body, which only pages and feeds show).

    Rendering belongs to the record: it depends only on the entry's texts and the sources
    it cites, both covered by the record's key. Once rendered, the event keeps no body:
    the rendered texts are the one copy a build holds.
    """
    name, raw = item
    event, problems = _read_entry(name, raw, work.vocabulary)
    if event is None:
        return None, problems, None, ""
    facts = replace(event, body="")
    if not work.render:
        return event, problems, None, digest("facts", facts)
    return (
        facts,
        problems,
        pack(render_event(event, work.vocabulary.sources)),
        digest("facts", facts),
    )


def entry_paths(events_dir: Path) -> list[str]:
    """Every entry, as its path inside events_dir: .md in any case (reported if not
    lowercase); dot-files and dot-folders are skipped, as other generators do (macOS writes
    ._name.md beside each file). In the order of their folders, then names.

    Plain strings from ``os.scandir``: at 10,000 entries, path objects took seconds."""
    found = []

    def walk(folder: str, prefix: str):
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir():
                    walk(entry.path, f"{prefix}{entry.name}/")
                elif os.path.splitext(entry.name)[1].lower() == ".md" and entry.is_file():
                    found.append(prefix + entry.name)

    walk(os.fspath(events_dir), "")
    return sorted(found, key=lambda name: name.split("/"))


def load_timeline(
    content_path,
    settings: dict | None = None,
    cache=None,
    rendered: dict | None = None,
    digests: dict | None = None,
    progress=QUIET,
) -> Timeline:
    """Validate everything under ``content_path``; raise ContentError listing every problem.

    With a BuildCache, an entry whose bytes and vocabulary are unchanged since the last
    build is taken from it instead of being parsed and checked again. Entries that are
    not are read in worker processes when there are many (``TIMELINE_WORKERS``). With a
    ``rendered`` dict, each event's rendered texts are made too and put there by slug,
    packed (``render.pack``), and the events keep no body;
    a ``digests`` dict gets each event's (record key, digest of its facts). ``progress``
    (from ``progress.bars``) shows the reading and the checking of the entries.
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
    events, first_seen, names, todo = [], {}, {}, []
    events_shown = shown(events_dir)
    paths = entry_paths(events_dir) if events_dir.is_dir() else []
    for inside in progress.track(paths, "Reading entries", len(paths)):
        name = f"{events_shown}/{inside}"
        with open(events_dir / inside, "rb") as handle:
            raw = handle.read()
        if len(raw) > MAX_ENTRY_BYTES:
            problems.append(
                Problem(name, 0, "file", f"is {len(raw):,} bytes; at most {MAX_ENTRY_BYTES:,}",
                        "an entry is a short summary with citations: shorten it")
            )  # fmt: skip
            continue
        stem, suffix = os.path.splitext(inside.rsplit("/", 1)[-1])
        if suffix != ".md":
            problems.append(
                Problem(name, 0, "file name", f"ends in {suffix!r}; entries end in '.md'",
                        f"rename it to {stem}.md")
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
        names[slug] = inside
        todo.append((digest("entry", name, raw, vocabulary_key), name, raw))

    # A record's rendered texts are kept apart (under its key + RENDERED), so that check,
    # which needs none, does not read them.
    render = rendered is not None
    keys = [key for key, _, _ in todo]
    records = cache.get_many(keys)
    if render:
        texts = cache.get_packed([key + RENDERED for key in keys])
        for key in keys:
            if key in records and records[key][0] and key + RENDERED in texts:
                records[key] = (*records[key][:2], texts[key + RENDERED], records[key][3])
        del texts
    # A record made without rendering (by check, before): the build makes it again.
    missing = [
        t for t in todo
        if t[0] not in records or (render and records[t[0]][0] and records[t[0]][2] is None)
    ]  # fmt: skip
    del todo  # the bytes of entries found in the cache are no longer needed
    workers = parallel.workers_for(config["TIMELINE_WORKERS"], len(missing))
    made = parallel.map_shared(
        entry_record, [(name, raw) for _, name, raw in missing], EntryWork(vocabulary, render),
        workers, lambda items, total: progress.track(items, "Checking entries", total),
    )  # fmt: skip
    if missing:
        logger.info("timeline: read %d entries in %d process(es)", len(missing), workers)
    fresh = workers == 1  # else the records were read from the workers' pickles
    for (key, _, _), record in zip(missing, made, strict=True):
        cache.put(key, (*record[:2], None, record[3]), fresh)
        if record[2] is not None:
            cache.put_packed(key + RENDERED, record[2])
        records[key] = (*cache.values[key][:2], record[2], record[3])
    del missing, made
    all_facts = []
    for key in keys:
        event, found, texts, facts = records[key]
        problems += found
        if event:
            events.append(event)
            all_facts.append(facts)
            if render:
                rendered[event.slug] = texts
            if digests is not None:
                digests[event.slug] = (key, facts)
    if not events_dir.is_dir():
        problems.append(Problem(shown(events_dir), 0, "events", "folder not found"))

    problems += check_aliases(events)
    if not problems:
        problems += check_uncited(shown(sources_path), sources, events)
    if not problems:
        # The same facts, files and settings always plan the same paths: at 10,000 entries
        # planning them took a tenth of a rebuild.
        planning_key = digest(
            "output paths", events_shown, shown(org_path), raw_organisations, all_facts,
            list(names.items()), sorted((k, repr(v)) for k, v in config.items()),
        )  # fmt: skip
        problems += cache.get(
            planning_key,
            lambda: output_paths.problems(
                output_paths.planned(
                    config,
                    [(event.slug, f"{events_shown}/{names[event.slug]}") for event in events],
                    {o.code: (shown(org_path), o.line) for o in organisation_records},
                    {code for event in events for code in event.countries},
                    config["TIMELINE_TYPES"],
                    topics(events, lambda e: f"{events_shown}/{names[e.slug]}"),
                )
            ),
        )
    if problems:
        raise ContentError(problems)
    timeline = Timeline.build(
        events, sources, gazetteer, config["TIMELINE_TYPES"], config["TIMELINE_ROLES"]
    )
    timeline.changes = entry_dates(events, events_dir, names)
    timeline.links = links
    # The types, roles and tags are settings, which the pages' keys hold apart.
    timeline.key = digest("timeline", raw_sources, raw_organisations, all_facts,
                          sorted(timeline.changes.items()), sorted(links.items()))  # fmt: skip
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
