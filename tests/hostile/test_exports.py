"""Exports that spreadsheets and reference managers open: no cell runs as a formula, no text starts a row."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from generator.website.export import spreadsheet_safe


@pytest.mark.parametrize(
    "cell",
    ["=1+2", "+1", "-1", "@SUM(A1)", " =1", "\t=1", "\r=1", "\n=1", "\u3000=1", "\uff1d1", "\uff0b1", "\uff20x"],
)
def test_a_cell_that_would_start_a_formula_is_neutralised(cell: str) -> None:
    assert spreadsheet_safe(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["GPT-2", "a=b", "1-2", 1500000000, "", "Ｍodel"])
def test_ordinary_cells_are_left_alone(cell: object) -> None:
    assert spreadsheet_safe(cell) == cell


def test_systems_csv_quotes_every_text_cell(fixture_site: Path) -> None:
    text = (fixture_site / "data/systems.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    lines = text.splitlines()
    assert len(lines) == len(rows) == 4  # a header and three systems, one line each
    for line, row in zip(lines[1:], rows[1:], strict=True):
        assert line.startswith(f'"{row[0]}","{row[1]}",')  # id and name quoted
