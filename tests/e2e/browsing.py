"""Shared by the /systems/ and /compare/ browser tests: a browser context that records every console
error, failed request and request to another host, and the catalog's own numbers (read from the built
catalog.json) to check pages against.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from axe_playwright_python.sync_playwright import Axe


@dataclass
class Tab:
    """A page in its own browser context, with every console error, page error, failed request and request
    beyond the site (a page must not reach other hosts: fonts, stats, trackers)."""

    page: Any
    problems: list[str] = field(default_factory=list)


@contextmanager
def open_tab(browser: Any, url: str, *, javascript: bool = True, scheme: str = "light") -> Iterator[Tab]:
    """Open a URL in a fresh context (JavaScript on or off) and record what goes wrong while it is used."""
    context = browser.new_context(java_script_enabled=javascript, color_scheme=scheme)
    page = context.new_page()
    tab = Tab(page)
    page.on("console", lambda m: tab.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: tab.problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: tab.problems.append(f"failed: {r.url}"))
    page.on("response", lambda r: tab.problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    origin = "/".join(url.split("/", 3)[:3]) + "/"
    page.on("request", lambda r: None if r.url.startswith(origin) else tab.problems.append(f"outside: {r.url}"))
    try:
        page.goto(url, wait_until="load")  # scripts have run; "networkidle" would add half a second and flake
        yield tab
    finally:
        context.close()


def axe_violations(page: Any) -> list[tuple[str, list[Any]]]:
    """axe-core's violations on the page as it is now: rule id and the first few offending nodes."""
    violations = Axe().run(page).response["violations"]
    return [(v["id"], [n["target"] for n in v["nodes"]][:5]) for v in violations]


def catalog_systems(site: Path) -> list[dict[str, Any]]:
    """Every system of the built site's catalog.json."""
    systems: list[dict[str, Any]] = json.loads((site / "data" / "catalog.json").read_text(encoding="utf-8"))["systems"]
    return systems


FACETS = ("level", "modality", "organization")
"""The search page's filter groups (site_templates/partials/search_facets.html)."""


def wait_for_facets(page: Any, timeout: int = 60_000) -> None:
    """Wait until the search page's filter panel holds every facet group, each relabelled by our script.
    Pagefind's interface adds the groups one by one as their filter files arrive: waiting for the first
    checkbox alone let tests read a panel with one group in it when the machine was busy, and with the rest
    of the slow tier building sites on the other core a group took over 20 s to appear in some runs."""
    for name in FACETS:
        selector = f"input.pagefind-ui__filter-checkbox[name={name}][data-gr-labelled]"
        page.wait_for_selector(selector, state="attached", timeout=timeout)
