"""Project files a contributor or citer reads: CITATION.cff, the licences, CONTRIBUTING.md, and the schema line
that gives every catalog file editor support."""

from __future__ import annotations

import json
import re
import shlex
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURE_CATALOG, PROJECT_ROOT
from jsonschema import Draft7Validator, FormatChecker

from generator.core.schema import KINDS
from generator.core.validate import catalog_files
from generator.core.vocab import DATA_STATES
from generator.tools.cli import make_parser

CONTRIBUTING = (PROJECT_ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def cff_errors(data: dict[str, Any]) -> list[str]:
    """Problems against the Citation File Format 1.2.0 schema (as vendored, pinned, by check-jsonschema)."""
    text = (resources.files("check_jsonschema.builtin_schemas.vendor") / "citation-file-format.json").read_text(
        encoding="utf-8"
    )
    validator = Draft7Validator(json.loads(text), format_checker=FormatChecker())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def citation() -> dict[str, Any]:
    data = yaml.safe_load((PROJECT_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_citation_cff_is_valid_citation_file_format_1_2_0() -> None:
    assert cff_errors(citation()) == []
    assert citation()["license"] == ["CC-BY-4.0", "MIT"]


def test_cff_check_rejects_a_citation_without_authors() -> None:
    broken = citation()
    del broken["authors"]
    broken["cff-version"] = "1.1.0"
    assert len(cff_errors(broken)) == 2


def test_code_is_mit_and_catalog_data_is_cc_by_4() -> None:
    code = (PROJECT_ROOT / "LICENSE").read_text(encoding="utf-8")
    assert code.startswith("MIT License\n\nCopyright (c) ") and "The Gradient contributors" in code
    data = (PROJECT_ROOT / "catalog" / "LICENSE").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0 International License (CC BY 4.0)" in data
    assert "https://creativecommons.org/licenses/by/4.0/legalcode" in data


@pytest.mark.parametrize("catalog", [PROJECT_ROOT / "catalog", FIXTURE_CATALOG], ids=["catalog", "fixtures"])
def test_every_catalog_file_starts_with_the_schema_line_for_its_kind(catalog: Path) -> None:
    files = catalog_files(catalog)
    assert files
    for kind, path in files:
        first_line = path.read_text(encoding="utf-8").split("\n", 1)[0]
        match = SCHEMA_LINE.match(first_line)
        assert match, f"{path.relative_to(PROJECT_ROOT)}: first line must be `# yaml-language-server: $schema=…`"
        schema = (path.parent / match.group(1)).resolve()
        assert schema == PROJECT_ROOT / "schema" / KINDS[kind], f"{path.relative_to(PROJECT_ROOT)} points at {schema}"


def shell_lines() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", CONTRIBUTING, flags=re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def test_every_gradient_command_in_contributing_is_accepted_by_the_cli() -> None:
    commands = [line for line in shell_lines() if line.startswith(".venv/bin/gradient ")]
    assert len(commands) >= 6
    for command in commands:
        argv = shlex.split(command, comments=True)[1:]
        make_parser().parse_args(argv)  # exits (fails the test) on an unknown command or option


def test_every_make_target_in_contributing_exists() -> None:
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    targets = {line.split()[1] for line in shell_lines() if line.startswith("make ")}
    assert targets >= {"install", "build", "serve", "test"}
    for target in targets:
        assert re.search(rf"^{target}:", makefile, flags=re.M), target


def test_contributing_explains_the_three_states_and_the_release_tags() -> None:
    for state in DATA_STATES:
        assert f"| `{state}` |" in CONTRIBUTING
    assert "`data-YYYY.MM.DD`" in CONTRIBUTING
    assert "gradient release --dry-run" in CONTRIBUTING and "gradient release " in CONTRIBUTING
    assert "data-" in citation()["message"]


def test_zenodo_metadata_names_the_same_author_as_the_pages_and_citation_cff() -> None:
    from generator.website.citation import AUTHOR

    zenodo = json.loads((PROJECT_ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    cff = yaml.safe_load((PROJECT_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert zenodo["upload_type"] == "dataset" and zenodo["license"] == "CC-BY-4.0"
    assert [c["name"] for c in zenodo["creators"]] == [a["name"] for a in cff["authors"]] == [AUTHOR]
