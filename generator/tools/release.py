"""`gradient release`: cut a data release, a `data-YYYY.MM.DD` tag whose message is the release notes,
generated from the catalog's diff since the previous release.

The notes say what a reader of the previous release needs to know: systems added and removed, each
system whose level now changed, how many entries were corrected, and the totals. The GitHub–Zenodo
integration mints a DOI for each tag pushed as a GitHub release, from `.zenodo.json`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from generator.core.load import LoadError, parse
from generator.core.paths import PROJECT_ROOT
from generator.core.versioning import RELEASE_TAG_PATTERN, catalog_is_dirty, git


@dataclass(frozen=True)
class Snapshot:
    """The systems of the catalog at one revision: id -> (name, level now, file text)."""

    systems: dict[str, tuple[str, str, str]]


def snapshot(repo: Path, revision: str | None, catalog: str = "catalog") -> Snapshot:
    """Read `catalog/systems/*.yaml` as committed at `revision` (None: an empty catalog)."""
    if revision is None:
        return Snapshot({})
    listing = git(repo, "ls-tree", "-r", "--name-only", revision, "--", f"{catalog}/systems") or ""
    systems: dict[str, tuple[str, str, str]] = {}
    for path in listing.splitlines():
        if not path.endswith(".yaml"):
            continue
        text = git(repo, "show", f"{revision}:{path}") or ""
        try:
            data = parse(text, path, positions=False).data
        except LoadError:
            continue  # an invalid file at an old revision: left out of the comparison
        if isinstance(data, dict) and isinstance(data.get("placements"), list) and data["placements"]:
            level = str(data["placements"][-1].get("level", "?"))
            systems[Path(path).stem] = (str(data.get("name", Path(path).stem)), level, text)
    return Snapshot(systems)


def release_notes(tag: str, previous: str | None, before: Snapshot, after: Snapshot) -> str:
    """Markdown release notes: what changed between two snapshots of the catalog."""
    old, new = before.systems, after.systems
    added = sorted(set(new) - set(old), key=lambda i: new[i][0].lower())
    removed = sorted(set(old) - set(new), key=lambda i: old[i][0].lower())
    kept = sorted(set(old) & set(new), key=lambda i: new[i][0].lower())
    moved = [i for i in kept if old[i][1] != new[i][1]]
    edited = [i for i in kept if old[i][2] != new[i][2]]
    since = f"since {previous}" if previous else "(first release)"
    lines = [f"# Gradient data release {tag}", "", f"{len(new)} systems; {len(added)} added, {len(removed)} removed, "
             f"{len(edited)} corrected or updated {since}.", ""]  # fmt: skip
    if added:
        lines += ["## Added", "", *(f"- {new[i][0]} (`{i}`): {new[i][1]}" for i in added), ""]
    if removed:
        lines += ["## Removed", "", *(f"- {old[i][0]} (`{i}`)" for i in removed), ""]
    if moved:
        lines += ["## Level now changed", "", *(f"- {new[i][0]}: {old[i][1]} → {new[i][1]}" for i in moved), ""]
    if edited:
        lines += ["## Corrected or updated", "", *(f"- {new[i][0]} (`{i}`)" for i in edited), ""]
    return "\n".join(lines).rstrip() + "\n"


def previous_release(repo: Path) -> str | None:
    """The newest data release tag reachable from HEAD."""
    return git(repo, "describe", "--tags", "--abbrev=0", "--match", RELEASE_TAG_PATTERN, "HEAD")


def run_release(args: argparse.Namespace) -> int:
    """`gradient release`: print the notes, and tag HEAD with them unless --dry-run."""
    repo = Path(args.repo).resolve()
    day = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    tag = f"data-{day:%Y.%m.%d}"
    if git(repo, "rev-parse", "HEAD") is None:
        print(f"gradient release: {repo} is not a git checkout with a commit", file=sys.stderr)
        return 2
    if catalog_is_dirty(repo / args.catalog):
        print("gradient release: the catalog has uncommitted changes; commit them first", file=sys.stderr)
        return 2
    if git(repo, "rev-parse", "-q", "--verify", f"refs/tags/{tag}"):
        print(f"gradient release: {tag} exists already; pass --date for another day", file=sys.stderr)
        return 2
    previous = previous_release(repo)
    notes = release_notes(tag, previous, snapshot(repo, previous, args.catalog), snapshot(repo, "HEAD", args.catalog))
    print(notes, end="")
    if args.dry_run:
        return 0
    done = subprocess.run(["git", "-C", str(repo), "tag", "-a", tag, "-F", "-"], input=notes, text=True, check=False)
    if done.returncode != 0:
        return 1
    print(f"tagged {tag}; push it (git push origin {tag}) and publish it as a GitHub release to mint its DOI")
    return 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    parser.add_argument("--date", help="release day, YYYY-MM-DD (default: today)")
    parser.add_argument("--dry-run", action="store_true", help="print the notes without tagging")
    parser.add_argument("--repo", default=str(PROJECT_ROOT), help=argparse.SUPPRESS)
    parser.add_argument("--catalog", default="catalog", help="catalog folder inside the repository")
