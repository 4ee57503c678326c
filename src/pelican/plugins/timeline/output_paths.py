"""Every file the build will write, known before anything is written.

Two items whose pages land on one path would overwrite each other (an organisation coded
``ALL`` takes the site-wide feed's place); a name longer than a file system allows stops
the build half-way. Both are found here, for ``check``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .problems import Problem
from .urls import Urls

NAME_MAX_BYTES = 255  # one component of a path, on ext4, APFS, NTFS and most others
SETTINGS_FILE = "pelicanconf.py"
NAMED = ("index", "countries", "types", "sources", "search", "json", "csv", "ics", "csl_json",
         "bibtex", "search_data", "feed", "sitemap", "robots", "tags", "people",
         "systems")  # fmt: skip
TOPIC_FIELDS = {"tag": "tags", "person": "people", "system": "systems"}


@dataclass(frozen=True)
class Owner:
    """What makes the build write a path, and where to report it."""

    path: str
    line: int
    field: str
    what: str
    hint: str


def planned(
    config: dict, events, organisations: dict, places, types, topics=()
) -> list[tuple[str, Owner]]:
    """(output path, owner) of every page and export.

    ``events`` are (slug, file shown); ``organisations`` maps a code to (file shown, line);
    ``places`` are the codes used; ``types`` the type codes; ``topics`` are (kind, name,
    file shown, line) of each tag, person and piece of equipment ("tag", "drones", ...).
    """
    urls = Urls(config)
    out = []
    for name in NAMED:
        setting = f"TIMELINE_{name.upper()}_SAVE_AS"
        owner = Owner(SETTINGS_FILE, 0, setting, setting, "give it a path of its own")
        out.append((urls.named(name), owner))
    for slug, shown in events:
        owner = Owner(shown, 0, "file name", f"the page of {shown}", "shorten the file name")
        out.append((urls.event(slug), owner))
    for code in sorted(set(places) | set(organisations)):
        if code in organisations:
            shown, line = organisations[code]
            hint = "choose another code for the organisation"
            owner = Owner(shown, line, "code", f"the pages of organisation {code}", hint)
        else:
            hint = "change TIMELINE_COUNTRY_SAVE_AS"
            owner = Owner(SETTINGS_FILE, 0, "TIMELINE_COUNTRY_SAVE_AS", f"country {code}", hint)
        out.append((urls.place(code), owner))
        out.append((urls.place_feed(code), owner))
    for code in types:
        hint = "choose another type code"
        owner = Owner(SETTINGS_FILE, 0, "TIMELINE_TYPES", f"the page of type {code!r}", hint)
        out.append((urls.type(code), owner))
    for kind, name, shown, line in topics:
        what = {"tag": "tag", "person": "person", "system": "equipment"}[kind]
        hint = f"spell the {what} as elsewhere, or change TIMELINE_{kind.upper()}_SAVE_AS"
        owner = Owner(shown, line, TOPIC_FIELDS[kind], f"the page of {what} {name!r}", hint)
        out.append((getattr(urls, kind)(name), owner))
    return out


def problems(paths: list[tuple[str, Owner]]) -> list[Problem]:
    found, first = [], {}
    folders = {}
    for path, owner in paths:
        parts = path.split("/")
        for part in parts:
            size = len(part.encode("utf-8"))
            if size > NAME_MAX_BYTES:
                found.append(
                    Problem(owner.path, owner.line, owner.field,
                            f"would be written as a file name of {size} bytes; file systems "
                            f"allow {NAME_MAX_BYTES}", owner.hint)
                )  # fmt: skip
                break
        key = path.casefold()  # one file on a case-insensitive disk
        other = first.get(key)
        if other and other != owner:
            found.append(
                Problem(owner.path, owner.line, owner.field,
                        f"{owner.what} would be written to {path}, where {other.what} is "
                        "written", owner.hint)
            )  # fmt: skip
        first.setdefault(key, owner)
        for depth in range(1, len(parts)):
            folders.setdefault("/".join(parts[:depth]).casefold(), owner)
    for path, owner in paths:
        other = folders.get(path.casefold())
        if other:
            found.append(
                Problem(owner.path, owner.line, owner.field,
                        f"{owner.what} would be written to {path}, a folder of {other.what}",
                        owner.hint)
            )  # fmt: skip
    return sorted(set(found))
