"""Which data a build shows: the data release (a `data-YYYY.MM.DD` tag) or commit of the catalog, marked
when the catalog has changes that are not committed, so a page never claims a version it does not show."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

RELEASE_TAG_PATTERN = "data-*"
"""Tags that name data releases, e.g. data-2026.12.05 (see `gradient release`)."""

UNCOMMITTED = "+uncommitted"


def git(directory: Path, *args: str) -> str | None:
    """The output of a git command run in a directory, or None when git or the checkout is missing."""
    try:
        out = subprocess.run(
            ["git", "-C", str(directory), *args], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    text = out.stdout.strip()
    return text if out.returncode == 0 and text else None


def catalog_is_dirty(directory: Path) -> bool:
    """True when files of the catalog differ from the commit (edited, added or deleted)."""
    return bool(git(directory, "status", "--porcelain", "--", "."))


def data_version(directory: Path) -> str:
    """The data release tag at HEAD (data-2026.12.05), else the commit (12 hex digits), with `+uncommitted`
    when the catalog has uncommitted changes; "unversioned" outside a git checkout."""
    commit = git(directory, "rev-parse", "--short=12", "HEAD")
    if commit is None:
        return "unversioned"
    tag = git(directory, "describe", "--tags", "--exact-match", "--match", RELEASE_TAG_PATTERN, "HEAD")
    version = tag or commit
    return version + UNCOMMITTED if catalog_is_dirty(directory) else version


def commit_time(directory: Path) -> int | None:
    """When the data version was committed (seconds since the epoch), or None outside a git checkout."""
    text = git(directory, "log", "-1", "--format=%ct")
    return int(text) if text and text.isdigit() else None


def data_commit(directory: Path) -> str:
    """The commit at HEAD (12 hex digits), or "" outside a git checkout."""
    return git(directory, "rev-parse", "--short=12", "HEAD") or ""


_DOI_LINE = re.compile(r"^doi:\s*[\"']?(10\.\d{4,9}/[^\s\"']+)[\"']?\s*$", re.MULTILINE)


def dataset_doi(repository: Path) -> str:
    """The DOI in the repository's CITATION.cff (its top-level `doi:`), or "" when none is set yet."""
    try:
        text = (repository / "CITATION.cff").read_text(encoding="utf-8")
    except OSError:
        return ""
    found = _DOI_LINE.search(text)
    return found.group(1) if found else ""
