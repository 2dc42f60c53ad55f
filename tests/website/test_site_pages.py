"""The catalog-wide pages and downloads of a real build of the bundled catalog."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from bibtexparser.entrypoint import parse_string
from bs4 import BeautifulSoup
from conftest import PROJECT_ROOT

from generator.core.catalog import read_catalog
from generator.core.derive import CatalogIndex, build_index
from generator.core.fieldref import fields
from generator.core.vocab import vocabularies, vocabulary
from generator.website.pages import LATEST_CHANGES

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def site(bundled_site: Path) -> Path:
    return bundled_site


@pytest.fixture(scope="module")
def index() -> CatalogIndex:
    return build_index(read_catalog(PROJECT_ROOT / "catalog"))


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_catalog_json_holds_every_system_resolved(site: Path, index: CatalogIndex) -> None:
    data = json.loads((site / "data/catalog.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in data["systems"]] == [s.id for s in index.catalog.systems]
    gpt2 = next(s for s in data["systems"] if s["id"] == "gpt-2")
    assert gpt2["derived"]["level_at_announcement"] == "staged"
    assert gpt2["url"].endswith("/systems/gpt-2/")
    assert data["licence"] == "CC-BY-4.0"


def test_every_system_has_a_json_twin(site: Path, index: CatalogIndex) -> None:
    for system in index.catalog.systems:
        twin = json.loads((site / "systems" / f"{system.id}.json").read_text(encoding="utf-8"))
        assert twin["id"] == system.id and twin["data_version"]


def test_systems_csv_has_a_header_and_one_row_per_system(site: Path, index: CatalogIndex) -> None:
    rows = list(csv.DictReader(io.StringIO((site / "data/systems.csv").read_text(encoding="utf-8"))))
    assert len(rows) == len(index.catalog.systems)
    bloom = next(r for r in rows if r["id"] == "bloom")
    assert bloom["level_now"] == "downloadable" and bloom["developers"] == "bigscience"


def test_catalog_bib_parses_with_one_entry_per_system(site: Path, index: CatalogIndex) -> None:
    library = parse_string((site / "data/catalog.bib").read_text(encoding="utf-8"))
    assert not library.failed_blocks
    urls = {entry.fields_dict["url"].value for entry in library.entries}
    assert len(library.entries) == len(index.catalog.systems)
    assert any(url.endswith("/systems/gpt-2/") for url in urls)


def test_the_schemas_are_served_at_stable_urls(site: Path) -> None:
    for name in ("system.schema.json", "organization.schema.json", "common.schema.json"):
        assert json.loads((site / "schema" / name).read_text(encoding="utf-8"))["$schema"]


def test_atom_feed_parses_and_lists_the_newest_change_first(site: Path, index: CatalogIndex) -> None:
    feed = ET.fromstring((site / "changes/feed.xml").read_bytes())
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    newest = index.changes[0]
    assert newest.system.name in (entries[0].findtext(f"{ATOM}title") or "")


def _listed_changes(html: BeautifulSoup) -> list[tuple[str, str]]:
    return [(str(li.time["datetime"]), str(li.a["href"]).split("/")[-2]) for li in html.select("ul.gr-changes > li")]


def test_changes_lists_the_newest_and_each_year_lists_all_of_its_own(site: Path, index: CatalogIndex) -> None:
    """Every event is on exactly one year page, in the catalog's newest-first order; /changes/ holds the newest
    LATEST_CHANGES, so no page grows with the whole history."""
    expected = [(c.date.iso(), c.system.id) for c in index.changes]
    assert _listed_changes(page(site, "changes")) == expected[:LATEST_CHANGES]
    years = sorted({c.date.year for c in index.changes}, reverse=True)
    links = [a.get_text() for a in page(site, "changes").select("nav.gr-years a")]
    assert links == [str(y) for y in years]
    on_year_pages = [item for year in years for item in _listed_changes(page(site, f"changes/{year}"))]
    assert on_year_pages == expected


def test_level_pages_list_the_systems_at_each_level(site: Path, index: CatalogIndex) -> None:
    for level in vocabulary("levels").terms:
        html = page(site, f"gradient/{level.id}")
        following = html.find("h2", id="now").find_next_sibling()
        listed = [a.get_text() for a in following.select("table tbody th a")]
        assert sorted(listed) == sorted(f.system.name for f in index.by_level_now[level.id])


def test_listings_mark_every_level_no_source_confirms_as_current(site: Path, index: CatalogIndex) -> None:
    """The level pages, the systems table and the CSV say which entries' latest level is only last recorded."""
    unconfirmed = {sid for sid, f in index.facts.items() if not f.confirmed_now}
    assert unconfirmed and len(unconfirmed) < len(index.facts)
    marked = set()
    for level in vocabulary("levels").terms:
        rows = page(site, f"gradient/{level.id}").find("h2", id="now").find_next_sibling().select("tbody tr")
        marked |= {str(row["data-id"]) for row in rows if row.select_one(".gr-not-now")}
    table = page(site, "systems").select("tbody tr[data-id]")
    assert marked == unconfirmed == {str(row["data-id"]) for row in table if row.select_one(".gr-not-now")}
    rows = csv.DictReader(io.StringIO((site / "data/systems.csv").read_text(encoding="utf-8")))
    assert {r["id"] for r in rows if r["review_status"] != "active"} == unconfirmed


def test_organization_pages_exist_for_every_organization(site: Path, index: CatalogIndex) -> None:
    for org_id, systems in index.by_organization.items():
        html = page(site, f"organizations/{org_id}")
        names = {a.get_text() for a in html.select(".gr-org-systems__name a")}
        assert names == {f.system.name for f in systems}


def test_guardrail_pages_cover_every_type(site: Path, index: CatalogIndex) -> None:
    for term in vocabulary("guardrails").terms:
        html = page(site, f"guardrails/{term.id}")
        assert term.definition in html.get_text()


def test_every_chart_has_a_table_with_the_catalogs_numbers(site: Path, index: CatalogIndex) -> None:
    html = page(site, "timeline")
    scatter = html.find("table", attrs={"data-chart": "levels-over-time"})
    assert len(scatter.select("tbody tr")) == len(index.catalog.systems)
    assert (site / "timeline/levels-over-time.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    kinds = html.find("table", attrs={"data-chart": "openness-by-organization-kind"})
    expected: Counter[tuple[str, str]] = Counter()
    for f in index.system_facts():
        for kind in {o.kind.label for o in f.system.developers}:
            expected[(kind, f.level_at_announcement.label)] += 1
    headers = [th.get_text() for th in kinds.select("thead th")]
    for row in kinds.select("tbody tr"):
        cells = [c.get_text() for c in row.find_all(["th", "td"])]
        for level_label, value in zip(headers[1:-1], cells[1:-1], strict=True):
            assert int(value) == expected[(cells[0], level_label)], (cells[0], level_label)


def test_the_language_model_chart_lists_every_sized_language_model(site: Path, index: CatalogIndex) -> None:
    table = page(site, "timeline").find("table", attrs={"data-chart": "language-model-sizes"})
    rows = table.select("tbody tr")
    listed = {row.th.get_text(): int(row.find_all("td")[1].get_text().replace(",", "")) for row in rows}
    expected = {
        f.system.name: f.system.parameters.count
        for f in index.system_facts()
        if f.primary_modality.id == "text" and f.system.parameters.count
    }
    assert listed == expected and len(expected) > 10
    assert (site / "timeline/language-model-sizes.svg").is_file()


def test_contribute_documents_every_schema_field_and_vocabulary(site: Path) -> None:
    text = page(site, "contribute").get_text()
    for field in fields("system.schema.json") + fields("organization.schema.json"):
        assert field.path in text, field.path
    html = page(site, "contribute")
    for name, vocab in vocabularies().items():
        section = html.find(id=f"vocabulary-{name}")
        assert section is not None, name
        assert all(term.id in text for term in vocab.terms)


def test_home_shows_every_system_once_per_grouping(site: Path, index: CatalogIndex) -> None:
    html = page(site, "")
    for grouping in ("modality", "organization"):
        links = html.select(f'.gr-gradient__groups[data-grouping="{grouping}"] a')
        assert sorted(a.get_text() for a in links) == sorted(s.name for s in index.catalog.systems)
