"""A built site as one zip for offline reading: every file under one dated folder.

Entries are written in sorted order with a fixed timestamp, so the same site always gives
the same bytes whatever day it is zipped.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def archive_name(prefix: str, day: dt.date) -> str:
    return f"{prefix}-{day.isoformat()}"


def make_zip(site: Path, destination: Path, folder: str) -> Path:
    """Zip every file of ``site`` into ``destination`` under ``folder/``."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(site).as_posix()}", FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    partial.replace(destination)
    return destination
