"""Browser fixtures: a built site served on localhost and Debian's Chromium driven by Playwright.

Browser tests skip when no Chromium is installed, except when GRADIENT_REQUIRE_BROWSER is set
(as `.ci/run` does): then a missing browser is a failure.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.tools.local_site import CHROMIUM, serve_site

PROJECT_ROOT = Path(__file__).resolve().parents[2]

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _browser_available() -> bool:
    if not Path(CHROMIUM).exists():
        return False
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


def require_browser() -> None:
    """Skip (or, in CI, fail) when no browser can be driven."""
    if _browser_available():
        return
    if os.environ.get("GRADIENT_REQUIRE_BROWSER"):
        pytest.fail("GRADIENT_REQUIRE_BROWSER is set but Chromium or Playwright is missing")
    pytest.skip("Chromium (Debian package `chromium`) or Playwright is not installed")


def build_site(catalog: Path, site_dir: Path) -> Path:
    """Build a catalog with `gradient build`; fail the test with MkDocs' output if it does not build."""
    done = subprocess.run(
        [sys.executable, "-m", "generator.tools.cli", "build", "--catalog", str(catalog), "--site-dir", str(site_dir)],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr
    return site_dir


@functools.cache
def _serve(directory: str) -> str:
    return f"http://127.0.0.1:{serve_site(Path(directory)).server_port}/"


def serve(site_dir: Path) -> str:
    """Serve a built site on localhost for the rest of the session; returns its base URL."""
    return _serve(str(site_dir))


@pytest.fixture(scope="session")
def real_site(bundled_site: Path) -> Path:
    """The bundled catalog, built once per test session (the same build the non-browser tests read)."""
    return bundled_site


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """A headless Chromium shared by the session."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
