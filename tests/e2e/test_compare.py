"""A reader on /compare/ in headless Chromium: systems side by side from their JSON twins, differences
marked in text, the picker kept in the URL, data shown as text only, and a useful page without JavaScript."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from e2e.browsing import axe_violations, catalog_systems, open_tab
from e2e.conftest import build_site, serve
from generator.core.vocab import vocabulary

COMPARE = "compare/"
FIXTURE_CATALOG = Path(__file__).resolve().parents[1] / "fixtures" / "catalog"
HOSTILE = '<img src=x onerror="window.pwned=1">'


@pytest.fixture(scope="module")
def site_url(real_site: Path) -> str:
    return str(serve(real_site))


def field_row(page: Any, section: str, field: str) -> Any:
    """The row of one field in one section of the comparison."""
    table = page.locator(f"section:has(h2#compare-{section}) table")
    return table.locator("tbody tr").filter(has=page.locator("th .gr-compare-field", has_text=field)).first


@pytest.fixture(scope="module")
def records(real_site: Path) -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in catalog_systems(real_site)}


def label(vocabulary_name: str, term_id: str) -> str:
    return vocabulary(vocabulary_name)[term_id].label


def test_rows_that_differ_are_marked_in_text_and_rows_that_agree_are_not(
    browser: Any, site_url: str, records: dict[str, dict[str, Any]]
) -> None:
    gpt2, gpt4 = records["gpt-2"]["derived"], records["gpt-4"]["derived"]
    assert gpt2["level_now"] != gpt4["level_now"]
    with open_tab(browser, site_url + COMPARE + "?systems=gpt-2,gpt-4") as tab:
        page = tab.page
        level = field_row(page, "overview", "Level now")
        expect(level).to_have_class("gr-differs")
        expected = [label("levels", gpt2["level_now"]), label("levels", gpt4["level_now"])]
        expect(level.locator("td")).to_have_text(expected)
        expect(level.locator("th")).to_contain_text("Differs")
        developers = field_row(page, "overview", "Developers")
        expect(developers.locator("td")).to_have_text(["OpenAI", "OpenAI"])
        expect(developers).not_to_have_class("gr-differs")
        assert "Differs" not in developers.locator("th").inner_text()
        assert tab.problems == []


def test_components_show_status_and_licence(browser: Any, site_url: str, records: dict[str, dict[str, Any]]) -> None:
    weights = records["gpt-2"]["components"]["weights"]
    assert weights["license"] == "MIT"
    with open_tab(browser, site_url + COMPARE + "?systems=gpt-2,gpt-4") as tab:
        cell = field_row(tab.page, "components", "Weights").locator("td").first
        expect(cell).to_have_text(label("component-statuses", weights["status"]) + " · MIT")


def test_level_history_lists_every_event_and_when_each_level_was_reached(
    browser: Any, site_url: str, records: dict[str, dict[str, Any]]
) -> None:
    placements = records["gpt-2"]["placements"]
    first = placements[0]
    downloadable = next(p["date"] for p in placements if p["level"] == "downloadable")
    with open_tab(browser, site_url + COMPARE + "?systems=gpt-2,stable-diffusion-v1") as tab:
        page = tab.page
        expect(page.locator("#compare-result h2")).to_have_text(
            ["Level history, aligned in time", "Overview", "Level history", "Components", "Access", "Guardrails"]
        )
        strips = page.locator(".gr-strip:not(.gr-strip--axis)")
        expect(strips).to_have_count(2)
        steps = strips.first.locator(".gr-strip__step")
        expect(steps).to_have_count(len(placements))
        expect(steps.last).to_have_class(re.compile(r"gr-level--downloadable"))
        events = field_row(page, "levels", "Events").locator("td").first.locator("li")
        expect(events).to_have_count(len(placements))
        expect(events.first).to_have_text(
            f"{first['date']} · {label('event-types', first['event'])} → {label('levels', first['level'])} "
            f"({label('channels', first['channel'])})"
        )
        expect(field_row(page, "levels", "First at Downloadable").locator("td").first).to_have_text(downloadable)
        expect(field_row(page, "levels", "First at Fully open").locator("td").first).to_have_text("Never")
        assert tab.problems == []


def test_the_picker_adds_and_removes_systems_and_keeps_them_in_the_url(browser: Any, site_url: str) -> None:
    with open_tab(browser, site_url + COMPARE + "?systems=gpt-2") as tab:
        page = tab.page
        expect(page.locator("#compare-status")).to_contain_text("Add another system")
        page.get_by_label("Add a system").select_option(label="Whisper")
        page.get_by_role("button", name="Add", exact=True).click()
        expect(page.locator("section:has(#compare-overview) thead th a")).to_have_text(["GPT-2", "Whisper"])
        assert parse_qs(urlsplit(page.url).query) == {"systems": ["gpt-2,whisper"]}
        page.get_by_role("button", name="Remove GPT-2 from the comparison").click()
        expect(page.locator("section:has(#compare-overview) thead th a")).to_have_text(["Whisper"])
        assert parse_qs(urlsplit(page.url).query) == {"systems": ["whisper"]}
        assert tab.problems == []


def test_unknown_ids_are_reported_and_left_out(browser: Any, site_url: str) -> None:
    with open_tab(browser, site_url + COMPARE + "?systems=gpt-2,no-such-system,gpt-4") as tab:
        page = tab.page
        expect(page.locator("#compare-status")).to_contain_text("Unknown system id: no-such-system")
        expect(page.locator("section:has(#compare-overview) thead th a")).to_have_text(["GPT-2", "GPT-4"])
        assert parse_qs(urlsplit(page.url).query) == {"systems": ["gpt-2,gpt-4"]}
        assert tab.problems == []


def test_only_differences_hides_rows_that_agree(browser: Any, site_url: str) -> None:
    with open_tab(browser, site_url + COMPARE + "?systems=gpt-2,gpt-4") as tab:
        page = tab.page
        developers = field_row(page, "overview", "Developers")
        expect(developers).to_be_visible()
        page.get_by_label("Show only rows that differ").check()
        expect(developers).to_be_hidden()
        expect(field_row(page, "overview", "Level now")).to_be_visible()


def test_without_javascript_the_page_explains_itself_and_links_examples(browser: Any, site_url: str) -> None:
    with open_tab(browser, site_url + COMPARE, javascript=False) as tab:
        page = tab.page
        expect(page.locator("#compare-app")).to_be_hidden()
        expect(page.get_by_role("heading", name="How to use it")).to_be_visible()
        examples = page.locator(".gr-compare-examples a")
        assert examples.count() >= 3
        for href in examples.evaluate_all("links => links.map(a => a.href)"):
            ids = parse_qs(urlsplit(href).query)["systems"][0].split(",")
            assert urlsplit(href).path.endswith("/compare/") and len(ids) == 2 and ids[0] != ids[1]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_a_comparison(browser: Any, site_url: str, scheme: str) -> None:
    with open_tab(browser, site_url + COMPARE + "?systems=gpt-2,gpt-4,stable-diffusion-v1", scheme=scheme) as tab:
        expect(tab.page.locator("#compare-result h2").first).to_have_text("Level history, aligned in time")
        assert axe_violations(tab.page) == []
        assert tab.problems == []


def test_axe_finds_no_violations_on_the_empty_compare_page(browser: Any, site_url: str) -> None:
    with open_tab(browser, site_url + COMPARE) as tab:
        expect(tab.page.locator("#compare-status")).to_contain_text("No systems chosen yet")
        assert axe_violations(tab.page) == []
        assert tab.problems == []


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture catalog with markup in a system's name and in an access value."""
    catalog = tmp_path_factory.mktemp("hostile") / "catalog"
    shutil.copytree(FIXTURE_CATALOG, catalog)
    aurora = catalog / "systems" / "aurora.yaml"
    text = aurora.read_text(encoding="utf-8")
    text = text.replace("name: Aurora\n", f"name: 'Aurora {HOSTILE}'\n", 1)
    text = text.replace('hardware: {value: "One 40 GB GPU"', f"hardware: {{value: '{HOSTILE}'", 1)
    aurora.write_text(text, encoding="utf-8")
    return Path(build_site(catalog, tmp_path_factory.mktemp("hostile-site")))


def test_catalog_data_is_shown_as_text_never_as_markup(browser: Any, hostile_site: Path) -> None:
    with open_tab(browser, serve(hostile_site) + COMPARE + "?systems=aurora,borealis") as tab:
        page = tab.page
        expect(page.locator("section:has(#compare-overview) thead th a").first).to_have_text(f"Aurora {HOSTILE}")
        expect(field_row(page, "access", "Hardware").locator("td").first).to_have_text(HOSTILE)
        assert page.locator("#compare-result img").count() == 0
        assert page.evaluate("window.pwned") is None
        assert tab.problems == []


def test_who_and_when_are_not_marked_as_differences(browser: Any, site_url: str) -> None:
    """Developers and announcement dates nearly always differ; marking them would drown the differences in
    release and access that the page is for."""
    with open_tab(browser, site_url + COMPARE + "?systems=gpt-2,llama-2") as tab:
        page = tab.page
        developers = field_row(page, "overview", "Developers")
        expect(developers.locator("td")).to_have_text(["OpenAI", re.compile("Meta")])
        expect(developers).not_to_have_class("gr-differs")
        expect(field_row(page, "overview", "Announced")).not_to_have_class("gr-differs")
        expect(field_row(page, "overview", "Level at announcement")).to_have_class("gr-differs")
