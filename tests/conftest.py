"""Shared fixtures: tiny sites written inline, and builds of the demo site (tests/demo).

Nothing here reads the bundled content (content/) or its settings: tests/test_content.py
alone does, so a site that replaces content/ keeps every other test passing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = ROOT / "src" / "pelican" / "plugins" / "timeline"
DEMO = ROOT / "tests" / "demo"
HOSTED_URL = "https://timeline.test"

SOURCES = """\
- id: astana-2023
  type: article-newspaper
  title: Kazakhstan, Türkiye Sign a Plan
  container-title: The Astana Times
  author:
    - {family: Omirgazy, given: Dana}
  issued: 2023-11-08
  URL: https://astanatimes.com/2023/11/plan/
  language: en
- id: trt-2021
  type: webpage
  title: Kazakhstan orders drones
  container-title: TRT World
  issued: 2021-11
  URL: https://www.trtworld.com/article/1
  archived-url: https://web.archive.org/web/2021/https://www.trtworld.com/article/1
  accessed: 2024-01-02
  language: en
"""

EVENT_A = """\
---
title: Kazakhstan and Türkiye sign a plan
date: 2023-11-07
countries: [TR, KZ]
type: agreement
summary: The ministers signed a plan.
sources: [astana-2023]
people:
  - {name: Yaşar Güler, role: Minister of National Defence, country: TR}
---
The ministers signed the plan in Ankara [@astana-2023, p. 2].
"""

EVENT_B = """\
---
title: Kazakhstan orders drones
date: 2021-11
countries: [KZ, OTS]
type: visit
summary: An order was placed.
sources: [trt-2021]
---
Kazakhstan ordered three drones [@trt-2021].
"""

ORGANISATIONS = """\
- code: OTS
  name: Organisation of Turkic States
"""

SETTINGS = {
    "TIMELINE_TYPES": {
        "agreement": ("Agreement", "Agreements", "Signed documents."),
        "visit": ("Visit", "Visits", "Visits."),
    }
}


def write_site(root: Path, events: dict[str, str | bytes], sources=SOURCES, orgs=ORGANISATIONS):
    """Write a content folder: {file name: text or bytes} under events/, plus data files."""
    content = root / "content"
    (content / "events").mkdir(parents=True, exist_ok=True)
    if sources is not None:
        (content / "sources.yaml").write_text(textwrap.dedent(sources), encoding="utf-8")
    if orgs is not None:
        (content / "organisations.yaml").write_text(orgs, encoding="utf-8")
    for name, text in events.items():
        path = content / "events" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="")
    return content


@pytest.fixture
def site(tmp_path):
    """A factory: site({name: text}) -> content folder with the two sample events plus those."""

    def make(events=None, *, base=True, **kwargs):
        all_events = {"2023-11-07-plan.md": EVENT_A, "2021-11-drones.md": EVENT_B} if base else {}
        all_events.update(events or {})
        return write_site(tmp_path, all_events, **kwargs)

    return make


def run_python(*args, cwd=ROOT, env=None):
    environment = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=environment, capture_output=True, text=True
    )


# Settings for the inline sites: the generator's own, with the factory's two types, and the
# demo's theme (which puts Pelican's pages, such as About, in the timeline's look).
INLINE_SETTINGS = f"""\
SITENAME = "An inline test site"
SITEURL = ""
RELATIVE_URLS = True
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
THEME = {str(DEMO / "theme")!r}
PLUGINS = ["pelican.plugins.timeline"]
TIMELINE_OUTPUT_FOLDER = ""
ARTICLE_PATHS = []
PAGE_PATHS = ["pages"]
PAGE_URL = PAGE_SAVE_AS = "pages/{{slug}}.html"
STATIC_PATHS = []
THEME_STATIC_PATHS = []
DIRECT_TEMPLATES = []
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
LOAD_CONTENT_CACHE = False
TIMELINE_TYPES = {SETTINGS["TIMELINE_TYPES"]!r}
"""


def pelican_build(content: Path, output: Path, settings_file: Path | None = None, env=None):
    """Run plain `pelican` (as a user would) on an inline site and return the finished process.

    Without a settings file, the inline site gets INLINE_SETTINGS beside its content folder.
    """
    if settings_file is None:
        settings_file = content.parent / "pelicanconf.py"
        settings_file.write_text(INLINE_SETTINGS, encoding="utf-8")
    return run_python(
        "-m", "pelican", str(content), "-s", str(settings_file), "-o", str(output),
        cwd=content.parent, env=env,
    )  # fmt: skip


def copy_demo(destination: Path) -> Path:
    """A copy of the demo site (settings, theme, content) with the project's tasks.py."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(DEMO / name, destination / name)
    shutil.copy(ROOT / "tasks.py", destination / "tasks.py")
    for name in ("theme", "content"):
        shutil.copytree(DEMO / name, destination / name)
    return destination


def build_demo(destination: Path, settings="pelicanconf.py", env=None):
    """Copy the demo site to destination and build it there with plain `pelican`, the way
    its README says: (project folder, finished process); the site is in project/output."""
    project = copy_demo(destination)
    result = run_python(
        "-m", "pelican", "content", "-s", settings, "-o", "output", cwd=project, env=env
    )
    return project, result


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The demo site (tests/demo), built once per test session with its own settings."""
    project, result = build_demo(tmp_path_factory.mktemp("demo") / "site")
    assert result.returncode == 0, result.stderr + result.stdout
    return project / "output"


@pytest.fixture(scope="session")
def hosted_demo_site(tmp_path_factory) -> Path:
    """The demo site built for hosting (publishconf.py, an absolute SITEURL), once."""
    project, result = build_demo(
        tmp_path_factory.mktemp("hosted") / "site", "publishconf.py", {"SITEURL": HOSTED_URL}
    )
    assert result.returncode == 0, result.stderr + result.stdout
    return project / "output"


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("REQUIRE_TOOLS"):
            pytest.fail(f"{CHROMIUM} is missing and REQUIRE_TOOLS is set")
        pytest.skip(f"{CHROMIUM} not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser):
    """open_page(url, width) -> (page, record) where record lists requests and errors."""
    contexts = []

    def make(url, width=1280, scheme="light", javascript=True, bypass_csp=False):
        context = browser.new_context(
            viewport={"width": width, "height": 900},
            color_scheme=scheme,
            java_script_enabled=javascript,
            bypass_csp=bypass_csp,
        )
        contexts.append(context)
        page = context.new_page()
        record = {"requests": [], "errors": []}
        page.on("request", lambda r: record["requests"].append(r.url))
        page.on("pageerror", lambda e: record["errors"].append(str(e)))
        page.on("console", lambda m: m.type == "error" and record["errors"].append(m.text))
        page.goto(url)
        return page, record

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def served_demo(demo_site):
    """The demo site over HTTP on loopback, as when hosted: its base address."""
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(demo_site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
