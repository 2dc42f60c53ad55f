"""Write the per-system files (system, card and history pages, each system's JSON and embed: most of a large
site) on every core.

Each page is rendered from its own facts into a shell rendered once (generator/engines/shell.py) and each
other file by its own function (`SitePlan.deferred`), so files are independent: forked worker processes
share the compiled templates and the catalog model copy-on-write, each renders a run of files and writes
them itself, and only a count comes back. Small sites, and processes already running other threads (the
dev server), render in-process (`default_workers`).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

from generator.core import progress, urls
from generator.core.validate import default_workers
from generator.engines.shell import ShellRenderer
from generator.engines.writer import PageWriter
from generator.website.render import Page

_JOB: tuple[list[tuple[str, Callable[[], str]]], Path] | None = None
"""What the forked workers write: set just before the fork, read by `_write_run` in the child."""


def _write_run(bounds: tuple[int, int]) -> int:
    assert _JOB is not None
    files, site_dir = _JOB
    writer = PageWriter(site_dir)
    try:
        for path, render in files[bounds[0] : bounds[1]]:
            writer.put(path, render())
    finally:
        writer.close()
    return bounds[1] - bounds[0]


def write_pages(
    shells: ShellRenderer,
    pages: list[Page],
    site_dir: Path,
    workers: int | None = None,
    files: dict[str, Callable[[], str]] | None = None,
) -> int:
    """Render and write `pages` into their shells, and each of `files` (path in the site: function that renders
    it), into `site_dir` (in `workers` processes, default `default_workers`); return how many were written."""
    global _JOB
    jobs: list[tuple[str, Callable[[], str]]] = [(urls.output_file(p.url), partial(shells.html, p)) for p in pages]
    jobs += sorted((files or {}).items())
    workers = default_workers(len(jobs)) if workers is None else workers
    _JOB = (jobs, site_dir)
    watching = progress.current()
    watching.begin("writing system and card pages", len(jobs))
    try:
        if workers <= 1:
            return _write_run((0, len(jobs)))
        step = max(1, -(-len(jobs) // (workers * 4)))  # a few runs per worker evens out slow pages
        runs = [(start, min(start + step, len(jobs))) for start in range(0, len(jobs), step)]
        written = 0
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            for count in pool.map(_write_run, runs):
                written += count
                watching.advance(count)
        return written
    finally:
        _JOB = None
        watching.end()
