"""The history of each system entry, read from git: every commit that changed its file, newest first, with
what changed said in words ("level now: cloud-based or API → fully closed", "placement 2024-07-23 release (API) added").

One `git log --raw` lists every change to the systems folder with the blob ids before and after, and one
`git cat-file --batch` reads those blobs, so the cost does not grow with a process per commit. A shallow
clone (CI often fetches one commit) has no history to read: the page says so instead of showing less.

Each data release (a `data-YYYY.MM.DD` tag, `gradient release`) also keeps every entry as it was recorded
then: one `git ls-tree` per release and the same batch read give the entry's data at each tag, published as
JSON beside the history page so that a citation of a release can be checked against what it said.
"""

from __future__ import annotations

import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.core.load import LoadError, parse
from generator.core.versioning import git
from generator.core.vocab import DATA_STATES, vocabulary

_EMPTY_BLOB = "0" * 40
_FIELD = "\x1f"


@dataclass(frozen=True)
class Change:
    """One commit's change to one entry."""

    commit: str
    date: str
    subject: str
    changes: tuple[str, ...]


@dataclass
class Histories:
    """Every entry's changes by system id; `available` is False when git history cannot be read."""

    available: bool
    reason: str = ""
    by_system: dict[str, list[Change]] = field(default_factory=dict)
    releases: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Each data release's tag (newest first) with every entry's data as recorded then, by system id."""

    def of(self, system_id: str) -> list[Change]:
        """The changes to one entry, newest first."""
        return self.by_system.get(system_id, [])

    def releases_of(self, system_id: str) -> list[str]:
        """The data releases that hold this entry, newest first."""
        return [tag for tag, entries in self.releases.items() if system_id in entries]


def _blobs(repo: Path, ids: set[str]) -> dict[str, str]:
    wanted = sorted(i for i in ids if i != _EMPTY_BLOB)
    if not wanted:
        return {}
    done = subprocess.run(
        ["git", "-C", str(repo), "cat-file", "--batch"],
        input="\n".join(wanted).encode() + b"\n",
        capture_output=True,
        timeout=120,
        check=False,
    )
    out, texts, position = done.stdout, {}, 0
    for blob in wanted:
        header_end = out.index(b"\n", position)
        header = out[position:header_end].split()
        if len(header) < 3:  # "<id> missing"
            position = header_end + 1
            continue
        size = int(header[2])
        texts[blob] = out[header_end + 1 : header_end + 1 + size].decode("utf-8", errors="replace")
        position = header_end + 1 + size + 1
    return texts


def _data(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    try:
        data = parse(text, "history", positions=False).data
    except LoadError:
        return {}
    return data if isinstance(data, dict) else {}


def _label(vocabulary_name: str, term_id: Any, lower: bool = True) -> str:
    """A vocabulary term as readers see it ("api" -> "cloud-based or API"); an unknown id as written."""
    terms = vocabulary(vocabulary_name)
    if isinstance(term_id, str) and term_id in terms:
        label = terms[term_id].label
        return label[0].lower() + label[1:] if lower and not label[:2].isupper() else label
    if isinstance(term_id, str) and term_id in DATA_STATES:
        return vocabulary("data-states")[term_id].label.lower()
    return str(term_id)


def _placement_key(p: dict[str, Any]) -> str:
    return f"{p.get('date')} {p.get('event')} ({p.get('channel')})"


def _placement_text(p: dict[str, Any]) -> str:
    """A placement as the history says it: "2025-01-15 withdrawal (API)"."""
    return f"{p.get('date')} {_label('event-types', p.get('event'))} ({_label('channels', p.get('channel'), False)})"


def describe(before: dict[str, Any], after: dict[str, Any]) -> tuple[str, ...]:
    """What changed between two versions of an entry, in words a reader follows."""
    if not before:
        return ("entry added",)
    if not after:
        return ("entry removed",)
    said: list[str] = []

    def level(data: dict[str, Any]) -> Any:
        return (data.get("placements") or [{}])[-1].get("level")

    if level(before) != level(after):
        said.append(f"level now: {_label('levels', level(before))} → {_label('levels', level(after))}")
    old = {_placement_key(p): p for p in before.get("placements", [])}
    new = {_placement_key(p): p for p in after.get("placements", [])}
    said += [f"placement {_placement_text(p)} added" for key, p in new.items() if key not in old]
    said += [f"placement {_placement_text(p)} removed" for key, p in old.items() if key not in new]
    said += [f"placement {_placement_text(p)} edited" for key, p in new.items() if key in old and p != old[key]]
    for name in sorted(set(before.get("components", {})) | set(after.get("components", {}))):
        was = before.get("components", {}).get(name, {}).get("status", "not-yet-recorded")
        now = after.get("components", {}).get(name, {}).get("status", "not-yet-recorded")
        if was != now:
            statuses = f"{_label('component-statuses', was)} → {_label('component-statuses', now)}"
            said.append(f"{_label('components', name, False)}: {statuses}")
    old_sources = {s.get("id") for s in before.get("sources", [])}
    new_sources = {s.get("id") for s in after.get("sources", [])}
    if added := sorted(str(s) for s in new_sources - old_sources):
        said.append("sources added: " + ", ".join(added))
    if removed := sorted(str(s) for s in old_sources - new_sources):
        said.append("sources removed: " + ", ".join(removed))
    passages = sum(len(s.get("shows", [])) for s in after.get("sources", [])) - sum(
        len(s.get("shows", [])) for s in before.get("sources", [])
    )
    if passages > 0:
        said.append(f"{passages} source passage{'s' if passages != 1 else ''} recorded")
    for key in ("name", "announced", "parameters", "summary", "guardrails", "access", "card"):
        if before.get(key) != after.get(key):
            said.append(f"{key} edited")
    if before.get("review") != after.get("review"):
        said.append(f"reviewed {after.get('review', {}).get('last_reviewed', '')}".strip())
    return tuple(said) or ("wording only",)


def read_histories(catalog_dir: Path) -> Histories:
    """Every system entry's history from the git repository holding the catalog."""
    if git(catalog_dir, "rev-parse", "HEAD") is None:
        return Histories(False, "the catalog is not in a git repository")
    if git(catalog_dir, "rev-parse", "--is-shallow-repository") == "true":
        return Histories(False, "this copy of the repository is shallow (git fetch --unshallow reads the history)")
    log = git(
        catalog_dir, "log", "--raw", "--no-abbrev", "--no-renames", "--format=" + _FIELD.join(["%H", "%ad", "%s"]),
        "--date=short", "--", "systems",
    )  # fmt: skip
    if log is None:
        return Histories(True)
    entries: list[tuple[str, str, str, str, str, str]] = []
    commit = date = subject = ""
    for line in log.splitlines():
        if _FIELD in line:
            commit, date, subject = line.split(_FIELD, 2)
        elif line.startswith(":"):
            meta, path = line.split("\t", 1)
            parts = meta.split()
            if path.endswith(".yaml") and "/systems/" in "/" + path:
                entries.append((commit, date, subject, Path(path).stem, parts[2], parts[3]))
    released = _release_blobs(catalog_dir)
    in_releases = {blob for blobs in released.values() for blob in blobs.values()}
    texts = _blobs(catalog_dir, {e[4] for e in entries} | {e[5] for e in entries} | in_releases)
    by_system: dict[str, list[Change]] = defaultdict(list)
    for commit, date, subject, system_id, old_blob, new_blob in entries:
        before, after = _data(texts.get(old_blob)), _data(texts.get(new_blob))
        by_system[system_id].append(Change(commit, date, subject, describe(before, after)))
    releases = {
        tag: {system_id: data for system_id, blob in blobs.items() if (data := _data(texts.get(blob)))}
        for tag, blobs in released.items()
    }
    return Histories(True, by_system=dict(by_system), releases=releases)


RELEASE_TAGS = "data-*"
"""The tags `gradient release` cuts (generator/tools/release.py)."""


def _release_blobs(catalog_dir: Path) -> dict[str, dict[str, str]]:
    """Each data release's tag, newest first, with the blob of every system entry it holds, by system id."""
    tags = git(catalog_dir, "tag", "--list", RELEASE_TAGS, "--sort=-creatordate")
    found: dict[str, dict[str, str]] = {}
    for tag in (tags or "").split():
        listing = git(catalog_dir, "ls-tree", "-r", tag, "--", "systems") or ""
        found[tag] = {
            Path(path).stem: meta.split()[2]
            for meta, _, path in (line.partition("\t") for line in listing.splitlines())
            if path.endswith(".yaml") and meta.split()[1:2] == ["blob"]
        }
    return found
