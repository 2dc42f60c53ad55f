"""How to cite a system page: BibTeX, APA and CSL-JSON, built from one set of fields."""

from __future__ import annotations

from dataclasses import dataclass

from generator.core.dates import PartialDate
from generator.core.jsontext import dumps
from generator.core.model import System
from generator.website.site import SiteInfo

AUTHOR = "The Gradient contributors"
"""Who is cited as the author of every page and release: the same name as in CITATION.cff and .zenodo.json."""


@dataclass(frozen=True)
class Citation:
    """Citation data for one page, in every format the cite block offers."""

    key: str
    title: str
    url: str
    issued: PartialDate
    accessed: PartialDate
    publisher: str
    version: str
    commit: str = ""
    doi: str = ""

    @property
    def version_text(self) -> str:
        """The data version as cited: a release tag keeps its commit beside it."""
        if self.commit and not self.version.startswith(self.commit):
            return f"{self.version} (commit {self.commit})"
        return self.version

    def bibtex(self) -> str:
        """A BibTeX @misc entry."""
        fields = {
            "title": "{" + _bib_escape(self.title) + "}",
            "author": "{" + _bib_escape(AUTHOR) + "}",
            "publisher": "{" + _bib_escape(self.publisher) + "}",
            "year": str(self.issued.year),
            "howpublished": "\\url{" + self.url + "}",
            "url": self.url,
            "note": f"Data version {_bib_escape(self.version_text)}, accessed {self.accessed.iso()}",
            "urldate": self.accessed.iso(),
        }
        if self.doi:
            fields["doi"] = _bib_escape(self.doi)
        if self.issued.month:
            fields["month"] = str(self.issued.month)
        body = ",\n".join(f"  {k} = {{{v}}}" if not v.startswith("{") else f"  {k} = {v}" for k, v in fields.items())
        return f"@misc{{{self.key},\n{body}\n}}"

    def apa(self) -> str:
        """An APA 7 reference for a web page."""
        return (
            f"{AUTHOR}. ({_apa_issued(self.issued)}). {self.title} "
            f"(Data version {self.version_text}). Retrieved {_apa_retrieved(self.accessed)}, from {self.url}"
            + (f". Dataset: https://doi.org/{self.doi}" if self.doi else "")
        )

    def csl(self) -> dict[str, object]:
        """A CSL-JSON item (as Zotero and citeproc read it)."""
        return {
            "id": self.key,
            "type": "webpage",
            "title": self.title,
            "author": [{"literal": AUTHOR}],
            "container-title": self.publisher,
            "issued": {"date-parts": [_parts(self.issued)]},
            "accessed": {"date-parts": [_parts(self.accessed)]},
            "URL": self.url,
            "version": self.version_text,
            **({"DOI": self.doi} if self.doi else {}),
        }

    def csl_json(self) -> str:
        """The CSL-JSON item as formatted text."""
        return dumps([self.csl()])


def _apa_issued(date: PartialDate) -> str:
    """APA's date after the author: "2019, February 14", "2019, February" or "2019"."""
    if not date.month:
        return str(date.year)
    month = date.as_date().strftime("%B")
    return f"{date.year}, {month} {date.day}" if date.day else f"{date.year}, {month}"


def _apa_retrieved(date: PartialDate) -> str:
    """APA's retrieval date: "February 14, 2019"."""
    if not date.day:
        return date.display()
    return f"{date.as_date().strftime('%B')} {date.day}, {date.year}"


def _parts(date: PartialDate) -> list[int]:
    return [p for p in (date.year, date.month, date.day) if p]


# BibTeX counts braces whether or not a backslash precedes them, so `\}` would still close a field: braces
# are written as commands that hold no brace of their own, and every value stays balanced.
_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}


def _bib_escape(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(char, char) for char in text)


def cite_system(system: System, page_url: str, site: SiteInfo, suffix: str = "") -> Citation:
    """Citation of a system page (or its card page, with a title suffix)."""
    return Citation(
        key=f"gradient-{system.id}{'-card' if suffix else ''}",
        title=f"{system.name}{suffix}: release and access",
        url=page_url,
        issued=system.last_reviewed,
        accessed=site.built,
        publisher=site.name,
        version=site.version,
        commit=site.commit,
        doi=site.doi,
    )
