"""Symbolic links that lead out of the repository: refused by name in validate and build, before anything
behind them is read or published."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURE_CATALOG, PROJECT_ROOT


def _gradient(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.tools.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=900,
        check=False,
    )


def _catalog(tmp_path: Path) -> Path:
    catalog = tmp_path / "repo" / "catalog"
    shutil.copytree(FIXTURE_CATALOG, catalog)
    return catalog


def _secret(tmp_path: Path) -> Path:
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("BUILD_MACHINE_SECRET=1\n", encoding="utf-8")
    return secret


def test_a_licence_linked_to_a_file_outside_is_refused_by_name(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path)
    (catalog / "LICENSE").symlink_to(_secret(tmp_path))
    done = _gradient("validate", "catalog", cwd=catalog.parent)
    assert done.returncode == 1
    assert "catalog/LICENSE:1:1: symbolic link leads outside the repository; replace the link" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_a_linked_systems_folder_is_refused_and_nothing_is_built(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path)
    outside = tmp_path / "outside-systems"
    shutil.move(catalog / "systems", outside)
    (catalog / "systems").symlink_to(outside, target_is_directory=True)
    done = _gradient("validate", "catalog", cwd=catalog.parent)
    assert done.returncode == 1 and "catalog/systems:1:1: symbolic link leads outside the repository" in done.stdout
    site = tmp_path / "site"
    built = _gradient("build", "--catalog", str(catalog), "--site-dir", str(site), cwd=PROJECT_ROOT)
    assert built.returncode != 0 and "links outside itself" in built.stdout + built.stderr
    assert "Traceback" not in built.stdout + built.stderr
    assert not site.exists()


def test_a_link_in_docs_that_leads_outside_stops_the_build(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(PROJECT_ROOT / "docs", project / "docs")
    (project / "docs" / "leak.md").symlink_to(_secret(tmp_path))
    config = project / "mkdocs.yml"
    text = (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    overrides = PROJECT_ROOT / "site_templates" / "overrides"
    config.write_text(text.replace("custom_dir: site_templates/overrides", f"custom_dir: {overrides}"), "utf-8")
    site = tmp_path / "site"
    built = _gradient(
        "build", "--catalog", str(FIXTURE_CATALOG), "--site-dir", str(site), "--config", str(config), cwd=project
    )
    output = built.stdout + built.stderr
    assert built.returncode != 0 and "docs/leak.md:1:1: symbolic link leads outside the repository" in output
    assert "BUILD_MACHINE_SECRET" not in output and not site.exists()


def test_a_control_character_in_a_file_name_never_reaches_the_terminal(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path)
    shutil.copy(catalog / "systems/aurora.yaml", catalog / "systems/aurora\x1b[2J.yaml")
    done = _gradient("validate", "catalog", cwd=catalog.parent)
    assert done.returncode == 1
    assert "\x1b" not in done.stdout + done.stderr
    assert "catalog/systems/aurora\\x1b[2J.yaml" in done.stdout
