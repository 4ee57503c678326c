"""Read a built site: the links and ids of every page, to check that every link resolves;
and the two outside checkers, the Nu HTML checker and axe (in a browser page)."""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
VNU = os.environ.get(
    "VNU_JAR", str(ROOT / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar")
)
AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name) is not None and not (tag == "a" and attrs.get("rel") == "external"):
                self.links.append(attrs[name])


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(site: Path) -> list[str]:
    """Every internal link (relative) whose file or #fragment does not exist."""
    pages = {p: parse(p) for p in site.rglob("*.html")}
    broken = []
    for page, parsed in pages.items():
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            name = f"{page.relative_to(site)} -> {link}"
            if not target.is_file():
                broken.append(f"{name} (no such file)")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if parts.fragment not in ids:
                    broken.append(f"{name} (no such id)")
    return broken


def url_of(site: Path, name: str) -> str:
    """The file:// address of a page of the site, with its ?query if name has one."""
    path, _, query = name.partition("?")
    return (site / path).as_uri() + (f"?{query}" if query else "")


def vnu_errors(site: Path) -> list[str]:
    """Every error the Nu HTML checker finds in the site's pages (skips when it is absent)."""
    if not (os.path.exists(VNU) and shutil.which("java")):
        if os.environ.get("REQUIRE_TOOLS"):
            pytest.fail(f"the Nu HTML checker ({VNU}) or java is missing and REQUIRE_TOOLS is set")
        pytest.skip("the Nu HTML checker is not installed (see .ci/run)")
    result = subprocess.run(
        ["java", "-jar", VNU, "--errors-only", "--skip-non-html", "--format", "gnu", "--stdout", str(site)],
        capture_output=True, text=True,
    )  # fmt: skip
    return [line for line in result.stdout.splitlines() if line.strip()]


WCAG2 = ("wcag2a", "wcag2aa")
WCAG22_AND_BEST_PRACTICE = (*WCAG2, "wcag21a", "wcag21aa", "wcag22aa", "best-practice")


def axe_violations(page, rules=WCAG2) -> list[str]:
    """Violations of the rules (axe's tags) that axe finds on an open page (its CSP lifted)."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "async rules => (await axe.run(document, {runOnly: rules})).violations"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))",
        list(rules),
    )


def first_event(page) -> dict:
    """Where the first event shown on a listing ends, its title and its date, against the
    window's height: what is above the fold."""
    return page.evaluate(
        """() => {
          const a = document.querySelector('article.event-item:not([hidden])');
          const box = a.getBoundingClientRect();
          const title = a.querySelector('.event-title').getBoundingClientRect();
          const date = a.querySelector('.event-date').getBoundingClientRect();
          return {top: box.top, bottom: box.bottom, title: title.bottom, date: date.bottom,
                  height: innerHeight};
        }"""
    )
