"""The link check as a command: check every source's address, report, record, archive.

Reads the validated content (so each finding can name the entries that cite the page),
prints a ``path:line:col: error: URL: message (hint)`` line for every page that is gone,
has moved or did not answer, and writes the results to the link status file that the build reads.
With ``archive``, it also asks the Wayback Machine for a copy of each page that has none
and writes what it found into the bibliography as ``archived-url``.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from pathlib import Path
from typing import TextIO

from . import frontmatter
from .content import _displayer, load_timeline
from .linkcheck import (
    WAYBACK_API,
    ArchiveError,
    Options,
    check_addresses,
    find_snapshot,
    host,
    polite_map,
)
from .linkreport import STATUSES, finding, render_link_report
from .settings import read_settings
from .sourcesfile import EditError, add_fields, write_atomically

ARCHIVE_FIELD = "archived-url"


def url_lines(text: str) -> dict[str, int]:
    """{source id: line of its URL field}, for messages."""
    data = frontmatter.load_yaml(text, first_line=1) or []
    return {
        str(item["id"]): item.key_lines.get("URL", item.line)
        for item in data
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    }


def run_linkcheck(content: Path, settings: dict, options: Options, out: TextIO, *,
                  archive=False, archive_api=WAYBACK_API, today=None) -> int:  # fmt: skip
    """Check, report and record; 1 when a page is gone or has moved, else 0."""
    today = today or dt.date.today()
    timeline = load_timeline(content, settings)  # raises ContentError on bad content
    config, _ = read_settings(settings)
    shown = _displayer(content)
    sources_path = content / config["TIMELINE_SOURCES_FILE"]
    status_path = content / config["TIMELINE_LINKSTATUS_FILE"]
    sources = {key: s for key, s in timeline.sources.items() if s.url}
    lines = url_lines(frontmatter.decode(sources_path.read_bytes()))

    started = time.monotonic()
    by_url = check_addresses([s.url for s in sources.values()], options, today)
    records = {key: by_url[source.url] for key, source in sources.items()}
    for key in sorted(sources, key=lambda k: lines.get(k, 0)):
        cited_by = [event.path for event in timeline.citing.get(key, [])]
        problem = finding(shown(sources_path), lines.get(key, 0), records[key], cited_by)
        if problem:
            print(problem, file=out)
    write_atomically(status_path, render_link_report(records))
    counts = Counter(record.status for record in by_url.values())
    hosts = len({host(url) for url in by_url})
    print(
        f"Checked {len(by_url)} addresses on {hosts} host{'s' if hosts != 1 else ''} in "
        f"{time.monotonic() - started:.1f} s: "
        + ", ".join(f"{counts[status]} {status}" for status in STATUSES if counts[status])
        + f". Results written to {shown(status_path)}.",
        file=out,
    )
    written = True
    if archive:
        written = archive_copies(timeline, sources_path, shown, lines, options, archive_api, out)
    return 1 if counts["gone"] or counts["moved"] or not written else 0


def archive_copies(timeline, sources_path: Path, shown, lines, options, api, out) -> bool:
    """Look up a snapshot for every source with an address and no archived copy; record them.

    False when the bibliography could not be changed safely (it is then left as it was).
    """
    wanting = [s for s in timeline.sources.values() if s.url and not s.archived_url]
    if not wanting:
        print("Every source with an address already has an archived copy.", file=out)
        return True

    def lookup(source):
        near = source.accessed or source.issued
        try:
            return find_snapshot(source.url, near.start if near else None, api, options), ""
        except ArchiveError as error:
            return None, str(error)

    found = polite_map(lookup, wanting, lambda source: host(api), options)
    additions = {}
    for source, (snapshot, error) in zip(wanting, found, strict=True):
        where = f"{shown(sources_path)}:{lines.get(source.id, source.line)}"
        if snapshot:
            additions[source.id] = {ARCHIVE_FIELD: snapshot.url}
            print(f"{where}: {ARCHIVE_FIELD}: added {snapshot.url}", file=out)
        elif error:
            print(f"{where}: {ARCHIVE_FIELD}: archive lookup failed: {error}", file=out)
        else:
            print(f"{where}: {ARCHIVE_FIELD}: the archive has no copy of {source.url}", file=out)
    if additions:
        raw = sources_path.read_bytes().decode("utf-8-sig")
        try:
            write_atomically(sources_path, add_fields(raw, additions))
        except EditError as error:
            print(f"{shown(sources_path)}: {error}; nothing was written to it", file=out)
            return False
    print(
        f"Archived copies: {len(additions)} added to {shown(sources_path)}, "
        f"{len(wanting) - len(additions)} not found.",
        file=out,
    )
    return True
