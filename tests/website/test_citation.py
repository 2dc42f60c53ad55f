"""Citations of a system page in BibTeX, APA and CSL-JSON."""

from __future__ import annotations

import json

import pytest
from bibtexparser.entrypoint import parse_string

from generator.core.dates import PartialDate
from generator.website.citation import Citation


def citation(issued: PartialDate, title: str = "GPT-2: release and access") -> Citation:
    return Citation(
        key="gradient-gpt-2",
        title=title,
        url="https://example.org/gradient/systems/gpt-2/",
        issued=issued,
        accessed=PartialDate(2026, 11, 23),
        publisher="Gradient",
        version="77f97a75848e",
    )


@pytest.mark.parametrize(
    ("issued", "apa_date"),
    [
        (PartialDate(2019, 2, 14), "(2019, February 14)"),
        (PartialDate(2019, 2), "(2019, February)"),
        (PartialDate(2019), "(2019)"),
    ],
)
def test_apa_puts_the_date_in_apa_order(issued: PartialDate, apa_date: str) -> None:
    assert citation(issued).apa() == (
        f"The Gradient contributors. {apa_date}. GPT-2: release and access (Data version 77f97a75848e). "
        "Retrieved November 23, 2026, from https://example.org/gradient/systems/gpt-2/"
    )


def test_bibtex_parses_and_escapes_special_characters() -> None:
    library = parse_string(citation(PartialDate(2019, 2, 14), title="R&D 100% {draft}_x").bibtex())
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.key == "gradient-gpt-2"
    assert entry["title"] == r"R\&D 100\% \textbraceleft{}draft\textbraceright{}\_x"
    assert entry["url"] == "https://example.org/gradient/systems/gpt-2/"
    assert entry["month"] == "2"


def test_csl_json_dates_keep_their_precision() -> None:
    (item,) = json.loads(citation(PartialDate(2019, 2)).csl_json())
    assert item["issued"] == {"date-parts": [[2019, 2]]}
    assert item["accessed"] == {"date-parts": [[2026, 11, 23]]}
    assert item["URL"] == "https://example.org/gradient/systems/gpt-2/"


def test_a_release_is_cited_with_its_commit_and_its_doi_in_every_format() -> None:
    released = Citation(
        key="gradient-gpt-2",
        title="GPT-2: release and access",
        url="https://example.org/gradient/systems/gpt-2/",
        issued=PartialDate(2019, 2, 14),
        accessed=PartialDate(2026, 12, 5),
        publisher="Gradient",
        version="data-2026.12.05",
        commit="77f97a75848e",
        doi="10.5281/zenodo.1234567",
    )
    (entry,) = parse_string(released.bibtex()).entries
    assert entry["doi"] == "10.5281/zenodo.1234567"
    assert "data-2026.12.05 (commit 77f97a75848e)" in entry["note"]
    assert released.apa().endswith("Dataset: https://doi.org/10.5281/zenodo.1234567")
    assert "(Data version data-2026.12.05 (commit 77f97a75848e))" in released.apa()
    csl = released.csl()
    assert csl["DOI"] == "10.5281/zenodo.1234567" and csl["version"] == "data-2026.12.05 (commit 77f97a75848e)"


def test_an_unreleased_commit_is_not_repeated() -> None:
    assert citation(PartialDate(2019)).version_text == "77f97a75848e"
    unreleased = Citation(**{**citation(PartialDate(2019)).__dict__, "commit": "77f97a75848e"})
    assert unreleased.version_text == "77f97a75848e"
