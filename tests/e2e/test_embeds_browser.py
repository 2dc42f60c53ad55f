"""Embeds in another site's page: the snippet from GPT-2's page, pasted into a page of another origin, shows
the access card in Chromium without script errors, and axe finds no violation in the embed itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup

from e2e.conftest import serve


def _snippet(site: Path, page: str, base: str) -> str:
    """The snippet as a reader copies it from the page, pointed at the local server instead of the site URL."""
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    iframe = BeautifulSoup(soup.select_one(".gr-embed-snippet code").get_text(), "html.parser").iframe
    iframe["src"] = base + iframe["src"].split("/gradient/", 1)[1]
    return str(iframe)


def test_a_pasted_snippet_shows_the_access_card_in_another_sites_page(real_site: Path, browser: Any) -> None:
    base = serve(real_site)
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    snippet = _snippet(real_site, "systems/gpt-2/index.html", base)
    page.set_content(f"<!doctype html><title>A blog post</title><p>GPT-2 today:</p>{snippet}")
    frame = page.frame_locator("iframe")
    assert frame.locator("[data-level-now]").inner_text() == "Downloadable"
    assert frame.locator(".gr-embed__footer").inner_text().startswith("From Gradient, data version")
    assert page.locator("iframe").bounding_box()["height"] >= 800
    page.close()
    assert not errors, errors


def test_a_chart_embed_draws_its_chart(real_site: Path, browser: Any) -> None:
    base = serve(real_site)
    page = browser.new_page()
    page.set_content(f"<!doctype html><title>A report</title>{_snippet(real_site, 'timeline/index.html', base)}")
    frame = page.frame_locator("iframe")
    assert frame.locator("svg a").count() > 50  # one linked dot per system
    page.close()


def test_axe_finds_no_violations_in_an_embed(real_site: Path, browser: Any) -> None:
    page = browser.new_page()
    page.goto(serve(real_site) + "systems/gpt-2/embed.html")
    results = Axe().run(page)
    page.close()
    assert results.violations_count == 0, results.generate_report()
