"""The plugin's settings, with their defaults. Every setting starts with ``TIMELINE_``.

A site overrides any of them in ``pelicanconf.py``; ``read_settings`` merges the two and
reports unknown ``TIMELINE_*`` names, so a typo in a setting is not silently ignored.
"""

from __future__ import annotations

from .problems import Problem, did_you_mean

DEFAULTS = {
    # Folder of event entries, relative to Pelican's PATH (the content folder).
    "TIMELINE_EVENTS_PATH": "events",
    # The CSL-YAML bibliography, relative to PATH.
    "TIMELINE_SOURCES_FILE": "sources.yaml",
    # Organisations that may be used like country codes, relative to PATH; optional file.
    "TIMELINE_ORGANISATIONS_FILE": "organisations.yaml",
    # The vocabulary of event types: {code: (singular label, plural label, description)}.
    "TIMELINE_TYPES": {
        "event": ("Event", "Events", "Anything that does not fit a narrower type."),
    },
    # The vocabulary of country roles an entry may give: {code: label}.
    "TIMELINE_ROLES": {
        "supplier": "supplier",
        "recipient": "recipient",
        "host": "host",
        "visitor": "visitor",
        "participant": "participant",
        "observer": "observer",
    },
    # Names of source languages, where pycountry's ISO 639 name is not the one wanted:
    # {"ky": "Kyrgyz"}.
    "TIMELINE_LANGUAGE_NAMES": {},
    # Heading of the timeline (home) page.
    "TIMELINE_TITLE": "Timeline",
    # One paragraph under the heading of the home page (Markdown, trusted: from settings).
    "TIMELINE_INTRO": "",
    # Output paths. Every URL ends in a file name, so the site also works from file://.
    "TIMELINE_EVENT_SAVE_AS": "events/{slug}.html",
    "TIMELINE_COUNTRY_SAVE_AS": "countries/{slug}.html",
    "TIMELINE_COUNTRIES_SAVE_AS": "countries/index.html",
    "TIMELINE_TYPE_SAVE_AS": "types/{slug}.html",
    "TIMELINE_TYPES_SAVE_AS": "types/index.html",
    "TIMELINE_SOURCES_SAVE_AS": "sources.html",
    "TIMELINE_INDEX_SAVE_AS": "index.html",
    "TIMELINE_SEARCH_SAVE_AS": "search.html",
    # Exports, written at the site root by every build.
    "TIMELINE_JSON_SAVE_AS": "events.json",
    "TIMELINE_CSV_SAVE_AS": "events.csv",
    "TIMELINE_ICS_SAVE_AS": "events.ics",
    "TIMELINE_CSL_JSON_SAVE_AS": "sources.json",
    "TIMELINE_BIBTEX_SAVE_AS": "sources.bib",
    "TIMELINE_SEARCH_DATA_SAVE_AS": "search-data.js",
    # Written only when SITEURL is absolute (a hosted build): feeds, sitemap, robots.txt.
    "TIMELINE_FEED_SAVE_AS": "feeds/all.atom.xml",
    "TIMELINE_PLACE_FEED_SAVE_AS": "feeds/{slug}.atom.xml",
    "TIMELINE_FEED_LENGTH": 50,
    "TIMELINE_SITEMAP_SAVE_AS": "sitemap.xml",
    "TIMELINE_ROBOTS_SAVE_AS": "robots.txt",
    # A listing longer than this is split into pages of whole years.
    "TIMELINE_EVENTS_PER_PAGE": 500,
    # Name the theme's CSS and JavaScript files by their content (see assets.py); the site
    # should then set THEME_STATIC_PATHS = [] so Pelican does not copy them a second time.
    "TIMELINE_FINGERPRINT_ASSETS": True,
    # Keep rendered Markdown and pages in CACHE_PATH/timeline between builds (see cache.py).
    "TIMELINE_CACHE": True,
    # How many words of each body the search index holds (titles, people... are whole).
    "TIMELINE_SEARCH_BODY_WORDS": 200,
}


def read_settings(settings: dict) -> tuple[dict, list[Problem]]:
    """Defaults updated with the site's TIMELINE_* settings, and problems with them."""
    merged = dict(DEFAULTS)
    problems = []
    for name, value in settings.items():
        if not name.startswith("TIMELINE_"):
            continue
        if name not in DEFAULTS:
            problems.append(
                Problem("pelicanconf.py", 0, name, "unknown setting", did_you_mean(name, DEFAULTS))
            )
            continue
        merged[name] = value
    types = merged["TIMELINE_TYPES"]
    if not isinstance(types, dict) or not types:
        problems.append(
            Problem(
                "pelicanconf.py",
                0,
                "TIMELINE_TYPES",
                "must be a non-empty dict of code: (label, plural, description)",
            )
        )
        merged["TIMELINE_TYPES"] = DEFAULTS["TIMELINE_TYPES"]
    return merged, problems
