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
        (config["TIMELINE_JSON_SAVE_AS"], events_json.render(records)),
        (config["TIMELINE_CSV_SAVE_AS"], events_csv.render(records)),
        (config["TIMELINE_ICS_SAVE_AS"],
         events_ics.render(timeline, urls, site_url, site_name, host)),
        (config["TIMELINE_CSL_JSON_SAVE_AS"], bibliography.render_csl_json(timeline.sources)),
        (config["TIMELINE_BIBTEX_SAVE_AS"], bibliography.render_bibtex(timeline.sources)),
        builder.search_data,
    ]  # fmt: skip
    if not site_url:
        return out
    limit = int(config["TIMELINE_FEED_LENGTH"])
    feed = config["TIMELINE_FEED_SAVE_AS"]
    out.append((feed, feeds.render(timeline, views, site_url, site_name, timeline.events, feed,
                                   limit)))  # fmt: skip
    for code, events in timeline.by_place.items():
        place = views.place(code)
        path = urls.place_feed(code)
        title = f"{site_name}: {place.name}"
        out.append((path, feeds.render(timeline, views, site_url, title, events, path, limit)))
    changed = {views.links[e.slug].url: timeline.changes[e.slug][1].date().isoformat()
               for e in timeline.events}  # fmt: skip
    pages = [(url, changed.get(url, "")) for url in page_urls]
    out.append((config["TIMELINE_SITEMAP_SAVE_AS"], sitemap.render_sitemap(site_url, pages)))
    out.append((config["TIMELINE_ROBOTS_SAVE_AS"],
                sitemap.render_robots(site_url, config["TIMELINE_SITEMAP_SAVE_AS"])))  # fmt: skip
    return out
