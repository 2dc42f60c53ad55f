"""Write the per-system pages (system, card and history pages: most of a large site) on every core.

Each page is rendered from its own facts into a shell rendered once (generator/engines/shell.py), so pages are
independent: forked worker processes share the compiled templates and the catalog model copy-on-write,
each renders a run of pages and writes them itself, and only a page count comes back. Small sites, and
processes already running other threads (the dev server), render in-process (`default_workers`).
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from generator.core import progress, urls
from generator.core.validate import default_workers
from generator.engines.shell import ShellRenderer
from generator.engines.writer import PageWriter
from generator.website.render import Page

_JOB: tuple[ShellRenderer, list[Page], Path] | None = None
"""What the forked workers render: set just before the fork, read by `_write_run` in the child."""


def _write_run(bounds: tuple[int, int]) -> int:
    assert _JOB is not None
    shells, pages, site_dir = _JOB
    writer = PageWriter(site_dir)
    try:
        for page in pages[bounds[0] : bounds[1]]:
            writer.put(urls.output_file(page.url), shells.html(page))
    finally:
        writer.close()
    return bounds[1] - bounds[0]


def write_pages(shells: ShellRenderer, pages: list[Page], site_dir: Path, workers: int | None = None) -> int:
    """Render and write `pages` into `site_dir` (in `workers` processes, default `default_workers`); return
    how many were written."""
    global _JOB
    workers = default_workers(len(pages)) if workers is None else workers
    _JOB = (shells, pages, site_dir)
    watching = progress.current()
    watching.begin("writing system and card pages", len(pages))
    try:
        if workers <= 1:
            return _write_run((0, len(pages)))
        step = max(1, -(-len(pages) // (workers * 4)))  # a few runs per worker evens out slow pages
        runs = [(start, min(start + step, len(pages))) for start in range(0, len(pages), step)]
        written = 0
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            for count in pool.map(_write_run, runs):
                written += count
                watching.advance(count)
        return written
    finally:
        _JOB = None
        watching.end()
