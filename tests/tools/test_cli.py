"""The `gradient` command as a contributor runs it: real processes, exit codes and output formats."""

from __future__ import annotations

import json
import pstats
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT, EditFn, gradient_build

from generator.core.schema import VOCABULARY_SCHEMA, vocabulary_schema_text
from generator.tools.cli import main


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.tools.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd or PROJECT_ROOT,
        timeout=120,
    )


def test_validate_valid_catalog_exits_0(catalog: Path) -> None:
    done = run("validate", str(catalog))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok: 5 file(s) valid" in done.stdout


def test_validate_broken_file_prints_location_and_exits_1(catalog: Path, edit: EditFn) -> None:
    edit("systems/aurora.yaml", "level: downloadable", "level: open")
    done = run("validate", str(catalog), cwd=catalog.parent)
    assert done.returncode == 1
    assert done.stdout.startswith(
        "catalog/systems/aurora.yaml:26:12: placements[1].level: 'open' is not a release level"
    )
    assert "Traceback" not in done.stdout + done.stderr


def test_validate_single_file_reports_only_that_file(catalog: Path, edit: EditFn) -> None:
    edit("systems/aurora.yaml", "level: downloadable", "level: open")
    edit("systems/cirrus.yaml", "status: withheld", "status: secret")
    done = run("validate", "catalog/systems/cirrus.yaml", cwd=catalog.parent)
    assert done.returncode == 1
    assert "cirrus.yaml" in done.stdout and "aurora.yaml" not in done.stdout


def test_validate_github_format_prints_annotations(catalog: Path, edit: EditFn) -> None:
    edit("systems/aurora.yaml", "level: downloadable", "level: open")
    done = run("validate", "--format", "github", "catalog", cwd=catalog.parent)
    assert done.returncode == 1
    assert done.stdout.startswith("::error file=catalog/systems/aurora.yaml,line=26,col=12,title=gradient schema::")


def test_validate_json_format_is_machine_readable(catalog: Path, edit: EditFn) -> None:
    edit("systems/aurora.yaml", "level: downloadable", "level: open")
    done = run("validate", "--format", "json", "catalog", cwd=catalog.parent)
    [error] = json.loads(done.stdout)
    assert error["line"] == 26 and error["path"] == "placements[1].level" and "use one of" in error["hint"]


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("validate", str(tmp_path / "nope")).returncode == 2
    assert run("frobnicate").returncode == 2
    assert run("new", "system", "Bad Id", "--catalog", str(tmp_path)).returncode == 2


def test_new_system_validates_and_a_new_organization_must_be_filled_in(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    assert main(["new", "organization", "example-org", "--catalog", str(catalog)]) == 0
    assert main(["new", "system", "my-model-7b", "--catalog", str(catalog)]) == 0
    text = (catalog / "systems/my-model-7b.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../../schema/system.schema.json")
    system_alone = run("validate", str(catalog / "systems/my-model-7b.yaml"))
    assert system_alone.returncode == 0, system_alone.stdout
    placeholders = run("validate", str(catalog / "organizations/example-org.yaml")).stdout
    for field in ("website", "summary"):
        assert f"{field}: {field} is still the placeholder of `gradient new organization`" in placeholders
    assert "sources: no source says who this organization is" in placeholders
    assert main(["new", "system", "my-model-7b", "--catalog", str(catalog)]) == 2  # never overwrites


def test_build_any_catalog_directory(catalog: Path, tmp_path: Path) -> None:
    site = tmp_path / "out"
    done = run("build", "--catalog", str(catalog), "--site-dir", str(site))
    assert done.returncode == 0, done.stderr
    assert (site / "systems/aurora/index.html").is_file()


def test_build_of_invalid_catalog_exits_1_with_the_message(catalog: Path, edit: EditFn, tmp_path: Path) -> None:
    edit("systems/aurora.yaml", "level: downloadable", "level: open")
    done = run("build", "--catalog", str(catalog), "--site-dir", str(tmp_path / "out"))
    assert done.returncode == 1
    assert "aurora.yaml:26:12: placements[1].level: 'open' is not a release level" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_committed_vocabulary_schema_is_up_to_date() -> None:
    committed = (PROJECT_ROOT / "schema" / VOCABULARY_SCHEMA).read_text(encoding="utf-8")
    assert committed == vocabulary_schema_text(), "run `gradient schema` and commit the result"


def test_validate_refuses_a_file_that_is_not_a_catalog_entry(tmp_path: Path) -> None:
    stray = tmp_path / "notes" / "x.yaml"
    stray.parent.mkdir()
    stray.write_text("id: x\n", encoding="utf-8")
    done = run("validate", str(stray))
    assert done.returncode == 1
    assert "x.yaml:1:1: not a catalog entry, so it was not checked; entries are <id>.yaml files" in done.stdout
    assert "ok:" not in done.stdout


def test_a_date_in_the_wrong_format_gets_the_format_and_the_states(catalog: Path, edit: EditFn) -> None:
    edit("systems/aurora.yaml", 'announced: "2021-03-02"', 'announced: "Nov 2026"')
    done = run("validate", str(catalog))
    assert (
        'announced: \'Nov 2026\' is not a valid date; write "YYYY", "YYYY-MM" or "YYYY-MM-DD" in quotes, '
        'e.g. "2019-02-14"; or, without a source, one of: not-disclosed, not-applicable, not-yet-recorded'
    ) in done.stdout
    edit("systems/aurora.yaml", 'announced: "Nov 2026"', 'announced: "not-disclosd"')
    assert "'not-disclosd' is not a data state; did you mean 'not-disclosed'?" in run("validate", str(catalog)).stdout


def test_build_ends_with_a_one_line_summary(tmp_path: Path) -> None:
    done = run("build", "--catalog", str(PROJECT_ROOT / "tests/fixtures/catalog"), "--site-dir", str(tmp_path / "s"))
    assert done.returncode == 0, done.stderr
    last = done.stdout.strip().splitlines()[-1]
    assert last.startswith("built 3 systems into ") and " pages in " in last and last.endswith("/s/")


@pytest.mark.slow
def test_a_profiled_build_still_writes_its_profile(tmp_path: Path) -> None:
    """`gradient build` leaves without tearing the interpreter down (cli.run), except when a profiler is
    attached: `python -m cProfile -o … -m generator.tools.cli build` must still get its profile written."""
    profile = tmp_path / "build.prof"
    python_args = ("-m", "cProfile", "-o", str(profile))
    done = gradient_build(PROJECT_ROOT / "tests/fixtures/catalog", tmp_path / "site", python_args)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site/index.html").is_file()
    assert pstats.Stats(str(profile)).total_calls > 0  # type: ignore[attr-defined]  # set at load, not in the stubs
