"""A small web on loopback for the link check's tests: news sites and the archive's API.

It answers on 127.0.0.1 only, so no test touches the real network. Paths:

    /live, /new-home             200
    /moved, /moved-308           301 / 308 to /new-home (a relative Location, as sites send)
    /temporary                   302 to /live
    /moved-to-gone               301 to /gone
    /loop                        301 to itself
    /missing, /gone              404, 410
    /forbidden                   403
    /slow                        200 after SLOW seconds (beyond the tests' time limit)
    /pause                       200 after PAUSE seconds (to watch how many run at once)
    /wayback/available           the Wayback Machine's availability API, from ``snapshots``
"""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

SLOW = 5.0
PAUSE = 0.2
REDIRECTS = {
    "/moved": (301, "new-home"),
    "/moved-308": (308, "/new-home"),
    "/temporary": (302, "/live"),
    "/moved-to-gone": (301, "/gone"),
    "/loop": (301, "/loop"),
}
ERRORS = {"/missing": 404, "/gone": 410, "/forbidden": 403}


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format, *args):  # keep test output clean
        pass

    def do_GET(self):
        web = self.server.web
        path, _, query = self.path.partition("?")
        with web.lock:
            web.requests.append((path, query, self.headers.get("User-Agent", ""), time.monotonic()))
            web.in_flight += 1
            web.most_in_flight = max(web.most_in_flight, web.in_flight)
        try:
            self._answer(web, path, query)
        finally:
            with web.lock:
                web.in_flight -= 1

    def _answer(self, web, path, query):
        if path in REDIRECTS:
            code, location = REDIRECTS[path]
            self._send(code, b"", {"Location": location})
        elif path in ERRORS:
            self._send(ERRORS[path], b"<p>not here</p>")
        elif path == "/slow":
            web.released.wait(SLOW)
            self._send(200, b"<p>late</p>")
        elif path == "/pause":
            time.sleep(PAUSE)
            self._send(200, b"<p>ok</p>")
        elif path in ("/live", "/new-home"):
            self._send(200, b"<p>here</p>")
        elif path == "/wayback/available":
            self._wayback(web, parse_qs(query))
        else:
            self._send(404, b"")

    def _wayback(self, web, params):
        url = params.get("url", [""])[0]
        snapshot = web.snapshots.get(url)
        answer = {"url": url, "archived_snapshots": {}}
        if snapshot:
            stamp, status = snapshot
            answer["archived_snapshots"]["closest"] = {
                "status": status,
                "available": True,
                "url": f"http://web.archive.org/web/{stamp}/{url}",
                "timestamp": stamp,
            }
        if "timestamp" in params:
            answer["timestamp"] = params["timestamp"][0]
        self._send(200, json.dumps(answer).encode(), {"Content-Type": "application/json"})

    def _send(self, code, body, headers=None):
        self.send_response(code)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    web: FakeWeb

    def handle_error(self, request, client_address):
        pass  # a client that gave up on /slow closed its end: expected, not worth a traceback


class FakeWeb:
    """Start with ``with FakeWeb() as web:``; ``web.url("/live")`` is an address on it."""

    def __init__(self):
        self.lock = threading.Lock()
        self.requests: list[tuple[str, str, str, float]] = []
        self.in_flight = self.most_in_flight = 0
        self.snapshots: dict[str, tuple[str, str]] = {}  # page URL -> (timestamp, status)
        self.released = threading.Event()
        self.server = _Server(("127.0.0.1", 0), _Handler)
        self.server.web = self
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    @property
    def api(self) -> str:
        return self.url("/wayback/available")

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.released.set()
        self.server.shutdown()
        self.server.server_close()


def refused_url() -> str:
    """An address on loopback where nothing listens: connecting to it is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/page"
