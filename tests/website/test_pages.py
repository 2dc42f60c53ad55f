"""The HTML of every system page and card page of the bundled catalog, as a citation manager, a search
engine and a reader see it. Expected values come from the catalog's YAML and mkdocs.yml, not from the
generator."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import PROJECT_ROOT

from generator.core.vocab import DATA_STATES as STATES
from generator.website.citation import AUTHOR

CATALOG = PROJECT_ROOT / "catalog"
CONFIG = yaml.safe_load((PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
SITE_URL = CONFIG["site_url"]
REPO_URL = CONFIG["repo_url"].rstrip("/")
SYSTEMS = {
    path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(CATALOG.glob("systems/*.yaml"))
}
COMPONENTS = yaml.safe_load((PROJECT_ROOT / "schema/vocabularies/components.yaml").read_text(encoding="utf-8"))
_T = TypeVar("_T")
ALL_PAGES = [(sid, f"systems/{sid}/") for sid in SYSTEMS] + [(sid, f"systems/{sid}/card/") for sid in SYSTEMS]


@pytest.fixture(scope="module")
def site(bundled_site: Path) -> Path:
    return bundled_site


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, BeautifulSoup]:
    return {url: BeautifulSoup((site / url / "index.html").read_bytes(), "lxml") for _, url in ALL_PAGES}


def on_every(items: Iterable[_T], check: Callable[[_T], None]) -> None:
    """Run `check` on every item and report every item it fails on, not only the first: one test per
    property of the pages rather than one per page (4,000 tests' overhead for the same assertions)."""
    failures = []
    for item in items:
        try:
            check(item)
        except (AssertionError, AttributeError, KeyError, TypeError, ValueError) as error:
            failures.append(f"{item}: {type(error).__name__}: {error}")
    assert not failures, f"{len(failures)} failing:\n" + "\n".join(failures[:20])


def meta(soup: BeautifulSoup, name: str) -> list[str]:
    return [str(tag["content"]) for tag in soup.find_all("meta", attrs={"name": name})]


def test_the_catalog_has_systems() -> None:
    assert len(SYSTEMS) >= 40


def test_citation_meta_tags_name_the_page_its_publisher_and_review_date(pages: dict[str, BeautifulSoup]) -> None:
    def check(page: tuple[str, str]) -> None:
        system_id, url = page
        soup = pages[url]
        data = SYSTEMS[system_id]
        title = meta(soup, "citation_title")
        assert len(title) == 1
        assert title[0].startswith(data["name"])
        assert ("model card" in title[0]) == url.endswith("/card/")
        assert meta(soup, "citation_author") == [AUTHOR]  # as in CITATION.cff (tests/test_project_files.py)
        assert meta(soup, "citation_publication_date") == [data["review"]["last_reviewed"].replace("-", "/")]
        assert meta(soup, "citation_public_url") == [SITE_URL + url]

    on_every(ALL_PAGES, check)


def test_one_canonical_link_to_the_stable_url(pages: dict[str, BeautifulSoup]) -> None:
    def check(page: tuple[str, str]) -> None:
        system_id, url = page
        canonical = pages[url].find_all("link", rel="canonical")
        assert [link["href"] for link in canonical] == [SITE_URL + url]

    on_every(ALL_PAGES, check)


def test_json_ld_parses_and_names_the_system(pages: dict[str, BeautifulSoup]) -> None:
    def check(page: tuple[str, str]) -> None:
        system_id, url = page
        (script,) = pages[url].find_all("script", type="application/ld+json")
        data: dict[str, Any] = json.loads(script.string or "")
        assert data["@context"] == "https://schema.org"
        assert data["url"] == SITE_URL + url
        assert data["about"]["name"] == SYSTEMS[system_id]["name"]
        assert data["dateModified"] == SYSTEMS[system_id]["review"]["last_reviewed"]

    on_every(ALL_PAGES, check)


def test_every_footnote_points_into_the_numbered_sources(pages: dict[str, BeautifulSoup]) -> None:
    def check(page: tuple[str, str]) -> None:
        system_id, url = page
        soup = pages[url]
        numbered = {li["id"]: li for li in soup.select("ol.gr-sources > li[id]")}
        assert len(numbered) == len(SYSTEMS[system_id]["sources"])
        refs = soup.select("a.gr-ref")
        assert refs or url.endswith("/card/")
        for ref in refs:
            target = numbered[ref["href"].removeprefix("#")]
            assert ref.get_text() == f"[{target['value']}]"

    on_every(ALL_PAGES, check)


def test_sources_show_dates_and_archive_links(pages: dict[str, BeautifulSoup]) -> None:
    def check(system_id: str) -> None:
        items = pages[f"systems/{system_id}/"].select("ol.gr-sources > li")
        for item, source in zip(items, SYSTEMS[system_id]["sources"], strict=True):
            passages = [q.get_text() for q in item.select("details.gr-shows blockquote")]
            text = item.get_text(" ", strip=True).split(" What it shows ")[0]  # the citation, not the passages
            assert source["title"] in text
            assert "Accessed " in text
            assert ("published " in text) == ("published" in source)
            links = [a["href"] for a in item.find_all("a")]
            assert links[0] == source["url"]
            stamp = source["accessed"].replace("-", "")
            archive = source.get("archived", f"https://web.archive.org/web/{stamp}/{source['url']}")
            assert links[1:] == [archive]
            assert passages == source.get("shows", [])

    on_every(SYSTEMS, check)


def test_system_page_has_every_section_in_order(pages: dict[str, BeautifulSoup]) -> None:
    def check(system_id: str) -> None:
        soup = pages[f"systems/{system_id}/"]
        headings = [h["id"] for h in soup.select(".gr-page h2[id]")]
        expected = [
            "access-card",
            "timeline",
            "components",
            "access",
            "guardrails",
            "considerations",
            "sources",
            "cite",
        ]
        assert headings == expected
        toc = [a["href"] for a in soup.select("nav.md-nav--secondary a.md-nav__link")]
        assert toc == ["#" + anchor for anchor in expected]

    on_every(SYSTEMS, check)


def test_only_a_confirmed_level_is_called_the_level_now(pages: dict[str, BeautifulSoup]) -> None:
    """An entry whose review status is not `active` (no source read shows it still offered, or it was withdrawn)
    shows its latest level as last recorded, with the status and its date, never as "Now"."""
    assert {d["review"]["status"] for d in SYSTEMS.values()} >= {"active", "unconfirmed", "historical"}

    def check(system_id: str) -> None:
        status = SYSTEMS[system_id]["review"]["status"]
        card = pages[f"systems/{system_id}/"].select_one(".gr-access-card")
        levels = card.select_one(".gr-access-card__levels").get_text(" ", strip=True)
        facts = card.select_one(".gr-facts").get_text(" ", strip=True)
        if status == "active":
            assert levels.startswith("Now:") and card.select_one("[data-review-status]") is None
            assert "Access now" in facts
        else:
            assert levels.startswith("Last recorded:") and "latest event" in levels
            assert card.select_one(f"[data-review-status={status}]") is not None
            assert "Access when last recorded" in facts and "Access now" not in facts
            assert card.select_one(".gr-bar__mark--now").get_text(strip=True) == "Last recorded"
        note = pages[f"systems/{system_id}/"].select_one("#guardrails ~ p[data-review-status]")
        assert (note is not None) == (status != "active" and bool(SYSTEMS[system_id].get("guardrails")))

    on_every(SYSTEMS, check)


def test_components_come_in_the_three_groups(pages: dict[str, BeautifulSoup]) -> None:
    def check(system_id: str) -> None:
        soup = pages[f"systems/{system_id}/"]
        for group in COMPONENTS["groups"]:
            heading = soup.find("h3", id=f"components-{group['id']}")
            assert heading.get_text() == group["label"]
            rows = heading.find_next_sibling("div").select("tbody th")
            expected = [t["label"] for t in COMPONENTS["terms"] if t["group"] == group["id"]]
            assert [row.get_text() for row in rows] == expected

    on_every(SYSTEMS, check)


def test_the_three_data_states_look_different_and_only_the_gap_invites_a_contribution(
    pages: dict[str, BeautifulSoup],
) -> None:
    states: dict[str, set[str]] = {}
    for url, soup in pages.items():
        for state in soup.select(".gr-components-table .gr-state"):
            kind = next(c for c in state["class"] if c.startswith("gr-state--"))
            following = state.find_next_sibling("a")
            states.setdefault(kind, set()).add(str(following["href"]) if following else "")
            if kind == "gr-state--not-yet-recorded":
                system_id = url.split("/")[1]
                assert following is not None and following.get_text() == "add a source"
                assert following["href"] == f"{REPO_URL}/blob/main/catalog/systems/{system_id}.yaml"
    assert {"gr-state--not-disclosed", "gr-state--not-applicable", "gr-state--not-yet-recorded"} <= states.keys()
    assert states["gr-state--not-disclosed"] == {""}


def test_guardrails_link_to_their_type_pages(pages: dict[str, BeautifulSoup]) -> None:
    def check(system_id: str) -> None:
        rows = pages[f"systems/{system_id}/"].select(".gr-guardrails-table tbody th a")
        assert [a["href"] for a in rows] == [
            f"../../guardrails/{g['type']}/" for g in SYSTEMS[system_id].get("guardrails", [])
        ]

    on_every(SYSTEMS, check)


def test_cite_block_offers_three_formats_the_stable_url_and_data_version(pages: dict[str, BeautifulSoup]) -> None:
    def check(page: tuple[str, str]) -> None:
        system_id, url = page
        cite = pages[url].select_one(".gr-cite")
        labels = [label.get_text(strip=True) for label in cite.select(".tabbed-labels label")]
        assert labels == ["BibTeX", "APA", "CSL-JSON"]
        assert cite.select_one(".gr-cite__bibtex code").get_text().startswith("@misc{gradient-" + system_id)
        csl = json.loads(cite.select_one(".gr-cite__csl code").get_text())
        assert csl[0]["URL"] == SITE_URL + url
        assert pages[url].select_one(".gr-stable-url").get_text() == SITE_URL + url
        version = pages[url].select_one(".gr-data-version").get_text()
        assert re.fullmatch(r"(data-\d{4}\.\d{2}\.\d{2}|[0-9a-f]{12})(\+uncommitted)?|unversioned", version)

    on_every(ALL_PAGES, check)


def test_edit_and_report_links_open_the_entry_and_a_prefilled_issue(pages: dict[str, BeautifulSoup]) -> None:
    def check(page: tuple[str, str]) -> None:
        system_id, url = page
        actions = {a.get_text(): a["href"] for a in pages[url].select(".gr-actions a")}
        assert actions["Edit this entry"] == f"{REPO_URL}/blob/main/catalog/systems/{system_id}.yaml"
        report = urlsplit(str(actions["Report an error on this page"]))
        assert f"{report.scheme}://{report.netloc}{report.path}" == f"{REPO_URL}/issues/new"
        query = parse_qs(report.query)
        assert query["template"] == ["correct-fact.yml"]  # the issue form, with its `page` field filled in
        assert SYSTEMS[system_id]["name"] in query["title"][0]
        assert SITE_URL + url in query["page"][0]

    on_every(ALL_PAGES, check)


def test_card_page_has_the_model_card_sections(pages: dict[str, BeautifulSoup]) -> None:
    def check(system_id: str) -> None:
        soup = pages[f"systems/{system_id}/card/"]
        sections = [h["id"] for h in soup.select(".gr-page h2[id]")]
        assert sections == [
            "developer-cards",
            "model-details",
            "intended-use",
            "factors",
            "metrics",
            "evaluation-data",
            "training-data",
            "quantitative-analyses",
            "ethical-considerations",
            "caveats-recommendations",
            "sources",
            "cite",
        ]
        recorded = SYSTEMS[system_id].get("card", {}).get("sections", {})
        for section_id in sections[1:10]:
            body = soup.find("h2", id=section_id).find_next_sibling("p", class_="gr-card-section__body")
            value = recorded.get(section_id, "not-yet-recorded")
            if isinstance(value, dict):
                assert value["text"] in body.get_text()
            else:
                assert body.select_one(".gr-state")["class"] == ["gr-state", f"gr-state--{value}"]

    on_every(SYSTEMS, check)


def test_gpt2_timeline_tells_the_staged_release(pages: dict[str, BeautifulSoup]) -> None:
    events = pages["systems/gpt-2/"].select(".gr-timeline .gr-event")
    assert [e.time["datetime"] for e in events] == ["2019-02-14", "2019-05-02", "2019-08-20", "2019-11-05"]
    moves = [[a.get_text() for a in e.select(".gr-event__move .gr-level")] for e in events]
    assert moves == [[], [], [], ["Gradual or staged", "Downloadable"]]


def test_components_legend_explains_every_status_with_its_own_mark(pages: dict[str, BeautifulSoup]) -> None:
    statuses = yaml.safe_load((PROJECT_ROOT / "schema/vocabularies/component-statuses.yaml").read_text("utf-8"))
    legend = pages["systems/gpt-2/"].select(".gr-legend dl > div")
    assert [row.dt.get_text(strip=True) for row in legend] == [t["label"] for t in statuses["terms"]]
    marks = [" ".join(row.dt.span["class"]) for row in legend]
    assert len(set(marks)) == len(marks)


_RAW_STATE = re.compile(r"\b(?:" + "|".join(sorted(STATES)) + r")\b")


def test_no_page_shows_a_data_state_by_its_raw_id(site: Path) -> None:
    """One vocabulary of emptiness: readers see "not yet recorded", never the id "not-yet-recorded", except
    where it is something to type (code, as on /contribute/). History pages quote commit subjects as written."""
    found = []
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        if relative.startswith("pagefind/") or "/history/" in relative:
            continue
        tree = lxml.html.document_fromstring(file.read_bytes())
        for hidden in tree.xpath("//script|//style|//code|//pre|//template"):
            hidden.drop_tree()
        if match := _RAW_STATE.search(" ".join(tree.itertext())):
            found.append(f"{relative}: {match.group(0)}")
    assert not found, found[:20]
