"""A site built from a catalog seeded with every free-text attack of the hostile corpus, loaded page by
page in headless Chromium: no script of a contributor ever runs in a reader's browser."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from hostile.corpus import ESCAPED

from e2e.browsing import wait_for_facets
from e2e.conftest import PROJECT_ROOT, build_site, serve

FIXTURE_CATALOG = PROJECT_ROOT / "tests/fixtures/catalog"
_THEME_REPOSITORY_API = "api.github.com"

# What the payloads would leave in the DOM if any of them got through (see tests/hostile/files/text-*.yaml).
_INJECTED = """() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    const tag = el.tagName.toLowerCase();
    if (tag === "pwned-el" || tag === "iframe" || tag === "img" && el.getAttribute("src") === "x") found.push(tag);
    for (const attr of el.getAttributeNames()) {
      if (attr.startsWith("on") || attr === "data-pwned") found.push(`${tag}[${attr}]`);
    }
    const data = /json/.test(el.type);  // JSON-LD is data, never run
    if (tag === "script" && !el.src && !data && el.textContent.includes("alert(")) found.push("script with alert(");
  }
  return found;
}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    catalog = tmp_path_factory.mktemp("hostile") / "catalog"
    shutil.copytree(FIXTURE_CATALOG, catalog)
    for case in ESCAPED:
        case.place(catalog)
    return Path(build_site(catalog, tmp_path_factory.mktemp("hostile-site")))


def html_pages(site: Path) -> Iterator[Path]:
    yield from sorted(site.rglob("*.html"))


def test_every_text_attack_gets_its_own_pages(hostile_site: Path) -> None:
    for case in ESCAPED:
        if case.file.endswith(".yaml"):
            assert (hostile_site / "systems" / case.name / "index.html").is_file(), case.name
            assert (hostile_site / "systems" / case.name / "card" / "index.html").is_file(), case.name


def test_only_http_links_are_emitted_and_external_ones_are_isolated(hostile_site: Path) -> None:
    problems = []
    for file in html_pages(hostile_site):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(href=True) + soup.find_all(src=True):
            url = element.get("href") or element.get("src")
            scheme = urlsplit(url.strip()).scheme.lower()
            if scheme not in ("", "http", "https"):
                problems.append(f"{file.relative_to(hostile_site)}: {element.name} links to {url!r}")
            if element.name == "a" and scheme in ("http", "https"):
                rel = set(element.get("rel") or [])
                if not {"noopener", "noreferrer"} <= rel:
                    problems.append(f"{file.relative_to(hostile_site)}: external link {url!r} has rel={sorted(rel)}")
    assert not problems, "\n".join(problems[:20])


def test_no_payload_runs_or_lands_in_the_dom_of_any_page(hostile_site: Path, browser: object) -> None:
    base = serve(hostile_site)
    context = browser.new_context()  # type: ignore[attr-defined]
    dialogs: list[str] = []
    foreign: list[str] = []
    context.route(lambda url: not url.startswith(base), lambda route: route.abort())  # stay offline
    page = context.new_page()

    def dismiss(dialog: Any) -> None:
        dialogs.append(f"{page.url}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.on("request", lambda request: None if request.url.startswith(base) else foreign.append(request.url))
    injected: list[str] = []
    visited = 0
    for file in html_pages(hostile_site):
        url = base + file.relative_to(hostile_site).as_posix()
        page.goto(url, wait_until="load")
        page.hover("body")
        page.keyboard.press("Tab")
        injected.extend(f"{url}: {item}" for item in page.evaluate(_INJECTED))
        visited += 1
    context.close()
    assert visited > 2 * len(ESCAPED)
    assert not dialogs, dialogs
    assert not injected, injected[:20]
    # The only requests leaving the site are the theme's look-ups of the repository's star count.
    assert {urlsplit(url).scheme for url in foreign} <= {"https"}, foreign
    assert {urlsplit(url).hostname for url in foreign} <= {_THEME_REPOSITORY_API}, foreign


def test_payloads_show_as_the_text_the_contributor_wrote(hostile_site: Path, browser: object) -> None:
    base = serve(hostile_site)
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(base + "systems/text-script/")
    payload = '<script>alert("text-script")</script><pwned-el></pwned-el>'
    assert page.locator("h1").inner_text() == payload
    assert page.title() == f"{payload} - Gradient"
    page.goto(base + "systems/text-entities/")
    assert "&lt;img src=x onerror=alert(1) data-pwned=1&gt;" in page.locator("article").inner_text()
    page.goto(base + "systems/text-template-syntax/")
    assert "{{ 7*7 }} {% if true %}x{% endif %}" in page.locator("article").inner_text()
    page.close()


def test_search_with_a_query_and_every_facet_open_runs_no_payload(hostile_site: Path, browser: object) -> None:
    """Pagefind's filter panel inserts filter values as HTML: values must be ids, shown as labels by text."""
    base = serve(hostile_site)
    context = browser.new_context()  # type: ignore[attr-defined]
    context.route(lambda url: not url.startswith(base), lambda route: route.abort())
    page = context.new_page()
    dialogs: list[str] = []

    def dismiss(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.goto(base + "search/?q=model", wait_until="load")
    page.wait_for_selector(".pagefind-ui__result", timeout=20_000)
    wait_for_facets(page)
    for block in page.locator("details.pagefind-ui__filter-block").all():
        block.evaluate("(el) => { el.open = true; }")
    for box in page.locator("input.pagefind-ui__filter-checkbox").all():
        box.check(force=True)
        page.wait_for_timeout(50)
        box.uncheck(force=True)
    injected = page.evaluate(_INJECTED)
    labels = page.locator(".pagefind-ui__filter-panel").inner_text()
    values = page.locator("input.pagefind-ui__filter-checkbox").evaluate_all("(els) => els.map((e) => e.value)")
    context.close()
    assert not dialogs, dialogs
    assert not injected, injected
    assert "<img src=x onerror=alert(1) data-pwned=1>" in labels  # the organization's name, as text
    assert "hostile-org" in values and all(v == v.lower() and " " not in v for v in values)
