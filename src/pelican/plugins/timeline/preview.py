"""The live preview: build, serve, and rebuild and reload the open pages on every save.

A preview build is an ordinary build with ``TIMELINE_PREVIEW`` on, which adds one script
to every page, ``/.timeline-preview/reload.js``, and lets the page's Content Security
Policy connect to its own origin. The preview server serves the output folder and that
script (it is never written into the site), and streams the number of the latest build as
server-sent events at ``/.timeline-preview/events``; the script reloads its page when the
number changes. A build with a problem leaves the last good site up and the pages as they
are, and the terminal lists the problems.
"""

from __future__ import annotations

import functools
import http.server
import threading
import uuid
from pathlib import Path

PREFIX = "/.timeline-preview/"
SCRIPT_URL = PREFIX + "reload.js"
EVENTS_URL = PREFIX + "events"
SCRIPT = Path(__file__).resolve().parent / "preview_static" / "reload.js"
KEEPALIVE_SECONDS = 15

# Every page of the site, as a policy a browser enforces: only the site's own files, no
# inline script or style; connections to nothing, except for the preview's reloader.
POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src {connect}; object-src 'none'; base-uri 'none'; form-action 'self'"
)


def content_security_policy(preview: bool) -> str:
    return POLICY.format(connect="'self'" if preview else "'none'")


def preview_script(preview: bool) -> str:
    """The reloader's address for a page of a preview build, else ''."""
    return SCRIPT_URL if preview else ""


class Builds:
    """The number of the latest good build; waiters are woken when it changes."""

    def __init__(self):
        self.server_id = uuid.uuid4().hex[:8]  # a restarted server reloads the pages too
        self.number = 0
        self.changed = threading.Condition()

    @property
    def token(self) -> str:
        return f"{self.server_id}-{self.number}"

    def done(self):
        with self.changed:
            self.number += 1
            self.changed.notify_all()

    def wait(self, token: str, timeout: float) -> str:
        with self.changed:
            self.changed.wait_for(lambda: self.token != token, timeout)
            return self.token


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    builds: Builds

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")  # a reload shows the new build
        super().end_headers()

    def log_message(self, format, *args):
        pass  # a line per request would bury the build's messages

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == SCRIPT_URL:
            body = SCRIPT.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "text/javascript; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif path == EVENTS_URL:
            self._events()
        else:
            super().do_GET()

    def _events(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        token = self.builds.token
        try:
            self.wfile.write(f"retry: 1000\ndata: {token}\n\n".encode())
            self.wfile.flush()
            while True:
                new = self.builds.wait(token, KEEPALIVE_SECONDS)
                message = f"data: {new}\n\n" if new != token else ": still here\n\n"
                token = new
                self.wfile.write(message.encode())
                self.wfile.flush()
        except OSError:  # the page was closed or reloaded
            return


def make_server(output: Path, host: str, port: int, builds: Builds):
    handler = type("Handler", (PreviewHandler,), {"builds": builds})
    server = http.server.ThreadingHTTPServer(
        (host, port), functools.partial(handler, directory=str(output))
    )
    server.daemon_threads = True
    return server


def watched_paths(content: Path, settings_file: Path, theme: Path | None) -> list[Path]:
    """What a save in rebuilds: content, theme, this plugin (wherever installed), settings."""
    candidates = [content, settings_file, Path(__file__).resolve().parent]
    if theme:
        candidates.append(theme)
    return [path for path in candidates if path.exists()]


def run_preview(content: Path, settings_file: Path, output: Path, host: str, port: int,
                theme: Path | None = None, out=None, stop_event=None) -> int:  # fmt: skip
    """Build, serve, and rebuild on every save until interrupted (or ``stop_event``)."""
    import sys

    from watchfiles import watch

    from .build import BuildFailed, atomic_build

    out = out or sys.stdout
    builds = Builds()
    extra = {"TIMELINE_PREVIEW": True}

    def rebuild() -> bool:
        try:
            atomic_build(content, settings_file, output, extra_settings=extra)
        except BuildFailed as error:  # the problems were printed; the last good site stays
            print(error, file=sys.stderr, flush=True)
            return False
        builds.done()
        return True

    rebuild()
    output.mkdir(parents=True, exist_ok=True)  # served even before a first good build
    server = make_server(output, host, port, builds)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    shown_host = f"[{host}]" if ":" in host else host
    print(f"Serving http://{shown_host}:{server.server_address[1]}/ ; open pages reload "
          "after every save (Ctrl-C stops).", file=out, flush=True)  # fmt: skip
    try:
        for changes in watch(*watched_paths(content, settings_file, theme),
                             stop_event=stop_event, debounce=400):  # fmt: skip
            names = sorted({Path(p).name for _, p in changes})
            print(f"Changed: {', '.join(names)}; rebuilding...", file=out, flush=True)
            if rebuild():
                print("Rebuilt; open pages reload.", file=out, flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return 0
