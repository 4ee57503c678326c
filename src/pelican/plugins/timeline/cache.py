"""A build cache that is safe to keep: every entry is keyed by everything it depends on.

It holds each validated entry, the HTML of each event's Markdown, and for each page
written the key of the data it was rendered from, so that a rebuild into the same output
folder rewrites only the pages whose data changed, and removes the pages of deleted
events. Keys hash the inputs
(the text, the cited sources, the page's data) together with a fingerprint of the
plugin's code, the theme, the settings and the library versions: a change to any of them
misses the cache, so a cached build always equals a clean one. Deleting the cache folder
is always safe.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import logging
import os
import pickle
from pathlib import Path

PLUGIN_DIR = Path(__file__).resolve().parent
LIBRARIES = ("pelican", "jinja2", "markdown", "nh3", "edtf", "pycountry", "pyyaml", "markupsafe")
# Settings that say where files go, not what they contain.
PLACE_ONLY_SETTINGS = {"OUTPUT_PATH", "CACHE_PATH", "PATH"}
STATE = "state.pickle"
logger = logging.getLogger(__name__)


def digest(*parts) -> str:
    """A hash of the parts. Pickle serialises them (in C, far faster than repr); the same
    data always pickles alike, so equal data gives equal keys."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else pickle.dumps(part, protocol=5))
        h.update(b"\0")
    return h.hexdigest()


def _files_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(
        p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    ):
        h.update(path.relative_to(folder).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def fingerprint(settings: dict, theme: str) -> str:
    versions = []
    for name in LIBRARIES:
        try:
            versions.append((name, importlib.metadata.version(name)))
        except importlib.metadata.PackageNotFoundError:
            versions.append((name, None))
    relevant = sorted((k, repr(v)) for k, v in settings.items() if k not in PLACE_ONLY_SETTINGS)
    return digest(_files_digest(PLUGIN_DIR), _files_digest(Path(theme)), relevant, versions)


class BuildCache:
    """Cached Markdown and pages for one build; ``save`` keeps them for the next one."""

    def __init__(self, folder: Path | None, fingerprint: str):
        self.folder = folder
        self.fingerprint = fingerprint
        self.values: dict[str, object] = {}
        self.pages: dict[str, str] = {}  # output path -> key of the data written there
        self.previous_pages: dict[str, str] = {}
        self._used: set[str] = set()
        if folder:
            self._load()

    def _load(self):
        try:
            with open(self.folder / STATE, "rb") as handle:
                state = pickle.load(handle)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
            return
        previous = state.get("pages", {})
        if state.get("fingerprint") == self.fingerprint:
            self.values = state.get("values", {})
            self.previous_pages = previous
        else:  # the keys are void, but the files written are still known, to remove them
            self.previous_pages = dict.fromkeys(previous, "")

    def get(self, key: str, compute):
        """The cached value for key, or compute() and remember it (unless it is None)."""
        self._used.add(key)
        if key not in self.values:
            value = compute()
            if value is None:
                return None
            self.values[key] = value
        return self.values[key]

    def unchanged(self, save_as: str, key: str, output: Path) -> bool:
        """Was this page written to output by an earlier build, from the same data?"""
        return self.previous_pages.get(save_as) == key and (output / save_as).exists()

    def written(self, save_as: str, key: str):
        self.pages[save_as] = key

    def stale(self) -> list[str]:
        """Pages of the previous build that this build did not produce."""
        return sorted(set(self.previous_pages) - set(self.pages))

    def begin_writing(self, planned):
        """Before the first file is written: record every page as of unknown content.

        A build that dies while writing leaves pages that match neither the old keys nor
        the new ones; with this record the next build rewrites them all, and still knows
        every file that may need removing. Without it, undoing the edit that was being
        built would bring back the old keys, and the half-written pages would be kept.
        """
        self._store(self.values, dict.fromkeys([*self.previous_pages, *planned], ""))

    def save(self):
        keep = {key: self.values[key] for key in self._used if key in self.values}
        self._store(keep, self.pages)

    def _store(self, values: dict, pages: dict):
        """Write the state in one step: a reader sees the old state or the new one."""
        if not self.folder:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = self.folder / f"{STATE}.{os.getpid()}"
            state = {"fingerprint": self.fingerprint, "values": values, "pages": pages}
            with open(partial, "wb") as handle:
                pickle.dump(state, handle, protocol=pickle.HIGHEST_PROTOCOL)
            partial.replace(self.folder / STATE)
        except OSError as error:
            # The cache only saves time: without it the build is whole, only slower. A
            # state that could not be replaced must not be trusted by the next build.
            logger.warning("timeline: cache not kept in %s (%s)", self.folder, error.strerror)
            with contextlib.suppress(OSError):
                (self.folder / STATE).unlink()
            self.folder = None
