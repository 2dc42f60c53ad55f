"""The benchmark harness at a tiny size: it runs, emits every key, and both builds make every system page.

No timing is judged here; `gradient bench` at 1,000 and 10,000 systems is run by hand (benchmarks/).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT

from generator.core.validate import validate_catalog
from generator.tools.synthetic import write_catalog

SYSTEMS = 20
KEYS = {
    "systems",
    "validate_s",
    "build_s",
    "baseline_build_s",
    "ratio",
    "peak_rss_mb",
    "baseline_peak_rss_mb",
    "median_page_kb",
    "max_page_kb",
    "site_mb",
    "search_first_query_kb",
    "peak_pss_mb",
}


@pytest.fixture(scope="module")
def report() -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "generator.tools.cli", "bench", "--systems", str(SYSTEMS), "--json", "--warm"],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_report_has_every_key_of_the_issue(report: dict[str, object]) -> None:
    assert report.keys() >= KEYS
    assert report["systems"] == SYSTEMS


def test_both_builds_make_one_page_per_system(report: dict[str, object]) -> None:
    assert report["system_pages"] == SYSTEMS
    assert report["baseline_system_pages"] == SYSTEMS


def test_measurements_are_positive_numbers(report: dict[str, object]) -> None:
    for key in KEYS - {"systems", "search_first_query_kb"}:
        value = report[key]
        assert isinstance(value, int | float) and value > 0, key
    ratio = report["ratio"]
    assert isinstance(ratio, float) and ratio == pytest.approx(report["build_s"] / report["baseline_build_s"], rel=0.02)  # type: ignore[operator]
    assert report["max_page_kb"] >= report["median_page_kb"]  # type: ignore[operator]


def test_first_search_query_is_measured_in_a_browser(report: dict[str, object]) -> None:
    from e2e.conftest import require_browser

    require_browser()
    value = report["search_first_query_kb"]
    assert isinstance(value, float) and value > 0


def test_synthetic_catalog_is_deterministic_and_valid(tmp_path: Path) -> None:
    first, second = write_catalog(tmp_path / "a", 12, seed=7), write_catalog(tmp_path / "b", 12, seed=7)
    files = sorted(p.relative_to(first) for p in first.rglob("*.yaml"))
    assert len(files) == 12 + 3
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    assert validate_catalog(first).ok


def test_synthetic_systems_have_the_shapes_of_real_entries(tmp_path: Path) -> None:
    import yaml

    from generator.core.vocab import vocabulary

    catalog = write_catalog(tmp_path, 40, seed=3)
    entries = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((catalog / "systems").glob("*.yaml"))]
    for entry in entries:
        assert 3 <= len(entry["placements"]) <= 8
        assert set(entry["components"]) == set(vocabulary("components").ids)
        assert 5 <= len(entry["guardrails"]) <= 15
        assert 5 <= len(entry["sources"]) <= 20
    developers = [org for entry in entries for org in entry["developers"]]
    assert len(set(developers)) < len(developers)  # organizations are shared across systems


def test_the_report_times_each_stage_of_our_build(report: dict[str, object]) -> None:
    stages = report["stages"]
    assert isinstance(stages, dict)
    names = " | ".join(stages)
    for stage in ("validated", "derived", "system and card pages", "MkDocs wrote", "indexed the site for search"):
        assert stage in names, names
    assert all(isinstance(seconds, float) and seconds >= 0 for seconds in stages.values())


def test_warm_figures_follow_an_edit_of_one_file(report: dict[str, object]) -> None:
    for key in ("validate_ms_per_file", "warm_validate_ms_per_file", "warm_build_s"):
        value = report[key]
        assert isinstance(value, float) and value > 0, key
    warm_stages = report["warm_stages"]
    assert isinstance(warm_stages, dict) and any(stage.startswith("validated") for stage in warm_stages)


def test_the_peak_is_divided_between_the_build_pagefind_and_the_workers(report: dict[str, object]) -> None:
    """Where the memory goes, measured: the parts sum to the reported peak (the sample they come from). Which
    processes were alive at that sample depends on the catalog's size (at this size, sometimes the
    validation workers rather than Pagefind), so only the main process is always among them."""
    parts = report["peak_rss_parts_mb"]
    assert isinstance(parts, dict) and "main" in parts, parts
    assert set(parts) <= {"main", "pagefind", "workers"} and all(size > 0 for size in parts.values())
    assert abs(sum(parts.values()) - float(report["peak_rss_mb"])) <= 0.5  # type: ignore[arg-type]
