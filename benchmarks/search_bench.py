"""Time the search page in Chromium from file://, before and after a change, in one run.

    python benchmarks/search_bench.py --events 1000 10000 --before main --json search.json

For each size, generates synthetic events (synthetic.py: a Zipf vocabulary of thousands
of words, people, places), builds the site with this working tree and with the
``--before`` revision of the plugin (its ``src/`` taken from git, put first on the
Python path), each with its default settings (and this tree again for each
``--body-words`` value, every body cut to so many words, as candidates), then opens
each build's search page from disk in headless Chromium, alternating between builds,
and measures:

- ready: from the start of navigation to ``search.html?q=…`` until the first answer is
  on screen (the status line gets its ``data-ms``), median of ``--repeat`` loads;
- answer: the time the page reports for a query (``data-ms``: searching and ordering,
  not drawing), median and slowest over the queries, each typed ``--repeat`` times;
- the bytes of the scripts the page loads, raw and gzipped.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import TIMELINE_SETTINGS  # noqa: E402
from synthetic import PEOPLE, PLACES, TYPES, WORDS, generate  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
# What readers type: common and rare words, a name, a place, phrases, a prefix still
# being typed, a misspelling.
QUERIES = (
    "minister",
    "drone production",
    "naval academy",
    "bilateral agreement signed",
    "kazakhstan",
    "trai",
    "helicopters",
    WORDS[1500],
    PEOPLE[7],
    PEOPLE[42].split()[1],
    PLACES[3],
    PLACES[11][:4],
    "joint exercise border",
    "ambasador",
)
# The moment the first answer is shown, measured inside the page.
READY_PROBE = """
new MutationObserver((changes, observer) => {
  if (document.querySelector('#search-status[data-ms]')) {
    window.__searchReady = performance.now();
    observer.disconnect();
  }
}).observe(document, {subtree: true, childList: true, attributes: true});
"""


def before_source(revision: str, into: Path) -> Path:
    """The plugin's src/ at a git revision, extracted under into."""
    archive = subprocess.run(["git", "archive", revision, "src"], cwd=ROOT, check=True,
                             capture_output=True).stdout  # fmt: skip
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def build(content: Path, settings: Path, output: Path, src: Path | None, *extra: str):
    """Build with this tree, or with the plugin in src; extra: NAME=value settings."""
    env = dict(os.environ)
    if src is not None:  # ahead of the editable install of this working tree
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
    cache = json.dumps(str(output.parent / (output.name + "-cache")))
    command = [sys.executable, "-m", "pelican", str(content), "-s", str(settings),
               "-o", str(output), "-e", f"CACHE_PATH={cache}", *extra]  # fmt: skip
    result = subprocess.run(command, cwd=content.parent, env=env, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"build failed:\n{result.stderr[-3000:]}")


def scripts(site: Path) -> dict:
    html = (site / "search.html").read_text(encoding="utf-8")
    raw = packed = 0
    for src in re.findall(r'<script src="(?:\./)?([^"]+)"', html):
        data = (site / src).read_bytes()
        raw += len(data)
        packed += len(gzip.compress(data, 6))
    return {"scripts_kb": round(raw / 1024), "scripts_gzip_kb": round(packed / 1024)}


def measure(browser, site: Path) -> tuple[float, list[float]]:
    """(ms until the first answer, [ms per answer]) for one load of the page."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(READY_PROBE)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((site / "search.html").as_uri() + "?q=" + QUERIES[0])
    page.wait_for_function("window.__searchReady", timeout=120_000)
    ready = page.evaluate("window.__searchReady")
    answers = []
    for query in QUERIES:
        page.fill("#search-q", query)
        page.press("#search-q", "Enter")
        answers.append(float(page.locator("#search-status").get_attribute("data-ms")))
    context.close()
    if errors:
        raise SystemExit(f"{site}: {errors}")
    return ready, answers


def run(sizes, revision: str, body_words: list[int], repeat: int, work: Path) -> list[dict]:
    from playwright.sync_api import sync_playwright

    src = before_source(revision, work / "before")
    label = subprocess.run(["git", "rev-parse", "--short", revision], cwd=ROOT, check=True,
                           capture_output=True, text=True).stdout.strip()  # fmt: skip
    reports = []
    for events in sizes:
        root = work / str(events)
        generate(root, events)
        settings = root / "settings.py"
        types = {kind: (kind, kind, f"Synthetic {kind} events.") for kind in TYPES}
        settings.write_text(TIMELINE_SETTINGS.format(types=types, cache=str(root / "cache")),
                            encoding="utf-8")  # fmt: skip
        sites = {f"before ({label})": root / "before", "after": root / "after"}
        build(root / "content", settings, root / "before", src)
        build(root / "content", settings, root / "after", None)
        for words in body_words:  # candidates: every body cut to so many words
            out = root / f"after-{words}"
            build(root / "content", settings, out, None, f"TIMELINE_SEARCH_BODY_WORDS={words}",
                  "TIMELINE_SEARCH_BODY_BUDGET=100000000")  # fmt: skip
            sites[f"after, body {words} words"] = out
        figures = {name: {"ready": [], "answers": []} for name in sites}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            for _ in range(repeat):  # alternate, so a busy moment hits every build alike
                for name, site in sites.items():
                    ready, answers = measure(browser, site)
                    figures[name]["ready"].append(ready)
                    figures[name]["answers"] += answers
            browser.close()
        for name, site in sites.items():
            found = figures[name]
            reports.append({
                "events": events,
                "build": name,
                "ready_s": round(statistics.median(found["ready"]) / 1000, 2),
                "answer_median_ms": round(statistics.median(found["answers"]), 2),
                "answer_max_ms": round(max(found["answers"]), 1),
                **scripts(site),
            })  # fmt: skip
            print(json.dumps(reports[-1]), flush=True)
    return reports


def table(reports: list[dict]) -> str:
    lines = ["| events | build | ready | answer, median / slowest | scripts (gzip) |",
             "|---|---|---|---|---|"]  # fmt: skip
    for r in reports:
        lines.append(
            f"| {r['events']:,} | {r['build']} | {r['ready_s']:.2f} s | "
            f"{r['answer_median_ms']:.1f} / {r['answer_max_ms']:.0f} ms | "
            f"{r['scripts_kb']:,} KB ({r['scripts_gzip_kb']:,} KB) |"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--before", default="main", help="git revision to compare with")
    parser.add_argument(
        "--body-words",
        type=int,
        nargs="+",
        default=[60],
        help="TIMELINE_SEARCH_BODY_WORDS values to build this tree with",
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", help="write the figures here")
    parser.add_argument("--workdir", help="where to build (default: a temp dir, removed)")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is needed")
    work = Path(args.workdir or tempfile.mkdtemp(prefix="search-bench-"))
    try:
        reports = run(args.events, args.before, args.body_words, args.repeat, work)
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    print(table(reports))
    if args.json:
        Path(args.json).write_text(json.dumps(reports, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
