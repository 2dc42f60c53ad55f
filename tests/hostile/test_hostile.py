"""Every case of the hostile-input corpus through `gradient validate`, as a contributor would run it.

A hostile or careless file gets a located error that says what to write instead (exit 1), never a
traceback; legitimate text stays valid (exit 0) and is escaped on the page (see tests/e2e).
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.tools.cli import main
from hostile.corpus import CASES, FILES, Case

PROJECT_ROOT = Path(__file__).resolve().parents[2]
FIXTURE_CATALOG = PROJECT_ROOT / "tests/fixtures/catalog"

# file:line:column: [field:] message; fix
_DIAGNOSTIC = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+):(?: (?P<field>[^ :]+):)? (?P<rest>.+)$")


@dataclass
class Run:
    """What `gradient validate` said and returned."""

    returncode: int
    stdout: str
    stderr: str


def validate(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """`gradient validate catalog` on the fixture catalog with the case placed in it, through the command's
    own entry point in this process (a process per case cost 0.2 s each; the CLI tests run the console
    script itself). An exception escaping the command fails the test with its traceback."""
    catalog = tmp_path / "catalog"
    shutil.copytree(FIXTURE_CATALOG, catalog)
    case.place(catalog)
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    returncode = main(["validate", "catalog"])
    out, err = capsys.readouterr()
    return Run(returncode, out, err)


def test_the_corpus_has_at_least_40_cases_each_with_its_file() -> None:
    assert len(CASES) >= 40
    for case in CASES:
        assert case.make or (FILES / case.file).exists(), case.file
    assert len({case.file for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_hostile_case(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    done = validate(case, tmp_path, capsys, monkeypatch)
    output = done.stdout + done.stderr
    assert "Traceback" not in output
    if case.expect in ("escaped", "valid"):
        assert done.returncode == 0, output
        return
    assert done.returncode == 1, output
    diagnostics = [m for line in done.stdout.splitlines() if (m := _DIAGNOSTIC.match(line))]
    assert diagnostics, output
    assert {m["file"] for m in diagnostics} == {case.reported_file}, "errors must name only the hostile file"
    matching = [
        m
        for m in diagnostics
        if int(m["line"]) == case.line and (m["field"] or "") == case.field and case.message in m["rest"]
    ]
    assert matching, f"expected {case.reported_file}:{case.line}: {case.field}: {case.message}\ngot:\n{output}"
    message, _, fix = matching[0]["rest"].partition("; ")
    assert message and fix, "every error says how to fix it"
