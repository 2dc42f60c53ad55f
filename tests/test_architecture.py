"""The package's layout is its pipeline: each stage imports only from the stages before it, and only the
engine adapters (and the command line that drives them) know MkDocs."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import PROJECT_ROOT

STAGES = ["core", "website", "engines", "tools"]
PACKAGE = PROJECT_ROOT / "generator"


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_every_module_lives_in_a_stage() -> None:
    assert sorted(p.name for p in PACKAGE.glob("*.py")) == ["__init__.py"]
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))} == set(STAGES)


def test_each_stage_imports_only_from_the_stages_before_it() -> None:
    wrong = []
    for rank, stage in enumerate(STAGES):
        later = STAGES[rank + 1 :]
        for module in sorted((PACKAGE / stage).glob("*.py")):
            for imported in _imports(module):
                parts = imported.split(".")
                if parts[0] == "generator" and len(parts) > 1 and parts[1] in later:
                    wrong.append(f"{stage}/{module.name} imports {imported}")
    assert not wrong, wrong


def test_only_the_engine_adapters_and_the_command_line_import_mkdocs() -> None:
    importers = {
        module.relative_to(PACKAGE).as_posix()
        for module in PACKAGE.rglob("*.py")
        if any(name.split(".")[0] == "mkdocs" for name in _imports(module))
    }
    assert importers and all(name.startswith("engines/") or name == "tools/cli.py" for name in importers), importers
