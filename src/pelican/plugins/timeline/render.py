"""Markdown with citations -> safe HTML, with numbered citation marks and a reference list.

Contributors' Markdown may hold raw HTML: it is cleaned to an allow-list by nh3 (the
maintained successor of bleach) so that no script, style or ``javascript:`` link reaches a
page. Citation marks are inserted after cleaning, as they are ours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

import markdown
import nh3

from . import citations
from .model import Source

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "dd", "del", "dl", "dt", "em",
    "h3", "h4", "h5", "h6", "hr", "i", "ins", "li", "ol", "p", "pre", "q", "s", "small",
    "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "q": {"cite"}}
URL_SCHEMES = {"http", "https", "mailto"}
OPEN, CLOSE = "\ue000", "\ue001"  # private-use characters mark a citation's place


@dataclass(frozen=True)
class Reference:
    number: int
    source: Source


def new_converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=["extra", "sane_lists"])


class Renderer:
    """Renders the texts of one event, numbering its sources in order of first citation."""

    def __init__(self, sources: dict[str, Source], converter: markdown.Markdown | None = None):
        self.sources = sources
        self.numbering = citations.Numbering()
        # Building a Markdown converter costs more than converting a short text: reuse one.
        self._markdown = converter or new_converter()

    def markdown(self, text: str) -> str:
        groups: list[citations.CitationGroup] = []

        def hold(group):
            groups.append(group)
            return f"{OPEN}{len(groups) - 1}{CLOSE}"

        # A mark sits against the word it follows: "in 2021 [@a]" gives "in 2021[1]".
        marked = re.sub(rf"[ \t]+({OPEN}\d+{CLOSE})", r"\1", citations.replace_groups(text, hold))
        html = self._markdown.reset().convert(marked)
        html = nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer",
        )
        for index, group in enumerate(groups):
            html = html.replace(f"{OPEN}{index}{CLOSE}", self.marks(group.items))
        return html

    def marks(self, items) -> str:
        """``[1, p. 3; 2]`` as links to the reference list."""
        parts = []
        for item in items:
            number = self.numbering.number(item.key)
            source = self.sources[item.key]
            label = f"Source {number}: {source.title}"
            link = f'<a href="#ref-{number}" aria-label="{escape(label)}">{number}</a>' + (
                f", {escape(item.locator)}" if item.locator else ""
            )
            parts.append(link)
        return f'<sup class="cite">[{"; ".join(parts)}]</sup>'

    def key_marks(self, keys) -> str:
        return self.marks([citations.Citation(key) for key in keys])

    def references(self) -> list[Reference]:
        return [
            Reference(number, self.sources[key])
            for key, number in sorted(self.numbering.numbers.items(), key=lambda kv: kv[1])
        ]
