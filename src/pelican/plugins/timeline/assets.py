"""The plugin's static files, with the CSS, JavaScript and SVG renamed by their content.

``css/site.css`` is written as ``assets/css/site.3f2a1b9c0d.css`` (inside the timeline's
folder): a file's name changes whenever its content does, so a CDN or browser may cache it
forever. Other static files (licences, notes) keep their names.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

FINGERPRINTED = (".css", ".js", ".svg")


def fingerprinted_name(name: str, content: bytes) -> str:
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.{hashlib.sha256(content).hexdigest()[:10]}.{suffix}" if dot else name


@dataclass(frozen=True)
class Asset:
    source: Path
    url: str  # relative to the site root


STATIC = Path(__file__).resolve().parent / "static"


def plugin_assets(urls, fingerprint: bool = True, static_dir: Path = STATIC) -> dict[str, Asset]:
    """{path inside static/: Asset} for every file of the plugin's static folder."""
    assets = {}
    for path in sorted(p for p in static_dir.rglob("*") if p.is_file()):
        name = path.relative_to(static_dir).as_posix()
        target = name
        if fingerprint and path.suffix in FINGERPRINTED:
            target = fingerprinted_name(name, path.read_bytes())
        assets[name] = Asset(path, urls.asset(target))
    return assets
