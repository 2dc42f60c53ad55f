"""Site search: index the built pages with Pagefind while the site is written.

Pagefind is a binary: the release pinned in package-lock.json (installed by `make install` with `npm ci`;
Node runs nothing at build time), or else the one inside the `pagefind[extended]` Python package.
Every page's main content is marked `data-pagefind-body` (site_templates/overrides/main.html), so the
theme's header, navigation and footer stay out of the index; a page whose meta says
`search: {exclude: true}` is left out and `search: {boost: N}` weights it. The index is a static folder,
`pagefind/`, fetched in small chunks by the browser only when someone searches.

The binary runs as a service (`pagefind --service`, the protocol of Pagefind's own Python and Node APIs:
base64 JSON messages ended by a comma), so that indexing can start before the site is complete: the
per-system pages are handed over as a folder as soon as they are written, and Pagefind reads them on
both cores while MkDocs renders its own pages; those follow one by one, then the bundle is written.
(Handing every page over one by one as it is rendered was tried: the service parses such pages on one
core, and at 10,000 systems it cost 20 % more CPU than it saved in waiting.) The Python package's
asyncio client reads one reply per 0.1 s, so `SearchIndexer` talks to the service directly, a reader
thread collecting replies.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import subprocess
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from pagefind.service import get_executable

BUNDLE_DIR = "pagefind"
"""Folder of the search bundle inside the site (the URL prefix the search scripts load from)."""


NODE_TOOLS = Path(__file__).resolve().parents[2] / "node_modules"
"""Where `npm ci` (run by `make install`) puts the pinned front-end tools of package-lock.json."""


def pagefind_binary() -> Path | None:
    """The Pagefind binary to run: `PAGEFIND_BINARY_PATH` if set; else the pinned npm release (1.6, whose
    filter index is written in a stable order, so two builds of one commit are byte-identical); else the
    binary of the `pagefind[extended]` Python package (1.5.2, the newest on PyPI; its filter files vary
    between builds)."""
    if os.environ.get("PAGEFIND_BINARY_PATH"):
        return Path(os.environ["PAGEFIND_BINARY_PATH"])
    pinned = sorted(NODE_TOOLS.glob("@pagefind/*/bin/pagefind_extended*"))
    if pinned:
        return pinned[0]
    return get_executable()


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message carries its output."""


def _encode(message_id: int, payload: dict[str, Any]) -> bytes:
    return base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode("utf-8")) + b","


def _read_replies(stream: IO[bytes]) -> Iterable[dict[str, Any]]:
    buffer = bytearray()
    while chunk := stream.read1(1 << 16):  # type: ignore[attr-defined]
        scanned = len(buffer)  # a reply can be large (the whole bundle): never rescan what was searched
        buffer += chunk
        while (end := buffer.find(b",", scanned)) != -1:
            yield json.loads(base64.b64decode(buffer[:end]))
            del buffer[: end + 1]
            scanned = 0


class SearchIndexer:
    """One Pagefind index, built page by page: `add` each page, then `write` the bundle (or `close`)."""

    def __init__(self) -> None:
        binary = pagefind_binary()
        if binary is None:
            raise SearchIndexError("the Pagefind binary is missing; reinstall the pinned dependencies")
        self._process = subprocess.Popen(
            [str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self._sent = 0
        self._replies: dict[int, dict[str, Any]] = {}
        self._errors: list[str] = []
        self._arrived = threading.Condition()
        self._reader = threading.Thread(target=self._collect, daemon=True)
        self._reader.start()
        reply = self._request({"type": "NewIndex", "config": None})
        self._index_id = reply["index_id"]

    def _collect(self) -> None:
        assert self._process.stdout is not None
        for reply in _read_replies(self._process.stdout):
            payload = reply.get("payload", {})
            with self._arrived:
                if payload.get("type") == "Error":
                    self._errors.append(str(payload.get("message")))
                if reply.get("message_id") is not None:
                    self._replies[reply["message_id"]] = payload
                self._arrived.notify_all()
        with self._arrived:
            self._arrived.notify_all()

    def _send(self, payload: dict[str, Any]) -> int:
        assert self._process.stdin is not None
        self._sent += 1
        try:
            self._process.stdin.write(_encode(self._sent, payload))
        except BrokenPipeError as exc:
            raise SearchIndexError(f"pagefind stopped (exit {self._process.poll()})") from exc
        return self._sent

    def _request(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Send a message and wait for its reply."""
        message_id = self._send(payload)
        assert self._process.stdin is not None
        self._process.stdin.flush()
        with self._arrived:
            self._arrived.wait_for(lambda: message_id in self._replies or not self._reader.is_alive())
            reply = self._replies.get(message_id)
        if reply is None or reply.get("type") == "Error" or self._errors:
            raise SearchIndexError("pagefind failed: " + "; ".join(self._errors or ["it stopped without a reply"]))
        return reply

    def add(self, path: str, html: str) -> None:
        """Queue one page for indexing; `path` is its file inside the site ("systems/x/index.html"), from
        which Pagefind makes its URL as its command line would."""
        self._send(
            {"type": "AddFile", "index_id": self._index_id, "file_path": path, "url": None, "file_contents": html}
        )

    def add_folder(self, site_dir: Path, glob: str) -> None:
        """Queue every page under `site_dir` matching `glob` (Pagefind's syntax: "systems/*/**/*.html").
        Pagefind reads and parses them on all cores, as its command line does; a page handed over with
        `add` is parsed on one."""
        self._send({"type": "AddDir", "index_id": self._index_id, "path": str(site_dir), "glob": glob})
        assert self._process.stdin is not None
        self._process.stdin.flush()

    def add_files(self, site_dir: Path, paths: Iterable[str]) -> None:
        """Queue pages already written into the site."""
        for path in paths:
            self.add(path, (site_dir / path).read_text(encoding="utf-8"))

    def write(self, output: Path) -> Path:
        """Wait until every page is indexed, write the bundle into `output` and stop the service.

        The service hands the bundle's files over and we write them: asked to write them itself, it
        answered before every file was complete in one CI run (a partly written pagefind.js)."""
        try:
            reply = self._request({"type": "GetFiles", "index_id": self._index_id})
        finally:
            self.close()
        for file in reply["files"]:
            target = output / file["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(base64.b64decode(file["content"]))
        return output

    def close(self) -> None:
        """Stop the service (an unwritten index is dropped)."""
        if self._process.stdin is not None and not self._process.stdin.closed:
            with contextlib.suppress(BrokenPipeError):
                self._process.stdin.close()
        self._process.wait()
        self._reader.join()
