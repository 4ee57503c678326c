"""The handlers ``register`` connects: the only code that changes what Pelican does.

- ``adjust_settings``: Pelican must not read the events folder as articles or pages.
- ``add_templates``: every generator can load the plugin's templates as ``timeline/<name>``,
  behind the site's theme, so a theme overrides one template by adding
  ``templates/timeline/<name>`` (and reaches the original as ``!timeline/<name>``).
- ``add_generator``: the generator that validates the content and writes the timeline.
- ``keeping_writer``: Pelican's writer, leaving alone a file that already holds its bytes.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader

from .settings import merged

TEMPLATES = Path(__file__).resolve().parent / "templates"


def adjust_settings(pelican_object):
    settings = pelican_object.settings
    events = merged(settings)["TIMELINE_EVENTS_PATH"]
    for name in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES"):
        excluded = list(settings.get(name) or [])
        if events not in excluded:
            settings[name] = [*excluded, events]


def add_templates(generator):
    plugin = FileSystemLoader(str(TEMPLATES))
    generator.env.loader = ChoiceLoader(
        [generator.env.loader, PrefixLoader({"timeline": plugin, "!timeline": plugin})]
    )


def keeping_writer(pelican_object):
    from .generator import KeepingWriter

    return KeepingWriter


def add_generator(pelican_object):
    from .generator import TimelineGenerator

    return TimelineGenerator
