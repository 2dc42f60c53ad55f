"""A reader on a system page and its card page, in headless Chromium on the built bundled catalog.

GPT-2 is the reference entry: announced as a staged release in February 2019, downloadable since
November 2019. Pages load nothing from other hosts except the repository facts Material's header
fetches from GitHub's API; that one request is answered locally so tests run offline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from bibtexparser.entrypoint import parse_string

from e2e.conftest import serve

GITHUB_API = re.compile(r"^https://api\.github\.com/repos/")
SYSTEM = "systems/gpt-2/"
CARD = "systems/gpt-2/card/"


@pytest.fixture(scope="module")
def site_url(real_site: Path) -> str:
    return str(serve(real_site))


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    """A light-mode browser context that may use the clipboard and answers GitHub's API offline."""
    ctx = browser.new_context(color_scheme="light", permissions=["clipboard-read", "clipboard-write"])
    ctx.route(GITHUB_API, lambda route: route.fulfill(json={"stargazers_count": 1, "forks_count": 0}))
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: Any) -> Any:
    return context.new_page()


def settle(page: Any) -> None:
    """Wait for Material's transitions (tabs fading in, palette switch) to finish, so colours are final."""
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")


def open_page(page: Any, site_url: str, path: str) -> Any:
    page.goto(site_url + path, wait_until="load")
    settle(page)
    return page


def test_gpt2_access_card_shows_downloadable_now_and_staged_at_announcement(page: Any, site_url: str) -> None:
    open_page(page, site_url, SYSTEM)
    card = page.locator(".gr-access-card")
    assert card.locator("[data-level-now]").inner_text() == "Downloadable"
    assert "staged" in card.locator("[data-level-announced]").inner_text().lower()
    bar = card.locator(".gr-bar")
    assert "Downloadable" in bar.locator(".is-now").inner_text()
    assert "staged" in bar.locator(".is-announced").inner_text().lower()
    assert bar.locator(".is-now .gr-bar__mark").inner_text().lower() == "now"


def test_links_in_running_text_are_underlined_but_bar_steps_and_buttons_are_not(page: Any, site_url: str) -> None:
    open_page(page, site_url, SYSTEM)

    def decoration(selector: str) -> str:
        return str(page.locator(selector).first.evaluate("e => getComputedStyle(e).textDecorationLine"))

    assert decoration("ol.gr-sources a") == "underline"
    assert decoration(".gr-timeline .gr-help a, .gr-page > .gr-help a") == "underline"
    assert decoration(".gr-bar a") == "none"
    assert decoration(".gr-actions a") == "none"
    assert decoration(".gr-cite .tabbed-labels a") == "none"


@pytest.mark.parametrize("path", [SYSTEM, CARD])
def test_every_footnote_reference_resolves_to_a_listed_source(page: Any, site_url: str, path: str) -> None:
    open_page(page, site_url, path)
    targets = page.eval_on_selector_all(
        "a.gr-ref",
        """refs => refs.map(a => {
            const target = document.getElementById(a.hash.slice(1));
            return {text: a.textContent, inList: !!(target && target.closest('ol.gr-sources')),
                    number: target ? target.value : null};
        })""",
    )
    assert len(targets) >= 5
    for ref in targets:
        assert ref["inList"], ref
        assert ref["text"] == f"[{ref['number']}]"


def test_clicking_a_footnote_scrolls_to_its_source(page: Any, site_url: str) -> None:
    open_page(page, site_url, SYSTEM)
    ref = page.locator(".gr-access-card a.gr-ref").first
    href = ref.get_attribute("href")
    ref.click()
    target = page.locator(":target")
    assert href == "#" + target.get_attribute("id")
    assert target.is_visible()
    assert target.locator("a").first.get_attribute("href").startswith("https://")


def test_bibtex_copy_button_puts_parseable_bibtex_on_the_clipboard(page: Any, site_url: str) -> None:
    open_page(page, site_url, SYSTEM)
    block = page.locator(".gr-cite__bibtex")
    block.hover()
    block.get_by_title("Copy to clipboard").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    library = parse_string(copied)
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.key == "gradient-gpt-2"
    assert entry.entry_type == "misc"
    assert entry["url"] == page.locator(".gr-stable-url").inner_text()
    assert entry["url"].endswith("/systems/gpt-2/")
    assert "GPT-2" in entry["title"]


def test_cite_formats_are_tabs(page: Any, site_url: str) -> None:
    open_page(page, site_url, SYSTEM)
    assert page.locator(".gr-cite__bibtex").is_visible()
    assert not page.locator(".gr-cite__apa").is_visible()
    page.locator(".gr-cite .tabbed-labels label", has_text="APA").click()
    assert page.locator(".gr-cite__apa").is_visible()
    assert re.search(r"\(\d{4}, [A-Z][a-z]+ \d{1,2}\)\. GPT-2", page.locator(".gr-cite__apa").inner_text())


@pytest.mark.parametrize(
    "path", [SYSTEM, CARD, "systems/stable-diffusion-v1/", "systems/chatgpt/", "systems/midjourney/card/"]
)
def test_page_loads_without_console_errors_or_failed_requests(page: Any, site_url: str, path: str) -> None:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    open_page(page, site_url, path)
    assert problems == []
    assert [u for u in requested if not u.startswith(site_url) and not GITHUB_API.match(u)] == []


def switch_to_dark_mode(page: Any) -> None:
    """Use Material's palette toggle in the header, as a reader would."""
    page.locator("form[data-md-component=palette] label:visible").click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    settle(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [SYSTEM, CARD])
def test_axe_finds_no_accessibility_violations(page: Any, site_url: str, path: str, scheme: str) -> None:
    open_page(page, site_url, path)
    if scheme == "dark":
        switch_to_dark_mode(page)
    else:
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    violations = Axe().run(page).response["violations"]
    summary = [(v["id"], [n["target"] for n in v["nodes"]][:5]) for v in violations]
    assert summary == []


def test_dark_mode_follows_the_reader_system_preference(browser: Any, site_url: str) -> None:
    ctx = browser.new_context(color_scheme="dark")
    ctx.route(GITHUB_API, lambda route: route.fulfill(json={}))
    try:
        page = open_page(ctx.new_page(), site_url, SYSTEM)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    finally:
        ctx.close()


def test_print_layout_hides_site_chrome_and_prints_bibtex_and_apa(page: Any, site_url: str) -> None:
    open_page(page, site_url, SYSTEM)
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--secondary").is_visible()
    assert not page.locator(".gr-actions").is_visible()
    assert page.locator(".gr-access-card .gr-bar").is_visible()
    assert page.locator(".gr-cite__bibtex").is_visible()
    assert page.locator(".gr-cite__apa").is_visible()
    assert not page.locator(".gr-cite__csl").is_visible()
    assert page.pdf(format="A4").startswith(b"%PDF")
