"""Build integrity: what validated is what is published, a failed build changes nothing, the same commit
builds to the same bytes, every internal link and anchor resolves, renamed systems keep their URLs.

Every build here is a real `gradient build` or `mkdocs build` process."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURE_CATALOG, PROJECT_ROOT, EditFn, broken_links, gradient_build


def write_mkdocs_config(folder: Path, catalog: Path, about: str | None = None) -> Path:
    """The project's mkdocs.yml, pointed at another catalog (and, with `about`, at a docs folder whose
    about page has that text); paths made absolute so the config works from `folder`."""
    text = (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    docs = PROJECT_ROOT / "docs"
    if about is not None:
        docs = folder / "docs"
        shutil.copytree(PROJECT_ROOT / "docs", docs)
        (docs / "about.md").write_text(about, encoding="utf-8")
    text = text.replace("docs_dir: docs", f"docs_dir: {docs}")
    text = text.replace("custom_dir: site_templates/overrides", f"custom_dir: {PROJECT_ROOT}/site_templates/overrides")
    text = text.replace("catalog: catalog", f"catalog: {catalog}")
    config = folder / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def mkdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def tree_hash(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder` with the SHA-256 of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        for p in sorted(folder.rglob("*"))
    }


# --- a failed build leaves the previous site exactly as it was --------------------------------------


@pytest.fixture
def built_site(catalog: Path, tmp_path: Path) -> Path:
    site = tmp_path / "site"
    done = gradient_build(catalog, site)
    assert done.returncode == 0, done.stderr
    return site


def test_failing_gradient_build_leaves_the_site_byte_identical(
    built_site: Path, catalog: Path, edit: EditFn, tmp_path: Path
) -> None:
    before = tree_hash(built_site)
    edit("systems/aurora.yaml", "name: Aurora", "name: Aurora Renamed\nnmae: typo")
    done = gradient_build(catalog, built_site)
    assert done.returncode == 1
    assert "aurora.yaml:" in done.stderr and "unknown field 'nmae'" in done.stderr
    assert "Traceback" not in done.stderr
    assert tree_hash(built_site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalog", "site"], "no staging directory left behind"


def test_mkdocs_build_aborted_late_in_strict_mode_leaves_the_site_byte_identical(
    built_site: Path, catalog: Path, tmp_path: Path
) -> None:
    """The catalog is valid, but a docs page links to a missing page: MkDocs only aborts after every page
    was written (strict mode). Nothing of that build may reach the site directory."""
    before = tree_hash(built_site)
    config = write_mkdocs_config(tmp_path, catalog, about="# About\n\nSee [the missing page](missing.md).\n")
    done = mkdocs("build", "-f", str(config), "-d", str(built_site), cwd=tmp_path)
    assert done.returncode == 1
    output = done.stdout + done.stderr
    assert "missing.md" in output and "Aborted with 1 warnings in strict mode" in output
    assert tree_hash(built_site) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")], "no staging directory left behind"


def test_successful_build_replaces_the_whole_site(built_site: Path, catalog: Path, edit: EditFn) -> None:
    (built_site / "stale.html").write_text("left over from an older build", encoding="utf-8")
    edit("systems/aurora.yaml", "name: Aurora", "name: Aurora Prime")
    done = gradient_build(catalog, built_site)
    assert done.returncode == 0, done.stderr
    assert not (built_site / "stale.html").exists()
    assert "Aurora Prime" in (built_site / "systems/aurora/index.html").read_text(encoding="utf-8")


# --- deterministic output --------------------------------------------------------------------------


def test_two_builds_of_one_commit_are_byte_identical_and_dated_by_the_commit(tmp_path: Path) -> None:
    """Built from the fixture catalog as committed: without SOURCE_DATE_EPOCH the build date is the commit's."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    committed = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], capture_output=True, text=True, cwd=FIXTURE_CATALOG, check=True
    ).stdout.strip()
    sites = []
    for name, epoch in (("first", None), ("second", committed)):
        site = tmp_path / name
        extra = {"SOURCE_DATE_EPOCH": epoch} if epoch else {}
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "generator.tools.cli",
                "build",
                "--catalog",
                str(FIXTURE_CATALOG),
                "--site-dir",
                str(site),
            ],
            capture_output=True,
            text=True,
            cwd=PROJECT_ROOT,
            timeout=300,
            env={**env, **extra},
        )
        assert done.returncode == 0, done.stderr
        sites.append(tree_hash(site))
    assert any(path.startswith("pagefind/filter/") for path in sites[0]), "the Pagefind facet index must exist"
    assert sites[0] == sites[1]


def test_source_date_epoch_sets_the_build_date(tmp_path: Path) -> None:
    done = gradient_build(FIXTURE_CATALOG, tmp_path / "site", SOURCE_DATE_EPOCH="1795132800")
    assert done.returncode == 0, done.stderr
    assert "<lastmod>2026-11-20</lastmod>" in (tmp_path / "site/sitemap.xml").read_text(encoding="utf-8")


# --- link integrity ------------------------------------------------------------------------------------


def test_no_internal_link_or_anchor_points_nowhere(bundled_site: Path) -> None:
    broken = broken_links(bundled_site)
    assert not broken, "\n".join(f"{page}: {href} -> {target}" for page, href, target in broken[:30])


def test_the_crawl_finds_a_broken_link_and_a_dangling_anchor(bundled_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(bundled_site, site)
    about = site / "about/index.html"
    about.write_text(
        about.read_text(encoding="utf-8").replace(
            "</article>", '<a href="../systems/nowhere/">x</a><a href="../systems/#no-such-anchor">y</a></article>'
        ),
        encoding="utf-8",
    )
    targets = {target for page, _, target in broken_links(site, [about]) if page == "about/index.html"}
    assert targets == {"systems/nowhere/", "systems/index.html#no-such-anchor"}


# --- renamed systems keep their URLs -------------------------------------------------------------------


def test_a_renamed_system_redirects_from_its_old_url(catalog: Path, edit: EditFn, tmp_path: Path) -> None:
    edit("systems/borealis.yaml", "base_models: [aurora]", "base_models: [aurora]\nrenamed_from: [northern-lights]")
    site = tmp_path / "site"
    done = gradient_build(catalog, site)
    assert done.returncode == 0, done.stderr
    page = BeautifulSoup((site / "systems/northern-lights/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../../systems/borealis/"
    assert page.find("link", rel="canonical")["href"].endswith("/systems/borealis/")
    card = BeautifulSoup((site / "systems/northern-lights/card/index.html").read_text(encoding="utf-8"), "html.parser")
    assert card.find("a")["href"] == "../../../systems/borealis/card/"
    assert not [b for b in broken_links(site) if b[0].startswith("systems/northern-lights/")]


def test_a_killed_build_leaves_nothing_that_the_next_build_keeps(built_site: Path, catalog: Path) -> None:
    """A build killed mid-way leaves its staging folder; the next build deletes it (its process is gone)."""
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    abandoned = built_site.parent / f".{built_site.name}.building-{dead.stdout.strip()}-x1"
    (abandoned / "systems").mkdir(parents=True)
    retired = built_site.parent / f".{built_site.name}.old-x2"
    (retired / built_site.name).mkdir(parents=True)
    done = gradient_build(catalog, built_site)
    assert done.returncode == 0, done.stderr
    assert not abandoned.exists() and not retired.exists()
