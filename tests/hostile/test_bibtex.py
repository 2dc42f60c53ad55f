"""BibTeX output: no text a contributor writes can close a field or open an entry, as BibTeX itself reads
braces (it counts every brace, escaped or not)."""

from __future__ import annotations

import pytest

from generator.core.dates import PartialDate
from generator.website.citation import Citation


def bibtex_fields(entry: str) -> dict[str, str]:
    """Parse one @misc entry the way BibTeX does: a field value runs to its matching brace, counting every
    `{` and `}` (a backslash does not protect a brace); the entry ends where its own brace closes."""
    assert entry.startswith("@misc{")
    fields: dict[str, str] = {}
    i = entry.index(",") + 1
    while True:
        while entry[i] in " \n,":
            i += 1
        if entry[i] == "}":
            assert not entry[i + 1 :].strip(), f"text after the entry's end: {entry[i + 1 :]!r}"
            return fields
        name_end = entry.index("=", i)
        name = entry[i:name_end].strip()
        i = entry.index("{", name_end)
        depth, start = 0, i
        while True:
            if entry[i] == "{":
                depth += 1
            elif entry[i] == "}":
                depth -= 1
                if depth == 0:
                    break
            i += 1
        fields[name] = entry[start + 1 : i]
        i += 1


ATTACKS = [
    "x}, note = {pwned",
    "x\\}, note = \\{pwned",
    "x}} @misc(evil, title = {injected}) {",
    "}}}}}",
    "{{{{",
    "\\",
    "100% & $5 #1 _a ^b ~c",
]


@pytest.mark.parametrize("name", ATTACKS)
def test_a_hostile_name_stays_inside_the_title_field(name: str) -> None:
    citation = Citation(
        key="gradient-x",
        title=f"{name}: release and access",
        url="https://example.org/gradient/systems/x/",
        issued=PartialDate.parse("2026-11-01"),
        accessed=PartialDate.parse("2026-12-05"),
        publisher=name,
        version="data-2026.12.05",
    )
    entry = citation.bibtex()
    fields = bibtex_fields(entry)
    assert set(fields) == {"title", "author", "publisher", "year", "month", "howpublished", "url", "note", "urldate"}
    assert entry.count("{") == entry.count("}")
