"""Check the vocabulary files themselves, as strictly as catalog entries.

A vocabulary term is shown on every page that uses it, so a cut-off definition ("A young" where a comma
ended an unquoted YAML string) or a misspelt key would reach readers unnoticed. Each file of
schema/vocabularies/ is loaded with the catalog's safe loader and checked against
schema/vocabulary-file.schema.json: unknown keys are refused and definitions must be full sentences.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from generator.core.diagnostics import Diagnostic
from generator.core.load import LoadError, load_file
from generator.core.paths import PROJECT_ROOT, SCHEMA_DIR, VOCABULARY_DIR
from generator.core.schema import StrictValidator
from generator.core.schema_errors import translate

VOCABULARY_FILE_SCHEMA = SCHEMA_DIR / "vocabulary-file.schema.json"


@cache
def _validator() -> Any:
    return StrictValidator(json.loads(VOCABULARY_FILE_SCHEMA.read_text(encoding="utf-8")))


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def check_vocabulary_file(path: Path) -> list[Diagnostic]:
    """Diagnostics for one vocabulary file: YAML problems, schema problems, and a name that differs from
    the file's."""
    shown = _shown(path)
    try:
        doc = load_file(path, shown)
    except LoadError as exc:
        return [exc.diagnostic]
    found: list[Diagnostic] = []
    for error in _validator().iter_errors(doc.data):
        found.extend(translate(error, doc))
    name = doc.data.get("vocabulary") if isinstance(doc.data, dict) else None
    if isinstance(name, str) and name != path.stem:
        pos = doc.position(("vocabulary",))
        found.append(
            Diagnostic(
                shown,
                pos.line,
                pos.column,
                "vocabulary",
                f"{name!r} differs from the file name",
                f"write `vocabulary: {path.stem}`",
                "vocabulary",
            )
        )
    return sorted(set(found))


@cache
def check_vocabularies(directory: Path = VOCABULARY_DIR) -> tuple[Diagnostic, ...]:
    """Diagnostics for every vocabulary file (checked once per process: the files ship with the code)."""
    return tuple(d for path in sorted(directory.glob("*.yaml")) for d in check_vocabulary_file(path))
