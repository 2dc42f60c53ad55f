"""`mkdocs serve` after an edit to system files: their pages first, then the full build.

A full build at 1,000 systems takes tens of seconds, most of it pages and a search index the edit did not
touch. A system's own pages depend only on its file, the organizations and the build's settings, so when
the only files changed since the last good build are existing system files, and they are still valid
(schema and every catalog rule), their pages are rendered into the served site at once and browsers
reload. The full build follows straight away, to bring the listings, exports and search index up to date
and to publish the whole site as one; if that build fails, the pages written ahead of it are put back as
they were, so the served site stays the last good build throughout (never a new page beside an old JSON
twin and table). Any other change (a new or deleted file, an organization, a
template, a schema, a Markdown page) or any problem goes to the full build, which reports errors as
usual.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.core import urls
from generator.core.derive import system_facts
from generator.core.load import Document, LoadError, load_file
from generator.core.model import Organization, build_system, entry_path
from generator.core.rules import Corpus, check_rules
from generator.core.validate import display_path, validate_document
from generator.engines.mkdocs_compat import request_rebuild
from generator.engines.shell import ShellRenderer
from generator.website.pages import system_pages
from generator.website.render import Page
from generator.website.site import SiteInfo

log = logging.getLogger("mkdocs.plugins.gradient")

Stamps = dict[str, tuple[int, int]]


def stamps(roots: Iterable[Path]) -> Stamps:
    """(modification time, size) of every file under `roots` (files or folders), by path."""
    found: Stamps = {}
    for root in roots:
        paths = [root] if root.is_file() else (Path(d) / f for d, _, files in os.walk(root) for f in files)
        for path in paths:
            try:
                info = path.stat()
            except OSError:
                continue
            found[str(path)] = (info.st_mtime_ns, info.st_size)
    return found


@dataclass
class LastBuild:
    """What the last good build knew, kept so that an edit can be applied to the site it published."""

    catalog_dir: Path
    site_dir: Path
    watched: tuple[Path, ...]
    stamps: Stamps
    documents: dict[str, dict[str, Document]]
    organizations: dict[str, Organization]
    site: SiteInfo
    pages: ShellRenderer | None = None
    # Files the quick refresh wrote ahead of the full build, with what they held before (None: absent).
    written_ahead: dict[Path, bytes | None] = field(default_factory=dict)


_last: LastBuild | None = None


def remember(build: LastBuild | None) -> None:
    """Record the last good build (None forgets it, after a build that left entries out)."""
    global _last
    _last = build


def edited_systems(last: LastBuild, now: Stamps) -> list[Path] | None:
    """The system files changed since `last`, or None when anything else changed too (or nothing did)."""
    changed = [p for p in now.keys() | last.stamps.keys() if now.get(p) != last.stamps.get(p)]
    systems = last.catalog_dir / "systems"
    paths = [Path(p) for p in sorted(changed)]
    if not paths or any(p.parent != systems or p.suffix != ".yaml" or str(p) not in last.stamps for p in paths):
        return None
    if any(str(p) not in now or p.stem not in last.documents["systems"] for p in paths):
        return None
    return paths


def refresh_edited_systems(last: LastBuild) -> list[str]:
    """Render the pages of edited system files into the served site; return their ids, or an empty list
    when the change needs the full build."""
    now = stamps(last.watched)
    paths = edited_systems(last, now)
    if paths is None or last.pages is None:
        return []
    documents = {kind: dict(docs) for kind, docs in last.documents.items()}
    for path in paths:
        try:
            doc = load_file(path, display_path(path))
        except LoadError:
            return []
        if validate_document("systems", doc) or doc.data.get("id") != path.stem:
            return []
        documents["systems"][path.stem] = doc
    systems, organizations = documents["systems"], documents["organizations"]
    edited = frozenset(systems[p.stem].file for p in paths)  # the others passed every rule last build
    if any(
        d.is_error for d in check_rules(Corpus(systems, organizations, set(systems), set(organizations), focus=edited))
    ):
        return []
    pages: list[Page] = []
    for path in paths:
        file = entry_path(last.catalog_dir, "systems", path.stem)
        pages += system_pages(system_facts(build_system(systems[path.stem], last.organizations, file)), last.site)
    for page in pages:
        target = last.site_dir / urls.output_file(page.url)
        if target not in last.written_ahead:
            last.written_ahead[target] = target.read_bytes() if target.is_file() else None
        last.pages.write(page, last.site_dir)
    last.documents, last.stamps = documents, now
    return [p.stem for p in paths]


def undo_written_ahead(last: LastBuild) -> None:
    """Put back the files the quick refresh wrote, as the last good build left them."""
    for target, before in last.written_ahead.items():
        if before is None:
            target.unlink(missing_ok=True)
        else:
            target.write_bytes(before)
    last.written_ahead.clear()


def serve_edits_first(builder: Callable[[], None], server: Any) -> Callable[[], None]:
    """Wrap the dev server's builder: after an edit to system files, write their pages and let browsers
    reload, then run the full build as the next build."""
    full_build_owed = False

    def rebuild() -> None:
        nonlocal full_build_owed
        if not full_build_owed and _last is not None:
            try:
                refreshed = refresh_edited_systems(_last)
            except Exception:  # the full build below reports whatever this was, located
                log.debug("quick refresh failed", exc_info=True)
                refreshed = []
            if refreshed and request_rebuild(server):
                log.info("rewrote the pages of %s; rebuilding the rest of the site", ", ".join(refreshed))
                full_build_owed = True
                return
        full_build_owed = False
        last = _last
        try:
            builder()
        except BaseException:
            if last is not None:  # a failed build publishes nothing: take the early pages back too
                undo_written_ahead(last)
            raise

    return rebuild
