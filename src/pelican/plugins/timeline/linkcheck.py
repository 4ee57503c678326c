"""Fetching: is each source's page still there, and is an archived copy of it known?

Polite by design: a User-Agent that names the project, at most a few requests at a time to
any one host, an optional pause between them, and a time limit on every address. Redirects
are followed one by one so that a permanent move can be told from a temporary one.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import quote, urljoin, urlsplit

from .linkreport import LinkRecord

PERMANENT = {301, 308}
REDIRECTS = {301, 302, 303, 307, 308}
GONE = {404, 410}
MAX_REDIRECTS = 10
WAYBACK_API = "https://archive.org/wayback/available"


def user_agent() -> str:
    try:
        release = version("pelican-timeline")
    except PackageNotFoundError:  # run from a source tree that is not installed
        release = "dev"
    return f"pelican-timeline/{release} (link check of a timeline's sources; one GET per page)"


@dataclass(frozen=True)
class Options:
    timeout: float = 15.0  # seconds for one address, redirects included
    per_host: int = 2
    workers: int = 8
    delay: float = 0.0  # seconds between two requests to the same host
    user_agent: str = ""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Makes a 3xx an HTTPError, so that each hop is seen and classified."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


class HostGate:
    """At most ``per_host`` requests at a time to one host, ``delay`` seconds apart."""

    def __init__(self, per_host: int, delay: float):
        self.per_host, self.delay = max(1, per_host), max(0.0, delay)
        self.lock = threading.Lock()
        self.slots: dict[str, threading.Semaphore] = {}
        self.next_start: dict[str, float] = {}

    @contextmanager
    def slot(self, host: str):
        with self.lock:
            slot = self.slots.setdefault(host, threading.Semaphore(self.per_host))
        with slot:
            with self.lock:
                start = max(time.monotonic(), self.next_start.get(host, 0.0))
                self.next_start[host] = start + self.delay
            time.sleep(max(0.0, start - time.monotonic()))
            yield


def polite_map(func: Callable, items: Iterable, host_of: Callable, options: Options) -> list:
    """func(item) for every item, concurrently, through one HostGate; results in order."""
    gate = HostGate(options.per_host, options.delay)

    def run(item):
        with gate.slot(host_of(item)):
            return func(item)

    with ThreadPoolExecutor(max_workers=max(1, options.workers)) as pool:
        return list(pool.map(run, items))


def host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _get(url: str, timeout: float, agent: str):
    """(status, Location header) of one GET; the body is never read."""
    request = urllib.request.Request(
        url, headers={"User-Agent": agent, "Accept": "text/html,*/*;q=0.8"}
    )
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers.get("Location", "")


def _failure(error: BaseException) -> tuple[str, str]:
    reason = getattr(error, "reason", error)
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "timeout", ""
    if isinstance(reason, ConnectionRefusedError):
        return "unreachable", "connection refused"
    if isinstance(reason, socket.gaierror):
        return "unreachable", "unknown host"
    if isinstance(reason, ssl.SSLError):
        return "unreachable", f"TLS failure: {reason.reason or reason}"
    if isinstance(reason, OSError):
        return "unreachable", reason.strerror or type(reason).__name__
    return "error", str(reason)


def check_address(url: str, options: Options, today: dt.date | None = None) -> LinkRecord:
    """Follow ``url`` to its end within the time limit and classify what was found."""
    today = today or dt.date.today()
    agent = options.user_agent or user_agent()
    deadline = time.monotonic() + options.timeout
    current, hops = url, []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return LinkRecord(url, "timeout", today, message=_limit(options))
        try:
            code, location = _get(current, remaining, agent)
        except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as error:
            status, message = _failure(error)
            if status == "timeout":
                message = _limit(options)
            return LinkRecord(url, status, today, final_url=_moved(url, current), message=message)
        if code not in REDIRECTS or not location:
            break
        hops.append(code)
        if len(hops) > MAX_REDIRECTS:
            return LinkRecord(url, "error", today, code, message="too many redirects")
        current = urljoin(current, location)
    final = _moved(url, current)
    if 200 <= code < 300:
        moved = bool(hops) and all(hop in PERMANENT for hop in hops)
        return LinkRecord(url, "moved" if moved else "ok", today, code, final)
    return LinkRecord(url, "gone" if code in GONE else "error", today, code, final)


def _moved(url: str, current: str) -> str:
    return current if current != url else ""


def _limit(options: Options) -> str:
    return f"no answer within {options.timeout:g} s"


def check_addresses(urls: Iterable[str], options: Options, today=None) -> dict[str, LinkRecord]:
    """Each distinct address checked once: {url: record}."""
    distinct = sorted(set(urls))
    records = polite_map(lambda url: check_address(url, options, today), distinct, host, options)
    return dict(zip(distinct, records, strict=True))


@dataclass(frozen=True)
class Snapshot:
    url: str
    timestamp: str  # YYYYMMDDhhmmss, as the archive gives it


class ArchiveError(Exception):
    """The archive's API could not be asked, or gave an answer this code cannot read."""


def find_snapshot(url: str, near: dt.date | None, api: str, options: Options) -> Snapshot | None:
    """The archived copy closest to ``near``, through the Wayback Machine's availability API.

    None when the archive holds no copy that loaded with status 200.
    """
    query = f"{api}?url={quote(url, safe='')}"
    if near:
        query += f"&timestamp={near:%Y%m%d}"
    request = urllib.request.Request(
        query, headers={"User-Agent": options.user_agent or user_agent()}
    )
    try:
        with _OPENER.open(request, timeout=options.timeout) as response:
            answer = json.loads(response.read(1_000_000).decode("utf-8"))
    except urllib.error.HTTPError as error:
        error.close()
        raise ArchiveError(f"the archive answered HTTP {error.code}") from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
        _, message = _failure(error)
        raise ArchiveError(message or _limit(options)) from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ArchiveError("the archive's answer is not JSON") from None
    snapshots = answer.get("archived_snapshots") if isinstance(answer, dict) else None
    closest = snapshots.get("closest") if isinstance(snapshots, dict) else None
    if not isinstance(closest, dict) or not closest.get("available"):
        return None
    if str(closest.get("status", "")) != "200" or not isinstance(closest.get("url"), str):
        return None
    return Snapshot(_https(closest["url"]), str(closest.get("timestamp", "")))


def _https(url: str) -> str:
    """The archive gives http:// addresses for its own pages; it serves them over https too."""
    if url.startswith("http://web.archive.org/"):
        return "https://" + url[len("http://") :]
    return url
