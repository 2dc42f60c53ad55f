"""Search over the bundled catalog in a real browser: the paper's example finds its page first, and results
can be narrowed by level, modality and organization (Pagefind facets)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from e2e.browsing import axe_violations, wait_for_facets
from tests.e2e.conftest import serve

_FACETS = """async () => {
  const pagefind = await import(new URL("/pagefind/pagefind.js", location.href).href);
  await pagefind.options({ baseUrl: "/" });
  const filters = await pagefind.filters();
  const open = await pagefind.search("model", { filters: { level: "5-fully-open" } });
  const urls = await Promise.all(open.results.map(async (r) => (await r.data()).url));
  return { filters, urls };
}"""


def test_searching_bloom_returns_its_page_first(browser: Any, real_site: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(serve(real_site) + "search/?q=BLOOM")
    page.wait_for_selector(".pagefind-ui__result-link")
    first = page.query_selector_all(".pagefind-ui__result-link")[0].get_attribute("href")
    context.close()
    assert first == "/systems/bloom/"


def test_results_can_be_narrowed_by_level_modality_and_organization(browser: Any, real_site: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(serve(real_site) + "search/")
    found = page.evaluate(_FACETS)
    context.close()
    assert {"level", "modality", "organization"} <= set(found["filters"])
    # Facet values are ids (the search page shows their labels as text; see test_hostile_site.py).
    assert "5-fully-open" in found["filters"]["level"] and "bigscience" in found["filters"]["organization"]
    catalog = json.loads((real_site / "data/catalog.json").read_text(encoding="utf-8"))
    fully_open = {s["id"] for s in catalog["systems"] if s["derived"]["level_now"] == "fully-open"}
    shown = {url.strip("/").split("/")[1] for url in found["urls"]}
    assert shown and shown <= fully_open


def test_the_facet_panel_shows_labels_in_place_of_ids(browser: Any, real_site: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(serve(real_site) + "search/?q=model")
    wait_for_facets(page)
    labels = page.locator(".pagefind-ui__filter-label").all_text_contents()  # the panels start closed
    context.close()
    assert any(label.startswith("Fully open") for label in labels)
    assert any(label.startswith("BigScience Workshop") for label in labels)
    assert not any(label.startswith("5-fully-open") for label in labels)
    levels = [label.rsplit(" (", 1)[0] for label in labels[:6] if not label.startswith(("Audio", "Code"))]
    order = ["Fully closed", "Gradual or staged", "Hosted", "Cloud-based or API", "Downloadable", "Fully open"]
    assert levels == [level for level in order if level in levels]  # the gradient's order


def test_facet_options_that_no_result_has_are_hidden(browser: Any, real_site: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(serve(real_site) + "search/?q=Craiyon")  # one system: most facet options have no result
    wait_for_facets(page)
    page.wait_for_timeout(500)
    for block in page.locator("details.pagefind-ui__filter-block").all():
        block.evaluate("(el) => { el.open = true; }")
    options = page.locator(".pagefind-ui__filter-value")
    shown = [t for t, v in zip(options.all_text_contents(), [o.is_visible() for o in options.all()], strict=True) if v]
    hidden = [
        t for t, v in zip(options.all_text_contents(), [o.is_visible() for o in options.all()], strict=True) if not v
    ]
    context.close()
    assert shown and not any(t.strip().endswith("(0)") for t in shown), shown
    assert hidden and all(t.strip().endswith("(0)") for t in hidden), hidden


def test_facet_state_is_kept_in_the_address(browser: Any, real_site: Path) -> None:
    base = serve(real_site)
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "search/?q=model&level=5-fully-open")
    wait_for_facets(page)
    page.wait_for_timeout(500)
    checked = page.locator("input.pagefind-ui__filter-checkbox:checked").evaluate_all("els => els.map(e => e.value)")
    assert checked == ["5-fully-open"]
    page.locator("input.pagefind-ui__filter-checkbox[name=modality][value=text]").evaluate("(box) => box.click()")
    page.wait_for_timeout(300)
    url = page.url
    context.close()
    assert "level=5-fully-open" in url and "modality=text" in url and "q=model" in url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_a_search_with_every_facet_open(browser: Any, real_site: Path, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(serve(real_site) + "search/?q=model")
    wait_for_facets(page)
    for block in page.locator("details.pagefind-ui__filter-block").all():
        block.evaluate("(el) => { el.open = true; }")
    page.wait_for_timeout(300)
    violations = axe_violations(page)
    context.close()
    assert violations == [], violations
