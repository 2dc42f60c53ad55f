"""Write rendered pages on a background thread, so rendering the next page never waits for the disk.

Creating a folder and writing a file can take milliseconds each on a busy virtual disk, as long as
rendering a page; the calls release the GIL, so a second thread does them while the main thread
renders. At most `pending` pages wait in memory.
"""

from __future__ import annotations

import queue
import threading
from pathlib import Path

_DONE = None


class PageWriter:
    """Writes (path inside the site, HTML) pairs into a site folder."""

    def __init__(self, site_dir: Path, pending: int = 128) -> None:
        self.site_dir = site_dir
        self._queue: queue.Queue[tuple[str, str] | None] = queue.Queue(maxsize=pending)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="gradient-page-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        made: set[Path] = set()
        while (item := self._queue.get()) is not _DONE:
            if self._error is not None:
                continue  # keep draining so that put() never blocks forever
            path, html = item
            try:
                target = self.site_dir / path
                if target.parent not in made:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    made.add(target.parent)
                target.write_text(html, encoding="utf-8", errors="xmlcharrefreplace")
            except BaseException as exc:  # re-raised by close(), in the building thread
                self._error = exc

    def put(self, path: str, html: str) -> None:
        """Queue a page; waits while `pending` pages are already queued."""
        if self._error is not None:
            self.close()
        self._queue.put((path, html))

    def close(self) -> None:
        """Wait until every queued page is written; raise the first error the writer met."""
        if self._thread.is_alive():
            self._queue.put(_DONE)
            self._thread.join()
        if self._error is not None:
            raise self._error
