"""Every output path and link of the timeline, from the settings: the one place that knows them.

Paths are relative to the site root, use ``/`` and end in a file name, so that links work
from a web server and from disk alike; templates prefix them with ``SITEURL``.
"""

from __future__ import annotations

from posixpath import join

from .slugs import name_slug


class Urls:
    def __init__(self, config: dict):
        self.config = config
        self.folder = config["TIMELINE_OUTPUT_FOLDER"]

    def _in_folder(self, path: str) -> str:
        return join(self.folder, path) if self.folder else path

    def named(self, name: str) -> str:
        """The page or file of the TIMELINE_<NAME>_SAVE_AS setting: named("index")."""
        return self._in_folder(self.config[f"TIMELINE_{name.upper()}_SAVE_AS"])

    def event(self, slug: str) -> str:
        return self._in_folder(self.config["TIMELINE_EVENT_SAVE_AS"].format(slug=slug))

    def place(self, code: str) -> str:
        return self._in_folder(self.config["TIMELINE_COUNTRY_SAVE_AS"].format(slug=code.lower()))

    def place_feed(self, code: str) -> str:
        pattern = self.config["TIMELINE_PLACE_FEED_SAVE_AS"]
        return self._in_folder(pattern.format(slug=code.lower()))

    def type(self, code: str) -> str:
        return self._in_folder(self.config["TIMELINE_TYPE_SAVE_AS"].format(slug=code))

    def tag(self, name: str) -> str:
        return self._in_folder(self.config["TIMELINE_TAG_SAVE_AS"].format(slug=name_slug(name)))

    def person(self, name: str) -> str:
        pattern = self.config["TIMELINE_PERSON_SAVE_AS"]
        return self._in_folder(pattern.format(slug=name_slug(name)))

    def system(self, name: str) -> str:
        pattern = self.config["TIMELINE_SYSTEM_SAVE_AS"]
        return self._in_folder(pattern.format(slug=name_slug(name)))

    def asset(self, name: str) -> str:
        """A static file of the plugin: asset("css/site.3f2a1b9c0d.css")."""
        return self._in_folder(join(self.config["TIMELINE_ASSETS_FOLDER"], name))

    @property
    def at_site_root(self) -> bool:
        return not self.folder

    @staticmethod
    def page(first: str, number: int) -> str:
        """The URL of page ``number`` of a listing whose first page is ``first``."""
        if number == 1:
            return first
        stem, dot, suffix = first.rpartition(".")
        return f"{stem}-page{number}.{suffix}" if dot else f"{first}-page{number}"
