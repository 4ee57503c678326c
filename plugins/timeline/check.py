"""``python -m timeline.check``: validate all content without rendering anything.

Runs the same validation as the build and prints every problem as
``path:line: field: problem (hint)``; exits 1 if there is any, 0 otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .content import load_timeline
from .problems import ContentError


def site_settings(settings_file: str | None) -> dict:
    if not settings_file:
        return {}
    from pelican.settings import read_settings

    return read_settings(settings_file)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="check", description=__doc__.splitlines()[0])
    parser.add_argument("-s", "--settings", default="pelicanconf.py", help="Pelican settings")
    parser.add_argument("content", nargs="?", help="content folder (default: the settings' PATH)")
    args = parser.parse_args(argv)
    settings_file = args.settings if Path(args.settings).exists() else None
    settings = site_settings(settings_file)
    content = args.content or settings.get("PATH", "content")
    try:
        timeline = load_timeline(content, settings)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"OK: {len(timeline.events)} events, {len(timeline.sources)} sources, no problems.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
