"""The history of an entry, read from a real git repository: three commits, newest first, in words; and a
shallow clone that says the history is unavailable instead of showing less."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import CIRRUS_WITHDRAWAL, FIXTURE_CATALOG, committed_catalog, gradient_build

from generator.website.history import read_histories


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=True)


def test_three_commits_read_newest_first_in_words(tmp_path: Path) -> None:
    repo = committed_catalog(tmp_path)
    cirrus = repo / "catalog/systems/cirrus.yaml"
    cirrus.write_text(cirrus.read_text().replace("components:\n", CIRRUS_WITHDRAWAL + "components:\n", 1))
    git(repo, "commit", "-qam", "Cirrus: API shut down")
    cirrus.write_text(cirrus.read_text().replace("summary: A fictional", "summary: An invented"))
    git(repo, "commit", "-qam", "Cirrus: wording")
    history = read_histories(repo / "catalog")
    assert history.available
    changes = history.of("cirrus")
    assert [c.subject for c in changes] == ["Cirrus: wording", "Cirrus: API shut down", "Add the catalog"]
    assert changes[2].changes == ("entry added",)
    assert "level now: cloud-based or API → fully closed" in changes[1].changes
    assert "placement 2025-01-15 withdrawal (API) added" in changes[1].changes
    assert changes[0].changes == ("summary edited",)
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)], check=True)
    unavailable = read_histories(shallow / "catalog")
    assert not unavailable.available and "shallow" in unavailable.reason


@pytest.mark.slow  # builds a site
def test_each_data_release_keeps_the_entry_as_it_was_then(tmp_path: Path) -> None:
    """A release tag cut before an edit: the history page links the entry as recorded in that release, and
    the JSON there holds the old data, not today's."""
    repo = committed_catalog(tmp_path)
    git(repo, "tag", "-a", "data-2026.11.01", "-m", "Data release 2026.11.01")
    cirrus = repo / "catalog/systems/cirrus.yaml"
    cirrus.write_text(cirrus.read_text().replace("name: Cirrus", "name: Cirrus Renamed", 1))
    git(repo, "commit", "-qam", "Cirrus: new name")
    site = tmp_path / "site"
    done = gradient_build(repo / "catalog", site)
    assert done.returncode == 0, done.stderr
    history = BeautifulSoup((site / "systems/cirrus/history/index.html").read_text(encoding="utf-8"), "html.parser")
    [link] = history.select(".gr-history-releases a")
    assert link.get_text() == "data-2026.11.01"
    snapshot = json.loads((site / "systems/cirrus/history" / str(link["href"])).resolve().read_text(encoding="utf-8"))
    assert snapshot["data_release"] == "data-2026.11.01" and snapshot["entry"]["name"] == "Cirrus"
    assert "Cirrus Renamed" in (site / "systems/cirrus.json").read_text(encoding="utf-8")


@pytest.mark.slow  # builds a site
def test_the_doi_in_citation_cff_reaches_every_page_citation(tmp_path: Path) -> None:
    """CITATION.cff is the one place the dataset's DOI is configured: a build of the repository holding it
    names the DOI in the cite block's BibTeX, the citation_doi meta tag and the JSON-LD."""
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE_CATALOG, repo / "catalog")
    (repo / "CITATION.cff").write_text("cff-version: 1.2.0\ntitle: Test\ndoi: 10.5281/zenodo.7654321\n", "utf-8")
    site = tmp_path / "site"
    done = gradient_build(repo / "catalog", site)
    assert done.returncode == 0, done.stderr
    page = BeautifulSoup((site / "systems/aurora/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("meta", attrs={"name": "citation_doi"})["content"] == "10.5281/zenodo.7654321"
    assert "doi = {10.5281/zenodo.7654321}" in page.select_one(".gr-cite__bibtex").get_text()
    jsonld = json.loads(page.find("script", type="application/ld+json").get_text())
    assert jsonld["identifier"] == "https://doi.org/10.5281/zenodo.7654321"
