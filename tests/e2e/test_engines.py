"""The site on another engine: ProperDocs (the maintained MkDocs fork) builds the bundled catalog through the
same plugin; every page the default build writes is there, and search finds GPT-2 in a real browser.
And `gradient generate`: the same site as a plain docs tree that MkDocs builds with no Gradient plugin, and
that Zensical (which loads no plugin of ours) builds through `gradient build --engine zensical`."""

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
        [sys.executable, "-m", "generator.tools.cli", "build", "--engine", "properdocs", "--site-dir", str(site)],
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


@pytest.fixture(scope="module")
def generated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`gradient generate` on the bundled catalog, built by plain MkDocs with no Gradient plugin loaded, then
    indexed by `gradient search-index`: the path every other engine would take."""
    tree = tmp_path_factory.mktemp("generated") / "tree"

    def run(*command: str, cwd: Path = PROJECT_ROOT) -> None:
        done = subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=900, check=False)
        assert done.returncode == 0, done.stdout + done.stderr

    run(sys.executable, "-m", "generator.tools.cli", "generate", "--out", str(tree))
    config = (tree / "mkdocs.yml").read_text(encoding="utf-8")
    assert "gradient" not in config.split("plugins:", 1)[1].split("\n", 1)[0]  # plugins: []
    run(sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tree / "mkdocs.yml"), cwd=tree)
    run(sys.executable, "-m", "generator.tools.cli", "search-index", str(tree / "site"))
    return tree / "site"


def test_a_generated_tree_builds_every_page_with_plain_mkdocs(generated_site: Path, real_site: Path) -> None:
    assert pages(generated_site) == pages(real_site)
    gpt2 = (generated_site / "systems/gpt-2/index.html").read_text(encoding="utf-8")
    for part in ('class="gr-access-card"', 'class="gr-timeline"', 'class="gr-sources"', "Cite this page"):
        assert part in gpt2, part
    assert (generated_site / "data/catalog.json").read_bytes() == (real_site / "data/catalog.json").read_bytes()
    assert (generated_site / "systems/gpt-2/embed.html").is_file()


def test_search_on_the_generated_site_finds_gpt2(generated_site: Path, browser: Any) -> None:
    page = browser.new_page()
    page.goto(serve(generated_site) + "search/")
    urls = page.evaluate(_SEARCH, "GPT-2")
    page.close()
    assert urls and urls[0] == "/systems/gpt-2/"


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("zensical") / "site"
    done = subprocess.run(
        [sys.executable, "-m", "generator.tools.cli", "build", "--engine", "zensical", "--site-dir", str(site)],
        capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=900, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert not (site.parent / f".{site.name}.tree").exists(), "the generated tree is removed after the build"
    return site


def test_zensical_builds_every_page_of_the_default_build(zensical_site: Path, real_site: Path) -> None:
    """Zensical (pinned in pyproject's test extras) builds the generated tree; what it lacks shows here."""
    assert pages(zensical_site) == pages(real_site)
    gpt2 = (zensical_site / "systems/gpt-2/index.html").read_text(encoding="utf-8")
    for part in ('class="gr-access-card"', 'class="gr-timeline"', 'class="gr-sources"', "Cite this page"):
        assert part in gpt2, part
    assert 'name="citation_title"' in gpt2  # our theme overrides (main.html) are read
    assert (zensical_site / "data/catalog.json").read_bytes() == (real_site / "data/catalog.json").read_bytes()


def test_search_on_the_zensical_site_finds_gpt2(zensical_site: Path, browser: Any) -> None:
    page = browser.new_page()
    page.goto(serve(zensical_site) + "search/")
    urls = page.evaluate(_SEARCH, "GPT-2")
    page.close()
    assert urls and urls[0] == "/systems/gpt-2/"
