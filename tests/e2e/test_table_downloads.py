"""Download what you see on the level and organization pages: each table of systems saves its rows, in the
order shown, with its columns, as CSV and JSON, each with a metadata file, in Chromium on the bundled site."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from e2e.conftest import serve

LEVEL_THEN = "At announcement"


def _downloads(browser: Any, url: str, table: int, tmp_path: Path) -> tuple[list[str], dict[str, str]]:
    """The system ids of the `table`-th downloadable table on the page, and what its two buttons save."""
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(url, wait_until="load")
    shown = (
        page.locator("table[data-download]")
        .nth(table)
        .locator("tbody tr")
        .evaluate_all("rows => rows.map(r => r.getAttribute('data-id'))")
    )
    saved: dict[str, str] = {}
    page.on("download", lambda d: saved.__setitem__(d.suggested_filename, Path(d.path()).read_text("utf-8")))
    bar = page.locator(".gr-download-view").nth(table)
    for label in ("CSV", "JSON"):
        with page.expect_download():
            bar.get_by_role("button", name=label).click()
    page.wait_for_timeout(300)  # the metadata file follows each table file
    context.close()
    return shown, saved


@pytest.mark.parametrize(
    ("path", "table", "name", "columns"),
    [
        (
            "gradient/downloadable/",
            0,
            "gradient-downloadable-now",
            ["System", "Developer", "Announced", "At announcement"],
        ),
        ("organizations/openai/", 0, "gradient-openai-systems", ["Year", "System", LEVEL_THEN, "Now"]),
    ],
)
def test_a_table_of_systems_downloads_as_shown(
    browser: Any, real_site: Path, tmp_path: Path, path: str, table: int, name: str, columns: list[str]
) -> None:
    shown, saved = _downloads(browser, serve(real_site) + path, table, tmp_path)
    assert set(saved) == {f"{name}.csv", f"{name}.csv.json", f"{name}.json", f"{name}.json.meta.json"}
    data = json.loads(saved[f"{name}.json"])
    assert [row["id"] for row in data] == shown and len(shown) >= 3
    assert list(data[0]) == ["id", "url", *columns]
    assert data[0]["url"].endswith(f"/systems/{shown[0]}/")
    rows = list(csv.reader(io.StringIO(saved[f"{name}.csv"])))
    assert rows[0] == ["id", "url", *columns] and [r[0] for r in rows[1:]] == shown
    meta = json.loads(saved[f"{name}.csv.json"])
    assert meta["licence"] == "CC-BY-4.0" and meta["rows"] == len(shown) and meta["source"].endswith(path)
    assert meta["title"].startswith("Gradient: ") and meta["version"]
