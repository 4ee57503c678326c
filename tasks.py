"""Project tasks: ``invoke --list`` shows them all."""

import os
import shutil
import sys
import tempfile
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


def _env():
    env = {
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(ROOT / "plugins"), os.environ.get("PYTHONPATH")])
        )
    }
    return env


def atomic_build(c, settings, output=CONFIG["output"]):
    """Build into a temporary folder; replace ``output`` only if the build succeeded."""
    output = ROOT / output
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-", dir=output.parent))
    result = c.run(
        f'"{PYTHON}" -m pelican "{ROOT / CONFIG["content"]}" -s "{ROOT / settings}" -o "{staging}"',
        warn=True,
        env=_env(),
    )
    if not result.ok:
        shutil.rmtree(staging, ignore_errors=True)
        raise Exit(f"Build failed; {output.name}/ was left as it was.", code=result.exited or 1)
    previous = output.with_name(f".{output.name}-previous")
    shutil.rmtree(previous, ignore_errors=True)
    if output.exists():
        output.rename(previous)
    staging.rename(output)
    shutil.rmtree(previous, ignore_errors=True)
    print(f"Site written to {output.relative_to(ROOT)}/")


@task
def clean(c):
    """Remove the generated site."""
    shutil.rmtree(ROOT / CONFIG["output"], ignore_errors=True)


@task
def check(c):
    """Validate all content without building: every problem as path:line: field: problem."""
    c.run(f'"{PYTHON}" -m timeline.check -s "{ROOT / CONFIG["settings"]}"', env=_env())


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


@task
def archive(c):
    """Build a self-contained zip of the site for reading offline: dist/timeline-DATE.zip."""
    import datetime as dt

    sys.path.insert(0, str(ROOT / "plugins"))
    from timeline.archive import archive_name, make_zip

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
