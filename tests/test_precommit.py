"""The pre-commit configuration: valid for pre-commit itself, and its hook really rejects a broken entry."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from conftest import PROJECT_ROOT, EditFn
from pre_commit.clientlib import load_config

CONFIG = PROJECT_ROOT / ".pre-commit-config.yaml"
VENV_BIN = Path(sys.executable).parent


def hook(hook_id: str) -> dict[str, Any]:
    config = load_config(str(CONFIG))  # raises InvalidConfigError when pre-commit would refuse the file
    found: list[dict[str, Any]] = [h for repo in config["repos"] for h in repo["hooks"] if h["id"] == hook_id]
    [only] = found
    return only


def test_validate_hook_runs_gradient_validate_on_catalog_entries_only() -> None:
    validate = hook("gradient-validate")
    assert validate["entry"].endswith("gradient validate") and validate["pass_filenames"]
    files = re.compile(validate["files"])
    for path in ["catalog/systems/gpt-2.yaml", "catalog/organizations/openai.yaml"]:
        assert files.search(path), path
    for path in ["catalog/LICENSE", "schema/system.schema.json", "tests/fixtures/catalog/systems/aurora.yaml"]:
        assert not files.search(path), path


def test_no_hook_reformats_yaml() -> None:
    config = load_config(str(CONFIG))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    for found in (h for repo in config["repos"] for h in repo["hooks"]):
        checks_only = found["id"].startswith("gradient") or "--check" in found["entry"]
        assert checks_only and "yaml" not in found.get("types", []), found["id"]


def run_hook(repo: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home")}
    return subprocess.run(
        [str(VENV_BIN / "pre-commit"), "run", "gradient-validate", "--files", *files],
        capture_output=True,
        text=True,
        cwd=repo,
        env=env,
        timeout=120,
    )


def test_hook_fails_on_a_broken_entry_and_names_the_line(catalog: Path, edit: EditFn) -> None:
    repo = catalog.parent
    shutil.copy(CONFIG, repo / CONFIG.name)
    (repo / ".venv" / "bin").mkdir(parents=True)
    (repo / ".venv" / "bin" / "gradient").symlink_to(VENV_BIN / "gradient")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "catalog", CONFIG.name], cwd=repo, check=True)

    passed = run_hook(repo, "catalog/systems/aurora.yaml")
    assert passed.returncode == 0, passed.stdout + passed.stderr

    edit("systems/aurora.yaml", "level: downloadable", "level: open")
    failed = run_hook(repo, "catalog/systems/aurora.yaml", "catalog/systems/cirrus.yaml")
    assert failed.returncode == 1
    assert "catalog/systems/aurora.yaml:26:12: placements[1].level: 'open' is not a release level" in failed.stdout
    assert "cirrus.yaml" not in failed.stdout
