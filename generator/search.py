"""Site search: index the built pages with Pagefind while the site is written.

Pagefind ships as a binary inside the pinned `pagefind[extended]` Python package, so no Node is needed.
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
import subprocess
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from pagefind.service import get_executable

BUNDLE_DIR = "pagefind"
"""Folder of the search bundle inside the site (the URL prefix the search scripts load from)."""


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
        binary = get_executable()
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
