"""A built site served on localhost for a headless browser: the benchmark's first-query measure, the search
quality measure (benchmarks/search_quality.py) and the browser tests all open pages this way."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
"""Debian's chromium, which Playwright drives (`playwright install` cannot download a browser here)."""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """No request log."""


def serve_site(site: Path) -> http.server.ThreadingHTTPServer:
    """Serve `site` on a free localhost port from a daemon thread, logging nothing; the server's `server_port`
    names the port and `shutdown()` stops it."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
