"""The garbage collector is paused while a catalog's objects are made and handed back after every build."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT

from generator.core.collector import collector_paused
from generator.tools.cli import main


def test_the_collector_is_off_inside_and_restored_after_even_on_an_error() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("a failed build")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.slow
def test_a_build_in_this_process_hands_every_object_back_to_the_collector(tmp_path: Path) -> None:
    """`mkdocs serve` builds again and again in one process: after a build, and after one an invalid catalog
    stopped, nothing stays frozen (its model could never be freed) and the collector runs."""
    catalog = tmp_path / "catalog"
    shutil.copytree(PROJECT_ROOT / "tests/fixtures/catalog", catalog)
    assert main(["build", "--catalog", str(catalog), "--site-dir", str(tmp_path / "site")]) == 0
    assert gc.isenabled() and gc.get_freeze_count() == 0
    broken = catalog / "systems" / "aurora.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("id: aurora", "id: [aurora", 1), encoding="utf-8")
    assert main(["build", "--catalog", str(catalog), "--site-dir", str(tmp_path / "site")]) == 1
    assert gc.isenabled() and gc.get_freeze_count() == 0
