"""``sitemap.xml`` and ``robots.txt`` for a hosted build (absolute SITEURL)."""

from __future__ import annotations

from xml.sax.saxutils import escape


def render_sitemap(site_url: str, pages: list[tuple[str, str]]) -> str:
    """pages: (url relative to the site root, last modification as YYYY-MM-DD or "")."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']  # fmt: skip
    for url, modified in sorted(set(pages)):
        lastmod = f"<lastmod>{modified}</lastmod>" if modified else ""
        lines.append(f"<url><loc>{escape(f'{site_url}/{url}')}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def render_robots(site_url: str, sitemap: str) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {site_url}/{sitemap}\n"
