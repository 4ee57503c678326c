"""Markdown with citations -> safe HTML, with numbered citation marks and a reference list.

Contributors' Markdown may hold raw HTML: it is cleaned to an allow-list by nh3 (the
maintained successor of bleach) so that no script, style or ``javascript:`` link reaches a
page. Citation marks are inserted after cleaning, as they are ours.
"""

from __future__ import annotations

import html as html_module
import pickle
import re
import zlib
from dataclasses import dataclass
from html import escape

import markdown
import nh3

from . import citations
from .cache import BuildCache, digest
from .model import Event, Source

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "dd", "del", "dl", "dt", "em",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "li", "ol", "p", "pre", "q", "s", "small",
    "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"}, "abbr": {"title"}, "q": {"cite"},
    "li": {"id"}, "sup": {"id"},
}  # fmt: skip
# Footnotes link a mark to its note by id; no other id of the contributor's reaches the page.
FOOTNOTE_ID_RE = re.compile(r"fn(?:ref)?:[\w-]+")
URL_SCHEMES = {"http", "https", "mailto"}
OPEN, CLOSE = "\ue000", "\ue001"  # private-use characters mark a citation's place


@dataclass(frozen=True)
class Reference:
    number: int
    source: Source


def new_converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=["extra", "sane_lists"])


_converter: markdown.Markdown | None = None


def process_converter() -> markdown.Markdown:
    """This process's converter: one per process (each worker has its own), made once."""
    global _converter
    if _converter is None:
        _converter = new_converter()
    return _converter


HEADING_TAG_RE = re.compile(r"<(/?)h([1-6])\b")


def nest_headings(html: str) -> str:
    """The body's headings under the page's own: its highest becomes an h2, the rest follow.

    The page's title is its only h1; a contributor may start sections with "#" or "##".
    """
    levels = [int(level) for _, level in HEADING_TAG_RE.findall(html)]
    if not levels:
        return html
    shift = 2 - min(levels)
    return HEADING_TAG_RE.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + shift)}", html)


def _keep_footnote_ids(element: str, attribute: str, value: str) -> str | None:
    if attribute == "id":
        return value if FOOTNOTE_ID_RE.fullmatch(value) else None
    return value


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
        html = nest_headings(self._markdown.reset().convert(marked))
        html = nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer",
            attribute_filter=_keep_footnote_ids,
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


def html_to_text(markup: str) -> str:
    """HTML as plain text without citation marks: what search indexes."""
    without_marks = re.sub(r'<sup class="cite">.*?</sup>', "", markup)
    plain = html_module.unescape(re.sub(r"<[^>]+>", " ", without_marks))
    return re.sub(r"\s+", " ", plain).strip()


@dataclass(frozen=True)
class RenderedEvent:
    body_html: str
    note_html: str
    milestone_marks: tuple[str, ...]  # one per milestone, in order
    numbers: tuple[tuple[str, int], ...]  # (source id, reference number), in number order
    text: str  # the body as plain text, without citation marks


def pack(rendered: RenderedEvent) -> bytes:
    """A rendered event as compact bytes: a build holds every event's texts this way, a
    third of their size as objects, and unpacks one when a page or export shows it."""
    return zlib.compress(pickle.dumps(rendered, pickle.HIGHEST_PROTOCOL), 1)


def unpack(data: bytes) -> RenderedEvent:
    return pickle.loads(zlib.decompress(data))


def render_event(event: Event, sources: dict[str, Source], converter=None) -> RenderedEvent:
    """An event's body, note and milestone marks as HTML, its sources numbered in order."""
    renderer = Renderer(sources, converter or process_converter())
    body = renderer.markdown(event.body)
    note = renderer.markdown(event.note) if event.note else ""
    marks = tuple(renderer.key_marks(m.sources) for m in event.milestones)
    numbered = tuple((r.source.id, r.number) for r in renderer.references())
    return RenderedEvent(body, note, marks, numbered, html_to_text(body))


class Rendering:
    """The rendered texts of every event of one timeline, each made once.

    Results are kept in the build cache under a key of everything they depend on (the
    texts, the sources cited and their titles), so an unchanged entry is not rendered
    again in the next build. ``packed``: texts already rendered with these sources, by
    slug, as ``pack`` made them (the build renders each entry with its record, see
    ``content.load_timeline``); each is unpacked when shown, and not kept.
    """

    def __init__(self, sources: dict[str, Source], cache: BuildCache | None = None, packed=None):
        self.sources = sources
        self.cache = cache or BuildCache(None, "")
        self._packed: dict[str, bytes] = packed or {}
        self._done: dict[str, RenderedEvent] = {}

    def event(self, event: Event) -> RenderedEvent:
        packed = self._packed.get(event.slug)
        if packed is not None:
            return unpack(packed)
        if event.slug not in self._done:
            self._done[event.slug] = self._cached(event)
        return self._done[event.slug]

    def _cached(self, event: Event) -> RenderedEvent:
        sources = self.sources
        key = digest(
            "markdown", event.body, event.note, [m.sources for m in event.milestones],
            [(k, sources[k].title) for k in event.sources],
        )  # fmt: skip

        return self.cache.get(key, lambda: render_event(event, sources))
