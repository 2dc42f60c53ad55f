"""The site on other engines, each built from the bundled catalog and checked the same way: every page the
default build writes is there with its access card, timeline, sources and cite block, `catalog.json` is the
same file, and search finds GPT-2 in a real browser.

- ProperDocs (the maintained MkDocs fork) builds through our plugin (`gradient build --engine properdocs`).
- Zensical loads no plugin of ours: `gradient build --engine zensical` builds the generated docs tree.
- Plain MkDocs with no Gradient plugin loaded builds the tree `gradient generate` writes, then
  `gradient search-index` indexes it: the route any other engine reading mkdocs.yml would take.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import broken_links

from e2e.conftest import PROJECT_ROOT, serve

_SEARCH = """async (term) => {
  const pagefind = await import(new URL("/pagefind/pagefind.js", location.href).href);
  await pagefind.options({ baseUrl: "/" });
  const found = await pagefind.search(term);
  return Promise.all(found.results.slice(0, 3).map(async (r) => (await r.data()).url));
}"""

ROUTES = ["properdocs", "zensical", "generated"]


def _run(*command: str, cwd: Path = PROJECT_ROOT) -> None:
    done = subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=900, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def _build(route: str, folder: Path) -> Path:
    gradient = (sys.executable, "-m", "generator.tools.cli")
    if route != "generated":
        site = folder / "site"
        _run(*gradient, "build", "--engine", route, "--site-dir", str(site))
        assert not (folder / ".site.tree").exists(), "a generated tree is removed after the build"
        return site
    tree = folder / "tree"
    _run(*gradient, "generate", "--out", str(tree))
    assert "plugins: []" in (tree / "mkdocs.yml").read_text(encoding="utf-8")
    _run(sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tree / "mkdocs.yml"), cwd=tree)
    _run(*gradient, "search-index", str(tree / "site"))
    return tree / "site"


@pytest.fixture(scope="module", params=ROUTES)
def engine_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(request.param, tmp_path_factory.mktemp(request.param))


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("index.html") if not p.parts[-2].startswith(".")}


def test_every_page_of_the_default_build_is_there(engine_site: Path, real_site: Path) -> None:
    assert pages(engine_site) == pages(real_site)
    gpt2 = (engine_site / "systems/gpt-2/index.html").read_text(encoding="utf-8")
    for part in ('class="gr-access-card"', 'class="gr-timeline"', 'class="gr-sources"', "Cite this page"):
        assert part in gpt2, part
    assert 'name="citation_title"' in gpt2  # our theme overrides (main.html) are read
    assert (engine_site / "data/catalog.json").read_bytes() == (real_site / "data/catalog.json").read_bytes()
    assert (engine_site / "systems/gpt-2/embed.html").is_file()


def test_no_internal_link_or_anchor_points_nowhere(engine_site: Path) -> None:
    broken = broken_links(engine_site)
    assert not broken, "\n".join(f"{page}: {href} -> {target}" for page, href, target in broken[:30])


def test_search_finds_gpt2(engine_site: Path, browser: Any) -> None:
    page = browser.new_page()
    page.goto(serve(engine_site) + "search/")
    urls = page.evaluate(_SEARCH, "GPT-2")
    page.close()
    assert urls and urls[0] == "/systems/gpt-2/"
