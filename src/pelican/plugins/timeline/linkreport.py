"""The link status file: what the last link check found at each source's address.

``pelican-timeline linkcheck`` writes it; the build reads it to mark references whose page
was gone or had moved. A record describes the address it checked: once a source's ``URL``
changes, its record no longer applies and is ignored until the next check.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import yaml

from . import frontmatter
from .dates import DateError, parse_date
from .fields import url_problem
from .problems import Problem, did_you_mean

# What a check can find. Only "gone" and "moved" are shown to readers: the others may pass.
STATUSES = {
    "ok": "the page answered",
    "moved": "every redirect on the way was permanent (301 or 308): the page has a new address",
    "gone": "the server said the page does not exist (404) or no longer exists (410)",
    "error": "another HTTP error, such as 403 or 500",
    "timeout": "no answer within the time limit",
    "unreachable": "no connection: unknown host, connection refused, TLS failure",
}
FIELDS = ("URL", "status", "checked", "http", "final-url", "message")
REQUIRED = ("URL", "status", "checked")
HEADER = """\
# Written by `pelican-timeline linkcheck`: what the last check found at each source's
# address. The build marks a reference whose page was gone or had moved. A record whose
# URL is no longer the source's is ignored. Statuses: {statuses}.
"""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True  # one check day shared by every record must not become &id001 / *id001


@dataclass(frozen=True)
class LinkRecord:
    url: str
    status: str
    checked: dt.date
    http: int | None = None
    final_url: str = ""
    message: str = ""

    @property
    def checked_display(self) -> str:
        return parse_date(self.checked.isoformat()).display


def parse_link_report(
    path: str, raw: bytes, today: dt.date | None = None
) -> tuple[dict[str, LinkRecord], list[Problem]]:
    """Bytes of the link status file -> ({source id: record}, problems)."""
    today = today or dt.date.today()
    try:
        data = frontmatter.load_yaml(frontmatter.decode(raw), first_line=1)
    except frontmatter.FrontMatterError as exc:
        return {}, [Problem(path, exc.line, "link status", exc.message, exc.hint)]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        hint = "write 'source-id:' then its fields indented; run the link check to rewrite it"
        where = getattr(data, "line", 1)  # where the document starts, with its column
        return {}, [Problem(path, where, "link status", "must be a mapping of source ids", hint)]
    records, problems = {}, []
    for source_id, item in data.items():
        record = _parse_record(path, str(source_id), item, data.key_lines[source_id], today,
                               problems)  # fmt: skip
        if record:
            records[str(source_id)] = record
    return records, sorted(problems)


def _parse_record(path, source_id, item, line, today, problems) -> LinkRecord | None:
    if not isinstance(item, dict):
        problems.append(
            Problem(path, line, source_id, "must be a mapping of fields",
                    "indent URL, status and checked under the source id")
        )  # fmt: skip
        return None
    before = len(problems)

    def report(name, message, hint=""):
        problems.append(Problem(path, item.key_lines.get(name, line), name, message, hint))

    for name in item:
        if name not in FIELDS:
            report(name, f"unknown field {name!r} in {source_id}", did_you_mean(name, FIELDS))
    for name in REQUIRED:
        if name not in item:
            report(
                name, f"{source_id} is missing {name!r}", "every record has URL, status, checked"
            )
    values = {name: item[name] for name in FIELDS if isinstance(item.get(name), str)}
    for name in FIELDS:
        if name in item and name not in values:
            report(name, f"{name} of {source_id} must be a single value")
    for name in ("URL", "final-url"):
        if values.get(name) and url_problem(values[name]):
            report(name, url_problem(values[name]), "links must start with https:// or http://")
    status = values.get("status")
    if status is not None and status not in STATUSES:
        hint = did_you_mean(status, STATUSES) or "one of: " + ", ".join(STATUSES)
        report("status", f"unknown status {status!r}", hint)
    if status == "moved" and not values.get("final-url"):
        report("final-url", f"{source_id} moved, but its new address is missing",
               "give final-url, the address the redirects ended at")  # fmt: skip
    checked = None
    if "checked" in values:
        try:
            date = parse_date(values["checked"])
        except DateError as exc:
            report("checked", exc.message, "write the day of the check: 2024-02-28")
        else:
            if date.precision != "day" or date.is_interval or date.approximate or date.uncertain:
                report("checked", f"{date.text!r} must be a single day", "write it as 2024-02-28")
            elif date.start > today:
                report("checked", f"{date.text} is after today ({today})",
                       "the date of a check cannot be in the future")  # fmt: skip
            else:
                checked = date.start
    http = None
    if "http" in values:
        code = values["http"]
        if not (code.isdigit() and 100 <= int(code) <= 599):
            report("http", f"HTTP status {code!r} must be a number from 100 to 599")
        else:
            http = int(code)
    if len(problems) > before or checked is None:
        return None
    return LinkRecord(values["URL"], status, checked, http, values.get("final-url", ""),
                      values.get("message", ""))  # fmt: skip


def render_link_report(records: dict[str, LinkRecord]) -> str:
    """The file's text: records sorted by source id, so a new check shows as a small diff."""
    data = {}
    for source_id in sorted(records):
        record = records[source_id]
        item = {"URL": record.url, "status": record.status, "checked": record.checked}
        if record.http is not None:
            item["http"] = record.http
        if record.final_url:
            item["final-url"] = record.final_url
        if record.message:
            item["message"] = record.message
        data[source_id] = item
    body = (
        yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000)
        if data
        else ""
    )
    return HEADER.format(statuses=", ".join(STATUSES)) + body


def applicable(record: LinkRecord | None, url: str) -> LinkRecord | None:
    """The record, if it describes this address; a record of an older address does not."""
    return record if record is not None and record.url == url else None


HINTS = {
    "gone": "find where the page went, or cite an archived copy: linkcheck --archive",
    "moved": "check that the new page says the same, then give it as the URL",
    "error": "the site may refuse automated requests: open the address in a browser",
    "timeout": "try again later, or with a longer --timeout",
    "unreachable": "try again later; if the site is gone for good, cite an archived copy",
}


def finding(path: str, line: int, record: LinkRecord, cited_by: list[str]) -> Problem | None:
    """What a reader of the check's report needs to know about one address, if anything."""
    if record.status == "ok":
        return None
    if record.status == "gone":
        what = f"page gone (HTTP {record.http})"
    elif record.status == "moved":
        what = f"moved permanently to {record.final_url}"
    elif record.status == "error":
        what = f"HTTP {record.http}" if record.http else record.message or "failed"
    elif record.status == "timeout":
        what = record.message or "no answer in time"
    else:
        what = f"unreachable ({record.message})" if record.message else "unreachable"
    cited = f"; cited by {', '.join(cited_by)}" if cited_by else ""
    return Problem(path, line, "URL", f"{what}{cited}", HINTS[record.status])
