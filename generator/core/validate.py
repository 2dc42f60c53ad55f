"""Validate a catalog: every file loaded, checked against its JSON Schema, then the cross-file rules.

All problems of all files are collected in one run; nothing here raises at a contributor.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import threading
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from generator.core import progress
from generator.core.check_cache import CheckCache, Checked, content_hash
from generator.core.collector import collector_paused
from generator.core.dates import build_date
from generator.core.diagnostics import Diagnostic
from generator.core.links import outside_links
from generator.core.load import Document, LoadError, load_file
from generator.core.rules import PER_FILE_RULES, Corpus, check_rules
from generator.core.schema import KINDS, fast_validator, validator
from generator.core.schema_errors import translate
from generator.core.vocab_check import check_vocabularies


@dataclass
class ValidationResult:
    """Schema-valid documents by kind and id, and every diagnostic found."""

    documents: dict[str, dict[str, Document]] = field(default_factory=lambda: {k: {} for k in KINDS})
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_checked: int = 0

    @property
    def errors(self) -> list[Diagnostic]:
        """The diagnostics that stop the catalog from being published."""
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        """Diagnostics reported to contributors that do not stop a build (e.g. entries due for review)."""
        return [d for d in self.diagnostics if not d.is_error]

    @property
    def ok(self) -> bool:
        """True when the catalog can be published."""
        return not self.errors


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def display_path(path: Path) -> str:
    """The path as a contributor would type it: relative to the working directory when possible, with any
    control character in a file name shown as an escape (\\x1b) so that it cannot drive the terminal."""
    try:
        shown = os.path.relpath(os.path.abspath(path), os.getcwd())
        shown = shown.replace(os.sep, "/") if os.sep != "/" else shown
    except ValueError:
        shown = path.as_posix()
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", shown)


def catalog_files(catalog_dir: Path) -> list[tuple[str, Path]]:
    """(kind, path) of every entry file, in a stable order."""
    found: list[tuple[str, Path]] = []
    for kind in KINDS:
        folder = catalog_dir / kind
        if folder.is_dir():
            found.extend(
                (kind, p)
                for p in sorted(folder.iterdir())
                if (p.is_file() or p.is_symlink()) and not p.name.startswith(".")
            )
    return found


def validate_document(kind: str, doc: Document) -> list[Diagnostic]:
    """Schema diagnostics for one loaded document."""
    if not isinstance(doc.data, dict):
        pos = doc.position(())
        return [
            Diagnostic(
                doc.file,
                pos.line,
                pos.column,
                "",
                "the file must be a mapping of fields",
                "start with `id: <file name>` on the first line; see `gradient new`",
                "schema",
            )
        ]
    if fast_validator(kind).is_valid(doc.data):
        return []
    diagnostics: list[Diagnostic] = []
    for error in validator(kind).iter_errors(doc.data):
        diagnostics.extend(translate(error, doc))
    return sorted(set(diagnostics))


def _layout_problem(kind: str, path: Path, shown: str) -> Diagnostic | None:
    """Entries are plain `<id>.yaml` files: a symbolic link could make the build read a file outside the
    catalog (or a secret of the machine that builds it), so links are refused before anything is read."""
    if path.is_symlink():
        return Diagnostic(
            shown,
            1,
            1,
            "",
            "symbolic links are not allowed in the catalog",
            "commit the entry as a regular file",
            "layout",
        )
    if path.suffix != ".yaml":
        return Diagnostic(
            shown,
            1,
            1,
            "",
            f"unexpected file in {kind}/",
            "entries are <id>.yaml files; rename or move this file",
            "layout",
        )
    return None


def _entry_id(doc: Document) -> str | None:
    entry_id = doc.data.get("id") if isinstance(doc.data, dict) else None
    return entry_id if isinstance(entry_id, str) else None


def _id_owners(loaded: list[tuple[str, Document]]) -> dict[tuple[str, str], Document]:
    """Which file owns each id when several claim it: the one named after the id, else the first."""
    owners: dict[tuple[str, str], Document] = {}
    for kind, doc in loaded:
        entry_id = _entry_id(doc)
        if entry_id is None:
            continue
        current = owners.get((kind, entry_id))
        if current is None or (Path(doc.file).stem == entry_id and Path(current.file).stem != entry_id):
            owners[(kind, entry_id)] = doc
    return owners


def check_file(kind: str, path: Path) -> Checked:
    """One entry file on its own: its layout, YAML and schema problems, and the document when it loaded."""
    shown = display_path(path)
    if problem := _layout_problem(kind, path, shown):
        return [problem], None
    try:
        doc = load_file(path, shown)
    except LoadError as exc:
        return [exc.diagnostic], None
    return validate_document(kind, doc), doc


def _check_file(job: tuple[str, Path]) -> tuple[list[Diagnostic], tuple[str, bytes, Path | None] | None]:
    """`check_file` in a worker process. The document travels as JSON (the loader makes only JSON types):
    orjson writes and reads it several times faster than pickle, which made the parent the bottleneck."""
    problems, doc = check_file(*job)
    return problems, None if doc is None else (doc.file, orjson.dumps(doc.data), doc.origin)


def _received(checked: tuple[list[Diagnostic], tuple[str, bytes, Path | None] | None]) -> Checked:
    problems, doc = checked
    return problems, None if doc is None else Document(doc[0], orjson.loads(doc[1]), origin=doc[2])


PARALLEL_FROM = 400
"""Catalogs with at least this many files are checked by one process per core: parsing YAML is most of
validation's time, and files are independent until the cross-file rules."""


def default_workers(files: int) -> int:
    """How many processes check `files` files: one per core for big catalogs, else 1. Only a process
    running a single thread forks workers (a fork copies no other thread, so a lock held by one, such as
    the dev server's, would stay locked in the child)."""
    if files < PARALLEL_FROM or threading.active_count() > 1:
        return 1
    return min(os.cpu_count() or 1, 8)


def check_files(files: list[tuple[str, Path]], workers: int | None = None) -> list[Checked]:
    """`check_file` for every (kind, path), in order; in `workers` processes (default: `default_workers`).
    Each file done advances the current progress stage."""
    workers = default_workers(len(files)) if workers is None else workers
    watching = progress.current()
    checked: list[Checked] = []
    if workers <= 1:
        for kind, path in files:
            checked.append(check_file(kind, path))
            watching.advance()
        return checked
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        chunk = max(1, len(files) // (workers * 8))
        for result in pool.map(_check_file, files, chunksize=chunk):
            checked.append(_received(result))
            watching.advance()
    return checked


def _check_with_cache(files: list[tuple[str, Path]], workers: int | None, cache: CheckCache | None) -> list[Checked]:
    """`check_files`, taking the result of every file whose bytes are unchanged from `cache` (then updated)."""
    watching = progress.current()
    watching.begin("validating files", len(files))
    try:
        if cache is None:
            return check_files(files, workers)
        results: list[Checked | None] = []
        keys: list[tuple[str, str] | None] = []
        for _, path in files:
            try:
                key = (display_path(path), content_hash(path.read_bytes()))
            except OSError:  # check_file says what is wrong with it
                results.append(None)
                keys.append(None)
                continue
            results.append(cache.get(*key, path))
            keys.append(key)
        watching.advance(sum(1 for result in results if result is not None))
        misses = [i for i, result in enumerate(results) if result is None]
        for i, checked in zip(misses, check_files([files[i] for i in misses], workers), strict=True):
            results[i] = checked
            if (known := keys[i]) is not None:
                cache.put(*known, checked)
        cache.keep_only(k[0] for k in keys if k is not None)
        return [result for result in results if result is not None]
    finally:
        watching.end()


def _rules_with_cache(corpus: Corpus, cache: CheckCache | None) -> list[Diagnostic]:
    """`check_rules`, taking what the per-file rules found in unchanged files from `cache`, then saving it."""
    if cache is None:
        return check_rules(corpus)
    day = build_date().isoformat()
    entries = [*corpus.systems.values(), *corpus.organizations.values()]
    known = {doc.file: found for doc in entries if (found := cache.rule_findings(doc.file, day)) is not None}
    fresh = frozenset(doc.file for doc in entries if doc.file not in known)
    found = check_rules(corpus, per_file_only_in=fresh)
    by_file: dict[str, list[Diagnostic]] = {file: [] for file in fresh}
    for diagnostic in found:
        if diagnostic.rule in PER_FILE_RULES and diagnostic.file in by_file:
            by_file[diagnostic.file].append(diagnostic)
    for file, findings in by_file.items():
        cache.put_rule_findings(file, findings, day)
    cache.save()
    return found + [diagnostic for findings in known.values() for diagnostic in findings]


def validate_catalog(catalog_dir: Path, *, workers: int | None = None, cached: bool = True) -> ValidationResult:
    """Load and validate every entry of a catalog directory (files in `workers` processes, see
    `check_files`). With `cached`, files unchanged since the last validation of this directory are not
    checked again on their own, nor (on the same build date) by the per-file rules (generator/core/check_cache.py);
    the rules across files always run."""
    with collector_paused():  # the documents are long-lived (generator/core/collector.py)
        return _validate_catalog(catalog_dir, workers, cached)


def _validate_catalog(catalog_dir: Path, workers: int | None, cached: bool) -> ValidationResult:
    result = ValidationResult()
    if not catalog_dir.is_dir():
        result.diagnostics.append(
            Diagnostic(
                display_path(catalog_dir),
                1,
                1,
                "",
                "catalog directory not found",
                "pass a folder holding systems/ and organizations/",
                "usage",
            )
        )
        return result
    result.diagnostics.extend(outside_links(catalog_dir, shown_as=display_path(catalog_dir)))
    loaded: list[tuple[str, Document]] = []
    seen_ids: dict[str, set[str]] = {kind: set() for kind in KINDS}
    files = catalog_files(catalog_dir)
    result.files_checked = len(files)
    schema_invalid: list[tuple[str, Document, list[Diagnostic]]] = []
    cache = CheckCache.open(catalog_dir) if cached else None
    for (kind, _), (problems, doc) in zip(files, _check_with_cache(files, workers, cache), strict=True):
        result.diagnostics.extend(problems)
        entry_id = _entry_id(doc) if doc is not None else None
        if entry_id is not None:
            seen_ids[kind].add(entry_id)
        if doc is not None and not problems:
            loaded.append((kind, doc))
        elif doc is not None and entry_id is not None:
            schema_invalid.append((kind, doc, problems))
    owners = _id_owners(loaded)
    for kind, doc in loaded:
        entry_id = _entry_id(doc)
        if entry_id is None:
            continue
        owner = owners[(kind, entry_id)]
        if owner is doc:
            result.documents[kind][entry_id] = doc
            continue
        pos = doc.position(("id",))
        stem = Path(doc.file).stem
        result.diagnostics.append(
            Diagnostic(
                doc.file,
                pos.line,
                pos.column,
                "id",
                f"id {entry_id!r} is already used by {owner.file}",
                f"every entry needs its own id; write `id: {stem}`",
                "unique-ids",
            )
        )
    corpus = Corpus(
        result.documents["systems"], result.documents["organizations"], seen_ids["systems"], seen_ids["organizations"]
    )
    result.diagnostics.extend(_rules_with_cache(corpus, cache))
    for kind, doc, problems in schema_invalid:
        result.diagnostics.extend(_rules_beside_schema_errors(corpus, kind, doc, problems))
    result.diagnostics.extend(check_vocabularies())
    result.diagnostics.sort()
    return result


def _rules_beside_schema_errors(
    corpus: Corpus, kind: str, doc: Document, problems: list[Diagnostic]
) -> list[Diagnostic]:
    """The catalog rules' findings on a file that also has schema errors, so that a contributor sees every
    problem of the file in one run; a finding on a field the schema already reported is not repeated."""
    entries = {"systems": dict(corpus.systems), "organizations": dict(corpus.organizations)}
    entries[kind][_entry_id(doc) or ""] = doc
    focused = Corpus(
        entries["systems"],
        entries["organizations"],
        corpus.system_ids,
        corpus.organization_ids,
        focus=frozenset({doc.file}),
    )
    reported = {p.path for p in problems}
    return [
        d
        for d in check_rules(focused, schema_invalid=True)
        if d.file == doc.file and not any(d.path == r or d.path.startswith((r + ".", r + "[")) for r in reported)
    ]


def catalog_root_of(path: Path) -> Path:
    """The catalog directory holding an entry file (the parent of its systems/ or organizations/ folder)."""
    resolved = path.resolve()
    if resolved.is_dir():
        return resolved
    return resolved.parent.parent if resolved.parent.name in KINDS else resolved.parent


def validate_paths(paths: Iterable[Path]) -> ValidationResult:
    """Validate catalogs or single files; a file is checked in the context of its whole catalog, and only
    its own diagnostics are reported."""
    merged = ValidationResult()
    wanted_by_root: dict[Path, set[str] | None] = {}
    for path in paths:
        root = catalog_root_of(path)
        if not path.resolve().is_dir() and (path.resolve().parent.name not in KINDS or path.suffix != ".yaml"):
            merged.diagnostics.append(
                Diagnostic(
                    display_path(path),
                    1,
                    1,
                    "",
                    "not a catalog entry, so it was not checked",
                    "entries are <id>.yaml files in a catalog's systems/ or organizations/ folder; "
                    "pass such a file or the catalog folder",
                    "usage",
                )
            )
            continue
        if path.resolve().is_dir():
            wanted_by_root[root] = None
        elif wanted_by_root.get(root, set()) is not None:
            wanted_by_root.setdefault(root, set()).add(display_path(path))  # type: ignore[union-attr]
    for root, wanted in wanted_by_root.items():
        result = validate_catalog(root)
        merged.files_checked += result.files_checked if wanted is None else len(wanted)
        merged.diagnostics.extend(d for d in result.diagnostics if wanted is None or d.file in wanted)
        for kind, docs in result.documents.items():
            merged.documents[kind].update(docs)
    merged.diagnostics.sort()
    return merged
