"""Publish a build only when all of it succeeded: MkDocs writes into a staging directory next to the
site directory, and the finished build replaces the old site in two renames. A build that fails at any
point (invalid catalog, template error, a warning in strict mode) leaves the previous site as it was,
byte for byte; `mkdocs serve` keeps serving the last good build."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import Abort

from generator.engines.mkdocs_compat import WarningCounter

log = logging.getLogger("mkdocs.plugins.gradient")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def _remove_abandoned(target: Path) -> None:
    """Delete staging folders left beside `target` by builds that were killed: each is named after the
    process writing it (`.site.building-<pid>-…`), and one whose process no longer runs is abandoned. Retired
    sites (`.site.old-…`) left by a kill between the two renames are deleted once a site is in place."""
    for folder in target.parent.glob(f".{target.name}.building-*"):
        pid = folder.name.removeprefix(f".{target.name}.building-").split("-", 1)[0]
        if not pid.isdigit() or not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
    if target.exists():
        for folder in target.parent.glob(f".{target.name}.old-*"):
            shutil.rmtree(folder, ignore_errors=True)


@dataclass
class StagedBuild:
    """A build in progress: `staging` is where MkDocs writes, `target` the site directory it replaces."""

    target: Path
    staging: Path
    strict: bool
    _warnings: WarningCounter = field(default_factory=WarningCounter)

    @classmethod
    def begin(cls, target: Path, *, strict: bool) -> StagedBuild:
        """Create an empty staging directory beside `target` (same file system, so renames are atomic)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(target)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-{os.getpid()}-", dir=target.parent))
        build = cls(target, staging, strict)
        build._warnings.start()
        return build

    @property
    def will_abort(self) -> bool:
        """True when MkDocs is going to abort this build for warnings in strict mode."""
        return self.strict and self._warnings.count > 0

    def publish(self) -> bool:
        """Swap the finished build in for the old site, then delete the old site. False when MkDocs is going
        to abort the build (the build is discarded instead)."""
        self._stop_counting()
        if self.will_abort:
            self.discard()
            return False
        if not self.target.exists():
            os.rename(self.staging, self.target)
            return True
        retired = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.old-", dir=self.target.parent))
        os.rename(self.target, retired / self.target.name)
        os.rename(self.staging, self.target)
        shutil.rmtree(retired)
        return True

    def discard(self) -> None:
        """Throw the unfinished build away; the site directory is not touched."""
        self._stop_counting()
        shutil.rmtree(self.staging, ignore_errors=True)

    def _stop_counting(self) -> None:
        self._warnings.stop()


def keep_serving_last_good_build(builder: Callable[[], None]) -> Callable[[], None]:
    """For `mkdocs serve`: a failed rebuild leaves the last good site in place (see `StagedBuild`), but
    MkDocs' dev server holds every request until some build succeeds. The wrapped builder reports the
    failure and returns, so the server goes on serving the last good build; the next good edit replaces it."""

    def rebuild() -> None:
        try:
            builder()
        except Abort:  # MkDocs has already logged why: every catalog error, located
            log.error("the site was not rebuilt; serving the last good build until the errors are fixed")
        except Exception:
            log.exception("the site was not rebuilt; serving the last good build until the error is fixed")

    return rebuild
