"""Facts derived from the fixture catalog (Aurora: downloadable text model by Example Lab under Apache-2.0; Borealis:
fully open image model under a RAIL licence; Cirrus: Example Lab's closed text model, now behind an API): the timeline's
level moves, language names, licence sources, the systems table and the compare page."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CIRRUS_WITHDRAWAL, FIXTURE_CATALOG, EditFn

from generator.core.derive import (
    CatalogIndex,
    SystemsTable,
    build_index,
    compare_examples,
    language_name,
    systems_table,
)
from generator.core.model import build_catalog
from generator.core.validate import validate_catalog


@pytest.fixture(scope="module")
def index() -> CatalogIndex:
    result = validate_catalog(FIXTURE_CATALOG)
    assert result.ok
    return build_index(build_catalog(result.documents, FIXTURE_CATALOG))


def test_timeline_marks_the_event_that_moved_the_level(index: CatalogIndex) -> None:
    timeline = index.facts["aurora"].timeline
    assert [(e.level_before.id if e.level_before else None, e.placement.level.id) for e in timeline] == [
        (None, "staged"),
        ("staged", "downloadable"),
    ]
    assert [e.changes_level for e in timeline] == [False, True]


def test_first_event_never_counts_as_a_level_change(index: CatalogIndex) -> None:
    for facts in index.facts.values():
        assert facts.timeline[0].level_before is None
        assert not facts.timeline[0].changes_level


@pytest.mark.parametrize(
    ("tag", "name"),
    [
        ("en", "English"),
        ("zh-Hans", "Simplified Chinese"),
        ("pt-BR", "Brazilian Portuguese"),
        ("de-CH", "Swiss High German"),
        ("de-AT-1996", "German"),
        ("qaa", "qaa"),
    ],
)
def test_language_tags_read_as_english_names(tag: str, name: str) -> None:
    assert language_name(tag) == name


def test_language_names_follow_the_entry(index: CatalogIndex) -> None:
    assert index.facts["aurora"].language_names == ("English",)
    assert index.facts["cirrus"].language_names == ()


def test_licence_sources_are_those_of_the_component_that_carries_the_licence(index: CatalogIndex) -> None:
    aurora = index.facts["aurora"]
    assert aurora.licence_sources == aurora.weights.sources
    assert aurora.licence_sources


@pytest.fixture(scope="module")
def table(index: CatalogIndex) -> SystemsTable:
    return systems_table(index.system_facts())


def options(table: SystemsTable, key: str) -> list[tuple[str, str, int]]:
    found = next(f for f in table.filters if f.key == key)
    return [(o.value, o.label, o.count) for o in found.options]


def test_table_filters_are_offered_in_a_fixed_order(table: SystemsTable) -> None:
    assert [f.key for f in table.filters] == ["level", "modality", "organization", "licence", "year", "weights"]


def test_a_filter_offers_only_values_some_system_has_in_gradient_order(table: SystemsTable) -> None:
    assert options(table, "level") == [
        ("api", "Cloud-based or API", 1),
        ("downloadable", "Downloadable", 1),
        ("fully-open", "Fully open", 1),
    ]


def test_options_count_the_systems_that_have_them(table: SystemsTable) -> None:
    assert options(table, "modality") == [("text", "Text", 2), ("image", "Image", 1)]
    assert options(table, "weights") == [("released", "Released", 2), ("withheld", "Withheld", 1)]


def test_licence_filter_groups_licences_by_family(table: SystemsTable) -> None:
    assert [value for value, _, _ in options(table, "licence")] == ["open-source", "rail", "proprietary"]


def test_each_row_carries_its_values_for_every_filter(table: SystemsTable) -> None:
    cirrus = next(r for r in table.rows if r.facts.system.id == "cirrus")
    assert cirrus.filter_values == {
        "level": ("api",),
        "modality": ("text",),
        "organization": ("example-lab",),
        "licence": ("proprietary",),
        "year": ("2023",),
        "weights": ("withheld",),
    }


def test_weights_sort_by_how_open_they_are(table: SystemsTable) -> None:
    ranks = {r.facts.system.id: r.weights_rank for r in table.rows}
    assert ranks["aurora"] < ranks["cirrus"]


def test_compare_examples_set_the_most_closed_against_the_most_open_of_a_modality(index: CatalogIndex) -> None:
    examples = compare_examples(index)
    assert [(e.title, e.ids) for e in examples] == [
        ("The most closed and the most open text systems", "cirrus,aurora"),
        ("Example Lab's earliest and latest systems", "aurora,cirrus"),
    ]


def test_a_modality_with_a_single_level_gives_no_example(index: CatalogIndex) -> None:
    titles = [e.title for e in compare_examples(index)]
    assert not any("image" in title for title in titles)


def test_changes_by_year_hold_every_change_once_newest_year_first(index: CatalogIndex) -> None:
    years = list(index.changes_by_year)
    assert years == sorted(years, reverse=True)
    assert [c for changes in index.changes_by_year.values() for c in changes] == index.changes
    assert all(c.date.year == year for year, changes in index.changes_by_year.items() for c in changes)


def test_why_this_level_names_what_keeps_it_from_the_next_level(index: CatalogIndex) -> None:
    facts = index.facts
    assert facts["aurora"].why == (
        "Downloadable: the weights can be downloaded publicly; not fully open because the training data is "
        "not disclosed and the training code is not yet recorded."
    )
    assert facts["cirrus"].why == (
        "Cloud-based or API: people build on it through API; not downloadable because the weights are withheld."
    )
    assert facts["borealis"].why.startswith("Fully open: the weights and the means to rebuild them")


def test_a_level_left_after_every_channel_closed_says_so_and_is_not_confirmed(catalog: Path, edit: EditFn) -> None:
    """A withdrawal that leaves the level at API (another provider may still serve it, unrecorded): the reason
    must not name a channel that is gone, and an unconfirmed entry's level is not called the level now."""
    edit("systems/cirrus.yaml", "components:", CIRRUS_WITHDRAWAL.replace("fully-closed", "api", 1) + "components:")
    edit("systems/cirrus.yaml", "  status: active", "  status: unconfirmed")
    edit("systems/cirrus.yaml", "    status: gated\n", '    status: gated\n    until: "2025-01-15"\n')
    edit("systems/cirrus.yaml", "    status: in-place\n", '    status: removed\n    until: "2025-01-15"\n')
    result = validate_catalog(catalog)
    assert result.ok, result.errors
    facts = build_index(build_catalog(result.documents, catalog)).facts["cirrus"]
    assert facts.level_now.id == "api" and not facts.interfaces
    assert "every channel recorded for it has been withdrawn" in facts.why and "through API" not in facts.why
    assert not facts.confirmed_now and facts.now_label == "Last recorded"
