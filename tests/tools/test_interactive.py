"""`gradient new system <id>` in a real pseudo-terminal: questions, checked answers, a file that validates."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pytest
import yaml
from conftest import PROJECT_ROOT

from generator.core.organization_names import catalog_organizations, suggest_organizations
from generator.tools import scaffold
from generator.tools.cli import main


def spawn(*args: str) -> pexpect.spawn:
    """The command in a pseudo-terminal, so stdin is a TTY exactly as when a contributor types."""
    return pexpect.spawn(
        sys.executable,
        ["-m", "generator.tools.cli", *args],
        cwd=str(PROJECT_ROOT),
        encoding="utf-8",
        timeout=60,  # a bound for a hung process, not a speed check
        dimensions=(40, 200),
    )


def answer(child: pexpect.spawn, prompt: str, text: str) -> None:
    child.expect_exact(prompt)
    child.sendline(text)


def test_interview_checks_each_answer_and_writes_an_entry_that_validates(catalog: Path) -> None:
    child = spawn("new", "system", "my-model-7b", "--catalog", str(catalog))
    answer(child, "Name [My Model 7B]: ", "My Model 7B")
    answer(child, "Developer (organization id; several separated by commas): ", "exampel-lab")
    child.expect_exact("'exampel-lab' is not in the catalog; did you mean: example-lab (Example Lab)")
    answer(child, "several separated by commas): ", "example-lab, open-collective")
    answer(child, "Announced (YYYY, YYYY-MM or YYYY-MM-DD) [", "2024-02-30")
    child.expect_exact("2024-02-30 is not a real date")
    answer(child, "Announced (YYYY, YYYY-MM or YYYY-MM-DD) [", "2024-03-01")
    child.expect_exact("5. downloadable")
    answer(child, "Level (number or id) [fully-closed]: ", "9")
    child.expect_exact("type a number from 1 to 6")
    answer(child, "Level (number or id) [fully-closed]: ", "5")
    answer(child, "URL: ", "example.org/my-model")
    child.expect_exact("write a full http:// or https:// address")
    answer(child, "URL: ", "https://example.org/blog/my-model-7b")
    answer(child, "Title: ", 'Introducing "My Model 7B"')
    answer(child, "Publisher: ", "Example Lab")
    answer(child, "Published (YYYY-MM-DD, Enter if unknown): ", "2024-03-01")
    child.expect_exact("wrote ")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    entry = yaml.safe_load((catalog / "systems" / "my-model-7b.yaml").read_text(encoding="utf-8"))
    assert entry["name"] == "My Model 7B"
    assert entry["developers"] == ["example-lab", "open-collective"]
    assert entry["announced"] == "2024-03-01"
    assert entry["placements"][0]["level"] == "downloadable"
    assert entry["components"]["weights"] == {"status": "released", "sources": ["first-source"]}
    [source] = entry["sources"]
    assert source["url"] == "https://example.org/blog/my-model-7b"
    assert source["title"] == 'Introducing "My Model 7B"'
    assert source["published"] == "2024-03-01"
    assert main(["validate", str(catalog)]) == 0


def test_ctrl_d_stops_without_writing(catalog: Path) -> None:
    child = spawn("new", "system", "my-model-7b", "--catalog", str(catalog))
    answer(child, "Name [My Model 7B]: ", "")
    child.expect_exact("Developer")
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert not (catalog / "systems" / "my-model-7b.yaml").exists()


def test_no_input_asks_nothing_even_in_a_terminal(catalog: Path) -> None:
    child = spawn("new", "system", "quiet-model", "--catalog", str(catalog), "--no-input")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Name" not in (child.before or "")
    written = (catalog / "systems" / "quiet-model.yaml").read_text(encoding="utf-8")
    assert written == scaffold.system_entry("quiet-model")
    assert main(["new", "organization", "example-org", "--catalog", str(catalog)]) == 0
    assert main(["validate", str(catalog / "systems" / "quiet-model.yaml")]) == 0  # the organization is to fill in


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("example", "example-lab"), ("open collective of exampels", "open-collective"), ("Example Lab", "example-lab")],
)
def test_developer_suggestions_match_ids_and_names(catalog: Path, typed: str, expected: str) -> None:
    suggestions = suggest_organizations(typed, catalog_organizations(catalog))
    assert suggestions and suggestions[0].id == expected


def test_no_suggestion_for_an_unrelated_name(catalog: Path) -> None:
    assert suggest_organizations("zzz-quantum", catalog_organizations(catalog)) == []


def _build_in_a_terminal(tmp_path: Path, **env: str) -> str:
    catalog = PROJECT_ROOT / "tests/fixtures/catalog"
    child = pexpect.spawn(
        sys.executable,
        ["-m", "generator.tools.cli", "build", "--catalog", str(catalog), "--site-dir", str(tmp_path / "s")],
        cwd=str(PROJECT_ROOT),
        encoding="utf-8",
        timeout=120,  # a bound for a hung process, not a speed check
        dimensions=(40, 160),
        env={**{k: v for k, v in os.environ.items() if k != "CI"}, "TERM": "xterm", **env},
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    return str(child.before)


@pytest.mark.slow
def test_a_build_in_a_terminal_shows_each_stage_with_its_count_then_a_summary(tmp_path: Path) -> None:
    shown = _build_in_a_terminal(tmp_path)
    assert "validating files" in shown and "0/5" in shown  # the bar of a stage, with its size
    assert "writing system and card pages" in shown and "MkDocs writing pages" in shown
    assert "indexed the site for search in" in shown  # the stage lines print above the bars
    assert "built 3 systems into " in shown.splitlines()[-1]
    assert "Traceback" not in shown


@pytest.mark.slow
def test_a_build_in_ci_prints_plain_stage_lines_even_in_a_terminal(tmp_path: Path) -> None:
    shown = _build_in_a_terminal(tmp_path, CI="true")
    assert "validating files" not in shown and "\x1b[" not in shown
    assert "INFO - validated 5 files in " in shown
