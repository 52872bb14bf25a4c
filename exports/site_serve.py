"""``cadregraph serve``: the site of a build folder on http://127.0.0.1:PORT/.

A plain static server (the standard library's), bound to the loopback address only, so
the site is reachable from this machine and from nowhere else. It answers GET and HEAD
for the files of the site folder and nothing outside it, sends each page with the
site's Content Security Policy and ``nosniff``, and asks browsers not to cache (a site
rebuilt while serving shows at once).
"""
from __future__ import annotations

import sys
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

from .site_html import CSP

HOST = "127.0.0.1"


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript; charset=utf-8",
                      ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8"}

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def list_directory(self, path):  # type: ignore[override]  # no folder listings
        self.send_error(404, "Not found")
        return None

    def log_message(self, format: str, *args: object) -> None:  # one short line per request, on stderr
        sys.stderr.write(f"{self.log_date_time_string()} {format % args}\n")


def make_server(folder: str | Path, port: int = 8000) -> ThreadingHTTPServer:
    """A server of ``folder`` on 127.0.0.1:``port`` (0: any free port; see ``server_address``)."""
    handler = partial(_Handler, directory=str(Path(folder).resolve()))
    server = ThreadingHTTPServer((HOST, port), handler)
    server.daemon_threads = True
    return server


def serve(folder: str | Path, port: int = 8000, ready: Callable[[str], None] | None = None) -> None:
    """Serve ``folder`` until interrupted; ``ready`` is told the address once it listens."""
    with make_server(folder, port) as server:
        host, bound = server.server_address[:2]
        if ready:
            ready(f"http://{host}:{bound}/")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
