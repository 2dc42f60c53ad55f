"""`gradient import hf` on hostile model cards: no alias expansion, no injected keys, no hidden files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import FIXTURE_CATALOG, PROJECT_ROOT

ALIAS_BOMB = """---
a: &a ["x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
license: apache-2.0
---
# Model
"""


def _import(card: Path, model_id: str, catalog: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.tools.cli", "import", "hf", str(card), "--model-id", model_id],
        capture_output=True, text=True, cwd=catalog.parent, timeout=60, check=False,
    )  # fmt: skip


def _setup(tmp_path: Path, text: str) -> tuple[Path, Path]:
    catalog = tmp_path / "catalog"
    shutil.copytree(FIXTURE_CATALOG, catalog)
    card = tmp_path / "README.md"
    card.write_text(text, encoding="utf-8")
    return card, catalog


def test_a_card_of_nested_aliases_is_refused_at_once(tmp_path: Path) -> None:
    card, catalog = _setup(tmp_path, ALIAS_BOMB)
    done = _import(card, "example-lab/bomb", catalog)
    assert done.returncode == 2
    assert "the card's metadata cannot be read safely" in done.stderr and "anchors and aliases" in done.stderr
    assert not (catalog / "systems" / "bomb.yaml").exists()


def test_line_breaks_in_card_metadata_inject_no_key(tmp_path: Path) -> None:
    text = '---\nlicense: other\nlicense_name: "x\\nstatus: injected\\nid: evil"\n---\n# Model\n'
    card, catalog = _setup(tmp_path, text)
    done = _import(card, "example-lab/newline-card", catalog)
    assert "Traceback" not in done.stderr
    written = yaml.safe_load((catalog / "systems" / "newline-card.yaml").read_text(encoding="utf-8"))
    assert written["id"] == "newline-card" and "status" not in written


def test_a_model_id_without_an_owner_or_name_is_refused(tmp_path: Path) -> None:
    card, catalog = _setup(tmp_path, (PROJECT_ROOT / "tests/fixtures/model_cards/apache-model-index.md").read_text())
    for bad in ("no-slash", "owner/", "/name", "owner/name\n"):
        done = _import(card, bad, catalog)
        assert done.returncode == 2, bad
        assert "is not a Hugging Face model id; write org/name" in done.stderr, bad
        assert "Traceback" not in done.stderr
    assert not (catalog / "systems" / ".yaml").exists()
