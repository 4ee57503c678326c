"""How a source's web address reads: decoded, host first, and short enough for paper.

Only the text changes; the link keeps the address exactly as the bibliography gives it.
A percent-encoded Cyrillic or Arabic path is shown in its own letters, as a browser's
address bar shows it, except for what would make the text ambiguous or misleading:
spaces, reserved characters such as ``/`` and ``?``, control and invisible formatting
characters (a bidi override could make one address look like another), and bytes that
are not UTF-8 all stay escaped. The scheme is left out, so the host comes first.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
UNRESERVED = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
# A printed address longer than this is cut, at a separator where one is near the end.
PRINT_LENGTH = 60


@dataclass(frozen=True)
class Address:
    host: str  # "aa.com.tr": first, so the reader sees whose page it is
    rest: str  # the path, query and fragment, decoded for reading
    short: str  # host and rest within PRINT_LENGTH characters, for print

    @property
    def text(self) -> str:
        return self.host + self.rest


def _readable(char: str) -> bool:
    if char.isascii():
        return char in UNRESERVED
    return unicodedata.category(char)[0] not in "CZ"  # no controls, formats or spaces


def _decode_run(match: re.Match) -> str:
    run = match.group(0)
    try:
        text = bytes.fromhex(run.replace("%", "")).decode("utf-8")
    except UnicodeDecodeError:
        return run
    out, index = [], 0
    for char in text:  # keep each unreadable character as its own escapes
        width = len(char.encode("utf-8")) * 3
        out.append(char if _readable(char) else run[index : index + width])
        index += width
    return "".join(out)


def decode(text: str) -> str:
    """Percent-escapes that spell readable characters, as those characters (composed, so
    a combining mark joins the letter before it)."""
    return unicodedata.normalize("NFC", ESCAPES.sub(_decode_run, text))


def shorten(text: str, limit: int = PRINT_LENGTH) -> str:
    """text cut to limit characters with an ellipsis, at a separator if one is near the end."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    separator = max(cut.rfind(c) for c in "/-_?&=.")
    if separator >= limit * 2 // 3:
        cut = cut[: separator + 1]
    return cut + "…"


def address(url: str) -> Address | None:
    """How url reads (None when it is not an http or https address)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    # The host stays as written: decoding an xn-- name would let a look-alike in another
    # script pass for a known site.
    host = parts.hostname
    if parts.port:
        host += f":{parts.port}"
    rest = decode(parts.path if parts.path != "/" else "")
    if parts.query:
        rest += "?" + decode(parts.query)
    if parts.fragment:
        rest += "#" + decode(parts.fragment)
    return Address(host, rest, shorten(host + rest))
