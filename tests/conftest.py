"""Shared fixtures: a small real-looking catalog in tests/fixtures/catalog, copied per test so that
tests can break it on purpose."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_CATALOG = FIXTURES / "catalog"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    """A writable copy of the fixture catalog."""
    target = tmp_path / "catalog"
    shutil.copytree(FIXTURE_CATALOG, target)
    return target


EditFn = Callable[[str, str, str], Path]


@pytest.fixture
def edit(catalog: Path) -> EditFn:
    """Replace text in one file of the copied catalog: edit("systems/aurora.yaml", old, new)."""

    def apply(relative: str, old: str, new: str) -> Path:
        path = catalog / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture text not found: {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path

    return apply
