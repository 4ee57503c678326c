"""A new entry's file: its name from the date and the title's slug, its front matter filled in.

``invoke new`` asks for what is missing, checks each answer with the same code as the
checker, and writes the file only if no file of that name exists.
"""

from __future__ import annotations

import json
import re

from .dates import parse_date
from .fields import ENTRY, FieldError
from .places import Gazetteer
from .problems import did_you_mean
from .slugs import slugify


class ScaffoldError(ValueError):
    pass


def check_answers(title: str, date: str, countries: str, event_type: str, gazetteer: Gazetteer,
                  types: dict) -> tuple[str, object, list[str], str]:  # fmt: skip
    """Validate the answers; return (title, EventDate, codes, type) or raise ScaffoldError."""
    title = title.strip()
    if not title:
        raise ScaffoldError("title: give the event a title")
    title_field = next(f for f in ENTRY if f.name == "title")
    try:
        title_field.parse(title, None)  # the checker's own rules for a title
    except FieldError as exc:
        raise ScaffoldError(f"title: {exc.message} ({exc.hint})") from None
    when = parse_date(date.strip())  # raises DateError, a ValueError with a message
    codes = [c.strip() for c in re.split(r"[,\s]+", countries) if c.strip()]
    if not codes:
        raise ScaffoldError("countries: give at least one code, e.g. FR,DE")
    for code in codes:
        if not gazetteer.get(code):
            guess = gazetteer.hint(code)
            hint = f" ({guess})" if guess else ""
            raise ScaffoldError(f"countries: unknown country or organisation {code!r}{hint}")
    if event_type not in types:
        hint = did_you_mean(event_type, types) or "one of: " + ", ".join(types)
        raise ScaffoldError(f"type: unknown type {event_type!r} ({hint})")
    return title, when, codes, event_type


def entry_text(title: str, when, codes: list[str], event_type: str,
               substitutions=None) -> tuple[str, str]:  # fmt: skip
    """(file name, file text) of a new entry; ``substitutions``: the site's
    SLUG_REGEX_SUBSTITUTIONS."""
    slug = slugify(title, substitutions=substitutions)
    if not slug:
        raise ScaffoldError("title: it needs at least one letter or digit for the file name")
    name = f"{when.iso_start}-{slug}.md"
    quoted_title = json.dumps(title, ensure_ascii=False)[1:-1]  # JSON's escapes are YAML's
    text = f"""---
title: "{quoted_title}"
date: {when.text}
countries: [{", ".join(codes)}]
type: {event_type}
# One sentence for the timeline, in your own words:
summary:
# The ids of the sources you cite, from content/sources.yaml; add new sources there first:
#   - id: outlet-2024-02-28
#     type: article-newspaper
#     title: The page's own title
#     container-title: The outlet
#     issued: 2024-02-28
#     URL: https://...
#     language: en
sources: []
# Optional: tags, people ({{name, role, country}}), systems, note, milestones. See CONTRIBUTING.md.
---
"""
    return name, text
