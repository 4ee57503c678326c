"""A new entry's file: its name from the date and the title's slug, its front matter filled in.

``invoke new`` asks for what is missing, checks each answer with the same code as the
checker, and writes the file only if no file of that name exists.
"""

from __future__ import annotations

import json
import re
import unicodedata

from .dates import parse_date
from .fields import ENTRY, FieldError
from .places import Gazetteer
from .problems import did_you_mean

MAX_SLUG_WORDS = 8
# Pelican's default SLUG_REGEX_SUBSTITUTIONS (pelican.settings.DEFAULT_CONFIG), for a call
# without a site's settings; a test checks that they are still Pelican's.
PELICAN_SLUG_SUBSTITUTIONS = (
    (r"[^\w\s-]", ""),  # remove non-alphabetical/whitespace/'-' chars
    (r"(?u)\A\s*", ""),  # strip leading whitespace
    (r"(?u)\s*\Z", ""),  # strip trailing whitespace
    (r"[-\s]+", "-"),  # reduce multiple whitespace or '-' to single '-'
)


class ScaffoldError(ValueError):
    pass


def slugify(title: str, substitutions=None) -> str:
    """The slug Pelican makes of a title, by the rules of ``pelican.utils.slugify``
    (compatibility normalisation, unidecode, the site's SLUG_REGEX_SUBSTITUTIONS, lower
    case), cut to its first words and to what an entry's file name may hold:
    'Kazakh–Turkish talks' -> 'kazakh-turkish-talks', 'Визит' -> 'vizit',
    'Yaşar Güler' -> 'yasar-guler'. Written out here because this layer does not import
    Pelican; a test checks that both give the same slugs."""
    from unidecode import unidecode

    value = unidecode(unicodedata.normalize("NFKC", title))
    for pattern, replacement in substitutions or PELICAN_SLUG_SUBSTITUTIONS:
        value = re.sub(pattern, replacement, value, flags=re.IGNORECASE)
    # A site's substitutions may keep characters an entry's file name refuses (SLUG_RE).
    words = re.findall(r"[a-z0-9]+", value.lower())
    return "-".join(words[:MAX_SLUG_WORDS])


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
        raise ScaffoldError("countries: give at least one code, e.g. KZ,TR")
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
    slug = slugify(title, substitutions)
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
