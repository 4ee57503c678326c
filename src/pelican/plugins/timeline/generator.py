"""The Pelican generator that writes the timeline's pages and exports.

Content is validated when the generator is created, which Pelican does before it cleans
the output folder or writes anything: content with problems stops the build with every
problem listed and the previous site untouched.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from markupsafe import Markup
from pelican.generators import Generator
from pelican.log import console

from . import exports
from .assets import plugin_assets
from .build import describe_os_error
from .cache import BuildCache, digest, fingerprint
from .content import load_timeline
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
            fingerprint(self.settings, self.theme),
        )
        try:
            with bars(console) as progress:
                self.timeline = load_timeline(self.path, self.settings, self.cache, progress)
        except ContentError as error:
            print(str(error), file=sys.stderr)
            raise ContentProblems(error) from None
        self.relative = self.settings.get("RELATIVE_URLS", False)
        site_url = "" if self.relative else self.settings.get("SITEURL", "")
        self.site_name = self.settings.get("SITENAME", "")
        self.builder = SiteBuilder(
            self.timeline, self.config, site_url, self.site_name, self.cache,
            self.settings.get("DEFAULT_LANG") or "en",
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

    def generate_context(self):
        self.pages = self.builder.pages()

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
        page_urls = [page.save_as for page in self.pages]
        page_urls += [page.url for page in self.context.get("pages", [])]
        exported = exports.files(
            self.timeline,
            self.builder.urls,
            self.builder.rendering,
            self.config,
            self.builder.site_url,
            self.site_name,
            page_urls,
            self.builder.search_data,
        )
        redirects = list(redirect_pages(self.timeline, self.builder.urls, self.builder.site_url))
        self.cache.begin_writing(
            [
                *(page.save_as for page in self.pages),
                *(a.url for a in self.assets.values()),
                *(n for n, _ in exported),
                *(n for n, _ in redirects),
            ]
        )
        with bars(console) as progress:
            self._write_files(writer, progress, output, menu, exported, redirects)
        self.cache.save()
        console.print(
            f"Timeline: {len(self.timeline.events)} events, {len(self.timeline.sources)} "
            f"sources, {len(self.pages)} pages."
        )

    def _write_files(self, writer, progress, output, menu, exported, redirects):
        for page in progress.track(self.pages, "Writing pages", len(self.pages)):
            key = digest("page", page.save_as, page.template, page.context, menu)
            self.cache.written(page.save_as, key)
            if self.cache.unchanged(page.save_as, key, output):
                continue  # written by an earlier build from the same data
            template = self.get_template(f"timeline/{page.template}")
            writer.write_file(
                page.save_as, template, self.context, relative_urls=self.relative, **page.context
            )
        for asset in self.assets.values():
            target = output / asset.url
            target.parent.mkdir(parents=True, exist_ok=True)
            asset.write(target)
            self.cache.written(asset.url, "asset")
        for name, text in progress.track(exported, "Writing exports", len(exported)):
            self._write(name, text)
            self.cache.written(name, "export")
        for name, text in redirects:
            self._write(name, text)
            self.cache.written(name, "redirect")
        # Files an earlier build wrote and this one did not: deleted events, renamed assets.
        for name in self.cache.stale():
            (output / name).unlink(missing_ok=True)

    def _write(self, name: str, text: str):
        path = os.path.join(self.output_path, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        logger.info("Writing %s", path)
