"""A build cache that is safe to keep: every record is keyed by everything it depends on.

It holds one record per entry (the validated event, its problems and its rendered
Markdown, packed), keyed by a digest of the entry's bytes and of the vocabulary it was
checked against; values made from many entries (the search data, the plan of output
paths, the map), keyed by a digest of what they are made from; and, for each output
folder, the key of what each page was written from, so that a rebuild into the same
folder rewrites only the pages whose data changed and removes the pages of deleted
events. A page's key hashes its data (or, for a page made from the timeline alone,
``Timeline.key``; for an event's page, its record's key and what it shows of others)
together with a fingerprint of the theme and the settings (``fingerprint``). Records are
trusted only while the plugin's code and the libraries are those that made them
(``code_fingerprint``). A change to any of them misses the cache, so a cached build
always equals a clean one.

The records live in one SQLite file, so that a build reads only the records it needs and
writes only the new ones (a single pickle had to be read and written whole, 10,000
entries at a time). Every change is one transaction: a build killed at any point leaves
the old state or the new one. Deleting the cache folder is always safe.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import logging
import os
import pickle
import sqlite3
from pathlib import Path

PLUGIN_DIR = Path(__file__).resolve().parent
LIBRARIES = ("pelican", "jinja2", "markdown", "nh3", "edtf", "pycountry", "pyyaml", "markupsafe")
# Settings that say where files go or how they are made, not what they contain.
PLACE_ONLY_SETTINGS = {"OUTPUT_PATH", "CACHE_PATH", "PATH", "TIMELINE_WORKERS"}
DATABASE = "cache.sqlite"
OLD_STATE = "state.pickle"  # the single-pickle cache of earlier versions
BATCH = 500  # keys per query, below SQLite's limit of host parameters
logger = logging.getLogger(__name__)


def digest(*parts) -> str:
    """A hash of the parts. Pickle serialises them (in C, far faster than repr); the same
    data always pickles alike, so equal data gives equal keys. Bytes and text, the most
    common parts, go in as they are, each marked with its kind and length."""
    h = hashlib.sha256()
    for part in parts:
        if isinstance(part, str):
            part = part.encode("utf-8", "surrogatepass")
            h.update(b"s%d:" % len(part))
        elif isinstance(part, bytes):
            h.update(b"b%d:" % len(part))
        else:
            part = pickle.dumps(part, protocol=5)
            h.update(b"p%d:" % len(part))
        h.update(part)
    return h.hexdigest()


def _files_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(
        p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    ):
        h.update(path.relative_to(folder).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def code_fingerprint() -> str:
    """The plugin's files and the versions of the libraries it uses."""
    return digest(_files_digest(PLUGIN_DIR), _library_versions())


def _library_versions() -> list:
    versions = []
    for name in LIBRARIES:
        try:
            versions.append((name, importlib.metadata.version(name)))
        except importlib.metadata.PackageNotFoundError:
            versions.append((name, None))
    return versions


def fingerprint(settings: dict, theme: str) -> str:
    """Everything a page depends on besides its data: code, libraries, theme, settings."""
    relevant = sorted((k, repr(v)) for k, v in settings.items() if k not in PLACE_ONLY_SETTINGS)
    return digest(code_fingerprint(), _files_digest(Path(theme)), relevant)


class BuildCache:
    """The records and page keys of one build; ``save`` keeps them for the next one.

    ``fingerprint`` says which code made the records (records of other code are not
    read); ``output`` names the folder whose pages' keys this build reads and writes, so
    that two output folders sharing a cache never take each other's pages for their own.
    """

    def __init__(
        self, folder: Path | None, fingerprint: str, output: str = "", read_only: bool = False
    ):
        self.folder = folder
        self.fingerprint = fingerprint
        self.output = output
        self.values: dict[str, object] = {}  # read or made in this build
        # Made in this build, to store: a value, or its pickle if it was made in this
        # process (no cached value is itself bytes).
        self._new: dict[str, object] = {}
        self._used: set[str] = set()
        self.pages: dict[str, str] = {}  # output path -> key of the data written there
        self.previous_pages: dict[str, str] = {}
        self._announced: set[str] = set()  # files recorded as being written
        self._db: sqlite3.Connection | None = None
        if folder and read_only:
            self._open_to_read()
        elif folder:
            self._open()

    def _open_to_read(self):
        """Read the records of an earlier build, if any, and never write: for ``check``."""
        path = self.folder / DATABASE
        self.folder = None  # nothing is stored
        if not path.is_file():
            return
        try:
            db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
            row = db.execute("SELECT value FROM meta WHERE name = 'fingerprint'").fetchone()
            if row and row[0] == self.fingerprint:
                self._db = db
            else:
                db.close()
        except sqlite3.Error:
            self._db = None  # an unreadable cache is no cache

    # --- the database --------------------------------------------------------------

    def _open(self):
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / OLD_STATE).unlink(missing_ok=True)
            db = sqlite3.connect(self.folder / DATABASE, timeout=60, isolation_level=None)
            db.executescript(
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT);"
                "CREATE TABLE IF NOT EXISTS records (key TEXT PRIMARY KEY, value BLOB);"
                "CREATE TABLE IF NOT EXISTS pages (output TEXT, save_as TEXT, key TEXT,"
                " PRIMARY KEY (output, save_as));"
            )
            row = db.execute("SELECT value FROM meta WHERE name = 'fingerprint'").fetchone()
            if row is None or row[0] != self.fingerprint:
                # Other code made these records: none can be trusted. The files written
                # are still known (with void keys), to remove those no longer made.
                with db:
                    db.execute("BEGIN IMMEDIATE")
                    db.execute("DELETE FROM records")
                    db.execute("UPDATE pages SET key = ''")
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('fingerprint', ?)",
                               (self.fingerprint,))  # fmt: skip
            self.previous_pages = dict(
                db.execute("SELECT save_as, key FROM pages WHERE output = ?", (self.output,))
            )
            self._db = db
        except (OSError, sqlite3.Error) as error:
            self._give_up(error)

    def _give_up(self, error: Exception):
        # The cache only saves time: without it the build is whole, only slower.
        reason = getattr(error, "strerror", None) or str(error)
        logger.warning("timeline: cache not kept in %s (%s)", self.folder, reason)
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None
        self.folder = None

    def _fetch(self, keys: list[str]) -> dict[str, object]:
        found = {}
        if self._db is None:
            return found
        try:
            for start in range(0, len(keys), BATCH):
                batch = keys[start : start + BATCH]
                marks = ",".join("?" * len(batch))
                query = f"SELECT key, value FROM records WHERE key IN ({marks})"
                for key, value in self._db.execute(query, batch):
                    found[key] = pickle.loads(value)
        except (sqlite3.Error, pickle.PickleError, EOFError, AttributeError, ImportError):
            return {}  # an unreadable record is a miss
        return found

    # --- records -------------------------------------------------------------------

    def get(self, key: str, compute):
        """The cached value for key, or compute() and remember it (unless it is None)."""
        self._used.add(key)
        if key not in self.values:
            self.values.update(self._fetch([key]))
        if key not in self.values:
            value = compute()
            if value is None:
                return None
            self.put(key, value)
        return self.values[key]

    def get_many(self, keys: list[str]) -> dict[str, object]:
        """{key: value} of the keys that have a record (one query per few hundred keys)."""
        self._used.update(keys)
        missing = [key for key in keys if key not in self.values]
        self.values.update(self._fetch(missing))
        return {key: self.values[key] for key in keys if key in self.values}

    def get_packed(self, keys: list[str]) -> dict[str, bytes]:
        """{key: bytes} of values stored with ``put_packed``, as stored: not unpickled, and
        not kept here, so that a build holds each only as long as its caller does."""
        self._used.update(keys)
        found = {key: self._new[key] for key in keys if isinstance(self._new.get(key), bytes)}
        if self._db is None:
            return found
        missing = [key for key in keys if key not in found]
        try:
            for start in range(0, len(missing), BATCH):
                batch = missing[start : start + BATCH]
                marks = ",".join("?" * len(batch))
                query = f"SELECT key, value FROM records WHERE key IN ({marks})"
                found.update(self._db.execute(query, batch))
        except sqlite3.Error:
            return {}
        return found

    def put_packed(self, key: str, data: bytes):
        """Keep bytes the caller packed itself; ``get_packed`` gives them back."""
        self._used.add(key)
        if self._db is not None:
            self._new[key] = data

    def put(self, key: str, value, fresh: bool = True):
        """Remember a value. A fresh one (made in this process) is replaced by a copy read
        back from its pickle, as the next build will read it: page keys hash the pages'
        data by pickling it, and pickle marks objects shared between two parts of a page
        (a name in a map and in a list) differently from copies, so a page would get one
        key from fresh data and another from cached data. ``fresh=False``: the value was
        itself read from a pickle (a worker's result)."""
        self._used.add(key)
        if self._db is None:  # nothing is kept for a next build
            self.values[key] = value
            return
        if fresh:
            data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
            self.values[key] = pickle.loads(data)
            self._new[key] = data
        else:  # pickled when stored, one at a time: 10,000 records' bytes are many MiB
            self.values[key] = value
            self._new[key] = value

    # --- pages ---------------------------------------------------------------------

    def unchanged(self, save_as: str, key: str, output: Path) -> bool:
        """Was this page written to output by an earlier build, from the same data?"""
        # Plain strings: path objects for 10,000 pages took a tenth of a rebuild.
        return self.previous_pages.get(save_as) == key and os.path.exists(
            os.path.join(output, save_as)
        )

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
        The new records are stored now too: they hold no page, so they are safe to keep.
        """
        names = dict.fromkeys([*self.previous_pages, *planned], "")
        self._announced = set(names)
        self._transaction(self._store_records, lambda db: self._store_pages(db, names))

    def expect(self, save_as: str):
        """A file not announced to ``begin_writing`` is about to be written: record it as
        of unknown content, as ``begin_writing`` does."""
        if save_as in self._announced or self._db is None:
            return
        self._announced.add(save_as)
        self._transaction(
            lambda db: db.execute(
                "INSERT OR REPLACE INTO pages VALUES (?, ?, '')", (self.output, save_as)
            )
        )

    def save(self):
        """Keep this build's records and page keys, and close the cache."""
        self._transaction(
            self._store_records,
            self._prune,
            lambda db: self._store_pages(db, self.pages),
            self._forget_gone_outputs,
        )
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None

    def _store_records(self, db):
        db.executemany(
            "INSERT OR REPLACE INTO records VALUES (?, ?)",
            (
                (key, value if isinstance(value, bytes) else pickle.dumps(value, 5))
                for key, value in self._new.items()
            ),
        )
        self._new = {}

    def _prune(self, db):
        """Forget records this build did not use: deleted or edited entries' old ones."""
        db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
        db.execute("DELETE FROM used")
        db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in self._used))
        db.execute("DELETE FROM records WHERE key NOT IN (SELECT key FROM used)")

    def _forget_gone_outputs(self, db):
        """Drop the page keys of output folders that no longer exist, such as the staging
        folders of atomic builds, so that the cache does not grow with every build."""
        for (output,) in db.execute("SELECT DISTINCT output FROM pages").fetchall():
            if output and output != self.output and not os.path.isdir(output):
                db.execute("DELETE FROM pages WHERE output = ?", (output,))

    def _store_pages(self, db, pages: dict):
        db.execute("DELETE FROM pages WHERE output = ?", (self.output,))
        db.executemany(
            "INSERT INTO pages VALUES (?, ?, ?)", ((self.output, k, v) for k, v in pages.items())
        )

    def _transaction(self, *steps):
        """Run the steps in one transaction: a reader sees the old state or the new one."""
        if self._db is None:
            return
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                for step in steps:
                    step(self._db)
        except sqlite3.Error as error:
            self._give_up(error)
