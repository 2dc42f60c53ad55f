"""`gradient release` on a real git repository with two releases: the tag, and notes made from the diff."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CIRRUS_WITHDRAWAL, PROJECT_ROOT, committed_catalog

from generator.core.versioning import data_version


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True)
    return done.stdout


def release(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.tools.cli", "release", "--repo", str(repo), *args],
        capture_output=True, text=True, cwd=PROJECT_ROOT, check=False,
    )  # fmt: skip


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return Path(committed_catalog(tmp_path))


def test_two_releases_tag_the_data_and_describe_the_diff(repo: Path) -> None:
    first = release(repo, "--date", "2026-01-01")
    assert first.returncode == 0, first.stderr
    assert "# Gradient data release data-2026.01.01" in first.stdout and "(first release)" in first.stdout
    assert data_version(repo / "catalog") == "data-2026.01.01"
    aurora = (repo / "catalog/systems/aurora.yaml").read_text(encoding="utf-8")
    (repo / "catalog/systems/aurora-two.yaml").write_text(
        aurora.replace("id: aurora", "id: aurora-two").replace("name: Aurora", "name: Aurora Two"), encoding="utf-8"
    )
    cirrus = repo / "catalog/systems/cirrus.yaml"
    text = cirrus.read_text(encoding="utf-8")
    cirrus.write_text(text.replace("components:\n", CIRRUS_WITHDRAWAL + "components:\n", 1), encoding="utf-8")
    assert data_version(repo / "catalog").endswith("+uncommitted")
    refused = release(repo, "--date", "2026-02-01")
    assert refused.returncode == 2 and "uncommitted changes" in refused.stderr
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "second")
    second = release(repo, "--date", "2026-02-01")
    assert second.returncode == 0, second.stderr
    notes = git(repo, "tag", "-l", "--format=%(contents)", "data-2026.02.01")
    assert "4 systems; 1 added, 0 removed, 1 corrected or updated since data-2026.01.01." in notes
    assert "- Aurora Two (`aurora-two`): downloadable" in notes
    assert "- Cirrus: api → fully-closed" in notes
    assert release(repo, "--date", "2026-02-01").returncode == 2  # the same day cannot be released twice
