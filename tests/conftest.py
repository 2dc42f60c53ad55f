"""Shared fixtures: a small real-looking catalog in tests/fixtures/catalog, copied per test so that
tests can break it on purpose."""

from __future__ import annotations

import os
import posixpath
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_CATALOG = FIXTURES / "catalog"
PROJECT_ROOT = Path(__file__).resolve().parent.parent

CIRRUS_WITHDRAWAL = """  - date: "2025-01-15"
    event: withdrawal
    level: fully-closed
    channel: api
    gating: not-applicable
    pricing: not-applicable
    sources: [cirrus-api]
"""
"""A placement that shuts the fixture's Cirrus API down; insert it before `components:` in cirrus.yaml."""


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    """A writable copy of the fixture catalog."""
    target = tmp_path / "catalog"
    shutil.copytree(FIXTURE_CATALOG, target)
    return target


EditFn = Callable[[str, str, str], Path]


@pytest.fixture
def edit(catalog: Path) -> EditFn:
    """Replace text in one file of the copied catalog: edit("systems/aurora.yaml", old, new)."""

    def apply(relative: str, old: str, new: str) -> Path:
        path = catalog / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture text not found: {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path

    return apply


def gradient_build(
    catalog: Path, site: Path, python_args: tuple[str, ...] = (), **env: str
) -> subprocess.CompletedProcess[str]:
    """`gradient build` of a catalog into a site directory, as a real subprocess (extra environment in `env`;
    `python_args` go to the interpreter, before the module: a profiler, say)."""
    return subprocess.run(
        [sys.executable, *python_args, "-m", "generator.tools.cli", "build"]
        + ["--catalog", str(catalog), "--site-dir", str(site)],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=900,
        env={**os.environ, **env},
    )


def built_site(catalog: Path, out: Path) -> Path:
    """`catalog` built into `out` with `gradient build`; the test fails with the build's errors if it fails."""
    done = gradient_build(catalog, out)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled catalog, built once per test session and shared by every test that only reads it."""
    return built_site(PROJECT_ROOT / "catalog", tmp_path_factory.mktemp("bundled-site"))


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three-system fixture catalog (tests/fixtures/catalog), built once per session, read only."""
    return built_site(PROJECT_ROOT / "tests/fixtures/catalog", tmp_path_factory.mktemp("fixture-site"))


_SLOW_FIXTURES = {"bundled_site", "real_site", "fixture_site", "hostile_site", "browser", "site", "built"}
_SLOW_MODULES = (
    "test_integrity.py",
    "test_packaging.py",
    "test_serve.py",
    "test_shell.py",
    "test_build.py",
    "test_search.py",
    "bench",
)


def pytest_configure(config: pytest.Config) -> None:
    """Validation caches (generator/core/check_cache.py) of every catalog the tests build go to one folder of
    the run, not beside the catalogs: tests/fixtures/ stays untouched and a site's folder holds only the site."""
    os.environ.setdefault("GRADIENT_CACHE_DIR", tempfile.mkdtemp(prefix="gradient-test-cache-"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark as slow every test that builds or serves a site or drives a browser: `make test-fast` runs the
    rest (loader, schema, rules, model, derive, single-page rendering, CLI messages) while editing."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & _SLOW_FIXTURES or "/e2e/" in item.nodeid or any(m in item.nodeid for m in _SLOW_MODULES):
            item.add_marker(pytest.mark.slow)


# --- link integrity (shared by the build tests and the engine tests) ---------------------------------------

SITE_URL_PATH = "/gradient/"  # the path of site_url in mkdocs.yml; absolute links on 404.html start with it


_LINKING = {"a", "link", "script", "img"}


def _read(page: Path) -> tuple[list[str], set[str]]:
    """A page's internal link targets (href or src) and its element ids, from one libxml2 parse."""
    links: list[str] = []
    ids: set[str] = set()
    for element in lxml.html.document_fromstring(page.read_bytes()).iter():
        if (anchor := element.get("id")) is not None:
            ids.add(anchor)
        if element.tag in _LINKING and (href := element.get("href") or element.get("src")):
            links.append(href)
    return links, ids


def broken_links(site: Path, pages: list[Path] | None = None) -> list[tuple[str, str, str]]:
    """(page, href, target path relative to the site) of every internal link or #anchor that points nowhere,
    in `pages` (default: every page of the site). Paths are resolved as text against the list of the site's
    files, read once: the crawl follows ~100,000 links on ~800 pages."""
    root = site.resolve()
    files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    folders = {posixpath.dirname(f) for f in files}
    folders |= {posixpath.dirname(f) for f in folders}  # every folder holds a file or a folder
    read: dict[str, tuple[list[str], set[str]]] = {}

    def page_of(relative: str) -> tuple[list[str], set[str]]:
        if relative not in read:
            read[relative] = _read(root / relative)
        return read[relative]

    found = []
    for page in pages if pages is not None else sorted(site.rglob("*.html")):
        here = page.resolve().relative_to(root).as_posix()
        for href in page_of(here)[0]:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue
            path = unquote(parts.path)
            if path.startswith(SITE_URL_PATH):
                target = path.removeprefix(SITE_URL_PATH)
            else:
                target = posixpath.join(posixpath.dirname(here), path) if path else here
            target = posixpath.normpath(target).removeprefix("./") if target else "."
            if target.startswith("../") or target == "..":
                found.append((here, href, path))
                continue
            if target == "." or target in folders:
                target = posixpath.join(target, "index.html").removeprefix("./")
            if target not in files:
                found.append((here, href, target + ("/" if path.endswith("/") else "")))
            elif parts.fragment and target.endswith(".html") and parts.fragment not in page_of(target)[1]:
                found.append((here, href, target + "#" + parts.fragment))
    return found


def committed_catalog(tmp_path: Path) -> Path:
    """A git repository holding a copy of the fixture catalog in one commit ("Add the catalog")."""
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE_CATALOG, repo / "catalog")
    for args in (
        ("init", "-q"),
        ("config", "user.email", "test@example.org"),
        ("config", "user.name", "Test"),
        ("add", "."),
        ("commit", "-qm", "Add the catalog"),
    ):
        subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=True)
    return repo
