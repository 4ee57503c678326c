"""Project tasks: ``invoke --list`` shows them all."""

import os
import shutil
import sys
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
CONFIG = {
    "settings": "pelicanconf.py",
    "publish_settings": "publishconf.py",
    "content": "content",
    "output": "output",
    "host": "127.0.0.1",
    "port": 8000,
}
PYTHON = sys.executable
TIMELINE = f'"{PYTHON}" -m pelican.plugins.timeline'


def atomic_build(c, settings, output=CONFIG["output"]):
    """Build into a staging folder; replace ``output`` only if the build succeeded."""
    from pelican.plugins.timeline.build import BuildFailed
    from pelican.plugins.timeline.build import atomic_build as build_site

    try:
        written = build_site(ROOT / CONFIG["content"], ROOT / settings, ROOT / output)
    except BuildFailed as error:
        raise Exit(str(error), code=error.status) from None
    print(f"Site written to {written.relative_to(ROOT)}/")


@task
def clean(c):
    """Remove the generated site."""
    shutil.rmtree(ROOT / CONFIG["output"], ignore_errors=True)


@task(help={"format": "text (default), github (Actions annotations) or json"})
def check(c, format="text"):
    """Validate all content without building: path:line:col: error: field: problem."""
    # In a terminal, give the command one too, so that it shows its progress.
    command = f'{TIMELINE} check -s "{ROOT / CONFIG["settings"]}" --format {format}'
    c.run(command, pty=sys.stdout.isatty() and format == "text")


@task
def build(c):
    """Build the site into output/ (replaced only by a build that succeeded)."""
    atomic_build(c, CONFIG["settings"])


@task
def rebuild(c):
    """Remove output/, then build."""
    clean(c)
    build(c)


@task(pre=[build])
def serve(c, port=CONFIG["port"]):
    """Build, then serve output/ at http://127.0.0.1:8000/."""
    c.run(f'"{PYTHON}" -m http.server {port} -b {CONFIG["host"]} -d "{ROOT / CONFIG["output"]}"')


@task(
    help={
        "title": "the event's headline",
        "date": "EDTF date: 2024, 2024-02, 2024-02-28, 2024~, 2024-02-28? or a/b",
        "countries": "comma-separated codes, e.g. KZ,TR",
        "type": "one of the site's types (see CONTRIBUTING.md)",
    }
)
def new(c, title="", date="", countries="", type=""):
    """Write a new entry with its front matter filled in; asks for what is missing."""
    from pelican.plugins.timeline.cli import main

    arguments = ["new", "-s", str(ROOT / CONFIG["settings"])]
    for name, value in (("title", title), ("date", date), ("countries", countries),
                        ("type", type)):  # fmt: skip
        if value:
            arguments += [f"--{name}", value]
    status = main(arguments)
    if status:
        raise Exit(code=status)


@task
def livereload(c, port=CONFIG["port"]):
    """Serve the site; rebuild on every save of content, theme, plugin or settings, and
    reload the open pages."""
    from pelican.plugins.timeline.cli import main

    status = main(["preview", "-s", str(ROOT / CONFIG["settings"]), "-o",
                   str(ROOT / CONFIG["output"]), "--host", CONFIG["host"], "--port", str(port),
                   str(ROOT / CONFIG["content"])])  # fmt: skip
    if status:
        raise Exit(code=status)


@task(help={"events": "how many synthetic events", "json": "write the report here",
            "repeat": "runs per measure (medians are reported)"})  # fmt: skip
def bench(c, events=1000, json="", repeat=3):
    """Measure builds against vanilla Pelican on N synthetic events; print a table."""
    command = f'"{PYTHON}" "{ROOT / "benchmarks" / "bench.py"}" --events {events} --repeat {repeat}'
    c.run(command + (f' --json "{json}"' if json else ""))


@task
def archive(c):
    """Build a self-contained zip of the site for reading offline: dist/timeline-DATE.zip."""
    import datetime as dt

    from pelican.plugins.timeline.archive import archive_name, make_zip

    output = f"dist/.site-{os.getpid()}"
    atomic_build(c, CONFIG["settings"], output)
    name = archive_name("timeline", dt.datetime.now(dt.UTC).date())
    try:
        zipped = make_zip(ROOT / output, ROOT / "dist" / f"{name}.zip", name)
    finally:
        shutil.rmtree(ROOT / output, ignore_errors=True)
    print(f"Offline archive: {zipped.relative_to(ROOT)} (open {name}/index.html)")


@task
def publish(c):
    """Build with publishconf.py (absolute SITEURL from the SITEURL environment variable)."""
    atomic_build(c, CONFIG["publish_settings"])


@task(pre=[publish], help={"push": "also push the gh-pages branch to origin"})
def gh_pages(c, push=False):
    """Publish, then commit output/ to the gh-pages branch (ghp-import); --push to push it."""
    flags = "-n -f" + (" -p" if push else "")
    output = ROOT / CONFIG["output"]
    c.run(f'"{PYTHON}" -m ghp_import {flags} -m "Publish the site" -b gh-pages "{output}"')


@task(
    help={
        "archive": "also look up archived copies (Wayback Machine) and add them to sources.yaml",
        "timeout": "seconds allowed for one address (default 15)",
        "delay": "seconds between two requests to the same host (default 0)",
    }
)
def linkcheck(c, archive=False, timeout=15.0, delay=0.0):
    """Check every source's address; report gone and moved pages; record results for the build."""
    from pelican.plugins.timeline.cli import main

    arguments = ["linkcheck", "-s", str(ROOT / CONFIG["settings"]), "--timeout", str(timeout),
                 "--delay", str(delay)]  # fmt: skip
    status = main([*arguments, "--archive"] if archive else arguments)
    if status:
        raise Exit(code=status)
