"""A cache of per-file validation results, so that a catalog validated before is validated again in a fraction
of the time: only files whose bytes changed are parsed, checked against the schema and by the per-file rules
again.

What is kept, per file: a hash of its bytes, the diagnostics of its own checks (layout, YAML, schema), its
data as JSON, and what the per-file rules (marked `per_file` in rules.py) found in it on a given build date.
The rules across files always run on the whole catalog, since an edit to one file can change what another
one may say. The cache is one JSON file beside the catalog (`.gradient-cache/`, or the folder
GRADIENT_CACHE_DIR names, which CI can keep between runs), stamped with a hash of everything that decides a
file's checks: the checking code, the schemas and the vocabularies. A cache with another stamp, or one that
cannot be read, is ignored as a whole and rewritten; it is never half-used.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import orjson

from generator.core.diagnostics import Diagnostic
from generator.core.load import Document
from generator.core.paths import SCHEMA_DIR

Checked = tuple[list[Diagnostic], Document | None]
"""One file's own diagnostics, and its document when it loaded."""


@cache
def checker_stamp() -> str:
    """A hash of the code, schemas and vocabularies that decide a single file's diagnostics (all of the catalog
    core, rather than a list of its modules that would go stale)."""
    digest = hashlib.blake2b(digest_size=16)
    parts = sorted(Path(__file__).resolve().parent.glob("*.py"))
    parts += sorted(SCHEMA_DIR.rglob("*.json")) + sorted(SCHEMA_DIR.rglob("*.yaml"))
    for path in parts:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def content_hash(data: bytes) -> str:
    """The hash a file's bytes are known by."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def cache_file(catalog_dir: Path) -> Path:
    """Where the cache of a catalog directory lives."""
    folder = Path(os.environ["GRADIENT_CACHE_DIR"]) if os.environ.get("GRADIENT_CACHE_DIR") else None
    folder = folder or catalog_dir.resolve().parent / ".gradient-cache"
    name = hashlib.blake2b(str(catalog_dir.resolve()).encode(), digest_size=8).hexdigest()
    return folder / f"validate-{catalog_dir.resolve().name}-{name}.json"


@dataclass
class CheckCache:
    """Per-file results by the file's displayed path: [content hash, its own diagnostics, its data as JSON or
    None, what the per-file rules found in it or None until they ran, the build date they ran for]."""

    path: Path
    entries: dict[str, list[Any]] = field(default_factory=dict)
    changed: bool = False

    @classmethod
    def open(cls, catalog_dir: Path) -> CheckCache:
        """The cache of a catalog; empty when there is none, or when it has another stamp or is unreadable."""
        path = cache_file(catalog_dir)
        try:
            raw = orjson.loads(path.read_bytes())
            if raw.get("stamp") == checker_stamp() and isinstance(raw.get("entries"), dict):
                return cls(path, raw["entries"])
        except (OSError, orjson.JSONDecodeError, AttributeError):
            pass
        return cls(path)

    def get(self, shown: str, digest: str, origin: Path) -> Checked | None:
        """The stored result of a file with these bytes, or None."""
        entry = self.entries.get(shown)
        if entry is None or entry[0] != digest:
            return None
        try:
            problems = [Diagnostic(**d) for d in entry[1]]
        except (KeyError, TypeError):
            return None
        return problems, None if entry[2] is None else Document(shown, orjson.loads(entry[2]), origin=origin)

    def put(self, shown: str, digest: str, checked: Checked) -> None:
        """Remember a file's result."""
        problems, doc = checked
        try:
            data = None if doc is None else orjson.dumps(doc.data).decode()
        except orjson.JSONEncodeError:  # e.g. an integer beyond 64 bits in a broken file: checked every time
            return
        self.entries[shown] = [digest, [d.as_dict() for d in problems], data, None, None]
        self.changed = True

    def rule_findings(self, shown: str, day: str) -> list[Diagnostic] | None:
        """What the per-file rules found in a file whose cached result is current, on build date `day` (some
        rules depend on the date: a date in the future, a review that falls due), or None if not known."""
        entry = self.entries.get(shown)
        if entry is None or len(entry) < 5 or entry[3] is None or entry[4] != day:
            return None
        try:
            return [Diagnostic(**d) for d in entry[3]]
        except (KeyError, TypeError):
            return None

    def put_rule_findings(self, shown: str, found: list[Diagnostic], day: str) -> None:
        """Remember what the per-file rules found in a file on build date `day` (after its own checks)."""
        if shown in self.entries:
            self.entries[shown][3:] = [[d.as_dict() for d in found], day]
            self.changed = True

    def keep_only(self, shown: Iterable[str]) -> None:
        """Forget files that are no longer in the catalog."""
        wanted = set(shown)
        for name in [n for n in self.entries if n not in wanted]:
            del self.entries[name]
            self.changed = True

    def save(self) -> None:
        """Write the cache atomically; a cache that cannot be written is simply not kept."""
        if not self.changed:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_name(self.path.name + f".{os.getpid()}.tmp")
            partial.write_bytes(orjson.dumps({"stamp": checker_stamp(), "entries": self.entries}))
            partial.replace(self.path)
        except OSError:
            pass
