"""Symbolic links that lead out of a tree: refused before anything behind them is read.

The build publishes what it reads: a link at `catalog/LICENSE`, a linked `catalog/systems` folder or a link
inside `docs/` would publish the link's target (a file of the build machine, its environment). Each link is
checked without following it; one that resolves outside its tree is a located error.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.core.diagnostics import Diagnostic


def _inside(path: Path, boundary: Path) -> bool:
    try:
        path.relative_to(boundary)
    except ValueError:
        return False
    return True


def outside_links(tree: Path, boundary: Path | None = None, *, shown_as: str | None = None) -> list[Diagnostic]:
    """A diagnostic for every symbolic link under `tree` (the tree itself included) that resolves outside
    `boundary` (default: the tree), or that cannot be resolved. `shown_as` is how `tree` is named in messages."""
    if not tree.exists() and not tree.is_symlink():
        return []
    limit = (boundary or tree).resolve()
    label = shown_as or tree.as_posix()
    found: list[Diagnostic] = []
    candidates: list[Path] = [tree]
    for folder, dirs, files in os.walk(tree, followlinks=False):
        candidates.extend(Path(folder) / name for name in (*dirs, *files))
    for path in candidates:
        if not path.is_symlink():
            continue
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            target = None
        if target is not None and _inside(target, limit):
            continue
        shown = label if path == tree else f"{label}/{path.relative_to(tree).as_posix()}"
        found.append(
            Diagnostic(
                shown,
                1,
                1,
                "",
                "symbolic link leads outside the repository" if target else "symbolic link leads nowhere",
                "replace the link with the file itself (copy it into the repository and commit it)",
                "layout",
            )
        )
    return found
