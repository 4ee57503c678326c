"""When each entry was added and last changed: its front matter, else its git history.

Used to order the Atom feeds by change, not by event date, and shown on each event page.
Without git (an unpacked archive, say) and without ``added``/``updated`` in the front
matter, an entry's dates fall back to the event's own start, so a build never depends on
the clock; ``recorded`` then says False, and pages do not show such a date as a fact.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import NamedTuple

from .model import Event


def git_dates(folder: Path) -> dict[str, tuple[dt.datetime, dt.datetime]]:
    """{file name relative to folder: (first commit time, last commit time)} or {}."""
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=folder, capture_output=True, text=True, timeout=30, check=True,
        ).stdout.strip()  # fmt: skip
        log = subprocess.run(
            ["git", "log", "--format=%x00%cI", "--name-only", "--no-renames", "--", "."],
            cwd=folder, capture_output=True, text=True, timeout=60, check=True,
        ).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return {}
    prefix = Path(folder).resolve().relative_to(Path(top).resolve()).as_posix()
    dates: dict[str, tuple[dt.datetime, dt.datetime]] = {}
    when = None
    for line in log.splitlines():
        if line.startswith("\x00"):
            when = dt.datetime.fromisoformat(line[1:]).astimezone(dt.UTC)
        elif line.strip() and when is not None:
            name = line.strip()
            name = name[len(prefix) + 1 :] if prefix != "." and name.startswith(prefix) else name
            newest = dates.get(name, (when, when))[1]
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
    for event in events:
        name = names.get(event.slug, "")
        # A renamed entry keeps its old name as an alias: it was added when that file was.
        earlier = [str(Path(name).with_name(f"{alias}.md")) for alias in event.aliases if name]
        known = [from_git[n] for n in (name, *earlier) if n in from_git]
        git_added = min((first for first, _ in known), default=None)
        git_updated = max((last for _, last in known), default=None)
        added = _midnight(event.added.start) if event.added else git_added
        recorded = added is not None
        added = added or _midnight(event.date.start)
        updated = _midnight(event.updated.start) if event.updated else git_updated or added
        result[event.slug] = EntryDates(added, max(added, updated), recorded)
    return result
