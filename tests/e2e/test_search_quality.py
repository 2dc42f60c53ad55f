"""benchmarks/search_quality.py, the measure behind what the search index holds, runs on a real build: on the
three-system fixture catalog every system's name and every organization's name finds its own page first."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from tests.e2e.conftest import PROJECT_ROOT

spec = importlib.util.spec_from_file_location("search_quality", PROJECT_ROOT / "benchmarks/search_quality.py")
assert spec is not None and spec.loader is not None
search_quality = importlib.util.module_from_spec(spec)
spec.loader.exec_module(search_quality)


def test_the_search_quality_measure_runs_and_finds_each_page_first(browser: Any, fixture_site: Path) -> None:
    figures = search_quality.measure(fixture_site, browser)
    assert figures["system name queries"] == 3 and figures["system name hit@1"] == 1.0, figures
    assert figures["organization name queries"] == 2 and figures["organization name hit@1"] == 1.0, figures
    assert figures["level or guardrail label queries"] > 0 and figures["bundle MB"] > 0, figures
