"""Machine-readable exports of the timeline, each in its own module; ``files`` lists them all.

Exports read the model, the URLs and the rendered texts, never the pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from unidecode import unidecode

from .. import bibliography
from ..assets import fingerprinted_name
from ..cache import digest
from ..changes import recent_changes
from ..model import Timeline
from ..render import Rendering
from ..urls import Urls
from . import events_csv, events_ics, events_json, feeds, search_data, sitemap


def search_file(
    timeline: Timeline, urls: Urls, rendering: Rendering, config: dict, cache=None
) -> tuple[str, str]:
    """(output path, text) of the search page's data, named by content if assets are.

    With a BuildCache, the text is kept under a digest of what it indexes: making it
    takes seconds at 10,000 events, and most edits change no word of it."""
    body = int(config["TIMELINE_SEARCH_BODY_WORDS"]), int(config["TIMELINE_SEARCH_BODY_BUDGET"])
    docs = search_data.timeline_documents(timeline, urls, rendering, *body)
    if cache is None:
        text = search_data.text_of(docs)
    else:
        # The documents one by one: their pickle, whole, would be as large as the text.
        key = digest("search data", len(docs), *docs)
        stored = cache.get_packed([key]).get(key)
        if stored is None:
            text = search_data.text_of(docs)
            cache.put_packed(key, text.encode("utf-8"))
        else:
            text = stored.decode("utf-8")
    name = urls.named("search_data")
    if config["TIMELINE_FINGERPRINT_ASSETS"]:
        name = fingerprinted_name(name, text.encode("utf-8"))
    return name, text


def uid_domain(config: dict, site_url: str, site_name: str) -> str:
    """The domain of the iCalendar UIDs: the setting, else SITEURL's host, else the site's
    name under the reserved top-level domain ``.invalid`` (RFC 2606)."""
    if config["TIMELINE_UID_DOMAIN"]:
        return config["TIMELINE_UID_DOMAIN"]
    host = urlsplit(site_url).hostname
    if host:
        return host
    label = re.sub(r"[^a-z0-9]+", "-", unidecode(site_name).lower()).strip("-")[:63].strip("-")
    return f"{label or 'timeline'}.invalid"


def count(timeline: Timeline, urls: Urls, site_url: str) -> int:
    """How many files ``files`` yields: known before they are made, to show progress."""
    if not site_url:
        return 6
    return 6 + 2 + len(timeline.by_place) + 1 + (1 if urls.at_site_root else 0)


def files(
    timeline: Timeline,
    urls: Urls,
    rendering: Rendering,
    config: dict,
    site_url: str,
    site_name: str,
    page_urls=(),
    search: tuple[str, str] | None = None,
) -> Iterator[tuple[str, str]]:
    """(output path, text) of every export, one at a time, so that the caller can write
    each before the next is made; feeds and sitemap only for a hosted build.

    ``search``: the search data when the search page was already given its name.
    """
    yield urls.named("json"), events_json.render(events_json.each_record(timeline, urls, site_url))
    yield urls.named("csv"), events_csv.render(events_json.each_record(timeline, urls, site_url))
    yield (
        urls.named("ics"),
        events_ics.render(
            timeline, urls, site_url, site_name, uid_domain(config, site_url, site_name)
        ),
    )
    yield urls.named("csl_json"), bibliography.render_csl_json(timeline.sources)
    yield urls.named("bibtex"), bibliography.render_bibtex(timeline.sources)
    yield search or search_file(timeline, urls, rendering, config)
    if not site_url:
        return
    limit = int(config["TIMELINE_FEED_LENGTH"])
    feed = urls.named("feed")
    yield feed, feeds.render(timeline, urls, rendering, site_url, site_name, timeline.events,
                             feed, limit)  # fmt: skip
    changes_feed = urls.named("changes_feed")
    changes = recent_changes(timeline.events, timeline.changes, limit)
    title = f"{site_name}: what changed"
    changes_text = feeds.render_changes(
        timeline, urls, site_url, title, changes, changes_feed, urls.named("changes")
    )
    yield changes_feed, changes_text
    for code, events in timeline.by_place.items():
        path = urls.place_feed(code)
        title = f"{site_name}: {timeline.place(code).name}"
        yield path, feeds.render(timeline, urls, rendering, site_url, title, events, path, limit)
    changed = {urls.event(e.slug): timeline.changes[e.slug][1].date().isoformat()
               for e in timeline.events}  # fmt: skip
    pages = [(url, changed.get(url, "")) for url in page_urls]
    yield urls.named("sitemap"), sitemap.render_sitemap(site_url, pages)
    if urls.at_site_root:  # crawlers read robots.txt only at a site's root
        yield urls.named("robots"), sitemap.render_robots(site_url, urls.named("sitemap"))
