"""The bundled catalog: its coverage floor, and the placements the 2023 paper's examples must show.

These pin facts a reader of Solaiman (2023) would check first. If a contributor changes one of them,
the test should fail and make them confirm the change against its sources.
"""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import PROJECT_ROOT

from generator.core.catalog import read_catalog
from generator.core.derive import CatalogIndex, SystemFacts, build_index
from generator.core.vocab import vocabulary

CATALOG = PROJECT_ROOT / "catalog"


@pytest.fixture(scope="module")
def index() -> CatalogIndex:
    return build_index(read_catalog(CATALOG))


def facts(index: CatalogIndex, system_id: str) -> SystemFacts:
    return index.facts[system_id]


def test_every_file_starts_with_its_editor_schema_line() -> None:
    for kind in ("systems", "organizations"):
        for path in sorted((CATALOG / kind).glob("*.yaml")):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            schema = "system" if kind == "systems" else "organization"
            assert first == f"# yaml-language-server: $schema=../../schema/{schema}.schema.json", path.name


def test_coverage_floor(index: CatalogIndex) -> None:
    systems = index.system_facts()
    assert len(systems) >= 60
    outputs = Counter(m for f in systems for m in {t.id for t in f.system.outputs})
    assert outputs["image"] >= 10
    assert outputs["audio"] + outputs["speech"] + outputs["music"] >= 5
    assert outputs["video"] >= 4
    assert outputs["code"] >= 5
    organizations = index.catalog.organizations.values()
    assert len(organizations) >= 20
    assert len({o.kind.id for o in organizations}) >= 5


def test_every_level_has_at_least_four_systems_in_its_history(index: CatalogIndex) -> None:
    for level in vocabulary("levels").ids:
        assert len(index.passed_through[level]) >= 4, level


@pytest.mark.parametrize(
    ("system_id", "level"),
    [
        ("gopher", "fully-closed"),
        ("imagen", "fully-closed"),
        ("gpt-2", "staged"),
        ("midjourney", "hosted"),
        ("chatgpt", "hosted"),
        ("opt-175b", "downloadable"),
        # The paper counts BLOOM as fully open; its training data (ROOTS) was released only in part, later and
        # behind a charter, so by the level definitions as written it is downloadable (the entry says why).
        ("bloom", "downloadable"),
        ("gpt-j", "fully-open"),
        ("gpt-neox-20b", "fully-open"),
    ],
)
def test_paper_examples_sit_where_the_paper_puts_them(index: CatalogIndex, system_id: str, level: str) -> None:
    """The paper places each release; an entry may start earlier (an announcement a week before the weights),
    so the level the paper names is the one the release reached, not necessarily the first placement."""
    assert level in [passed.id for passed in facts(index, system_id).levels_passed]


def test_gpt3_reached_the_api_level(index: CatalogIndex) -> None:
    assert "api" in [level.id for level in facts(index, "gpt-3").levels_passed]


def test_gpt2_staged_release_ends_with_the_full_model_downloadable(index: CatalogIndex) -> None:
    gpt2 = facts(index, "gpt-2")
    assert gpt2.level_now.id == "downloadable"
    assert len(gpt2.system.placements) >= 3
    assert gpt2.system.placements[-1].date.iso() == "2019-11-05"


def test_galactica_demo_ends_in_withdrawal_while_weights_stay(index: CatalogIndex) -> None:
    galactica = facts(index, "galactica")
    last = galactica.system.placements[-1]
    assert last.event.id == "withdrawal" and last.channel.id == "web-app"
    assert galactica.weights.status.id == "released"


def test_stable_diffusion_leaked_before_its_public_weights(index: CatalogIndex) -> None:
    events = facts(index, "stable-diffusion-v1").system.placements
    leak = next(i for i, p in enumerate(events) if p.event.id == "leak")
    public_weights = next(i for i, p in enumerate(events) if p.level.id == "downloadable")
    assert leak < public_weights
    assert events[leak].level.id == events[leak - 1].level.id  # a leak does not move the level


@pytest.mark.parametrize("system_id", ["llama-3-1", "deepseek-v3", "gpt-4", "claude-3-5-sonnet"])
def test_the_2025_papers_four_models_are_present(index: CatalogIndex, system_id: str) -> None:
    weights = facts(index, system_id).weights.status.id
    open_weight = system_id in {"llama-3-1", "deepseek-v3"}
    assert (weights in {"released", "gated", "partial"}) == open_weight


def test_catalog_sources_are_original_addresses() -> None:
    """Sources cite the original document, never a machine path or a look-up tool."""
    for path in sorted(CATALOG.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        for marker in ("file://", "/work/", "/tmp/", "localhost", "127.0.0.1"):
            assert marker not in text, (path.name, marker)
