"""Where readers report an error (``TIMELINE_REPORT_ERRORS_TO``): the check and the links.

The address is an https URL or an email address. A link about one entry carries the
entry's slug, so the report says which entry it is about: as the subject of an email, or
as an ``entry`` query parameter added to the URL (a form or issue tracker can read it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

# Deliberately plain: one @, no spaces, a dot in the domain. Anything fancier is better
# written as an https form address.
EMAIL_RE = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
EXAMPLE = "e.g. https://example.org/report or errors@example.org"


def problem(address) -> str:
    """Why ``address`` cannot be used, or "" when it can (an empty address means none)."""
    if not isinstance(address, str):
        return f"must be an https:// address or an email address as text, not {address!r}"
    if address == "" or EMAIL_RE.match(address):
        return ""
    if address.startswith("mailto:"):
        return f"{address!r}: write the email address without 'mailto:'"
    parts = urlsplit(address)
    if parts.scheme != "https" or not parts.hostname or any(c.isspace() for c in address):
        return f"{address!r} is neither an https:// address nor an email address"
    if parts.fragment:
        return f"{address!r} must not end with a #fragment"
    return ""


@dataclass(frozen=True)
class ReportLink:
    url: str
    label: str  # the address as a reader can read it


def report_link(address: str, slug: str = "", title: str = "") -> ReportLink | None:
    """The link for reporting an error (about one entry when slug is given), or None."""
    if not address:
        return None
    if EMAIL_RE.match(address):
        subject = f"Error in entry {slug}" + (f": {title}" if title else "") if slug else "Error"
        return ReportLink(f"mailto:{address}?subject={quote(subject)}", address)
    parts = urlsplit(address)
    label = f"{parts.hostname}{parts.path if parts.path != '/' else ''}"
    if not slug:
        return ReportLink(address, label)
    query = urlencode([*parse_qsl(parts.query, keep_blank_values=True), ("entry", slug)])
    return ReportLink(urlunsplit(parts._replace(query=query)), label)
