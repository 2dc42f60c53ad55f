"""The wheel: built from the repository, installed into a fresh virtual environment (its dependencies seen
through the project's environment, the wheel itself installed without the checkout), it builds a catalog
that lies outside the repository: templates, schemas, vocabularies, docs and mkdocs.yml travel inside it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

from conftest import FIXTURE_CATALOG, PROJECT_ROOT


def _run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in command], capture_output=True, text=True, cwd=cwd, timeout=600)


def test_a_wheel_installed_in_a_fresh_environment_builds_a_catalog_outside_the_repository(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, ".", cwd=PROJECT_ROOT)
    assert built.returncode == 0, built.stderr
    shutil.rmtree(PROJECT_ROOT / "build", ignore_errors=True)
    [wheel] = dist.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for packaged in ("mkdocs.yml", "docs/about.md", "schema/vocabularies/levels.yaml", "site_templates/system.html"):
        assert f"generator/_project/{packaged}" in names, packaged

    fresh = tmp_path / "fresh"
    assert _run(sys.executable, "-m", "venv", fresh, cwd=tmp_path).returncode == 0
    python = fresh / "bin" / "python"
    installed = _run(python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel, cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr
    site_packages = Path(
        _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path).stdout.strip()
    )
    (site_packages / "project-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")

    where = _run(
        python, "-c", "import generator.core.paths as p; print(p.INSTALLED_FROM_WHEEL, p.__file__)", cwd=tmp_path
    )
    assert where.stdout.startswith("True " + str(site_packages)), where.stdout + where.stderr

    catalog = shutil.copytree(FIXTURE_CATALOG, tmp_path / "elsewhere" / "catalog")
    done = _run(fresh / "bin" / "gradient", "build", "--catalog", catalog, cwd=tmp_path / "elsewhere")
    assert done.returncode == 0, done.stderr
    site = tmp_path / "elsewhere" / "site"
    assert "Aurora" in (site / "systems/aurora/index.html").read_text(encoding="utf-8")
    assert (site / "pagefind/pagefind.js").is_file() and (site / "data/catalog.json").is_file()
