"""The plugin's settings: one table of name, default, documentation and check.

Every setting starts with ``TIMELINE_``. A site overrides any of them in ``pelicanconf.py``;
``read_settings`` merges the two and reports an unknown name (with a suggestion) and any
value of the wrong type, range or form, so that a typo is never silently ignored and a
setting that would break the build is caught by ``check`` first.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from . import report
from .problems import Problem, did_you_mean
from .tagwords import near_duplicates

CODE_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class SettingError(ValueError):
    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint


# --- checks: value -> None, or raise SettingError ---------------------------------------


def boolean(value):
    if not isinstance(value, bool):
        raise SettingError(f"must be True or False, not {value!r}")


def whole_number(low: int, high: int) -> Callable:
    def check(value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise SettingError(f"must be a whole number, not {value!r}", f"e.g. {low}")
        if not low <= value <= high:
            raise SettingError(f"must be between {low} and {high}, not {value}")

    return check


def text(value):
    if not isinstance(value, str):
        raise SettingError(f"must be text, not {value!r}", 'write "" for none')


def relative_path(value, what="a path"):
    """A relative POSIX path that stays inside the folder it is relative to."""
    if not isinstance(value, str):
        raise SettingError(f"must be {what} as text, not {value!r}")
    path = PurePosixPath(value)
    if "\\" in value or path.is_absolute() or ".." in path.parts:
        raise SettingError(
            f"{value!r} must stay inside its folder", "write a relative path without '..'"
        )


def folder(value):
    relative_path(value, "a folder")
    if value.endswith("/"):
        raise SettingError(f"{value!r} must not end with '/'", f"write {value.rstrip('/')!r}")


def output_file(*placeholders: str) -> Callable:
    """A file name pattern, relative to the timeline's folder, with only these placeholders."""
    allowed = ", ".join("{" + p + "}" for p in placeholders) or "none"

    def check(value):
        relative_path(value, "a file name")
        if not value or value.endswith("/") or PurePosixPath(value).name in ("", "."):
            raise SettingError(
                f"{value!r} must end in a file name", "URLs end in a file so the site works "
                "from disk, e.g. events/{slug}.html"
            )  # fmt: skip
        try:
            fields = [name for _, name, _, _ in string.Formatter().parse(value) if name is not None]
        except ValueError as exc:
            raise SettingError(f"{value!r} is not a valid pattern: {exc}") from None
        for name in fields:
            if name not in placeholders:
                raise SettingError(
                    f"{value!r} uses {{{name}}}, which this setting does not know",
                    f"placeholders allowed here: {allowed}",
                )
        for name in placeholders:
            if name not in fields:
                raise SettingError(f"{value!r} must contain {{{name}}}", "one file per item")

    return check


def mapping(check_key: Callable, check_value: Callable, example: str) -> Callable:
    def check(value):
        if not isinstance(value, dict):
            raise SettingError(f"must be a dict, not {type(value).__name__}", example)
        for key, item in value.items():
            check_key(key, example)
            check_value(key, item, example)

    return check


def code_key(key, example):
    if not isinstance(key, str) or not CODE_RE.match(key):
        raise SettingError(f"key {key!r} must be a lowercase code (a-z, 0-9, hyphens)", example)


def any_key(key, example):
    if not isinstance(key, str) or not key:
        raise SettingError(f"key {key!r} must be text", example)


def label_value(key, item, example):
    if not isinstance(item, str) or not item.strip():
        raise SettingError(f"{key!r} must map to a non-empty label", example)


def type_value(key, item, example):
    if not isinstance(item, (tuple, list)) or not 1 <= len(item) <= 3:
        raise SettingError(f"{key!r} must map to (label, plural, description)", example)
    if not all(isinstance(part, str) for part in item) or not item[0].strip():
        raise SettingError(f"{key!r}: label, plural and description must be text", example)


def report_address(value):
    message = report.problem(value)
    if message:
        raise SettingError(message, report.EXAMPLE)


def non_empty(check: Callable) -> Callable:
    def wrapped(value):
        check(value)
        if not value:
            raise SettingError("must not be empty")

    return wrapped


def tag_vocabulary(value):
    if not isinstance(value, (list, tuple)):
        raise SettingError(f"must be a list of tags, not {type(value).__name__}",
                           'e.g. ["navy", "drones"]; write () to allow any tag')  # fmt: skip
    for tag in value:
        if not isinstance(tag, str) or not tag.strip() or tag != tag.strip():
            raise SettingError(f"tag {tag!r} must be non-empty text without outer spaces")
    for a, b in near_duplicates(value):
        raise SettingError(f"{a!r} and {b!r} are the same tag spelled two ways", "keep one")


def one_of(*choices) -> Callable:
    def check(value):
        if value not in choices:
            shown = " or ".join(repr(c) for c in choices)
            raise SettingError(f"must be {shown}, not {value!r}")

    return check


DOMAIN_LABEL_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


def domain_name(value):
    """ "" or a domain name in lowercase ASCII, such as timeline.example.org."""
    text(value)
    if value and (len(value) > 253 or not all(map(DOMAIN_LABEL_RE.match, value.split(".")))):
        raise SettingError(
            f"{value!r} is not a domain name",
            'lowercase letters, digits, "-" and ".", e.g. "timeline.example.org"',
        )


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    doc: str
    check: Callable[[Any], None]


TYPES_EXAMPLE = 'e.g. {"visit": ("Visit", "Visits", "Official visits.")}'
ROLES_EXAMPLE = 'e.g. {"host": "host", "visitor": "visitor"}'

SETTINGS: tuple[Setting, ...] = (
    Setting("TIMELINE_EVENTS_PATH", "events",
            "Folder of event entries, inside the content folder. Pelican does not read it "
            "as articles or pages.", folder),
    Setting("TIMELINE_SOURCES_FILE", "sources.yaml",
            "The CSL-YAML bibliography, inside the content folder.", relative_path),
    Setting("TIMELINE_ORGANISATIONS_FILE", "organisations.yaml",
            "Organisation codes usable beside country codes, inside the content folder "
            "(the file is optional).", relative_path),
    Setting("TIMELINE_LINKSTATUS_FILE", "linkstatus.yaml",
            "What the last `pelican-timeline linkcheck` found at each source's address, "
            "inside the content folder; the build marks references whose page was gone or "
            "had moved (the file is optional).", relative_path),
    Setting("TIMELINE_TYPES",
            {"event": ("Event", "Events", "Anything that does not fit a narrower type.")},
            "The vocabulary of event types: `{code: (label, plural, description)}`.",
            non_empty(mapping(code_key, type_value, TYPES_EXAMPLE))),
    Setting("TIMELINE_ROLES",
            {"supplier": "supplier", "recipient": "recipient", "host": "host",
             "visitor": "visitor", "participant": "participant", "observer": "observer"},
            "The vocabulary of country roles an entry may give: `{code: label}`.",
            mapping(code_key, label_value, ROLES_EXAMPLE)),
    Setting("TIMELINE_TAGS", (),
            "The tags entries may use, e.g. `(\"navy\", \"drones\")`; the checker names any "
            "other tag and suggests the nearest (case, plural or spelling). Empty: any tag.",
            tag_vocabulary),
    Setting("TIMELINE_LANGUAGE_NAMES", {},
            "Names of source languages where ISO 639's (from pycountry) is not wanted, "
            'e.g. `{"ky": "Kyrgyz"}`.',
            mapping(any_key, label_value, 'e.g. {"ky": "Kyrgyz"}')),
    Setting("TIMELINE_TITLE", "Timeline", "Heading of the timeline page.", non_empty(text)),
    Setting("TIMELINE_INTRO", "",
            "One paragraph under the heading of the timeline page (Markdown, from settings: "
            "trusted).", text),
    Setting("TIMELINE_OUTPUT_FOLDER", "timeline",
            "Folder of the output that holds every page and file of the timeline, so it "
            "cannot collide with a blog's `index.html`; `\"\"` puts the timeline at the "
            "site root, its page at `index.html`.", folder),
    Setting("TIMELINE_INDEX_SAVE_AS", "index.html", "The timeline page.", output_file()),
    Setting("TIMELINE_EVENT_SAVE_AS", "events/{slug}.html", "Each event's page.",
            output_file("slug")),
    Setting("TIMELINE_COUNTRY_SAVE_AS", "countries/{slug}.html",
            "Each country's or organisation's page.", output_file("slug")),
    Setting("TIMELINE_COUNTRIES_SAVE_AS", "countries/index.html", "The list of countries.",
            output_file()),
    Setting("TIMELINE_TYPE_SAVE_AS", "types/{slug}.html", "Each type's page.",
            output_file("slug")),
    Setting("TIMELINE_TYPES_SAVE_AS", "types/index.html", "The list of types.", output_file()),
    Setting("TIMELINE_TAG_SAVE_AS", "tags/{slug}.html",
            "Each tag's page; the slug is the tag in lowercase ASCII words.",
            output_file("slug")),
    Setting("TIMELINE_TAGS_SAVE_AS", "tags/index.html", "The list of tags.", output_file()),
    Setting("TIMELINE_PERSON_SAVE_AS", "people/{slug}.html",
            "Each person's page (the `people` of the entries).", output_file("slug")),
    Setting("TIMELINE_PEOPLE_SAVE_AS", "people/index.html", "The list of people.",
            output_file()),
    Setting("TIMELINE_SYSTEM_SAVE_AS", "equipment/{slug}.html",
            "Each piece of equipment's page (the `systems` of the entries).",
            output_file("slug")),
    Setting("TIMELINE_SYSTEMS_SAVE_AS", "equipment/index.html", "The list of equipment.",
            output_file()),
    Setting("TIMELINE_MAP", "region",
            "The map of the countries in the record, shaded by events, on the countries "
            "page and each country's page: `\"region\"` frames those countries (and shows "
            "their neighbours unshaded), `\"world\"` the whole world, `\"\"` no map.",
            one_of("region", "world", "")),
    Setting("TIMELINE_RELATED_EVENTS", 4,
            "Related events listed on each event's page, ranked by shared equipment, "
            "people, tags and countries; 0: none.", whole_number(0, 20)),
    Setting("TIMELINE_SOURCES_SAVE_AS", "sources.html", "The bibliography.", output_file()),
    Setting("TIMELINE_SEARCH_SAVE_AS", "search.html", "The search page.", output_file()),
    Setting("TIMELINE_JSON_SAVE_AS", "events.json", "Every event as JSON.", output_file()),
    Setting("TIMELINE_CSV_SAVE_AS", "events.csv", "Every event as CSV.", output_file()),
    Setting("TIMELINE_ICS_SAVE_AS", "events.ics", "The events as an iCalendar file.",
            output_file()),
    Setting("TIMELINE_UID_DOMAIN", "",
            "Domain of the events' UIDs in the iCalendar file (`slug@domain`), so that two "
            "sites' events never share one. Empty: the host of `SITEURL`, or in a build "
            "without one, the site's name as a name under `.invalid` (set it to keep the "
            "same UIDs in every build).", domain_name),
    Setting("TIMELINE_CSL_JSON_SAVE_AS", "sources.json", "The bibliography as CSL-JSON.",
            output_file()),
    Setting("TIMELINE_BIBTEX_SAVE_AS", "sources.bib", "The bibliography as BibTeX.",
            output_file()),
    Setting("TIMELINE_SEARCH_DATA_SAVE_AS", "search-data.js",
            "The search page's index, built with the site.", output_file()),
    Setting("TIMELINE_ASSETS_FOLDER", "assets",
            "Folder, inside the timeline's, for the plugin's CSS, JavaScript and icons.",
            folder),
    Setting("TIMELINE_FEED_SAVE_AS", "feeds/all.atom.xml",
            "Atom feed of all events, newest change first (hosted builds only).",
            output_file()),
    Setting("TIMELINE_PLACE_FEED_SAVE_AS", "feeds/{slug}.atom.xml",
            "Atom feed per country or organisation (hosted builds only).", output_file("slug")),
    Setting("TIMELINE_CHANGES_SAVE_AS", "changes.html",
            "The \"What changed\" page: additions, updates and corrections, newest first.",
            output_file()),
    Setting("TIMELINE_CHANGES_FEED_SAVE_AS", "feeds/changes.atom.xml",
            "Atom feed of the \"What changed\" page, one item per change (hosted builds only).",
            output_file()),
    Setting("TIMELINE_CHANGES_LENGTH", 200,
            "Changes listed on the \"What changed\" page, newest first.",
            whole_number(1, 100_000)),
    Setting("TIMELINE_REPORT_ERRORS_TO", "",
            "Where readers report an error: an https address or an email address. Shown on "
            "each event as \"Report an error in this entry\" (with the entry's slug as the "
            "email's subject, or as an `entry` query parameter of the address) and on pages "
            "whose metadata has `Report_errors: yes`. Empty: no such link anywhere.",
            report_address),
    Setting("TIMELINE_FEED_LENGTH", 50, "Entries per Atom feed.", whole_number(1, 100_000)),
    Setting("TIMELINE_SITEMAP_SAVE_AS", "sitemap.xml",
            "Sitemap of the timeline's pages (hosted builds only).", output_file()),
    Setting("TIMELINE_ROBOTS_SAVE_AS", "robots.txt",
            "robots.txt naming the sitemap (hosted builds with the timeline at the root).",
            output_file()),
    Setting("TIMELINE_EVENTS_PER_PAGE", 500,
            "A longer listing is split into pages of whole years.", whole_number(1, 1_000_000)),
    Setting("TIMELINE_SOURCES_PER_PAGE", 500,
            "Sources per page of the Sources page; more are split into pages, in order of "
            "outlet.", whole_number(1, 1_000_000)),
    Setting("TIMELINE_SEARCH_BODY_WORDS", 200,
            "Words of each body in the search index, at most (titles, people and so on "
            "are whole).", whole_number(0, 100_000)),
    Setting("TIMELINE_SEARCH_BODY_BUDGET", 100_000,
            "Body words in the search index, all events together: each body gets an equal "
            "share, up to `TIMELINE_SEARCH_BODY_WORDS`, so that the search page of a large "
            "timeline still loads at once (at 10,000 events, 10 words each).",
            whole_number(0, 100_000_000)),
    Setting("TIMELINE_FINGERPRINT_ASSETS", True,
            "Name CSS and JavaScript files by a hash of their content "
            "(`site.3f2a1b9c0d.css`), so they can be cached forever.", boolean),
    Setting("TIMELINE_PREVIEW", False,
            "A live preview build: every page loads the preview server's reloader and may "
            "connect to its own origin. Set by `pelican-timeline preview` (`invoke "
            "livereload`); leave it off in `pelicanconf.py`, where it would put a script "
            "that cannot load on every published page.", boolean),
    Setting("TIMELINE_CACHE", True,
            "Keep validated entries, rendered Markdown, the search data and page keys in "
            "`CACHE_PATH/timeline/`, keyed by everything they depend on, so a cached build "
            "equals a clean one.", boolean),
    Setting("TIMELINE_WORKERS", 0,
            "Processes that read, check and render entries, and write pages, at once. 0: one "
            "per core, used only for a large site (from 300 entries or pages to make), as "
            "starting them costs more than a small site takes; 1: all in the build's own "
            "process.",
            whole_number(0, 256)),
)  # fmt: skip
DEFAULTS = {setting.name: setting.default for setting in SETTINGS}
BY_NAME = {setting.name: setting for setting in SETTINGS}
SETTINGS_FILE = "pelicanconf.py"


def merged(settings: dict) -> dict:
    """The defaults, updated with the site's known TIMELINE_* values (unchecked)."""
    return {**DEFAULTS, **{k: v for k, v in settings.items() if k in DEFAULTS}}


def read_settings(settings: dict) -> tuple[dict, list[Problem]]:
    """Defaults updated with the site's TIMELINE_* settings, and every problem with them.

    A setting with a problem keeps its default, so the caller can still report content
    problems beside it.
    """
    config = dict(DEFAULTS)
    problems = []
    for name, value in settings.items():
        if not name.startswith("TIMELINE_"):
            continue
        if name not in BY_NAME:
            hint = did_you_mean(name, BY_NAME) or "see the settings table in README.md"
            problems.append(Problem(SETTINGS_FILE, 0, name, "unknown setting", hint))
            continue
        try:
            BY_NAME[name].check(value)
        except SettingError as error:
            problems.append(Problem(SETTINGS_FILE, 0, name, error.message, error.hint))
            continue
        config[name] = value
    return config, problems
