"""The typed model of a validated catalog: frozen dataclasses the rest of the pipeline reads.

Built only from documents that passed validation, so construction can trust shapes and references.
Absent optional data becomes an explicit *not yet recorded* term, never None, so templates always
show one of the three states.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.core.dates import PartialDate
from generator.core.load import Document
from generator.core.vocab import DATA_STATES, Term, vocabulary


@dataclass(frozen=True)
class Source:
    """A cited document; `number` is its footnote number on the system page (order in the file)."""

    number: int
    id: str
    title: str
    url: str
    publisher: str
    accessed: PartialDate
    published: PartialDate | None = None
    archived: str | None = None
    kind: str | None = None
    shows: tuple[str, ...] = ()
    """Passages copied word for word from the document, which support the claims citing it."""
    tier: str | None = None
    unavailable: str | None = None
    """Why the document can no longer be read, when it cannot."""

    @property
    def archive_lookup(self) -> str:
        """A web archive address for the copy nearest the day the source was read: the stated `archived`
        copy when there is one, else the Wayback Machine's lookup by URL and date."""
        if self.archived:
            return self.archived
        stamp = self.accessed.iso().replace("-", "")
        return f"https://web.archive.org/web/{stamp}/{self.url}"


LICENCE_FAMILIES: dict[str, str] = {
    "open-source": "Open-source licence",
    "rail": "Responsible AI licence (RAIL)",
    "llama": "Llama community licence",
    "custom": "Developer's own licence",
    "other": "Other licence (e.g. non-commercial)",
    "proprietary": "Proprietary terms",
    "unknown": "Not recorded",
}
"""Licence families (`Licence.family`) with the label readers see, in the order filters list them."""


@dataclass(frozen=True)
class Licence:
    """A licence: an SPDX expression, a named AI licence, or a data state."""

    expression: str
    label: str
    url: str | None
    family: str

    @property
    def is_state(self) -> bool:
        """True for not-disclosed / not-applicable / not-yet-recorded."""
        return self.expression in DATA_STATES


@dataclass(frozen=True)
class Placement:
    """A dated event on the gradient; `level` is the level after it."""

    date: PartialDate
    event: Term
    level: Term
    channel: Term
    gating: Term
    pricing: Term
    note: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Component:
    """What happened to one component."""

    type: Term
    status: Term
    licence: Licence | None
    date: PartialDate | None
    url: str | None
    note: str
    sources: tuple[Source, ...]
    until: PartialDate | None = None
    """When it stopped being available (a hosted model whose API was shut down)."""


@dataclass(frozen=True)
class AccessValue:
    """One access variable: a sourced value, or a data state in `state`."""

    variable: Term
    value: str | None
    state: Term | None
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Guardrail:
    """One safety control and its evidence."""

    type: Term
    status: Term
    channels: tuple[Term, ...]
    since: PartialDate | None
    until: PartialDate | None
    description: str
    sources: tuple[Source, ...]

    @property
    def is_live(self) -> bool:
        """True for a control a source shows operating today (in place, with no end date)."""
        return self.status.id == "in-place" and self.until is None


@dataclass(frozen=True)
class ConsiderationNote:
    """A release consideration the sources discuss for a system."""

    consideration: Term
    note: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class CardSection:
    """One model-card section: sourced text, or a data state in `state`."""

    section: Term
    text: str | None
    state: Term | None
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Link:
    """A titled external link."""

    title: str
    url: str


@dataclass(frozen=True)
class Identifier:
    """The system's id in another catalog (Wikidata, Hugging Face, Epoch AI, ...), with a link where one is known."""

    catalog: str
    value: str
    url: str | None


IDENTIFIER_CATALOGS: dict[str, str] = {
    "wikidata": "Wikidata",
    "huggingface": "Hugging Face",
    "epoch": "Epoch AI",
    "osai_index": "Open Source AI Index",
    "model_openness_tool": "Model Openness Tool",
}
"""The catalogs a system's `identifiers` point to, keyed as in the schema, with the names readers see."""


def _identifiers(raw: dict[str, Any]) -> tuple[Identifier, ...]:
    found: list[Identifier] = []
    for key, label in IDENTIFIER_CATALOGS.items():
        value = raw.get(key)
        values = value if isinstance(value, list) else [value] if value else []
        for item in values:
            url = {
                "wikidata": f"https://www.wikidata.org/wiki/{item}",
                "huggingface": f"https://huggingface.co/{item}",
                "epoch": None,
            }.get(key, item)
            found.append(Identifier(label, item, url))
    return tuple(found)


@dataclass(frozen=True)
class Parameters:
    """Parameter count with sources, or a data state."""

    count: int | None
    state: Term | None
    note: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Organization:
    """A developer organization."""

    id: str
    name: str
    kind: Term
    country: str
    website: str
    summary: str
    sources: tuple[Source, ...]
    path: str


@dataclass(frozen=True)
class System:
    """A released generative AI system, as the catalog records it."""

    id: str
    name: str
    aliases: tuple[str, ...]
    developers: tuple[Organization, ...]
    announced: PartialDate | None
    announced_state: Term | None
    inputs: tuple[Term, ...]
    outputs: tuple[Term, ...]
    parameters: Parameters
    languages: tuple[str, ...]
    languages_state: Term | None
    summary: str
    family: str | None
    base_models: tuple[str, ...]
    renamed_from: tuple[str, ...]
    identifiers: tuple[Identifier, ...]
    placements: tuple[Placement, ...]
    components: tuple[Component, ...]
    access: tuple[AccessValue, ...]
    guardrails: tuple[Guardrail, ...]
    considerations: tuple[ConsiderationNote, ...]
    developer_cards: tuple[Link, ...]
    card_sections: tuple[CardSection, ...]
    sources: tuple[Source, ...]
    last_reviewed: PartialDate
    review_status: Term
    path: str

    @property
    def first_public(self) -> PartialDate:
        """The announcement date, or the first recorded event when the announcement is not yet recorded."""
        return self.announced or self.placements[0].date

    def component(self, type_id: str) -> Component:
        """The component of a given type (always present; may be not yet recorded)."""
        return next(c for c in self.components if c.type.id == type_id)

    def access_value(self, variable_id: str) -> AccessValue:
        """The value of one access variable (always present; may be not yet recorded)."""
        return next(a for a in self.access if a.variable.id == variable_id)


@dataclass(frozen=True)
class Catalog:
    """Every system (sorted by name) and organization (by id) of a validated catalog."""

    systems: tuple[System, ...]
    organizations: dict[str, Organization]


# --- construction -------------------------------------------------------------------------------


def _state(value: str) -> Term:
    return vocabulary("data-states")[value]


def _term_or_state(vocab: str, value: str) -> Term:
    return _state(value) if value in DATA_STATES else vocabulary(vocab)[value]


def _date(value: str | None) -> PartialDate | None:
    return PartialDate.parse(value) if value else None


def _sources(raw: list[dict[str, Any]]) -> tuple[Source, ...]:
    return tuple(
        Source(
            number=i,
            id=s["id"],
            title=s["title"],
            url=s["url"],
            publisher=s["publisher"],
            accessed=PartialDate.parse(s["accessed"]),
            published=_date(s.get("published")),
            archived=s.get("archived"),
            kind=s.get("kind"),
            shows=tuple(s.get("shows", ())),
            tier=s.get("tier"),
            unavailable=s.get("unavailable"),
        )
        for i, s in enumerate(raw, start=1)
    )


def licence(expression: str) -> Licence:
    """Resolve a licence expression to its label, link and family."""
    if expression in DATA_STATES:
        return Licence(expression, _state(expression).label, None, "unknown")
    named = vocabulary("licences")
    if expression in named:
        term = named[expression]
        return Licence(expression, term.label, term.get("url"), term.get("family", "custom"))
    single = expression if all(ch not in expression for ch in " ()") else None
    url = f"https://spdx.org/licenses/{single}.html" if single else None
    return Licence(
        expression, expression, url, "open-source" if single and not _non_commercial(expression) else "other"
    )


def _non_commercial(expression: str) -> bool:
    return "-NC" in expression.upper()


def build_organization(doc: Document, path: str) -> Organization:
    """An Organization from a validated document."""
    d = doc.data
    return Organization(
        id=d["id"],
        name=d["name"],
        kind=vocabulary("organization-kinds")[d["kind"]],
        country=d["country"],
        website=d["website"],
        summary=d.get("summary", ""),
        sources=_sources(d.get("sources", [])),
        path=path,
    )


Cite = Callable[[list[str] | None], "tuple[Source, ...]"]
"""Resolves an entry's source ids to its sources."""


def _parameters(raw: Any, cite: Cite) -> Parameters:
    """A parameter count with its sources, or the data state that stands for it."""
    if not isinstance(raw, dict):
        return Parameters(None, _state(raw), "", ())
    if "count" in raw:
        return Parameters(raw["count"], None, raw.get("note", ""), cite(raw["sources"]))
    return Parameters(None, _state(raw["state"]), raw.get("note", ""), cite(raw["sources"]))


def _component(term: Term, raw: dict[str, Any], cite: Cite) -> Component:
    return Component(
        type=term,
        status=vocabulary("component-statuses")[raw["status"]],
        licence=licence(raw["license"]) if "license" in raw else None,
        date=_date(raw.get("date")),
        url=raw.get("url"),
        note=raw.get("note", ""),
        sources=cite(raw.get("sources")),
        until=_date(raw.get("until")),
    )


def _text_or_state(raw: Any, key: str, cite: Cite) -> tuple[str | None, Term | None, tuple[Source, ...]]:
    """An access value or card section as written: `{key: text, sources}`, `{state, sources}` or a bare state."""
    if isinstance(raw, dict) and "state" in raw:
        return None, _state(raw["state"]), cite(raw["sources"])
    if isinstance(raw, dict):
        return raw[key], None, cite(raw["sources"])
    return None, _state(raw), ()


def _placement(raw: dict[str, Any], cite: Cite) -> Placement:
    return Placement(
        date=PartialDate.parse(raw["date"]),
        event=vocabulary("event-types")[raw["event"]],
        level=vocabulary("levels")[raw["level"]],
        channel=vocabulary("channels")[raw["channel"]],
        gating=_term_or_state("gating", raw["gating"]),
        pricing=_term_or_state("pricing", raw["pricing"]),
        note=raw.get("note", ""),
        sources=cite(raw["sources"]),
    )


def _guardrail(raw: dict[str, Any], cite: Cite) -> Guardrail:
    return Guardrail(
        type=vocabulary("guardrails")[raw["type"]],
        status=vocabulary("guardrail-statuses")[raw["status"]],
        channels=tuple(vocabulary("channels")[c] for c in raw.get("channels", [])),
        since=_date(raw.get("since")),
        until=_date(raw.get("until")),
        description=raw["description"],
        sources=cite(raw["sources"]),
    )


def build_system(doc: Document, organizations: dict[str, Organization], path: str) -> System:
    """A System from a validated document whose references resolve."""
    d = doc.data
    sources = _sources(d["sources"])
    by_id = {s.id: s for s in sources}

    def cite(ids: list[str] | None) -> tuple[Source, ...]:
        return tuple(by_id[i] for i in ids or [])

    languages = d.get("languages", "not-yet-recorded")
    announced_state = d["announced"] in DATA_STATES
    unrecorded = {"status": "not-yet-recorded"}
    card = d.get("card", {})
    return System(
        id=d["id"],
        name=d["name"],
        aliases=tuple(d.get("aliases", [])),
        developers=tuple(organizations[o] for o in d["developers"]),
        announced=None if announced_state else PartialDate.parse(d["announced"]),
        announced_state=_state(d["announced"]) if announced_state else None,
        inputs=tuple(vocabulary("modalities")[m] for m in d["modalities"]["input"]),
        outputs=tuple(vocabulary("modalities")[m] for m in d["modalities"]["output"]),
        parameters=_parameters(d["parameters"], cite),
        languages=tuple(languages) if isinstance(languages, list) else (),
        languages_state=None if isinstance(languages, list) else _state(languages),
        summary=d["summary"],
        family=d.get("family"),
        base_models=tuple(d.get("base_models", [])),
        renamed_from=tuple(d.get("renamed_from", [])),
        identifiers=_identifiers(d.get("identifiers", {})),
        placements=tuple(_placement(p, cite) for p in d["placements"]),
        components=tuple(
            _component(term, d["components"].get(term.id, unrecorded), cite) for term in vocabulary("components").terms
        ),
        access=tuple(
            AccessValue(term, *_text_or_state(d.get("access", {}).get(term.id, "not-yet-recorded"), "value", cite))
            for term in vocabulary("access-variables").terms
        ),
        guardrails=tuple(_guardrail(g, cite) for g in d.get("guardrails", [])),
        considerations=tuple(
            ConsiderationNote(vocabulary("considerations")[c["consideration"]], c["note"], cite(c["sources"]))
            for c in d.get("considerations", [])
        ),
        developer_cards=tuple(Link(c["title"], c["url"]) for c in card.get("developer_cards", [])),
        card_sections=tuple(
            CardSection(term, *_text_or_state(card.get("sections", {}).get(term.id, "not-yet-recorded"), "text", cite))
            for term in vocabulary("card-sections").terms
        ),
        sources=sources,
        last_reviewed=PartialDate.parse(d["review"]["last_reviewed"]),
        review_status=vocabulary("review-statuses")[d["review"]["status"]],
        path=path,
    )


def entry_path(catalog_dir: Path, kind: str, entry_id: str) -> str:
    """An entry's file as the site names it (edit links): "catalog/systems/gpt-2.yaml"."""
    return f"{catalog_dir.resolve().name}/{kind}/{entry_id}.yaml"


def build_catalog(documents: dict[str, dict[str, Document]], catalog_dir: Path) -> Catalog:
    """The typed catalog from validated documents."""
    organizations = {
        oid: build_organization(doc, entry_path(catalog_dir, "organizations", oid))
        for oid, doc in sorted(documents["organizations"].items())
    }
    systems = [
        build_system(doc, organizations, entry_path(catalog_dir, "systems", sid))
        for sid, doc in documents["systems"].items()
    ]
    systems.sort(key=lambda s: (s.name.lower(), s.id))
    return Catalog(tuple(systems), organizations)
