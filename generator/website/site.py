"""Facts about one build of the site: where it lives and which data it was built from."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from generator.core.dates import PartialDate


@dataclass(frozen=True)
class SiteInfo:
    """Facts about the build that pages show: where the site lives and which data it was built from."""

    name: str
    url: str
    repo_url: str
    edit_base: str
    version: str
    built: PartialDate
    commit: str = ""
    """The commit the data was built from (12 hex digits), kept beside a release tag in citations."""
    doi: str = ""
    """The dataset's DOI, from CITATION.cff's `doi` (the one place it is configured), once Zenodo minted it."""

    def absolute(self, page_url: str) -> str:
        """The public URL of a page."""
        return self.url.rstrip("/") + "/" + page_url

    def report_problem(self, title: str, public_url: str, entry_path: str) -> str:
        """The repository's "Correct a fact" issue form, prefilled with the page and the entry it shows."""
        if not self.repo_url:
            return ""
        fields = {"template": "correct-fact.yml", "title": f"Correct: {title}", "page": f"{public_url} ({entry_path})"}
        return f"{self.repo_url}/issues/new?" + urlencode(fields)
