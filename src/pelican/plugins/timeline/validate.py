"""The checker: one engine that reads a data file's records through its field table.

``check_record`` reports every problem of one record (an unknown field with a suggestion, a
missing required one, each value its parser refuses) as ``path:line:col: error: field:
message (hint)``. Entries, the bibliography and the organisations file all go through it; the
checks that span several fields or several files (citations, file names, duplicate ids,
aliases) follow here too.
"""

from __future__ import annotations

import itertools
import re

from . import citations, frontmatter
from .dates import EventDate
from .fields import (
    ENTRY,
    ORGANISATION,
    SLUG_RE,
    SOURCE,
    Field,
    FieldCheck,
    FieldError,
    Vocabulary,
)
from .model import Event, Organisation, Source
from .problems import Line, Problem, did_you_mean

FILE_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?-")


def check_record(
    path: str, record: dict, table: tuple[Field, ...], vocabulary=None
) -> tuple[dict, list[Problem]]:
    """The clean value of each field read without a problem, and every problem of the
    record. ``record`` is a mapping from ``frontmatter``, with the line of each key.

    A field that is absent or refused has no value here, so that checks across fields
    can tell "no sources listed" from "an empty list"; ``complete`` fills them in.
    """
    by_name = {spec.name: spec for spec in table}
    key_lines = getattr(record, "key_lines", {})
    key_at = getattr(record, "key_at", key_lines)
    top = getattr(record, "line", 1)
    problems: list[Problem] = []
    for name in record:
        if name not in by_name:
            hint = did_you_mean(name, by_name) or "known fields: " + ", ".join(by_name)
            problems.append(Problem(path, key_at.get(name, top), name, "unknown field", hint))
    values = {}
    for spec in table:
        if spec.name not in record:
            if spec.required:
                hint = f"add '{spec.name}: {spec.example}'" if spec.example else ""
                problems.append(Problem(path, top, spec.name, "missing required field", hint))
            continue
        check = FieldCheck(path, spec.name, key_lines.get(spec.name, top), vocabulary)
        try:
            values[spec.name] = spec.parse(record[spec.name], check)
        except FieldError as exc:
            hint = exc.hint
            if spec.required and exc.empty:
                hint = f"it is required, e.g. '{spec.name}: {spec.example}'"
            check.report(exc.message, hint, exc.line)
        problems.extend(check.problems)
    return values, problems


def complete(table: tuple[Field, ...], values: dict) -> dict:
    """Values of a record without problems, absent fields given the table's empty value."""
    return {spec.name: values.get(spec.name, spec.empty) for spec in table}


# --- entries -------------------------------------------------------------------------------


def slug_for(path: str) -> str:
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return name[:-3] if name.endswith(".md") else name


def validate_entry(
    path: str, fields: dict, body: str, body_line: int, vocabulary: Vocabulary
) -> tuple[Event | None, list[Problem]]:
    """Check every field of one entry; return the Event, or None and every problem."""
    key_lines = getattr(fields, "key_lines", {})
    top = getattr(fields, "line", 1)
    values, problems = check_record(path, fields, ENTRY, vocabulary)

    slug = slug_for(path)
    if not SLUG_RE.match(slug):
        problems.append(
            Problem(path, 0, "file name", f"{slug!r} is not a valid slug",
                    "use lowercase a-z, 0-9 and single hyphens, e.g. 2023-11-07-plan-2024.md")
        )  # fmt: skip
    problems.extend(_check_file_date(path, slug, values.get("date"), key_lines, top))
    problems.extend(_check_milestone_order(path, values, key_lines, top))
    problems.extend(_check_roles(path, values, key_lines, top))
    if slug in values.get("aliases", ()):
        problems.append(
            Problem(path, key_lines.get("aliases", top), "aliases",
                    f"lists the entry's own slug {slug!r}", "remove it")
        )  # fmt: skip
    problems.extend(
        _check_citations(path, fields, values, body, body_line, key_lines, top, vocabulary)
    )
    if problems:
        return None, problems
    lines = {name: key_lines.get(name, top) for name in fields if name in CROSS_ENTRY_FIELDS}
    event = Event(
        slug=slug, path=path, body=body, body_line=body_line, lines=lines,
        **complete(ENTRY, values),
    )  # fmt: skip
    return event, []


def _check_file_date(path, slug, date: EventDate | None, key_lines, top) -> list[Problem]:
    if date is None:
        return []
    match = FILE_DATE_RE.match(slug)
    if not match:
        return [
            Problem(path, 0, "file name", "must start with the event's date",
                    f"rename it to {date.iso_start}-{slug}.md")
        ]  # fmt: skip
    prefix = "-".join(p for p in match.groups() if p)
    if prefix != date.iso_start:
        return [
            Problem(path, key_lines.get("date", top), "file name",
                    f"file name starts with {prefix} but the date is {date.text}",
                    f"rename it to start with {date.iso_start}-")
        ]  # fmt: skip
    return []


def _check_milestone_order(path, values, key_lines, top) -> list[Problem]:
    steps = values.get("milestones") or ()
    line = key_lines.get("milestones", top)
    problems = []
    date = values.get("date")
    if date and steps and steps[0].date.start < date.start:
        problems.append(
            Problem(path, line, "milestones",
                    f"milestone {steps[0].label!r} ({steps[0].date.text}) is before the "
                    f"entry's date {date.text}", "the entry's date is its first step")
        )  # fmt: skip
    for earlier, later in itertools.pairwise(steps):
        if later.date.sort_key < earlier.date.sort_key:
            problems.append(
                Problem(path, line, "milestones",
                        f"{later.label!r} ({later.date.text}) is listed after "
                        f"{earlier.label!r} ({earlier.date.text})", "list milestones in order")
            )  # fmt: skip
    return problems


def _check_roles(path, values, key_lines, top) -> list[Problem]:
    listed = values.get("countries") or ()
    return [
        Problem(path, key_lines.get("roles", top), "roles",
                f"gives a role to {code}, which is not in 'countries'",
                f"add {code} to 'countries', or remove its role")
        for code, _role in values.get("roles") or ()
        if listed and code not in listed
    ]  # fmt: skip


def _check_citations(
    path, fields, values, body, body_line, key_lines, top, vocabulary
) -> list[Problem]:
    """Every [@key] is a known, listed source; every listed source is cited somewhere."""
    problems = []
    listed = values.get("sources")
    cited: set[str] = set()
    texts = [(body, body_line, "body")]
    if isinstance(fields.get("note"), str):
        texts.append((fields["note"], key_lines.get("note", top), "note"))

    def where(first_line, found, name) -> Line:
        if name == "body":  # the body's columns are the file's
            return Line(first_line + found.line, found.col)
        # In a YAML value (folded, maybe quoted) the column of the value is what is known.
        return Line(first_line + found.line, getattr(first_line, "col", 0) if not found.line else 0)

    for content, first_line, name in texts:
        groups, errors = citations.find_groups(content)
        for error in errors:
            cited.update(error.keys)  # a misplaced citation still names its source
            problems.append(
                Problem(path, where(first_line, error, name), name, str(error), error.hint)
            )  # fmt: skip
        for group in groups:
            for item in group.items:
                cited.add(item.key)
                if listed is not None and item.key not in listed:
                    known = item.key in vocabulary.sources
                    hint = (
                        f"add {item.key} to 'sources'"
                        if known
                        else did_you_mean(item.key, listed) or "add the source, then list it"
                    )
                    message = (
                        f"cites {item.key!r}, which is not in 'sources'"
                        if known
                        else f"cites unknown source {item.key!r}"
                    )
                    at = where(first_line, group, name)
                    problems.append(Problem(path, at, name, message, hint))
    for step in values.get("milestones") or ():
        cited.update(step.sources)
        for key in step.sources:
            if listed is not None and key not in listed:
                problems.append(
                    Problem(path, key_lines.get("milestones", top), "milestones",
                            f"cites {key!r}, which is not in 'sources'",
                            f"add {key} to 'sources'")
                )  # fmt: skip
    items = fields.get("sources") if isinstance(fields.get("sources"), list) else []
    item_at = {str(item).strip(): getattr(item, "line", None) for item in reversed(items)}
    for key in listed or ():
        if key not in cited:
            problems.append(
                Problem(path, item_at.get(key) or key_lines.get("sources", top), "sources",
                        f"source {key!r} is listed but never cited",
                        f"cite it in the body as [@{key}], or remove it")
            )  # fmt: skip
    return problems


# The fields that checks across entries report problems in, after the entry itself has
# passed: its event keeps their lines, and only theirs (10,000 events hold them all).
CROSS_ENTRY_FIELDS = frozenset({"aliases", "tags", "people", "systems"})


def check_aliases(events: list[Event]) -> list[Problem]:
    """An earlier slug may not be a current one, nor the earlier slug of two entries."""
    slugs = {event.slug: event for event in events}
    claimed: dict[str, Event] = {}
    problems = []
    for event in events:
        line = event.lines.get("aliases", 0)
        for alias in event.aliases:
            if alias in slugs:
                problems.append(
                    Problem(event.path, line, "aliases",
                            f"{alias!r} is the slug of {slugs[alias].path}",
                            "an alias is an address no entry uses any more: remove it")
                )  # fmt: skip
            elif alias in claimed:
                problems.append(
                    Problem(event.path, line, "aliases",
                            f"{alias!r} is also an alias of {claimed[alias].path}",
                            "an old address can lead to one entry only")
                )  # fmt: skip
            else:
                claimed[alias] = event
    return problems


def check_uncited(path: str, sources: dict[str, Source], events: list[Event]) -> list[Problem]:
    cited = {key for event in events for key in event.sources}
    return [
        Problem(path, source.line, "id", f"source {key!r} is not cited by any event",
                "cite it from an entry, or remove it")
        for key, source in sources.items()
        if key not in cited
    ]  # fmt: skip


# --- list files: the bibliography and the organisations ------------------------------------


def check_list_file(path: str, raw: bytes, table, what: str, plural: str, key: str):
    """Bytes of a YAML list of records -> ([(values, line, record)], problems).

    Each record goes through the table; one whose ``key`` repeats an earlier one is
    reported with both lines.
    """
    try:
        data = frontmatter.load_yaml(frontmatter.decode(raw), first_line=1)
    except frontmatter.FrontMatterError as exc:
        return [], [Problem(path, exc.line, plural, exc.message, exc.hint)]
    if data is None:
        return [], []
    if not isinstance(data, list):
        hint = f"start each {what} with '- {key}: ...'"
        return [], [Problem(path, getattr(data, "line", 1), plural, "must be a list", hint)]
    records, problems, first = [], [], {}
    for item in data:
        line = getattr(item, "line", 0)
        if not isinstance(item, dict):
            problems.append(Problem(path, line, what, f"each {what} must be a mapping of fields",
                                    f"start it with '- {key}: ...'"))  # fmt: skip
            continue
        values, found = check_record(path, item, table)
        problems += found
        if found:
            continue
        value = values[key]
        if value in first:
            problems.append(
                Problem(path, item.key_lines.get(key, line), key,
                        f"{what} {key} {value!r} is defined twice (first on line {first[value]})",
                        f"give each {what} its own {key}, or merge the two")
            )  # fmt: skip
            continue
        first[value] = line
        records.append((complete(table, values), line, item))
    return records, problems


def validate_sources(path: str, raw: bytes) -> tuple[dict[str, Source], list[Problem]]:
    """Bytes of the bibliography -> ({id: Source}, problems)."""
    records, problems = check_list_file(path, raw, SOURCE, "source", "sources", "id")
    sources = {}
    for values, line, item in records:
        sources[values["id"]] = Source(
            id=values["id"],
            type=values["type"],
            title=values["title"],
            line=line,
            container_title=values["container-title"],
            authors=values["author"],
            issued=values["issued"],
            accessed=values["accessed"],
            url=values["URL"],
            archived_url=values["archived-url"],
            language=values["language"],
            title_english=values["title-english"],
            note=values["note"],
            csl=_plain(item),
        )
    return sources, problems


def validate_organisations(path: str, raw: bytes | None):
    """Bytes of the organisations file (None: there is none) -> ([Organisation], problems)."""
    if raw is None:
        return [], []
    records, problems = check_list_file(
        path, raw, ORGANISATION, "organisation", "organisations", "code"
    )
    organisations = [
        Organisation(values["code"], values["name"], values["short_name"], line)
        for values, line, _ in records
    ]
    return organisations, problems


def _plain(value):
    """Located values -> plain str/list/dict, for exports."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value)
