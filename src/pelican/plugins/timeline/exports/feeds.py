"""Atom feeds, newest change first: one for all events, one per country or organisation.

Ordered by when an entry was added or last changed (see ``history``), not by the date of
the event, so a reader subscribed to the feed sees corrections and new entries.
Feeds need absolute URLs, so they are written only by a build with an absolute SITEURL.
"""

from __future__ import annotations

import datetime as dt
import html

from feedgenerator import Atom1Feed


def render(timeline, views, site_url: str, title: str, events, feed_url: str, limit=50) -> str:
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
        view = views.event(event)
        added, updated, _ = changes[event.slug]
        feed.add_item(
            title=f"{event.title} ({event.date.display})",
            link=f"{site_url}/{view.link.url}",
            unique_id=f"{site_url}/{view.link.url}",
            description=view.body_html,
            pubdate=added,
            updateddate=updated,
            categories=[views.place(code).name for code in event.countries],
        )
    return feed.writeString("utf-8")


def render_changes(views, site_url: str, title: str, days, feed_url: str, page_url: str) -> str:
    """The "What changed" page as a feed: one item per change, newest first.

    ``days`` is what the page shows (``Views.change_days``), so feed and page never differ.
    """
    feed = Atom1Feed(
        title=title,
        link=f"{site_url}/{page_url}",
        description="",
        feed_url=f"{site_url}/{feed_url}",
        feed_guid=f"{site_url}/{feed_url}",
    )
    for day in days:
        when = dt.datetime.fromisoformat(day.date.iso).replace(tzinfo=dt.UTC)
        for change in day.changes:
            event = change.event
            # One id per change: the event's address, the kind and the day of the change.
            unique = f"{site_url}/{event.url}#{change.kind}-{day.date.iso}"
            if change.text:
                unique = f"{site_url}/{change.url}-{day.date.iso}"
            feed.add_item(
                title=f"{change.label}: {event.title} — {event.date_display}",
                link=f"{site_url}/{change.url}",
                unique_id=unique,
                description=html.escape(change.text or event.summary),
                pubdate=when,
                updateddate=when,
            )
    return feed.writeString("utf-8")
