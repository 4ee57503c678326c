"""Shared fixtures: tiny sites written inline, and builds of the bundled content."""

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


def pelican_build(content: Path, output: Path, settings_file=ROOT / "pelicanconf.py", env=None):
    """Run plain `pelican` (as a user would) and return the finished process."""
    return run_python(
        "-m", "pelican", str(content), "-s", str(settings_file), "-o", str(output), env=env
    )


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory) -> Path:
    """The bundled content, built once per test session with the project's settings."""
    output = tmp_path_factory.mktemp("site") / "output"
    result = pelican_build(ROOT / "content", output)
    assert result.returncode == 0, result.stderr + result.stdout
    return output


@pytest.fixture(scope="session")
def shared_reference() -> Path:
    """The editors' research notes (the seed article, source checks), kept outside the repo.

    Set TIMELINE_REFERENCE_DIR to the folder that holds them to run the checks against them.
    """
    folder = Path(os.environ.get("TIMELINE_REFERENCE_DIR", ""))
    if not os.environ.get("TIMELINE_REFERENCE_DIR") or not folder.is_dir():
        pytest.skip("TIMELINE_REFERENCE_DIR does not name the editors' reference folder")
    return folder


def copy_project(destination: Path) -> Path:
    """A copy of the project's settings, plugin and theme, for builds of other content."""
    for name in ("pelicanconf.py", "publishconf.py", "tasks.py"):
        shutil.copy(ROOT / name, destination / name)
    for name in ("theme",):
        shutil.copytree(
            ROOT / name, destination / name, ignore=shutil.ignore_patterns("__pycache__")
        )
    return destination


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
