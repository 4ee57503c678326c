"""The plugin's static files, JavaScript minified, CSS, JavaScript and SVG renamed by content.

``css/site.css`` is written as ``assets/css/site.3f2a1b9c0d.css`` (inside the timeline's
folder): a file's name changes whenever its content does, so a CDN or browser may cache it
forever. Other static files (licences, notes) keep their names.

JavaScript, our own and the vendored libraries, is served minified (comments and
whitespace removed by rjsmin; ``/*! … */`` comments, where licences live, are kept), so
the search page's scripts arrive in about a third of the bytes. The hash in a name is that
of the file as served.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import rjsmin

FINGERPRINTED = (".css", ".js", ".svg")


def fingerprinted_name(name: str, content: bytes) -> str:
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.{hashlib.sha256(content).hexdigest()[:10]}.{suffix}" if dot else name


def minify_js(text: str) -> str:
    return rjsmin.jsmin(text, keep_bang_comments=True) + "\n"


@dataclass(frozen=True)
class Asset:
    source: Path
    url: str  # relative to the site root
    content: bytes  # as served

    def write(self, target: Path) -> None:
        target.write_bytes(self.content)


STATIC = Path(__file__).resolve().parent / "static"


def served(path: Path) -> bytes:
    """A static file's bytes as the site serves them."""
    if path.suffix == ".js":
        return minify_js(path.read_text(encoding="utf-8")).encode("utf-8")
    return path.read_bytes()


def plugin_assets(urls, fingerprint: bool = True, static_dir: Path = STATIC) -> dict[str, Asset]:
    """{path inside static/: Asset} for every file of the plugin's static folder."""
    assets = {}
    for path in sorted(p for p in static_dir.rglob("*") if p.is_file()):
        name = path.relative_to(static_dir).as_posix()
        content = served(path)
        target = name
        if fingerprint and path.suffix in FINGERPRINTED:
            target = fingerprinted_name(name, content)
        assets[name] = Asset(path, urls.asset(target), content)
    return assets
