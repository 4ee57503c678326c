"""Atom feeds, newest change first: one for all events, one per country or organisation.

Ordered by when an entry was added or last changed (see ``history``), not by the date of
the event, so a reader subscribed to the feed sees corrections and new entries.
Feeds need absolute URLs, so they are written only by a build with an absolute SITEURL.
"""

from __future__ import annotations

import datetime as dt
import html

from feedgenerator import Atom1Feed

from ..changes import LABELS, Change, by_day
from ..model import Timeline
from ..render import Rendering
from ..urls import Urls


def render(
    timeline: Timeline,
    urls: Urls,
    rendering: Rendering,
    site_url: str,
    title: str,
    events,
    feed_url: str,
    limit=50,
) -> str:
    changes = timeline.changes
    ordered = sorted(events, key=lambda e: (changes[e.slug][1], e.slug), reverse=True)[:limit]
    feed = Atom1Feed(
        title=title,
        link=f"{site_url}/",
        description="",
        feed_url=f"{site_url}/{feed_url}",
        feed_guid=f"{site_url}/{feed_url}",
    )
    for event in ordered:
        url = f"{site_url}/{urls.event(event.slug)}"
        added, updated, _ = changes[event.slug]
        feed.add_item(
            title=f"{event.title} ({event.date.display})",
            link=url,
            unique_id=url,
            description=rendering.event(event).body_html,
            pubdate=added,
            updateddate=updated,
            categories=[timeline.place(code).name for code in event.countries],
        )
    return feed.writeString("utf-8")


def render_changes(
    timeline: Timeline,
    urls: Urls,
    site_url: str,
    title: str,
    changes: list[Change],
    feed_url: str,
    page_url: str,
) -> str:
    """The "What changed" page as a feed: one item per change, newest first.

    ``changes`` is what the page lists (``changes.recent_changes``), so feed and page agree.
    """
    feed = Atom1Feed(
        title=title,
        link=f"{site_url}/{page_url}",
        description="",
        feed_url=f"{site_url}/{feed_url}",
        feed_guid=f"{site_url}/{feed_url}",
    )
    for day, group in by_day(changes):
        when = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
        for change in group:
            event = timeline.event(change.slug)
            url = f"{site_url}/{urls.event(event.slug)}"
            # One id per change: the event's address, the kind and the day of the change.
            unique = f"{url}#{change.kind}-{day.isoformat()}"
            link = url
            if change.number:
                link = f"{url}#correction-{change.number}"
                unique = f"{link}-{day.isoformat()}"
            feed.add_item(
                title=f"{LABELS[change.kind]}: {event.title} — {event.date.display}",
                link=link,
                unique_id=unique,
                description=html.escape(change.text or event.summary),
                pubdate=when,
                updateddate=when,
            )
    return feed.writeString("utf-8")
