"""When each entry was added and last changed: its front matter, else its git history.

Used to order the Atom feeds by change, not by event date, and shown on each event page.
Without git (an unpacked archive, say) and without ``added``/``updated`` in the front
matter, an entry's dates fall back to the event's own start, so a build never depends on
the clock; ``recorded`` then says False, and pages do not show such a date as a fact.
"""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
from pathlib import Path
from typing import NamedTuple

from .model import Event

logger = logging.getLogger(__name__)


def _git(folder: Path, *args: str, timeout: int = 30) -> str:
    return subprocess.run(
        ["git", *args], cwd=folder, capture_output=True, text=True, timeout=timeout, check=True
    ).stdout


def shallow_boundary(folder: Path) -> set[str]:
    """The commits where a shallow clone's history is cut off ({} in a full clone).

    Their parents were not fetched, so the files in them seem to be added there: a clone
    with ``--depth 1`` (CI's default) gives every entry the one commit's date.
    """
    try:
        if _git(folder, "rev-parse", "--is-shallow-repository").strip() != "true":
            return set()
        shallow = Path(folder, _git(folder, "rev-parse", "--git-path", "shallow").strip())
        return set(shallow.read_text(encoding="ascii").split())
    except (OSError, subprocess.SubprocessError):
        return set()


def git_dates(folder: Path) -> dict[str, tuple[dt.datetime | None, dt.datetime | None]]:
    """{file name relative to folder: (first commit time, last commit time)} or {}.

    In a shallow clone a time that comes from the commit where the history is cut off is
    not known: None.
    """
    try:
        top = _git(folder, "rev-parse", "--show-toplevel").strip()
        log = _git(folder, "log", "--format=%x00%H %cI", "--name-only", "--no-renames", "--",
                   ".", timeout=60)  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return {}
    boundary = shallow_boundary(folder)
    prefix = Path(folder).resolve().relative_to(Path(top).resolve()).as_posix()
    dates: dict[str, tuple] = {}
    when = None
    for line in log.splitlines():
        if line.startswith("\x00"):
            commit, _, stamp = line[1:].partition(" ")
            when = None if commit in boundary else dt.datetime.fromisoformat(stamp)
            when = when.astimezone(dt.UTC) if when else None
        elif line.strip():
            name = line.strip()
            name = name[len(prefix) + 1 :] if prefix != "." and name.startswith(prefix) else name
            newest = dates[name][1] if name in dates else when
            dates[name] = (when, newest)  # the log runs newest first: the last seen is oldest
    return dates


class EntryDates(NamedTuple):
    added: dt.datetime
    updated: dt.datetime
    recorded: bool  # False when neither the front matter nor git knew when it was added


def _midnight(date) -> dt.datetime:
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)


def entry_dates(events: list[Event], folder: Path, names: dict[str, str]) -> dict[str, EntryDates]:
    """{slug: EntryDates}; names maps each slug to its file's path inside folder."""
    from_git = git_dates(folder)
    result = {}
    cut_off = 0  # entries whose addition is hidden by a shallow clone
    for event in events:
        name = names.get(event.slug, "")
        # A renamed entry keeps its old name as an alias: it was added when that file was.
        earlier = [str(Path(name).with_name(f"{alias}.md")) for alias in event.aliases if name]
        known = [from_git[n] for n in (name, *earlier) if n in from_git]
        firsts = [first for first, _ in known]
        # None: a shallow clone cut the history off there, so the first commit is not known.
        git_added = None if None in firsts else min(firsts, default=None)
        git_updated = max((last for _, last in known if last), default=None)
        cut_off += bool(known) and git_added is None and not event.added
        added = _midnight(event.added.start) if event.added else git_added
        recorded = added is not None
        added = added or _midnight(event.date.start)
        updated = _midnight(event.updated.start) if event.updated else git_updated or added
        result[event.slug] = EntryDates(added, max(added, updated), recorded)
    if cut_off:
        logger.warning(
            "timeline: the git history is shallow, so when %d of %d entries were added is "
            "not known from it (a shallow clone would give them all the date of its oldest "
            "commit); they are shown without that date, and the feeds order them by event "
            "date. Fetch the whole history (git fetch --unshallow; with actions/checkout, "
            "fetch-depth: 0) or give 'added' in their front matter.",
            cut_off,
            len(events),
        )
    return result
