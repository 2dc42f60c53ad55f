"""Vocabularies: the controlled terms of the catalog, each defined once in schema/vocabularies/*.yaml.

The JSON Schema enums, the validator's hints, the templates and the generated field reference all
read their terms from here, so adding a term is a change to one YAML file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from generator.core.load import load_file
from generator.core.paths import VOCABULARY_DIR


@dataclass(frozen=True)
class Term:
    """One controlled term: a stable id, a label, our own definition and the work it cites."""

    id: str
    label: str
    definition: str
    citation: str
    group: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        """An optional attribute of the term (e.g. `url`, `family`, `short`)."""
        return self.extra.get(key, default)


@dataclass(frozen=True)
class Vocabulary:
    """A named, possibly ordered, list of terms, optionally sorted into groups."""

    name: str
    label: str
    title: str
    description: str
    terms: tuple[Term, ...]
    groups: tuple[Term, ...] = ()
    ordered: bool = False

    @property
    def ids(self) -> list[str]:
        """Term ids in file order (the order of the gradient for ordered vocabularies)."""
        return [term.id for term in self.terms]

    def __contains__(self, term_id: object) -> bool:
        return any(term.id == term_id for term in self.terms)

    def __getitem__(self, term_id: str) -> Term:
        for term in self.terms:
            if term.id == term_id:
                return term
        raise KeyError(f"{term_id!r} is not a term of {self.name}")

    def index(self, term_id: str) -> int:
        """Position of a term; for ordered vocabularies this is its rank."""
        return self.ids.index(term_id)

    def in_group(self, group_id: str) -> list[Term]:
        """Terms belonging to one group, in file order."""
        return [term for term in self.terms if term.group == group_id]

    def group_of(self, term: Term) -> Term | None:
        """The group a term belongs to, if the vocabulary has groups."""
        return next((g for g in self.groups if g.id == term.group), None)


_TERM_KEYS = {"id", "label", "definition", "citation", "group"}


def _term(raw: dict[str, Any]) -> Term:
    return Term(
        id=str(raw["id"]),
        label=str(raw["label"]),
        definition=" ".join(str(raw["definition"]).split()),
        citation=str(raw.get("citation", "")),
        group=raw.get("group"),
        extra={k: v for k, v in raw.items() if k not in _TERM_KEYS},
    )


def read_vocabulary(path: Path) -> Vocabulary:
    """Read one vocabulary file."""
    raw = load_file(path).data  # the catalog's hardened reader: no aliases, no duplicate keys
    return Vocabulary(
        name=raw["vocabulary"],
        label=raw["label"],
        title=raw.get("title", raw["label"].lower()),
        description=raw.get("description", ""),
        terms=tuple(_term(t) for t in raw["terms"]),
        groups=tuple(_term(g) for g in raw.get("groups", [])),
        ordered=bool(raw.get("ordered", False)),
    )


@cache
def vocabularies(directory: Path = VOCABULARY_DIR) -> dict[str, Vocabulary]:
    """Every vocabulary in the directory, keyed by its name (`levels`, `guardrails`, ...)."""
    found = (read_vocabulary(p) for p in sorted(directory.glob("*.yaml")))
    return {v.name: v for v in found}


def vocabulary(name: str) -> Vocabulary:
    """One vocabulary by name."""
    return vocabularies()[name]


DATA_STATES = ("not-disclosed", "not-applicable", "not-yet-recorded")


def opening_events() -> frozenset[str]:
    """Placement events that add access (marked `opens: true`): the level after one is never lower than before."""
    return frozenset(term.id for term in vocabulary("event-types").terms if term.get("opens"))


def lasting_guardrails() -> frozenset[str]:
    """Guardrail types marked `lasting: true`: they belong to the model or the developer (a published card,
    training to refuse, a risk policy), so they outlast the shutdown of a channel they do not name."""
    return frozenset(term.id for term in vocabulary("guardrails").terms if term.get("lasting"))
