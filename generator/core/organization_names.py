"""The organizations of a catalog directory by id and name, and the closest ones to what someone typed: used
by `gradient new system` (the developer question) and `gradient import` alike."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from generator.core.load import LoadError, load_file


@dataclass(frozen=True)
class Organization:
    """An organization already in the catalog, as the developer question offers it."""

    id: str
    name: str


def catalog_organizations(catalog: Path) -> list[Organization]:
    """The organizations of a catalog directory, by file name (the id) and their `name` field."""
    found = []
    for path in sorted((catalog / "organizations").glob("*.yaml")):
        try:
            data = load_file(path).data
        except LoadError:
            data = None
        name = data.get("name") if isinstance(data, dict) else None
        found.append(Organization(path.stem, str(name or path.stem)))
    return found


def suggest_organizations(answer: str, organizations: list[Organization], limit: int = 3) -> list[Organization]:
    """Organizations whose id or name is close to what was typed (`stability` -> stability-ai)."""
    typed = answer.strip().lower()
    by_key: dict[str, Organization] = {}
    for org in organizations:
        by_key[org.id] = org
        by_key[org.name.lower()] = org
    matches = [by_key[key] for key in difflib.get_close_matches(typed, by_key, n=limit * 2, cutoff=0.6)]
    matches += [org for org in organizations if typed and (typed in org.id or typed in org.name.lower())]
    unique = list(dict.fromkeys(matches))
    return unique[:limit]
