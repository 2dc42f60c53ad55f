"""The site on another engine: ProperDocs (the maintained MkDocs fork) builds the bundled catalog through the
same plugin; every page the default build writes is there, and search finds GPT-2 in a real browser.
Zensical is not tested here: it ignores plugins it does not reimplement, ours included (README, "Engines")."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from e2e.conftest import PROJECT_ROOT, serve

_SEARCH = """async (term) => {
  const pagefind = await import(new URL("/pagefind/pagefind.js", location.href).href);
  await pagefind.options({ baseUrl: "/" });
  const found = await pagefind.search(term);
  return Promise.all(found.results.slice(0, 3).map(async (r) => (await r.data()).url));
}"""


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("properdocs") / "site"
    done = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--engine", "properdocs", "--site-dir", str(site)],
        capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=900, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return site


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("index.html") if not p.parts[-2].startswith(".")}


def test_properdocs_writes_every_page_of_the_default_build(properdocs_site: Path, real_site: Path) -> None:
    assert pages(properdocs_site) == pages(real_site)
    gpt2 = (properdocs_site / "systems/gpt-2/index.html").read_text(encoding="utf-8")
    for part in ('class="gr-access-card"', 'class="gr-timeline"', 'class="gr-sources"', "Cite this page"):
        assert part in gpt2, part


def test_search_on_the_properdocs_site_finds_gpt2(properdocs_site: Path, browser: Any) -> None:
    page = browser.new_page()
    page.goto(serve(properdocs_site) + "search/")
    urls = page.evaluate(_SEARCH, "GPT-2")
    page.close()
    assert urls and urls[0] == "/systems/gpt-2/"
