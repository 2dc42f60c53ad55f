"""Site search: Pagefind indexes the main content of every page of a real build but the listings and tools."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import PROJECT_ROOT, built_site

from generator.website.search import NODE_TOOLS, pagefind_binary

FIXTURE_SYSTEMS = ("aurora", "borealis", "cirrus")


@pytest.fixture(scope="module")
def two_sites(fixture_site: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The fixture catalog built twice, into two directories."""
    return fixture_site, built_site(PROJECT_ROOT / "tests/fixtures/catalog", tmp_path_factory.mktemp("second"))


def bundle_files(site: Path) -> dict[str, bytes]:
    bundle = site / "pagefind"
    return {p.relative_to(bundle).as_posix(): p.read_bytes() for p in sorted(bundle.rglob("*")) if p.is_file()}


NOT_INDEXED = ("systems/", "systems/grid/", "compare/", "search/", "changes/", "data/coverage/")
"""Pages that list every system or event, and the two tools: left out of the index by their meta."""


def _soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_pagefind_indexes_every_page_but_the_listings_and_tools(two_sites: tuple[Path, Path]) -> None:
    site = two_sites[0]
    pages = {p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")} - {"./"} | {""}
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    year_archives = {p for p in pages if p.startswith("changes/") and p != "changes/"}
    histories = {p for p in pages if p.endswith("/history/")}  # tools about an entry, not about a system
    assert set(NOT_INDEXED) <= pages and year_archives and histories  # the change log's years are listings too
    expected = len(pages) - len(NOT_INDEXED) - len(year_archives) - len(histories)
    assert entry["languages"]["en"]["page_count"] == expected


@pytest.mark.parametrize("url", ["", "about/", "gradient/fully-open/", "organizations/", "systems/aurora/"])
def test_indexed_pages_mark_only_their_main_content(two_sites: tuple[Path, Path], url: str) -> None:
    """One body per page, inside the article: the header, navigation and footer stay out of the index."""
    body = _soup(two_sites[0], url).select("[data-pagefind-body]")
    assert len(body) == 1 and body[0].find_parent("article") is not None
    assert body[0].find("h1") is not None


@pytest.mark.parametrize("url", NOT_INDEXED)
def test_listings_and_tools_are_not_indexed(two_sites: tuple[Path, Path], url: str) -> None:
    assert not _soup(two_sites[0], url).select("[data-pagefind-body]")


def test_card_pages_are_indexed_below_their_system_page(two_sites: tuple[Path, Path]) -> None:
    card = _soup(two_sites[0], "systems/aurora/card/").select("[data-pagefind-body]")
    system = _soup(two_sites[0], "systems/aurora/").select("[data-pagefind-body]")
    assert len(card) == 1 and float(str(card[0]["data-pagefind-weight"])) < 1
    assert not system[0].has_attr("data-pagefind-weight")


def test_the_search_index_is_byte_identical_across_builds(two_sites: tuple[Path, Path]) -> None:
    """Words, fragments, the facet (filter) index and the files naming them by hash, and the wasm: the pinned
    Pagefind (package-lock.json) writes its filter index in a stable order."""
    assert pagefind_binary() is not None and NODE_TOOLS in pagefind_binary().parents, "run `make install`"
    first, second = ({f"pagefind/{k}": v for k, v in bundle_files(site).items()} for site in two_sites)
    assert any(name.startswith("pagefind/index/") for name in first)
    assert any(name.startswith("pagefind/filter/") for name in first)
    assert first == second


def test_every_page_has_a_search_box_that_submits_to_the_search_page(two_sites: tuple[Path, Path]) -> None:
    site = two_sites[0]
    for url, to_search in (("", "search/"), ("systems/aurora/", "../../search/"), ("about/", "../search/")):
        soup = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
        form = soup.select_one("header form[role=search]")
        assert form is not None, url
        assert form["action"] == to_search and form.select_one("input[name=q]") is not None


def test_lunr_search_is_gone(two_sites: tuple[Path, Path]) -> None:
    site = two_sites[0]
    assert not (site / "search/search_index.json").exists()
    assert (site / "search/index.html").is_file()


def indexed_text(site: Path) -> dict[str, str]:
    """What Pagefind stored as each page's text (its fragments), by URL."""
    texts = {}
    for fragment in (site / "pagefind/fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        texts[data["url"]] = data["content"]
    return texts


def test_labels_values_and_citation_marks_are_indexed_as_separate_words(two_sites: tuple[Path, Path]) -> None:
    """Pagefind separates only some block elements: a <dt> followed by its <dd>, a table header cell or a
    citation mark written hard against a word made one word of both ("Parameters7B", "released3")."""
    text = indexed_text(two_sites[0])["/systems/aurora/"]
    assert "Parameters 13B" in text, text[:400]  # tests/fixtures/catalog/systems/aurora.yaml
    assert not re.search(r"[A-Za-z]\[?\d+\]", text), re.findall(r"\S*[A-Za-z]\[?\d+\]\S*", text)[:5]


def test_card_pages_leave_the_sources_to_their_system_page(two_sites: tuple[Path, Path]) -> None:
    """A card page repeats its system's source list; indexing it twice made every source title match two
    pages and pushed the card's own words down (benchmarks/search_quality.py)."""
    texts = indexed_text(two_sites[0])
    soup = _soup(two_sites[0], "systems/aurora/")
    title = soup.select_one(".gr-sources li a").get_text(strip=True)
    assert title in texts["/systems/aurora/"]
    assert title not in texts["/systems/aurora/card/"]
    passage = soup.select_one(".gr-shows blockquote")
    assert passage is None or passage.get_text(strip=True)[:40] not in texts["/systems/aurora/"]


@pytest.mark.parametrize(
    "url", ["/", "/organizations/example-lab/", "/gradient/downloadable/", "/guardrails/content-filters/"]
)
def test_listing_pages_are_found_by_their_own_words_not_by_the_systems_they_list(
    two_sites: tuple[Path, Path], url: str
) -> None:
    """An organization, level or guardrail page lists systems whose own pages are the right hit for their
    names; indexing the lists made the listing page compete with them (and, at 10,000 systems, gave Pagefind
    its largest pages to parse)."""
    texts = indexed_text(two_sites[0])
    links = _soup(two_sites[0], url.strip("/")).select("main a[href*='systems/']")
    listed = [a.get_text(strip=True) for a in links if re.search(r"(^|/)systems/[^/#]+/", str(a["href"]))]
    assert url in texts and listed
    assert not [name for name in listed if name in texts[url]]
    assert _soup(two_sites[0], url.strip("/")).h1.get_text(strip=True) in texts[url]
