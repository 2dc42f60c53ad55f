"""A real `mkdocs build` of the fixture catalog through the project's mkdocs.yml and plugin."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import PROJECT_ROOT, EditFn, gradient_build


@pytest.fixture(scope="module")
def site(fixture_site: Path) -> Path:
    return fixture_site


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_every_system_gets_a_page_and_a_card_page(site: Path) -> None:
    for system_id in ("aurora", "borealis", "cirrus"):
        assert (site / "systems" / system_id / "index.html").is_file()
        assert (site / "systems" / system_id / "card" / "index.html").is_file()


def test_system_page_shows_name_current_level_and_placements(site: Path) -> None:
    soup = page(site, "systems/aurora")
    assert soup.h1.get_text(strip=True) == "Aurora"
    assert soup.select_one("[data-level-now]")["data-level-now"] == "downloadable"
    assert soup.select_one("[data-level-announced]")["data-level-announced"] == "staged"
    events = soup.select(".gr-timeline .gr-event")
    assert [e.select_one("time")["datetime"] for e in events] == ["2021-03-02", "2021-09"]


def test_systems_index_lists_every_system(site: Path) -> None:
    rows = page(site, "systems").select("#systems-table tbody tr")
    assert [r.th.get_text(strip=True) for r in rows] == ["Aurora", "Borealis", "Cirrus"]


def test_home_page_places_systems_on_the_gradient(site: Path) -> None:
    soup = page(site, "")
    column = soup.select_one("#level-fully-open").find_parent("section")
    assert "Borealis" in column.get_text()


def test_system_pages_are_not_in_the_navigation(site: Path) -> None:
    nav = page(site, "systems/aurora").select_one("nav.md-nav--primary")
    assert "Borealis" not in nav.get_text()


def test_broken_catalog_fails_the_build_naming_file_and_line(catalog: Path, edit: EditFn, tmp_path: Path) -> None:
    edit("systems/cirrus.yaml", "status: withheld", "status: secret")
    done = gradient_build(catalog, tmp_path / "out")
    assert done.returncode == 1
    assert (
        "cirrus.yaml:" in done.stderr and "components.weights.status: 'secret' is not a component status" in done.stderr
    )


def test_plain_mkdocs_build_uses_the_plugin(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "s")],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "s/systems/index.html").is_file()


def test_no_page_keeps_the_stand_in_for_its_deferred_content(site: Path) -> None:
    for html in site.rglob("*.html"):
        assert "data-gradient-deferred" not in html.read_text(encoding="utf-8"), html


def test_identifiers_link_to_other_catalogs_on_the_page_and_in_the_csv(site: Path) -> None:
    links = {a["href"] for a in page(site, "systems/aurora").select(".gr-identifiers a")}
    assert links == {"https://www.wikidata.org/wiki/Q4115189", "https://huggingface.co/example-lab/aurora-7b"}
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((site / "data/systems.csv").read_text(encoding="utf-8")))}
    assert rows["aurora"]["wikidata"] == "Q4115189" and rows["aurora"]["huggingface"] == "example-lab/aurora-7b"
    assert rows["borealis"]["wikidata"] == ""


def test_each_source_shows_its_passages_tier_and_an_archive_link(site: Path) -> None:
    soup = page(site, "systems/cirrus")
    first = soup.select_one("#source-1")
    assert first is not None
    quote = first.select_one("details.gr-shows blockquote")
    assert quote is not None and quote.get_text().startswith("Cirrus reads text and images")
    assert "Primary source." in first.get_text()
    archive = [a["href"] for a in first.select("a") if a.get_text() == "Web archive"]
    assert archive == ["https://web.archive.org/web/20261101/https://example.org/lab/cirrus-report"]
    record = json.loads((site / "systems/cirrus.json").read_text(encoding="utf-8"))
    assert record["sources"][0]["shows"] == [quote.get_text()]
    assert record["sources"][0]["tier"] == "primary"


def test_a_leak_is_named_on_the_access_card_and_leaves_the_level(tmp_path: Path, edit: EditFn, catalog: Path) -> None:
    leak = (
        '    sources: [cirrus-api]\n  - date: "2024-03"\n    event: leak\n    level: api\n    channel: torrent\n'
        "    gating: public\n    pricing: free\n    sources: [cirrus-api]\n"
    )
    edit(
        "systems/cirrus.yaml",
        "    note: Waitlisted API.\n    sources: [cirrus-api]\n",
        "    note: Waitlisted API.\n" + leak,
    )
    done = gradient_build(catalog, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    soup = BeautifulSoup((tmp_path / "site/systems/cirrus/index.html").read_text(encoding="utf-8"), "html.parser")
    card = soup.select_one(".gr-access-card")
    assert card is not None and "Weights leaked on March 2024" in card.get_text()
    assert card.select_one("[data-level-now]").get_text() == "Cloud-based or API"
    assert "Torrent" not in card.get_text().split("Interfaces")[1].split("Hardware")[0]


def test_every_page_links_to_the_report_and_suggest_issue_forms(site: Path) -> None:
    for url in ("", "systems/", "systems/aurora/", "systems/aurora/card/", "about/"):
        links = {a.get_text(): a["href"] for a in page(site, url).select(".gr-report-links a")}
        assert links["Report an error"].endswith("/issues/new?template=correct-fact.yml"), url
        assert links["Suggest a system"].endswith("/issues/new?template=add-system.yml"), url


def test_countries_read_as_names_never_as_codes_or_raw_states(site: Path) -> None:
    rows = page(site, "organizations").select("table tbody tr")
    countries = {row.th.get_text(strip=True): row.select("td")[0].get_text(strip=True) for row in rows}
    assert countries == {"Example Lab": "United States", "Open Collective of Examples": "country not yet recorded"}, (
        countries
    )


def test_definitions_cite_the_paper_by_name_and_section_not_by_id(site: Path) -> None:
    help_text = page(site, "gradient/api").select_one(".gr-help")
    assert help_text is not None
    assert "Solaiman (2023), §5.3.2" in help_text.get_text() and "solaiman-2023" not in help_text.get_text()
    assert help_text.select_one("a")["href"] == "https://doi.org/10.1145/3593013.3593981"


def test_trajectory_chart_links_every_system_in_level_colours_with_its_data(site: Path) -> None:
    chart = page(site, "timeline").select_one("svg.gr-trajectory")
    assert chart is not None
    lines = chart.select("a[data-kind]")
    assert {a["href"] for a in lines} == {"../systems/aurora/", "../systems/borealis/", "../systems/cirrus/"}
    aurora = next(a for a in lines if a["href"] == "../systems/aurora/")
    assert aurora.title.get_text() == "Aurora: Gradual or staged at announcement, Downloadable now"
    assert [p["class"] for p in aurora.select("path")] == [["l1"], ["l4"]]  # staged, then downloadable
    assert "var(--gr-l4,#0a6c8a)" in chart.style.get_text()
    rows = list(csv.DictReader(io.StringIO((site / "timeline/trajectory.csv").read_text(encoding="utf-8"))))
    assert [(r["system"], r["level"]) for r in rows if r["system"] == "aurora"] == [
        ("aurora", "staged"),
        ("aurora", "downloadable"),
    ]
    assert (site / "timeline/trajectory.svg").read_text(encoding="utf-8").startswith("<?xml")


def test_grid_shows_every_system_by_component_each_mark_linked_to_its_source(site: Path) -> None:
    grid = page(site, "systems/grid")
    rows = grid.select("#grid tbody tr")
    assert [r.th.get_text(strip=True) for r in rows] == ["Aurora", "Borealis", "Cirrus"]
    cirrus = rows[2]
    weights = cirrus.select("td.gr-grid__cell")[0]
    assert "gr-status--withheld" in weights["class"]
    assert weights.a["href"] == "../../systems/cirrus/#source-1"
    assert cirrus["data-filter-level"] == "api"


def test_pages_carry_metadata_that_zotero_reads_as_a_dataset_with_its_version(site: Path) -> None:
    """Zotero's Embedded Metadata translator treats DC.* and og:* as RDF: DC.type Dataset decides the item
    type (translators: Embedded Metadata.js and RDF.js), prism.edition becomes its version number."""

    def metas(url: str) -> dict[str, str]:
        soup = page(site, url)
        return {str(m.get("name") or m.get("property")): str(m["content"]) for m in soup.select("meta[content]")}

    system = metas("systems/aurora")
    version = page(site, "systems/aurora").select_one(".gr-data-version").get_text()
    assert system["DC.type"] == "Dataset" and system["prism.edition"] == version
    assert system["og:site_name"] == "Gradient" and system["og:title"] == "Aurora: release and access"
    assert system["citation_author"] == system["og:site_name"].join(["The ", " contributors"])
    for url in ("", "systems", "timeline"):  # catalog-wide pages are citable too
        assert metas(url)["DC.type"] == "Dataset" and metas(url)["citation_title"], url
    assert metas("about")["og:type"] == "website" and "DC.type" not in metas("about")


def test_a_data_state_says_what_it_refers_to(site: Path) -> None:
    head = page(site, "systems/cirrus").select(".gr-event__head")[0].get_text(" ", strip=True)
    assert "gating not applicable" in head and "pricing not applicable" in head


def test_data_page_gives_code_that_reads_the_published_files(site: Path) -> None:
    text = page(site, "data").get_text()
    assert 'pd.read_csv("https://gradient-catalog.github.io/gradient/data/systems.csv")' in text
    assert 'jsonlite::fromJSON("https://gradient-catalog.github.io/gradient/data/catalog.json")' in text
    assert "curl -s https://gradient-catalog.github.io/gradient/systems/aurora.json | jq" in text
    assert (site / "data/systems.csv").is_file() and (site / "data/catalog.json").is_file()
