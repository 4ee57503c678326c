"""Pages at the earlier addresses of renamed events (their ``aliases``), leading to the new one.

Each is a small HTML page with a meta refresh, a canonical link and a visible link, all
relative to the old page's own folder, so an old permalink keeps working on a web server
and from disk (file://) alike, where no server-side redirect exists.
"""

from __future__ import annotations

import posixpath
from html import escape

from .model import Timeline
from .urls import Urls


def relative(target: str, page: str) -> str:
    """The link from the page at ``page`` to ``target`` (both relative to the site root)."""
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


# The page loads nothing at all (the refresh is not a fetch the policy governs), so it gets
# a stricter policy than the site's pages.
POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'"


def redirect_html(title: str, href: str, canonical: str) -> str:
    title, href, canonical = escape(title), escape(href), escape(canonical)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{POLICY}">
<title>{title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{canonical}">
<meta http-equiv="refresh" content="0; url={href}">
</head>
<body>
<p>This entry has moved: <a href="{href}">{title}</a>.</p>
</body>
</html>
"""


def redirect_pages(timeline: Timeline, urls: Urls, site_url: str = "") -> list[tuple[str, str]]:
    """(output path, HTML) of a page at each alias of each event."""
    pages = []
    for alias, event in sorted(timeline.aliases.items()):
        page, target = urls.event(alias), urls.event(event.slug)
        href = relative(target, page)
        canonical = f"{site_url}/{target}" if site_url else href
        pages.append((page, redirect_html(event.title, href, canonical)))
    return pages
