"""Machine-readable metadata and citations of an event page: JSON-LD, OpenGraph, "Cite this"."""

from __future__ import annotations

import json
from dataclasses import dataclass

from markupsafe import Markup

from .bibliography import bibtex_record


@dataclass(frozen=True)
class Citation:
    text: str
    bibtex: str


def json_ld(event, view, views, sources, site_name: str) -> Markup:
    """schema.org Event, safe to place inside <script type="application/ld+json">."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "startDate": event.date.iso_start,
        "endDate": event.date.iso_end,
        "location": [
            {"@type": "Country", "name": views.place(code).name}
            for code in event.countries
            if views.place(code).kind == "country"
        ],
        "about": [
            {"@type": "Organization", "name": views.place(code).name}
            for code in event.countries
            if views.place(code).kind == "organisation"
        ],
        "performer": [
            {"@type": "Person", "name": person.name, "jobTitle": person.role}
            for person in event.people
        ],
        "citation": [_creative_work(sources[key]) for key in event.sources],
        "isPartOf": {"@type": "WebSite", "name": site_name},
    }
    if view.permalink:
        data["url"] = view.permalink
    data = {key: value for key, value in data.items() if value != []}
    text = json.dumps(data, ensure_ascii=False)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _creative_work(source) -> dict:
    work = {"@type": "CreativeWork", "name": source.title}
    if source.url:
        work["url"] = source.url
    if source.container_title:
        work["publisher"] = source.container_title
    return work


def cite(event, view, site_name: str) -> Citation:
    """How to cite the entry: a sentence and a BibTeX record."""
    where = view.permalink or view.link.url
    text = f"“{event.title}.” {site_name}, entry for {event.date.display}. {where}"
    fields = [
        ("title", event.title),
        ("howpublished", site_name),
        ("note", f"Timeline entry for {event.date.display}"),
    ]
    if view.permalink:
        fields.append(("url", view.permalink))
    return Citation(text, bibtex_record("misc", event.slug, fields))
