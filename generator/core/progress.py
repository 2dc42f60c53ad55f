"""Progress of long work (validating files, writing pages, indexing for search), told to whoever watches.

A stage says how many items it will handle (`begin`), each item or run of items done (`advance`) and its end
(`end`). By default nobody watches and the calls cost nothing: the stage lines the build logs anyway are
what CI, `mkdocs serve` and piped output show. In a terminal, `gradient build`, `gradient validate` and
`gradient bench` install `LiveProgress` for the length of the command: a bar per stage drawn by rich
(https://github.com/Textualize/rich), with the stage lines printed above the bars.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any


class Progress:
    """What a long stage reports. This base class shows nothing (the default)."""

    def begin(self, stage: str, total: int | None = None) -> None:
        """A stage starts: `total` items, or None when its size is not known beforehand."""

    def advance(self, count: int = 1) -> None:
        """`count` more items of the current stage are done."""

    def end(self) -> None:
        """The current stage is over."""


class LiveProgress(Progress):
    """Bars drawn on a terminal, one per stage; finished stages stay on screen with their time."""

    def __init__(self, stream: IO[str]) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as Bars

        self.console = Console(file=stream)
        self._bars = Bars(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[count]}"),
            TimeElapsedColumn(),
            console=self.console,
            transient=True,  # the stage lines above say what was done; the bars show what is going on
            auto_refresh=False,  # no drawing thread: workers are forked only from single-threaded processes
        )
        self._task: Any = None
        self._drawn = 0.0

    def start(self) -> None:
        """Start drawing."""
        self._bars.start()

    def stop(self) -> None:
        """Stop drawing and leave the terminal as it was."""
        self.end()
        self._bars.stop()

    def begin(self, stage: str, total: int | None = None) -> None:
        self.end()
        self._task = self._bars.add_task(stage, total=total, count="" if total is None else f"0/{total:,}")
        self._bars.refresh()

    def advance(self, count: int = 1) -> None:
        if self._task is not None:
            self._bars.advance(self._task, count)
            task = self._bars.tasks[-1]
            if task.total is not None:
                self._bars.update(self._task, count=f"{int(task.completed):,}/{int(task.total):,}")
            if (now := time.monotonic()) - self._drawn > 0.1:
                self._bars.refresh()
                self._drawn = now

    def end(self) -> None:
        if self._task is not None:
            self._bars.remove_task(self._task)
            self._task = None

    def log_handler(self) -> logging.Handler:
        """A handler that prints log records above the bars instead of through them."""
        from rich.logging import RichHandler

        return RichHandler(console=self.console, show_time=False, show_path=False, markup=False)


_CURRENT: Progress = Progress()


def current() -> Progress:
    """The progress display of this process (one that shows nothing unless a command installed another)."""
    return _CURRENT


def live_wanted(stream: IO[str]) -> bool:
    """Bars only for a person at a terminal: never in CI, never when output goes to a file or a pipe."""
    return stream.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


@contextmanager
def shown(stream: IO[str] = sys.stderr, loggers: tuple[str, ...] = ()) -> Iterator[Progress]:
    """For the length of a command: bars on `stream` when `live_wanted`, and the records of `loggers` printed
    above them; otherwise nothing changes."""
    global _CURRENT
    if not live_wanted(stream):
        yield _CURRENT
        return
    live = LiveProgress(stream)
    handler = live.log_handler()
    moved: list[tuple[logging.Logger, list[logging.Handler]]] = []
    for name in loggers:
        logger = logging.getLogger(name)
        moved.append((logger, logger.handlers[:]))
        logger.handlers = [handler]
    previous, _CURRENT = _CURRENT, live
    live.start()
    try:
        yield live
    finally:
        live.stop()
        _CURRENT = previous
        for logger, handlers in moved:
            logger.handlers = handlers
