"""The bibliography: a CSL-YAML list of sources, each defined once and cited by many events.

Field names are those Zotero and pandoc export (``id``, ``type``, ``title``,
``container-title``, ``author``, ``issued``, ``URL``, ``accessed``, ``language``), plus
``archived-url`` (an archived copy of the page) and ``title-english`` (a translation of a
title in another language).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from . import frontmatter
from .dates import DateError, parse_date
from .model import Source
from .problems import Problem, did_you_mean

SOURCE_ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
CSL_TYPES = {
    "article", "article-journal", "article-magazine", "article-newspaper", "book",
    "broadcast", "chapter", "dataset", "document", "interview", "legislation",
    "manuscript", "motion_picture", "pamphlet", "paper-conference", "personal_communication",
    "post", "post-weblog", "report", "speech", "treaty", "webpage",
}  # fmt: skip
REQUIRED = ("id", "type", "title")
TEXT_FIELDS = (
    "title", "title-english", "container-title", "publisher", "publisher-place", "note",
    "language", "page", "volume", "issue", "genre", "medium", "abstract", "section",
    "version", "number", "collection-title", "event", "source",
)  # fmt: skip
URL_FIELDS = ("URL", "archived-url")
DATE_FIELDS = ("issued", "accessed")
KNOWN_FIELDS = set(REQUIRED) | set(TEXT_FIELDS) | set(URL_FIELDS) | set(DATE_FIELDS) | {
    "author", "editor", "translator", "DOI", "ISBN", "ISSN",
}  # fmt: skip


def check_url(value: str) -> str:
    """'' if the value is an http(s) URL, else what is wrong with it."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https"):
        return f"{value!r} is not an http(s) URL"
    if not parts.hostname or " " in value.strip():
        return f"{value!r} is not a complete URL"
    return ""


def _text(value) -> str | None:
    return str(value).strip() if isinstance(value, str) else None


def _person(value) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        if "literal" in value:
            return _text(value["literal"])
        parts = [_text(value.get("given")), _text(value.get("family"))]
        name = " ".join(p for p in parts if p)
        return name or None
    return None


def _csl_date(value) -> str | None:
    """A CSL date (EDTF string, or {date-parts: [[y, m, d]]}) as an EDTF string."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        if "date-parts" in value:
            parts = value["date-parts"]
            if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
                numbers = [str(p).strip() for p in parts[0]]
                if all(n.isdigit() for n in numbers) and len(numbers) <= 3:
                    year, *rest = numbers
                    return "-".join([year.zfill(4), *(n.zfill(2) for n in rest)])
        for key in ("raw", "literal"):
            if key in value:
                return _text(value[key])
    return None


def parse_sources(path: str, raw: bytes) -> tuple[dict[str, Source], list[Problem]]:
    """Bytes of sources.yaml -> ({id: Source}, problems)."""
    try:
        data = frontmatter.load_yaml(frontmatter.decode(raw), first_line=1)
    except frontmatter.FrontMatterError as exc:
        return {}, [Problem(path, exc.line, "sources", exc.message, exc.hint)]
    if data is None:
        data = []
    if not isinstance(data, list):
        hint = "start each source with '- id: ...'"
        return {}, [Problem(path, 1, "sources", "the bibliography must be a list", hint)]
    sources: dict[str, Source] = {}
    problems: list[Problem] = []
    for item in data:
        source = _parse_source(path, item, problems)
        if source is None:
            continue
        if source.id in sources:
            problems.append(
                Problem(
                    path,
                    source.line,
                    "id",
                    f"source id {source.id!r} is defined twice "
                    f"(first on line {sources[source.id].line})",
                    "give each source its own id, or merge the two",
                )
            )
            continue
        sources[source.id] = source
    return sources, problems


def _parse_source(path: str, item, problems: list[Problem]) -> Source | None:
    line = getattr(item, "line", 0)
    if not isinstance(item, dict):
        problems.append(Problem(path, line, "source", "each source must be a mapping of fields"))
        return None

    def report(name, message, hint=""):
        problems.append(Problem(path, item.key_lines.get(name, line), name, message, hint))

    before = len(problems)
    for name in item:
        if name not in KNOWN_FIELDS:
            report(name, f"unknown source field {name!r}", did_you_mean(name, KNOWN_FIELDS))
    for name in REQUIRED:
        if not _text(item.get(name)):
            report(name, f"source is missing {name!r}", "every source needs id, type and title")
    source_id = _text(item.get("id")) or ""
    if source_id and not SOURCE_ID_RE.match(source_id):
        report("id", f"source id {source_id!r} may hold only a-z, 0-9, '.', '_' and '-'")
    csl_type = _text(item.get("type"))
    if csl_type and csl_type not in CSL_TYPES:
        report("type", f"unknown CSL type {csl_type!r}", did_you_mean(csl_type, CSL_TYPES))
    for name in TEXT_FIELDS:
        if name in item and _text(item[name]) is None:
            report(name, f"{name} must be text")
    urls = {}
    for name in URL_FIELDS:
        if name in item:
            value = _text(item[name])
            error = check_url(value) if value else f"{name} must be a URL"
            if error:
                report(name, error, "links must start with https:// or http://")
            urls[name] = value or ""
    dates = {}
    for name in DATE_FIELDS:
        if name in item:
            edtf = _csl_date(item[name])
            try:
                dates[name] = parse_date(edtf or "")
            except DateError as exc:
                report(name, exc.message, "write 2023-11-08, or {date-parts: [[2023, 11, 8]]}")
    authors = []
    if "author" in item:
        people = item["author"] if isinstance(item["author"], list) else None
        names = [_person(p) for p in people] if people is not None else [None]
        if None in names:
            report("author", "authors must be a list of {family, given} or {literal}")
        authors = [n for n in names if n]
    if len(problems) > before:
        return None
    return Source(
        id=source_id,
        type=csl_type,
        title=_text(item["title"]),
        line=line,
        container_title=_text(item.get("container-title")) or "",
        authors=tuple(authors),
        issued=dates.get("issued"),
        accessed=dates.get("accessed"),
        url=urls.get("URL", ""),
        archived_url=urls.get("archived-url", ""),
        language=_text(item.get("language")) or "",
        title_english=_text(item.get("title-english")) or "",
        note=_text(item.get("note")) or "",
        csl=_plain(item),
    )


def _plain(value):
    """Located values -> plain str/list/dict, for exports."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value)
