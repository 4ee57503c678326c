"""The field tables: what each data file may hold, and how each field's value is read.

A table row names a field, says whether it is required, gives the parser that turns its
raw (string) value into a clean one, the value an absent field takes, and its
documentation. The checker (``validate``), the model's values, the JSON Schemas for
editors and the field lists in CONTRIBUTING.md all come from these tables: adding a
field is adding a row.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pycountry

from .dates import DATE_HINT, DateError, EventDate, parse_date
from .model import Correction, Milestone, Person, Source
from .places import Gazetteer
from .problems import Problem, did_you_mean
from .tagwords import suggest

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SOURCE_ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
ORGANISATION_CODE_RE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")
CSL_TYPES = (
    "article", "article-journal", "article-magazine", "article-newspaper", "book",
    "broadcast", "chapter", "dataset", "document", "interview", "legislation",
    "manuscript", "motion_picture", "pamphlet", "paper-conference", "personal_communication",
    "post", "post-weblog", "report", "speech", "treaty", "webpage",
)  # fmt: skip


@dataclass(frozen=True)
class Vocabulary:
    """What entries are checked against: codes, types, roles and the bibliography."""

    gazetteer: Gazetteer
    types: dict
    sources: dict[str, Source]
    roles: dict = field(default_factory=dict)
    tags: tuple = ()  # empty: any tag
    today: dt.date = field(default_factory=dt.date.today)


class FieldError(ValueError):
    """A field's value is wrong; ``empty`` says it holds nothing at all."""

    def __init__(self, message: str, hint: str = "", line: int | None = None, empty=False):
        super().__init__(message)
        self.message, self.hint, self.line, self.empty = message, hint, line, empty


class FieldCheck:
    """Collects the problems of one field of one entry; parsers may report several."""

    def __init__(self, path: str, name: str, line: int, vocabulary: Vocabulary):
        self.path, self.name, self.line, self.vocabulary = path, name, line, vocabulary
        self.problems: list[Problem] = []

    def report(self, message: str, hint: str = "", line: int | None = None):
        self.problems.append(Problem(self.path, line or self.line, self.name, message, hint))


# --- parsers: (raw value, FieldCheck) -> clean value, or raise FieldError -----------------


LINE_BREAK_RE = re.compile(r"[\n\r\v\f\x85\u2028\u2029]")


def _line(value) -> int | None:
    return getattr(value, "line", None)


def text(max_length: int) -> Callable:
    def parse(value, check: FieldCheck) -> str:
        if not isinstance(value, str):
            raise FieldError("must be text", "write it on one line after the colon")
        value = value.strip()
        if not value:
            raise FieldError("is empty", "write a value or remove the field", empty=True)
        if len(value) > max_length:
            raise FieldError(f"is {len(value)} characters long; at most {max_length}", "shorten it")
        if LINE_BREAK_RE.search(value):
            # A title or tag is shown on one line and is one cell or one filter value.
            raise FieldError("runs over more than one line", "write it on one line")
        return value

    return parse


def text_list(max_items: int = 50, max_length: int = 100) -> Callable:
    one = text(max_length)

    def parse(value, check: FieldCheck) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise FieldError("must be a list", "write [first, second]")
        if len(value) > max_items:
            raise FieldError(f"has {len(value)} items; at most {max_items}")
        items = []
        for item in value:
            try:
                items.append(one(item, check))
            except FieldError as exc:
                check.report(f"item {exc.message}", exc.hint, _line(item))
        return tuple(dict.fromkeys(items))

    return parse


def edtf_date(value, check: FieldCheck) -> EventDate:
    if not isinstance(value, str):
        raise FieldError("must be a single EDTF date", DATE_HINT)
    try:
        return parse_date(value)
    except DateError as exc:
        raise FieldError(exc.message, exc.hint) from None


def day_date(value, check: FieldCheck) -> EventDate:
    date = edtf_date(value, check)
    if date.precision != "day" or date.is_interval or date.approximate or date.uncertain:
        raise FieldError(f"{date.text!r} must be a single day", "write it as 2024-02-28")
    return date


def place_code(value, check: FieldCheck) -> str:
    if not isinstance(value, str) or not value.strip():
        raise FieldError("must be a country or organisation code", "e.g. FR")
    code = value.strip()
    if check.vocabulary.gazetteer.get(code):
        return code
    hint = check.vocabulary.gazetteer.hint(code) or "use an ISO 3166-1 alpha-2 code such as FR"
    raise FieldError(f"unknown country or organisation {code!r}", hint)


def place_codes(value, check: FieldCheck) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise FieldError("must be a non-empty list of codes", "write [FR, DE]", empty=not value)
    codes = []
    for item in value:
        try:
            code = place_code(item, check)
        except FieldError as exc:
            check.report(exc.message, exc.hint, _line(item))
            continue
        if code in codes:
            check.report(f"{code} is listed twice", "list each country once", _line(item))
        codes.append(code)
    return tuple(dict.fromkeys(codes))


def event_type(value, check: FieldCheck) -> str:
    types = check.vocabulary.types
    if not isinstance(value, str) or value.strip() not in types:
        shown = value if isinstance(value, str) else "(a list or mapping)"
        hint = did_you_mean(str(value), types) or "one of: " + ", ".join(types)
        raise FieldError(f"unknown type {shown!r}", hint)
    return value.strip()


def records(value, check: FieldCheck, what: str, keys: tuple[str, ...], required=()):
    """The well-formed mappings of a list field, with their lines; problems reported.

    One place for what every list-of-mappings field (people, milestones) checks: a list,
    of mappings, with known keys only and the required ones present.
    """
    shape = "{" + ", ".join(keys) + "}"
    if not isinstance(value, list):
        raise FieldError("must be a list", f"write - {shape}")
    for item in value:
        line = _line(item)
        if not isinstance(item, dict):
            check.report(f"each {what} must be {shape}", line=line)
            continue
        unknown = [key for key in item if key not in keys]
        for key in unknown:
            check.report(f"unknown {what} field {key!r}", did_you_mean(key, keys), line)
        missing = [key for key in required if key not in item]
        if missing:
            check.report(f"{what} is missing {', '.join(missing)}", line=line)
        if not unknown and not missing:
            yield item, line


PERSON_KEYS = ("name", "role", "country")


def people(value, check: FieldCheck) -> tuple[Person, ...]:
    if isinstance(value, list):  # a bare name is a person too
        value = [{"name": v} if isinstance(v, str) else v for v in value]
    result = []
    for item, line in records(value, check, "person", PERSON_KEYS, required=("name",)):
        try:
            name = text(120)(item["name"], check)
            role = text(200)(item["role"], check) if "role" in item else ""
            country = place_code(item["country"], check) if "country" in item else ""
        except FieldError as exc:
            check.report(f"person {exc.message}", exc.hint, line)
            continue
        result.append(Person(name, role, country))
    return tuple(result)


def source_keys(value, check: FieldCheck) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        empty = not value
        raise FieldError("must be a non-empty list of source ids", "write [source-id]", empty=empty)
    keys = []
    for item in value:
        key = item.strip() if isinstance(item, str) else ""
        if key.startswith("@"):
            check.report(f"write {key[1:]!r} without '@'", line=_line(item))
            key = key[1:]
        if key not in check.vocabulary.sources:
            hint = did_you_mean(key, check.vocabulary.sources) or "add it to the bibliography"
            check.report(f"unknown source {key!r}", hint, _line(item))
            continue
        if key in keys:
            check.report(f"source {key!r} is listed twice", line=_line(item))
        keys.append(key)
    return tuple(dict.fromkeys(keys))


def markdown_text(value, check: FieldCheck) -> str:
    return text(5000)(value, check)


MILESTONE_KEYS = ("date", "label", "sources")
CORRECTION_KEYS = ("date", "text")


def corrections(value, check: FieldCheck) -> tuple[Correction, ...]:
    result = []
    for item, line in records(value, check, "correction", CORRECTION_KEYS, CORRECTION_KEYS):
        try:
            date = day_date(item["date"], check)
            note = text(1000)(item["text"], check)
        except FieldError as exc:
            check.report(f"correction {exc.message}", exc.hint, line)
            continue
        if date.start > check.vocabulary.today:
            check.report(
                f"correction date {date.text} is after the build date ({check.vocabulary.today})",
                "date a correction the day it was made",
                line,
            )
        if result and date.start < result[-1].date.start:
            check.report(
                f"correction of {date.text} is listed after one of {result[-1].date.text}",
                "list corrections oldest first",
                line,
            )
        result.append(Correction(date, note))
    return tuple(result)


def vocabulary_tags(value, check: FieldCheck) -> tuple[str, ...]:
    tags = text_list()(value, check)
    allowed = check.vocabulary.tags
    if not allowed:
        return tags
    known = set(allowed)
    lines = {str(item).strip(): _line(item) for item in value}
    for tag in tags:
        if tag not in known:
            nearest = suggest(tag, allowed)
            hint = f"did you mean {nearest!r}?" if nearest else "add it to TIMELINE_TAGS first"
            message = f"tag {tag!r} is not in the site's vocabulary (TIMELINE_TAGS)"
            check.report(message, hint, lines.get(tag))
    return tags


def roles(value, check: FieldCheck) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise FieldError("must be a mapping of country code to role", "write {FR: supplier}")
    vocabulary = check.vocabulary.roles
    result = []
    for key, role in value.items():
        line = _line(role) or check.line
        try:
            code = place_code(key, check)
        except FieldError as exc:
            check.report(exc.message, exc.hint, line)
            continue
        name = role.strip() if isinstance(role, str) else ""
        if name not in vocabulary:
            hint = did_you_mean(name, vocabulary) or "one of: " + ", ".join(vocabulary)
            check.report(f"unknown role {name or role!r} for {code}", hint, line)
            continue
        result.append((code, name))
    return tuple(result)


def milestones(value, check: FieldCheck) -> tuple[Milestone, ...]:
    result = []
    for item, line in records(value, check, "milestone", MILESTONE_KEYS, MILESTONE_KEYS):
        try:
            date = edtf_date(item["date"], check)
        except FieldError as exc:
            check.report(f"milestone date: {exc.message}", exc.hint, _line(item["date"]) or line)
            continue
        try:
            label = text(80)(item["label"], check)
        except FieldError as exc:
            check.report(f"milestone label {exc.message}", exc.hint, _line(item["label"]) or line)
            continue
        result.append(Milestone(date, label, source_keys(item["sources"], check)))
    return tuple(result)


def slugs(value, check: FieldCheck) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise FieldError("must be a list of earlier slugs", "write [2021-11-old-name]")
    result = []
    for item in value:
        slug = item.strip() if isinstance(item, str) else ""
        if not SLUG_RE.match(slug):
            check.report(
                f"{slug or item!r} is not a valid slug",
                "an earlier file name without .md, e.g. 2021-11-old-name",
                _line(item),
            )
        else:
            result.append(slug)
    return tuple(dict.fromkeys(result))


# --- parsers of the bibliography and the organisations file --------------------------------


def plain_text(value, check: FieldCheck) -> str:
    return text(5000)(value, check)


def source_id(value, check: FieldCheck) -> str:
    key = text(200)(value, check)
    if not SOURCE_ID_RE.match(key):
        raise FieldError(
            f"source id {key!r} may hold only a-z, 0-9, '.', '_' and '-'", "e.g. outlet-2023-11-08"
        )
    return key


def csl_type(value, check: FieldCheck) -> str:
    kind = text(50)(value, check)
    if kind not in CSL_TYPES:
        hint = did_you_mean(kind, CSL_TYPES) or "one of: " + ", ".join(CSL_TYPES)
        raise FieldError(f"unknown CSL type {kind!r}", hint)
    return kind


URL_UNSAFE = set('[]<>"\\` ')
# BCP 47 (RFC 5646) in its common shape: language, script, region, variants; or private use.
BCP47_RE = re.compile(
    r"^(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(?:-[A-Za-z]{4})?"
    r"(?:-(?:[A-Za-z]{2}|[0-9]{3}))?(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*(?:-x(?:-[A-Za-z0-9]{1,8})+)?$"
    r"|^x(?:-[A-Za-z0-9]{1,8})+$"
)


def url_problem(value: str) -> str:
    """'' if the value is a complete http(s) URL, else what is wrong with it."""
    address = value.strip()
    try:
        parts = urlsplit(address)
        parts.port  # noqa: B018 - a port that is not a number raises here
    except ValueError as error:  # e.g. a stray '[' read as an IPv6 address
        return f"{address!r} is not a well-formed URL ({error})"
    stray = sorted({c for c in address if c in URL_UNSAFE})
    if stray:
        return f"{address!r} holds {' '.join(stray)}, which a URL cannot hold unencoded"
    if parts.scheme not in ("http", "https"):
        return f"{address!r} is not an http(s) URL"
    if not parts.hostname or " " in address:
        return f"{address!r} is not a complete URL"
    return ""


def web_address(value, check: FieldCheck) -> str:
    hint = "links must start with https:// or http://"
    if not isinstance(value, str) or not value.strip():
        raise FieldError(f"{check.name} must be a URL", hint)
    problem = url_problem(value)
    if problem:
        if "http(s)" not in problem:
            hint = "remove the stray character, or percent-encode it (%5B for [)"
        raise FieldError(problem, hint)
    return value.strip()


def language_tag(value, check: FieldCheck) -> str:
    """A BCP 47 tag: it becomes an hreflang attribute, which must be one."""
    tag = text(35)(value, check)
    if not BCP47_RE.match(tag):
        fixed = tag.replace("_", "-")
        hint = (
            f"write {fixed!r}"
            if BCP47_RE.match(fixed)
            else "a BCP 47 tag, e.g. en, tr, ru or kk-Cyrl"
        )
        raise FieldError(f"{tag!r} is not a language tag", hint)
    return tag


def csl_date(value, check: FieldCheck) -> EventDate:
    """A CSL date: an EDTF string, or {date-parts: [[y, m, d]]}, {raw: ...}, {literal: ...}."""
    text_value = None
    if isinstance(value, str):
        text_value = value
    elif isinstance(value, dict):
        parts = value.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            numbers = [str(p).strip() for p in parts[0]]
            if all(n.isdigit() for n in numbers) and len(numbers) <= 3:
                year, *rest = numbers
                text_value = "-".join([year.zfill(4), *(n.zfill(2) for n in rest)])
        for key in ("raw", "literal"):
            if text_value is None and isinstance(value.get(key), str):
                text_value = value[key]
    try:
        return parse_date((text_value or "").strip())
    except DateError as exc:
        raise FieldError(
            exc.message, "write 2023-11-08, or {date-parts: [[2023, 11, 8]]}"
        ) from None


def _name(value) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        if "literal" in value:
            return value["literal"].strip() or None if isinstance(value["literal"], str) else None
        parts = [value.get("given"), value.get("family")]
        name = " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())
        return name or None
    return None


def names(value, check: FieldCheck) -> tuple[str, ...]:
    """CSL names: a list of {family, given} or {literal}."""
    found = [_name(item) for item in value] if isinstance(value, list) else [None]
    if None in found:
        raise FieldError(
            f"{check.name} must be a list of {{family, given}} or {{literal}}",
            "write [{family: Doe, given: Jane}]",
        )
    return tuple(found)


def organisation_code(value, check: FieldCheck) -> str:
    code = value.strip() if isinstance(value, str) else ""
    if not ORGANISATION_CODE_RE.match(code):
        raise FieldError(
            f"invalid code {code or value!r}", "use 2-8 capital letters or digits, e.g. EU"
        )
    if pycountry.countries.get(alpha_2=code):
        raise FieldError(f"{code} is a country code", "choose a code that is not a country's")
    return code


# --- the field tables ------------------------------------------------------------------------

# JSON Schema of each field, for editors (see docs.entry_schema). An editor reads the YAML
# itself, and YAML types some values the checker reads as text: `date: 2022` is a number,
# `title: 1984` too, and `title: yes` is true in YAML 1.1. The checker reads every value as
# text, so the schema accepts those types wherever the checker does.
_STRING = {"type": "string", "minLength": 1}
_STRINGS = {"type": "array", "items": _STRING}


def _text_schema(max_length: int) -> dict:
    return {"type": ["string", "number", "boolean"], "minLength": 1, "maxLength": max_length}


def _texts_schema(max_items: int = 50, max_length: int = 100) -> dict:
    return {"type": "array", "maxItems": max_items, "items": _text_schema(max_length)}


_EDTF_PART = r"[?~%]?\d{4}[?~%]?(?:-[?~%]?\d{2}[?~%]?){0,2}"
_DATE_SCHEMA = {
    "oneOf": [
        {"type": "string", "pattern": rf"^\s*{_EDTF_PART}(?:/{_EDTF_PART})?\s*$"},
        {"type": "integer", "minimum": 1, "maximum": 9998},  # a year, as YAML types it
    ]
}
_DAY_SCHEMA = {"type": "string", "pattern": r"^\s*\d{4}-\d{2}-\d{2}\s*$"}
_CODE_SCHEMA = {"type": "string", "pattern": r"^\s*[A-Z][A-Z0-9]{1,7}\s*$"}
_SOURCE_KEYS_SCHEMA = {"type": "array", "minItems": 1, "items": {
    "type": ["string", "integer"], "pattern": r"^\s*[a-z0-9][a-z0-9._-]*\s*$"}}  # fmt: skip


@dataclass(frozen=True)
class Field:
    """One row of a field table."""

    name: str
    required: bool
    parse: Callable[[Any, FieldCheck], Any]
    empty: Any  # the value of an absent field
    doc: str
    json_schema: dict = field(default_factory=dict)
    example: str = ""


ENTRY: tuple[Field, ...] = (
    Field("title", True, text(200), "", "Headline, in sentence case.", _text_schema(200),
          "Two ministers sign a cooperation agreement"),
    Field("date", True, edtf_date, None,
          "EDTF date, as precise as the sources allow: `2021`, `2021-11`, `2021-11-07`, "
          "`2021~` (approximate), `2021?` (uncertain), `2024-07-08/2024-07-17` (interval).",
          _DATE_SCHEMA, "2023-11-07"),
    Field("countries", True, place_codes, (),
          "ISO 3166-1 alpha-2 country codes, or organisation codes from the organisations "
          "file; main actors first.",
          {"type": "array", "minItems": 1, "items": _CODE_SCHEMA}, "[FR, DE]"),
    Field("type", True, event_type, "", "One type from the site's vocabulary (see below).",
          {"type": "string"}, "agreement"),
    Field("summary", True, text(300), "", "One sentence shown on the timeline.", _text_schema(300),
          "The two ministers signed the agreement in the capital."),
    Field("sources", True, source_keys, (),
          "Ids of sources in the bibliography. Each must be cited in the body, the note or "
          "a milestone, and every citation must be listed here.",
          _SOURCE_KEYS_SCHEMA, "[outlet-2023-11-08]"),
    Field("tags", False, vocabulary_tags, (),
          "Short lowercase phrases, from the site's vocabulary when it sets one "
          "(`TIMELINE_TAGS`). Each tag has a page listing its events.", _texts_schema(),
          "[military cooperation plan]"),
    Field("people", False, people, (),
          "People named in the event: `{name, role, country}`; the role as held then. "
          "Each person has a page listing their events: spell a name alike everywhere.",
          {"type": "array", "items": {"oneOf": [_text_schema(120), {
              "type": "object", "required": ["name"], "additionalProperties": False,
              "properties": {"name": _text_schema(120), "role": _text_schema(200),
                             "country": _CODE_SCHEMA}}]}},
          "[{name: Jane Doe, role: Minister of Defence, country: FR}]"),
    Field("systems", False, text_list(), (),
          "Equipment named in the event; each has a page listing its events.", _texts_schema(),
          "[Leopard 2]"),
    Field("note", False, markdown_text, "",
          "Editorial note (Markdown with citations): where sources disagree, say so and "
          "cite each side.", _text_schema(5000), ""),
    Field("milestones", False, milestones, (),
          "Dated steps of one deal (signed, ratified, ordered, delivered, shown): "
          "`{date, label, sources}`, in order; the entry's `date` is the first step.",
          {"type": "array", "items": {"type": "object", "required": list(MILESTONE_KEYS),
           "additionalProperties": False, "properties": {
               "date": _DATE_SCHEMA, "label": _text_schema(80), "sources": _SOURCE_KEYS_SCHEMA}}},
          "[{date: 2021-11-27, label: made public, sources: [outlet-2021-11-27]}]"),
    Field("roles", False, roles, (),
          "Each listed country's role, from the site's vocabulary (see below): "
          "`{code: role}`. Only for countries in `countries`.",
          {"type": "object", "propertyNames": _CODE_SCHEMA,
           "additionalProperties": {"type": "string"}},
          "{FR: supplier, DE: recipient}"),
    Field("context", False, text(300), "",
          "Marks an entry outside the timeline's main scope, kept as background; one "
          "sentence saying why it is here.", _text_schema(300),
          "An exercise without the main country, kept because the article names it."),
    Field("corrections", False, corrections, (),
          "Corrections made after publication, oldest first: `{date, text}`; the date is "
          "the day the correction was made.",
          {"type": "array", "items": {"type": "object", "required": list(CORRECTION_KEYS),
           "additionalProperties": False, "properties": {
               "date": _DAY_SCHEMA, "text": _text_schema(1000)}}},
          "[{date: 2024-03-02, text: The signing date was 7 November, not 8.}]"),
    Field("added", False, day_date, None,
          "Day the entry was first published. Optional: taken from git history when absent.",
          _DAY_SCHEMA, "2024-02-28"),
    Field("updated", False, day_date, None,
          "Day the entry last changed in substance. Optional: taken from git history when "
          "absent.", _DAY_SCHEMA, "2024-03-02"),
    Field("aliases", False, slugs, (),
          "Earlier slugs of this entry (file names without `.md`), after a rename: each old "
          "address keeps working and leads here.",
          {"type": "array", "items": {"type": "string", "pattern": SLUG_RE.pattern}},
          "[2021-11-old-name]"),
)  # fmt: skip


# A year alone (`issued: 2005`) is a number to YAML; the checker reads it as text.
_DATE = {"oneOf": [_STRING, {"type": "integer"}, {"type": "object"}]}
_TEXT = _text_schema(5000)
_NAME_PARTS = ("family", "given", "dropping-particle", "non-dropping-particle", "suffix",
               "literal")  # fmt: skip
_NAMES = {
    "type": "array",
    "items": {
        "oneOf": [
            _STRING,
            {
                "type": "object",
                "additionalProperties": False,
                "properties": {part: _STRING for part in _NAME_PARTS},
            },
        ]
    },
}
_URL = {"type": "string", "pattern": "^https?://"}


def _text_fields(docs: dict[str, str]) -> tuple[Field, ...]:
    # `volume: 12` or `page: 3` are numbers to YAML: the checker reads them as text.
    return tuple(Field(name, False, plain_text, "", doc, _TEXT) for name, doc in docs.items())


# The bibliography: CSL-YAML, field names as Zotero and pandoc export them.
SOURCE: tuple[Field, ...] = (
    Field("id", True, source_id, "",
          "The id entries cite, `[@id]`: a-z, 0-9, `.`, `_` and `-`.",
          {"type": ["string", "integer"], "pattern": SOURCE_ID_RE.pattern}, "outlet-2023-11-08"),
    Field("type", True, csl_type, "", "CSL type: " + ", ".join(f"`{t}`" for t in CSL_TYPES) + ".",
          {"type": "string", "enum": list(CSL_TYPES)}, "article-newspaper"),
    Field("title", True, plain_text, "", "Title as published, in its language.", _TEXT,
          "Ministers sign a cooperation plan"),
    Field("title-english", False, plain_text, "",
          "An English translation of a title in another language.", _TEXT),
    Field("container-title", False, plain_text, "", "The outlet: newspaper, site, journal.",
          _TEXT, "The Daily Example"),
    Field("author", False, names, (), "Authors: `{family, given}` or `{literal}`.", _NAMES,
          "[{family: Doe, given: Jane}]"),
    Field("editor", False, names, (), "Editors, as authors.", _NAMES),
    Field("translator", False, names, (), "Translators, as authors.", _NAMES),
    Field("issued", False, csl_date, None,
          "Publication date: EDTF (`2023-11-08`) or `{date-parts: [[2023, 11, 8]]}`.", _DATE,
          "2023-11-08"),
    Field("accessed", False, csl_date, None, "Day the page was read.", _DATE, "2024-02-28"),
    Field("URL", False, web_address, "", "Address of the source (http or https).", _URL,
          "https://example.org/news/plan"),
    Field("archived-url", False, web_address, "", "Address of an archived copy of the page.",
          _URL),
    Field("language", False, language_tag, "",
          "BCP 47 tag of the source's language (`en`, `kk-Cyrl`); the page names the "
          "language and marks the title with it.", _STRING,
          "en"),
    Field("note", False, plain_text, "", "A note shown with the reference.", _TEXT),
    *_text_fields({
        "publisher": "Publisher.", "publisher-place": "Place of publication.",
        "page": "Pages.", "volume": "Volume.", "issue": "Issue.", "number": "Number.",
        "genre": "Genre, e.g. opinion.", "medium": "Medium.", "abstract": "Abstract.",
        "section": "Section of the outlet.", "version": "Version.",
        "collection-title": "Series.", "event": "Event the source reports from.",
        "source": "Database the record came from.", "DOI": "DOI.", "ISBN": "ISBN.",
        "ISSN": "ISSN.",
    }),
)  # fmt: skip

ORGANISATION: tuple[Field, ...] = (
    Field("code", True, organisation_code, "",
          "2-8 capital letters or digits, not a country's code; entries use it in "
          "`countries`.", {"type": "string", "pattern": ORGANISATION_CODE_RE.pattern}, "EU"),
    Field("name", True, text(200), "", "Full name, shown on pages.", _STRING, "European Union"),
    Field("short_name", False, text(100), "", "A shorter name, also accepted by the checker's "
          "suggestions.", _STRING, "EU"),
)  # fmt: skip
