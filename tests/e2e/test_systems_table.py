"""A reader on /systems/ in headless Chromium, on the built bundled catalog: filtering, sorting, linking a
filtered view, picking systems to compare, and the same table without JavaScript."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from e2e.browsing import axe_violations, catalog_systems, open_tab
from e2e.conftest import serve

SYSTEMS = "systems/"


Systems = list[dict[str, Any]]
"""The catalog's systems as /data/catalog.json lists them."""


@pytest.fixture(scope="module")
def site_url(real_site: Path) -> str:
    return str(serve(real_site))


@pytest.fixture(scope="module")
def systems(real_site: Path) -> Systems:
    found: Systems = catalog_systems(real_site)
    return found


def shown_ids(page: Any) -> list[str]:
    """Ids of the rows a reader sees, top to bottom."""
    ids: list[str] = page.eval_on_selector_all(
        "#systems-table tbody tr", "rows => rows.filter(r => !r.hidden).map(r => r.dataset.id)"
    )
    return ids


def expect_query(page: Any, query: str) -> None:
    """Wait until the page's address ends with exactly this query ("" for none); the script writes it after
    the rows are updated."""
    expect(page).to_have_url(re.compile(r"/systems/" + re.escape(f"?{query}" if query else "") + "$"))


def test_filtering_by_level_updates_the_url_the_rows_and_the_count(
    browser: Any, site_url: str, systems: list[dict[str, Any]]
) -> None:
    expected = sorted(s["id"] for s in systems if s["derived"]["level_now"] == "api")
    assert 0 < len(expected) < len(systems)
    with open_tab(browser, site_url + SYSTEMS) as tab:
        tab.page.get_by_label("Level now").select_option("api")
        expect_query(tab.page, "level=api")
        assert sorted(shown_ids(tab.page)) == expected
        expect(tab.page.locator("#systems-count")).to_have_text(f"Showing {len(expected)} of {len(systems)} systems")
        assert tab.problems == []


def test_loading_a_filtered_url_restores_filters_and_sort(
    browser: Any, site_url: str, systems: list[dict[str, Any]]
) -> None:
    expected = [
        s for s in systems if s["derived"]["level_now"] == "downloadable" and "text" in s["modalities"]["output"]
    ]
    assert len(expected) > 2

    def first_public(s: dict[str, Any]) -> str:  # the announcement, or the first event when it is not recorded
        return str(s["announced"] if s["announced"][:1].isdigit() else s["placements"][0]["date"])

    newest_first = [s["id"] for s in sorted(expected, key=lambda s: (first_public(s), s["name"]), reverse=True)]
    with open_tab(browser, site_url + SYSTEMS + "?level=downloadable&modality=text&sort=-announced") as tab:
        page = tab.page
        expect(page.get_by_label("Level now")).to_have_value("downloadable")
        expect(page.get_by_label("Output modality")).to_have_value("text")
        expect(page.locator("th[data-sort=announced]")).to_have_attribute("aria-sort", "descending")
        assert shown_ids(page)[0] == newest_first[0]
        assert sorted(shown_ids(page)) == sorted(newest_first)
        assert tab.problems == []


def test_clicking_a_header_sorts_ascending_then_descending(
    browser: Any, site_url: str, systems: list[dict[str, Any]]
) -> None:
    ranks = {"fully-closed": 0, "staged": 1, "hosted": 2, "api": 3, "downloadable": 4, "fully-open": 5}
    with open_tab(browser, site_url + SYSTEMS) as tab:
        page = tab.page
        header = page.locator("th[data-sort=level-now]")
        header.get_by_role("button").click()
        expect(header).to_have_attribute("aria-sort", "ascending")
        expect_query(page, "sort=level-now")
        level = {s["id"]: ranks[s["derived"]["level_now"]] for s in systems}
        ascending = [level[i] for i in shown_ids(page)]
        assert ascending == sorted(ascending) and ascending[0] < ascending[-1]
        header.get_by_role("button").click()
        expect(header).to_have_attribute("aria-sort", "descending")
        expect_query(page, "sort=-level-now")
        assert [level[i] for i in shown_ids(page)] == sorted(ascending, reverse=True)
        assert page.locator("th[aria-sort]").count() == 1
        assert tab.problems == []


def test_search_matches_name_alias_or_developer_and_is_kept_in_url(
    browser: Any, site_url: str, systems: list[dict[str, Any]]
) -> None:
    expected = sorted(s["id"] for s in systems if any(d["id"] == "eleutherai" for d in s["developers"]))
    assert len(expected) > 1
    with open_tab(browser, site_url + SYSTEMS) as tab:
        page = tab.page
        page.get_by_label("Name or developer").fill("Eleuther")
        expect_query(page, "q=Eleuther")
        assert sorted(shown_ids(page)) == expected
        page.get_by_label("Name or developer").fill("codellama")
        expect_query(page, "q=codellama")
        assert shown_ids(page) == ["code-llama"]
        assert tab.problems == []


def test_clear_filters_shows_every_system_and_empties_the_query(
    browser: Any, site_url: str, systems: list[dict[str, Any]]
) -> None:
    with open_tab(browser, site_url + SYSTEMS + "?weights=released&year=2023") as tab:
        page = tab.page
        assert 0 < len(shown_ids(page)) < len(systems)
        page.get_by_role("button", name="Clear filters").click()
        expect(page.locator("#systems-count")).to_have_text(f"Showing all {len(systems)} systems")
        assert len(shown_ids(page)) == len(systems)
        expect_query(page, "")
        assert tab.problems == []


def test_a_filter_that_matches_nothing_says_so(browser: Any, site_url: str, systems: Systems) -> None:
    def year_of(system: dict[str, Any]) -> str:  # announced, or the first event when no source gives it
        return str(system["announced"] if system["announced"][:1].isdigit() else system["placements"][0]["date"])[:4]

    levels = {s["derived"]["level_now"] for s in systems}
    years = {year_of(s) for s in systems}
    taken = {(s["derived"]["level_now"], year_of(s)) for s in systems}
    level, year = min((level, year) for level in levels for year in years if (level, year) not in taken)
    with open_tab(browser, site_url + SYSTEMS + f"?level={level}&year={year}") as tab:
        assert shown_ids(tab.page) == []
        expect(tab.page.locator("#systems-empty")).to_be_visible()
        expect(tab.page.locator("#systems-count")).to_contain_text("Showing 0 of")


def test_compare_selected_opens_the_compare_page_with_the_ticked_systems(browser: Any, site_url: str) -> None:
    with open_tab(browser, site_url + SYSTEMS) as tab:
        page = tab.page
        button = page.get_by_role("button", name="Compare selected")
        expect(button).to_be_disabled()
        page.get_by_role("checkbox", name="Compare GPT-2").check()
        page.get_by_role("checkbox", name="Compare GPT-4", exact=True).check()
        button.click()
        page.wait_for_url("**/compare/?systems=gpt-2,gpt-4")
        expect(page.locator("#compare-result th a")).to_have_text(["GPT-2", "GPT-4"] * 5)
        assert tab.problems == []


def test_at_most_four_systems_can_be_ticked(browser: Any, site_url: str) -> None:
    with open_tab(browser, site_url + SYSTEMS) as tab:
        boxes = tab.page.locator("#systems-table tbody input[type=checkbox]")
        for n in range(4):
            boxes.nth(n).check()
        expect(boxes.nth(4)).to_be_disabled()
        boxes.nth(0).uncheck()
        expect(boxes.nth(4)).to_be_enabled()


def test_without_javascript_the_table_lists_every_system(
    browser: Any, site_url: str, systems: list[dict[str, Any]]
) -> None:
    with open_tab(browser, site_url + SYSTEMS + "?level=api", javascript=False) as tab:
        page = tab.page
        rows = page.locator("#systems-table tbody tr")
        expect(rows).to_have_count(len(systems))
        assert sorted(shown_ids(page)) == sorted(s["id"] for s in systems)
        names = rows.locator("th a").all_inner_texts()
        assert sorted(names) == sorted(s["name"] for s in systems)
        headers = [h.strip() for h in page.locator("#systems-table thead th").all_text_contents()]
        assert headers == [
            "System",
            "Developer",
            "Modality",
            "Announced",
            "Level now",
            "At announcement",
            "Weights",
            "Licence",
            "Guardrails",
        ]
        expect(page.locator("#systems-filters")).to_be_hidden()
        expect(page.get_by_role("button", name="Compare selected")).to_be_hidden()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_a_filtered_sorted_table(browser: Any, site_url: str, scheme: str) -> None:
    with open_tab(browser, site_url + SYSTEMS + "?modality=image&sort=-announced", scheme=scheme) as tab:
        tab.page.get_by_role("checkbox").first.check()
        assert axe_violations(tab.page) == []
        assert tab.problems == []


def test_on_a_phone_each_system_is_a_labelled_card_and_sorting_stays(
    site_url: str, browser: Any, systems: list[dict[str, Any]]
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + SYSTEMS)
    page.wait_for_selector("#systems-filters:not([hidden])")
    first = page.locator("#systems-table tbody tr").first
    visible = first.locator("td:visible")
    labels = visible.evaluate_all(
        "cells => cells.filter(c => !c.classList.contains('gr-select-col'))"
        ".map(c => getComputedStyle(c, '::before').content)"
    )
    assert labels and all(label not in ("none", "normal", '""') for label in labels), labels
    assert '"Level now: "' in labels and '"At announcement: "' in labels
    assert page.locator("#systems-table thead").is_hidden()
    page.select_option("#systems-sort", "-announced")
    expect_query(page, "sort=-announced")
    dates = page.eval_on_selector_all(
        "#systems-table tbody tr",
        "rows => rows.slice(0, 5).map(r => r.querySelector('td[data-label=Announced]').dataset.value)",
    )
    assert dates == sorted(dates, reverse=True)
    height = page.evaluate("document.documentElement.scrollHeight")
    context.close()
    assert height < 120 * len(systems), height  # a compact card: under 120 px a system (was about 180)


def test_download_gives_the_rows_and_columns_shown_with_metadata(site_url: str, browser: Any, tmp_path: Path) -> None:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(site_url + SYSTEMS + "?level=fully-open&sort=-announced")
    page.wait_for_selector("#systems-filters:not([hidden])")
    shown = shown_ids(page)
    downloads: dict[str, str] = {}
    page.on("download", lambda d: downloads.__setitem__(d.suggested_filename, Path(d.path()).read_text("utf-8")))
    page.click("#download-json")
    page.click("#download-csv")
    page.wait_for_timeout(1000)
    context.close()
    assert set(downloads) == {"gradient-systems.json", "gradient-systems.json.meta.json",
                              "gradient-systems.csv", "gradient-systems.csv.json"}  # fmt: skip
    data = json.loads(downloads["gradient-systems.json"])
    csv_text = downloads["gradient-systems.csv"]
    meta = json.loads(downloads["gradient-systems.csv.json"])
    assert meta["licence"] == "CC-BY-4.0" and meta["rows"] == len(shown) and "level=fully-open" in meta["source"]
    assert [row["id"] for row in data] == shown and len(shown) > 2
    assert set(data[0]) == {"id", "url", "System", "Developer", "Modality", "Announced", "Level now",
                            "At announcement", "Weights", "Licence", "Guardrails"}  # fmt: skip
    assert all(row["Level now"] == "Fully open" for row in data)
    lines = csv_text.splitlines()
    assert lines[0].startswith('"id","url","System"') and len(lines) == len(shown) + 1
