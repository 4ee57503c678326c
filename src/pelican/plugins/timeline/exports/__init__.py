"""Machine-readable exports of the timeline, each in its own module; ``files`` lists them all."""

from __future__ import annotations

from urllib.parse import urlsplit

from . import bibliography, events_csv, events_ics, events_json, feeds, sitemap


def files(builder, config: dict, site_name: str, page_urls=()) -> list[tuple[str, str]]:
    """(output path, text) of every export; feeds and sitemap only for a hosted build."""
    timeline, urls, views, site_url = (
        builder.timeline,
        builder.urls,
        builder.views,
        builder.site_url,
    )
    host = urlsplit(site_url).hostname or "timeline"
    records = events_json.event_records(timeline, urls, site_url)
    out = [
        (urls.named("json"), events_json.render(records)),
        (urls.named("csv"), events_csv.render(records)),
        (urls.named("ics"),
         events_ics.render(timeline, urls, site_url, site_name, host)),
        (urls.named("csl_json"), bibliography.render_csl_json(timeline.sources)),
        (urls.named("bibtex"), bibliography.render_bibtex(timeline.sources)),
        builder.search_data,
    ]  # fmt: skip
    if not site_url:
        return out
    limit = int(config["TIMELINE_FEED_LENGTH"])
    feed = urls.named("feed")
    out.append((feed, feeds.render(timeline, views, site_url, site_name, timeline.events, feed,
                                   limit)))  # fmt: skip
    changes_feed = urls.named("changes_feed")
    days = views.change_days(builder.changes(limit))
    title = f"{site_name}: what changed"
    out.append((changes_feed, feeds.render_changes(views, site_url, title, days, changes_feed,
                                                   urls.named("changes"))))  # fmt: skip
    for code, events in timeline.by_place.items():
        place = views.place(code)
        path = urls.place_feed(code)
        title = f"{site_name}: {place.name}"
        out.append((path, feeds.render(timeline, views, site_url, title, events, path, limit)))
    changed = {views.links[e.slug].url: timeline.changes[e.slug][1].date().isoformat()
               for e in timeline.events}  # fmt: skip
    pages = [(url, changed.get(url, "")) for url in page_urls]
    out.append((urls.named("sitemap"), sitemap.render_sitemap(site_url, pages)))
    if urls.at_site_root:  # crawlers read robots.txt only at a site's root
        robots = sitemap.render_robots(site_url, urls.named("sitemap"))
        out.append((urls.named("robots"), robots))
    return out
