"""Search in a real browser: the header box and the search page find systems in the fixture catalog."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.conftest import PROJECT_ROOT, build_site, serve


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    site = build_site(PROJECT_ROOT / "tests/fixtures/catalog", tmp_path_factory.mktemp("search-site"))
    return serve(site)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()


def test_pagefind_is_not_loaded_until_someone_searches(page: Any, base_url: str) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(base_url + "systems/aurora/")
    page.wait_for_load_state("networkidle")  # the point: nothing more is fetched once the page is idle
    assert not [url for url in fetched if "/pagefind/" in url]
    page.fill("#gr-search-q", "staged")
    page.wait_for_selector(".gr-search-box__result")
    assert [url for url in fetched if url.endswith("/pagefind/pagefind.js")]


def test_header_box_shows_matching_systems_as_links(page: Any, base_url: str) -> None:
    page.goto(base_url + "systems/cirrus/")
    page.fill("#gr-search-q", "borealis")
    page.wait_for_selector(".gr-search-box__result")
    hrefs = [a.get_attribute("href") for a in page.query_selector_all(".gr-search-box__result")]
    assert "/systems/borealis/" in hrefs
    page.click(".gr-search-box__result[href='/systems/borealis/']")
    page.wait_for_url("**/systems/borealis/")
    assert page.inner_text("h1") == "Borealis"


def test_search_page_runs_the_query_from_the_address(page: Any, base_url: str) -> None:
    page.goto(base_url + "search/?q=aurora")
    page.wait_for_selector(".pagefind-ui__result-link")
    hrefs = [a.get_attribute("href") for a in page.query_selector_all(".pagefind-ui__result-link")]
    assert hrefs[0] == "/systems/aurora/"  # the system's own page first, its model card (weighted down) after
    assert "/systems/aurora/card/" in hrefs
    assert not {"/systems/", "/changes/", "/data/coverage/"} & set(hrefs)  # listings stay out of the index


def test_enter_in_the_header_box_opens_the_search_page(page: Any, base_url: str) -> None:
    page.goto(base_url)
    page.fill("#gr-search-q", "cirrus")
    page.press("#gr-search-q", "Enter")
    page.wait_for_url("**/search/?q=cirrus")
    page.wait_for_selector(".pagefind-ui__result-link")
    assert "/systems/cirrus/" in {a.get_attribute("href") for a in page.query_selector_all(".pagefind-ui__result-link")}
