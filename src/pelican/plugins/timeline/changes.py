"""What changed in the record, newest first: additions, substantive updates and corrections.

A pure function of the events and their dates (see ``history``), read by the "What
changed" page and its Atom feed. What counts:

- an addition, on the day an entry was first published (front matter ``added``, else its
  first commit); an entry whose date of addition is unknown is left out rather than
  listed under a made-up day;
- an update, only when the entry's front matter says so with ``updated``: a commit can
  be a typo or a reformatting, so git's dates alone never make an update. An update on
  the day the entry was added, or on the day of one of its corrections, is not listed
  again;
- each correction, on its own date, with its text.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

ADDED, UPDATED, CORRECTED = "added", "updated", "corrected"
LABELS = {ADDED: "Added", UPDATED: "Updated", CORRECTED: "Corrected"}
# Within one day, the weightiest kind first: a reader looks for corrections.
_KIND_ORDER = {CORRECTED: 0, UPDATED: 1, ADDED: 2}


@dataclass(frozen=True)
class Change:
    date: dt.date
    kind: str  # ADDED, UPDATED or CORRECTED
    slug: str
    text: str = ""  # a correction's text
    number: int = 0  # a correction's position in its entry, from 1

    @property
    def sort_key(self):
        return (-self.date.toordinal(), _KIND_ORDER[self.kind], self.slug, self.number)


def entry_changes(event, dates) -> list[Change]:
    """The changes of one event; ``dates`` is its ``history.EntryDates``."""
    found = []
    added = dates.added.date()
    if dates.recorded:
        found.append(Change(added, ADDED, event.slug))
    corrected_on = {c.date.start for c in event.corrections}
    if event.updated and event.updated.start > added and event.updated.start not in corrected_on:
        found.append(Change(event.updated.start, UPDATED, event.slug))
    for number, correction in enumerate(event.corrections, 1):
        found.append(Change(correction.date.start, CORRECTED, event.slug, correction.text, number))
    return found


def recent_changes(events, history: dict, limit: int | None = None) -> list[Change]:
    """Every change of every event, newest first; at most ``limit`` of them."""
    found = [change for event in events for change in entry_changes(event, history[event.slug])]
    found.sort(key=lambda change: change.sort_key)
    return found if limit is None else found[:limit]


def by_day(changes: list[Change]) -> list[tuple[dt.date, list[Change]]]:
    """Consecutive changes of the same day together, in the order given."""
    return [(day, list(group)) for day, group in itertools.groupby(changes, lambda c: c.date)]
