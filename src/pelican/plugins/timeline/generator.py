"""The Pelican generator that writes the timeline's pages and exports.

Content is validated when the generator is created, which Pelican does before it cleans
the output folder or writes anything: content with problems stops the build with every
problem listed and the previous site untouched.
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import sys
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from markupsafe import Markup
from pelican.generators import Generator
from pelican.log import console
from pelican.writers import FileOverwriteFailedError, Writer

from pelican import signals

from . import exports, parallel
from .assets import plugin_assets
from .build import describe_os_error
from .cache import BuildCache, code_fingerprint, digest, fingerprint
from .content import load_timeline
from .nouns import plural
from .pages import SiteBuilder
from .preview import content_security_policy, preview_script
from .problems import ContentError
from .progress import bars
from .redirects import redirect_pages
from .settings import read_settings

logger = logging.getLogger(__name__)


class ContentProblems(SystemExit):
    """Ends a Pelican run with exit status 1 and the list of problems, without a traceback.

    A SystemExit, because Pelican logs any Exception with its traceback and, without
    ``--fatal``, exits 0 on content errors.
    """

    def __init__(self, error: ContentError):
        super().__init__(1)
        self.error = error


class BuildError(SystemExit):
    """Ends a Pelican run with exit status 1 after a message of our own, no traceback."""


class TimelineGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.config, _ = read_settings(self.settings)  # problems: reported by load_timeline
        folder = Path(self.settings["CACHE_PATH"]) / "timeline"
        self.cache = BuildCache(
            folder if self.config["TIMELINE_CACHE"] else None,
            code_fingerprint(),
            os.path.realpath(self.output_path),
        )
        # Page keys also hold the theme and the settings: a change to either is a new key.
        self.page_fingerprint = fingerprint(self.settings, self.theme)
        rendered, self.digests = {}, {}
        try:
            with bars(console) as progress:
                self.timeline = load_timeline(
                    self.path, self.settings, self.cache, rendered, self.digests, progress
                )
        except ContentError as error:
            print(str(error), file=sys.stderr)
            raise ContentProblems(error) from None
        self.relative = self.settings.get("RELATIVE_URLS", False)
        site_url = "" if self.relative else self.settings.get("SITEURL", "")
        self.site_name = self.settings.get("SITENAME", "")
        self.builder = SiteBuilder(
            self.timeline, self.config, site_url, self.site_name, self.cache,
            self.settings.get("DEFAULT_LANG") or "en", rendered,
        )  # fmt: skip
        self.assets = plugin_assets(self.builder.urls, self.config["TIMELINE_FINGERPRINT_ASSETS"])
        self.context.update(self.builder.site_context())
        self.context["assets"] = {name: asset.url for name, asset in self.assets.items()}
        preview = self.config["TIMELINE_PREVIEW"]
        # Our own text, with quotes that escaping would turn into entities.
        self.context["content_security_policy"] = Markup(content_security_policy(preview))
        self.context["preview_script"] = preview_script(preview)
        # Our templates get autoescaping whatever the site's JINJA_ENVIRONMENT says:
        # every value from an entry is escaped, and only HTML we made is marked safe.
        self.env.autoescape = True
        if self.cache.folder:
            self._cache_templates(self.cache.folder / "templates")

    def _cache_templates(self, folder: Path):
        """Keep the compiled templates: compiling them took a fifth of a warm build.

        Jinja keys compiled code by the template's name and a hash of its source; the
        folder is named by the settings' fingerprint too, as Jinja extensions and options
        change the code compiled from the same source.
        """
        here = folder / self.page_fingerprint[:16]
        try:
            for other in folder.glob("*") if folder.is_dir() else []:
                if other != here:
                    shutil.rmtree(other, ignore_errors=True)
            here.mkdir(parents=True, exist_ok=True)
        except OSError:
            return  # without it the build is only slower
        self.env.bytecode_cache = FileSystemBytecodeCache(str(here))

    def generate_context(self):
        self.pages = self.builder.pages(with_events=False)

    def generate_output(self, writer):
        try:
            self._write_site(writer)
        except OSError as error:
            # Pelican would print the traceback of a full disk or a refused folder.
            print(
                f"timeline: could not write the site: {describe_os_error(error)}",
                file=sys.stderr,
            )
            raise BuildError(1) from None

    def _write_site(self, writer):
        # Pelican's own pages appear in every page's menu, so they are part of each key.
        menu = [(p.url, p.title) for p in self.context.get("pages", [])]
        output = Path(self.output_path)
        events = self.timeline.events
        event_urls = [self.builder.urls.event(event.slug) for event in events]
        page_urls = [page.save_as for page in self.pages] + event_urls
        page_urls += [page.url for page in self.context.get("pages", [])]
        search = self.builder.search_data
        exports_key = self._exports_key(page_urls)
        kept = [n for n, k in self.cache.previous_pages.items() if k == exports_key]
        if kept and all((output / name).is_file() for name in kept):
            exported = [search]  # the others hold what this build would write: skip them
        else:
            kept = []
            exported = exports.files(
                self.timeline,
                self.builder.urls,
                self.builder.rendering,
                self.config,
                self.builder.site_url,
                self.site_name,
                page_urls,
                search,
            )
        redirects = list(redirect_pages(self.timeline, self.builder.urls, self.builder.site_url))
        self.cache.begin_writing(
            [
                *(page.save_as for page in self.pages),
                *event_urls,
                *(a.url for a in self.assets.values()),
                search[0],
                *kept,
                *(n for n, _ in redirects),
            ]
        )
        with bars(console) as progress:
            self._write_files(writer, progress, output, menu, event_urls, exported, kept,
                              exports_key, redirects)  # fmt: skip
        self.cache.save()
        console.print(
            f"Timeline: {plural(len(events), 'event')}, "
            f"{plural(len(self.timeline.sources), 'source')}, "
            f"{plural(len(self.pages) + len(events), 'page')}."
        )

    def _write_files(self, writer, progress, output, menu, event_urls, exported, kept,
                     exports_key, redirects):  # fmt: skip
        events = self.timeline.events
        search_name = self.builder.search_data[0]
        todo = []
        for index, page in enumerate(self.pages):
            key = self._page_key(page, menu)
            if not self.cache.unchanged(page.save_as, key, output):
                todo.append((PAGE, index))
            self.cache.written(page.save_as, key)
        # An event's page is keyed by what it is made from, so that an unchanged one is
        # not even prepared: hashing the data of 10,000 pages took most of a warm build.
        facts = [self.digests[event.slug][1] for event in events]
        common = digest(self.page_fingerprint, menu, facts)
        for index, (event, url) in enumerate(zip(events, event_urls, strict=True)):
            key = self._event_page_key(event, common)
            if not self.cache.unchanged(url, key, output):
                todo.append((EVENT, index))
            self.cache.written(url, key)
        self._write_pages(writer, todo, progress)
        for asset in self.assets.values():
            self._write(asset.url, asset.content)
            self.cache.written(asset.url, "asset")
        # The exports are made and written one at a time, so that only one is in memory.
        total = (
            len(exported)
            if isinstance(exported, list)
            else exports.count(self.timeline, self.builder.urls, self.builder.site_url)
        )
        for name, text in progress.track(exported, "Writing exports", total):
            self.cache.expect(name)  # before writing: a killed build's files are known
            self._write(name, text.encode("utf-8"))
            self.cache.written(name, "search" if name == search_name else exports_key)
            del text
        for name in kept:
            self.cache.written(name, exports_key)
        for name, text in redirects:
            self._write(name, text.encode("utf-8"))
            self.cache.written(name, "redirect")
        # Files an earlier build wrote and this one did not: deleted events, renamed assets.
        for name in self.cache.stale():
            (output / name).unlink(missing_ok=True)

    def _write_pages(self, writer, todo: list[tuple[str, int]], progress):
        """Write these pages, across forked workers when there are many.

        Workers write only when no other plugin listens for ``content_written``: the
        signal would be sent in the workers, out of the listener's sight."""
        workers = parallel.workers_for(self.config["TIMELINE_WORKERS"], len(todo))
        if signals.content_written.receivers:
            workers = 1
        for name in {"timeline/event", *(f"timeline/{page.template}" for page in self.pages)}:
            self.get_template(name)  # compiled once, before the workers fork
        parallel.map_inherited(
            write_page, todo, (self, writer), workers,
            lambda items, total: progress.track(items, "Writing pages", total),
        )  # fmt: skip
        if todo:
            logger.info("timeline: wrote %d pages in %d process(es)", len(todo), workers)

    def _page_key(self, page, menu) -> str:
        """A digest of all a page shows. A page made from the timeline alone is keyed by
        the timeline's key, so that an unchanged one is not even prepared."""
        if page.shows_only_the_timeline and self.timeline.key:
            data = ("timeline", self.timeline.key)
        else:
            data = page.context
        return digest("page", self.page_fingerprint, page.save_as, page.template, data, menu)

    def _event_page_key(self, event, common: str) -> str:
        """A digest of all an event's page shows: the entry's record (its facts, texts and
        the vocabulary, sources included, they were checked against), where the timeline
        lists it, the link check's findings on its sources, its dates of change, and
        ``common``: the settings, the theme, the menu, and the facts of every event. A page
        also shows other events (its neighbours, related events ranked by what is rare
        across all of them): a change to any event's facts makes every page anew, and
        only those whose bytes change are written. A body edit changes one page."""
        # One text, hashed once: pickling a tuple per page took a tenth of a rebuild.
        return digest(
            "\0".join((
                "event page", common, self.digests[event.slug][0],
                self.builder.views.listed_at.get(event.slug, ""),
                repr([self.timeline.links.get(key) for key in event.sources]),
                repr(self.timeline.changes.get(event.slug)),
            ))
        )  # fmt: skip

    def _exports_key(self, page_urls) -> str:
        """A digest of everything the exports read besides the search data, which is
        made for every build as the search page names it. Only feeds show the events'
        texts, and only a hosted build has feeds: without them, a body edit keeps the
        key, and the exports are not made again."""
        texts = bool(self.builder.site_url)
        timeline = self.timeline
        return digest(
            "exports", self.page_fingerprint, self.builder.site_url, page_urls,
            [self.digests[e.slug][0 if texts else 1] for e in timeline.events],
            timeline.sources, timeline.changes, timeline.links,
        )  # fmt: skip

    def _write(self, name: str, data: bytes):
        """Write a file unless it already holds these bytes: an unchanged file keeps its
        modification time, so a server, rsync or a browser sees it unchanged too."""
        path = os.path.join(self.output_path, name)
        if same_bytes(path, data):
            return
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)
        logger.info("Writing %s", path)


PAGE, EVENT = "page", "event"  # what ``write_page`` is given: one of the pages, or an event


def write_page(state, job: tuple[str, int]):
    generator, writer = state
    kind, index = job
    if kind == EVENT:
        page = generator.builder.event_page(generator.timeline.events[index])
    else:
        page = generator.pages[index]
    template = generator.get_template(f"timeline/{page.template}")
    writer.write_file(
        page.save_as, template, generator.context, relative_urls=generator.relative,
        **page.context,
    )  # fmt: skip
    page.forget()  # one page's data at a time


class KeepingWriter(Writer):
    """Pelican's writer, except that a file that already holds the bytes to be written is
    left alone, keeping its modification time: after one edit, only the files that show it
    change on disk (Pelican's own pages and the timeline's listings are otherwise written
    anew by every build)."""

    def _open_w(self, filename, encoding, override=False):
        # Pelican's bookkeeping, with no file opened: it refuses to write a file twice.
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time (was previously overwritten)'
                )
            return open(os.devnull, "w", encoding=encoding)
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{filename}" as Pelican has already written to it '
                "previously (set `override=True` if intended)"
            )
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return _KeptIfSame(filename, encoding)


class _KeptIfSame(io.StringIO):
    """A text file in memory, written to ``path`` on closing unless it holds the same."""

    def __init__(self, path: str, encoding: str):
        super().__init__()
        self.path, self.encoding_name = path, encoding

    def close(self):
        if not self.closed:
            data = self.getvalue().encode(self.encoding_name)
            if not same_bytes(self.path, data):
                with open(self.path, "wb") as handle:
                    handle.write(data)
        super().close()


def same_bytes(path: str, data: bytes) -> bool:
    try:
        if os.path.getsize(path) != len(data):
            return False
        with open(path, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False
