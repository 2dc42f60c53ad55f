"""Catalog-wide pages in a real browser: accessibility, the home page's grouping toggle, no console errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import serve

PAGES = ["", "timeline/", "gradient/downloadable/", "organizations/", "guardrails/", "data/", "changes/"]


def _open(browser: Any, url: str, scheme: str = "light") -> tuple[Any, Any, list[str]]:
    context = browser.new_context(color_scheme=scheme)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    outside: list[str] = []
    origin = "/".join(url.split("/", 3)[:3])
    tab.on("request", lambda r: outside.append(r.url) if not r.url.startswith(origin) else None)
    errors.extend(outside)  # a page must not reach beyond the site (fonts, stats, trackers)
    tab.goto(url)
    return context, tab, errors


@pytest.mark.parametrize("path", PAGES)
def test_no_script_errors(browser: Any, real_site: Path, path: str) -> None:
    context, tab, errors = _open(browser, serve(real_site) + path)
    tab.wait_for_load_state("load")
    context.close()
    assert not errors, errors


@pytest.mark.parametrize("path", ["", "timeline/", "gradient/downloadable/", "contribute/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_reports_no_violations(browser: Any, real_site: Path, path: str, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context, tab, _ = _open(browser, serve(real_site) + path, scheme)
    results = Axe().run(tab)
    context.close()
    assert results.violations_count == 0, results.generate_report()


def test_home_groups_by_organization_on_request(browser: Any, real_site: Path) -> None:
    context, tab, _ = _open(browser, serve(real_site))
    by_modality = tab.locator('.gr-gradient__groups[data-grouping="modality"]').first
    by_org = tab.locator('.gr-gradient__groups[data-grouping="organization"]').first
    assert by_modality.is_visible() and not by_org.is_visible()
    tab.get_by_label("organization").check()
    assert by_org.is_visible() and not by_modality.is_visible()
    assert "OpenAI" in tab.locator(".gr-gradient").inner_text()
    context.close()


def test_home_without_javascript_shows_every_system(browser: Any, real_site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(serve(real_site))
    shown = tab.locator('.gr-gradient__groups[data-grouping="modality"] a').count()
    context.close()
    total = len(list((real_site / "systems").glob("*.json")))
    assert shown == total
