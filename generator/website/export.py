"""Open exports of the catalog: catalog.json, one JSON per system, systems.csv and catalog.bib.

Every page has a machine-readable twin (datasette's habit): /systems/<id>/ ↔ /systems/<id>.json.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from functools import partial
from typing import Any

from generator.core import urls
from generator.core.derive import CatalogIndex, SystemFacts
from generator.core.jsontext import dumps
from generator.core.model import Source, System
from generator.core.paths import SCHEMA_DIR
from generator.core.vocab import Term
from generator.website.citation import cite_system
from generator.website.feed import atom_feed
from generator.website.history import Histories
from generator.website.site import SiteInfo

CSV_COLUMNS: list[tuple[str, str]] = [
    ("id", "Stable id; the page is /systems/<id>/"),
    ("name", "Name the developer uses"),
    ("developers", "Developer organization ids, separated by ';'"),
    ("organization_kinds", "Kinds of the developer organizations, separated by ';'"),
    ("announced", "Announcement date (YYYY, YYYY-MM or YYYY-MM-DD)"),
    ("modalities_in", "Input modalities, separated by ';'"),
    ("modalities_out", "Output modalities, separated by ';'"),
    ("parameters", "Parameter count, or a data state"),
    ("level_now", "Release level after the latest placement"),
    ("review_status", "active (a source read shows it still offered), unconfirmed, or historical"),
    ("level_at_announcement", "Release level of the first placement"),
    ("gating_now", "public, gated, or a data state"),
    ("pricing_now", "free, paid, free-and-paid, or a data state"),
    ("weights_status", "Status of the weights component"),
    ("licence", "Licence of the weights (or of query access)"),
    ("licence_family", "rail, llama, open-source, custom, proprietary, other or unknown"),
    ("guardrails", "Number of guardrails recorded"),
    ("guardrails_in_place", "Number of guardrails with status in-place"),
    ("sources", "Number of sources cited"),
    ("last_reviewed", "Date the entry was last checked against its sources"),
    ("url", "Public URL of the system page"),
    ("wikidata", "Wikidata item id, where recorded"),
    ("huggingface", "Hugging Face repositories of the weights, separated by ';'"),
    ("epoch_ai", "The system's name in Epoch AI's database, where recorded"),
    ("osai_index", "The system's page in the Open Source AI Index, where recorded"),
    ("model_openness_tool", "The system's page in the Model Openness Tool, where recorded"),
]


def _identifier_cell(s: System, catalog: str) -> str:
    return ";".join(i.value for i in s.identifiers if i.catalog == catalog)


def _source(source: Source) -> dict[str, Any]:
    data: dict[str, Any] = {
        "number": source.number,
        "id": source.id,
        "title": source.title,
        "url": source.url,
        "publisher": source.publisher,
        "accessed": source.accessed.iso(),
    }
    if source.published:
        data["published"] = source.published.iso()
    if source.archived:
        data["archived"] = source.archived
    if source.tier:
        data["tier"] = source.tier
    if source.unavailable:
        data["unavailable"] = source.unavailable
    data["shows"] = list(source.shows)
    return data


def _stated(value: str | None, key: str, state: Term | None, sources: tuple[Source, ...]) -> Any:
    """A sourced value as {key: value, sources}; a data state as its id, or {state, sources} with evidence."""
    if value:
        return {key: value, "sources": _refs(sources)}
    state_id = state.id if state else None
    return {"state": state_id, "sources": _refs(sources)} if sources else state_id


def _refs(sources: tuple[Source, ...]) -> list[str]:
    return [s.id for s in sources]


def system_record(facts: SystemFacts, site: SiteInfo) -> dict[str, Any]:
    """The resolved JSON form of one system: raw facts plus the derived ones, with vocabulary ids."""
    s: System = facts.system
    params: Any = (
        {"count": s.parameters.count, "note": s.parameters.note, "sources": _refs(s.parameters.sources)}
        if s.parameters.count
        else {"state": s.parameters.state.id, "note": s.parameters.note, "sources": _refs(s.parameters.sources)}
        if s.parameters.state and s.parameters.sources
        else s.parameters.state.id
        if s.parameters.state
        else None
    )
    return {
        "id": s.id,
        "name": s.name,
        "url": site.absolute(urls.system(s.id)),
        "developers": [{"id": o.id, "name": o.name, "kind": o.kind.id} for o in s.developers],
        "announced": s.announced.iso() if s.announced else s.announced_state.id if s.announced_state else "",
        "modalities": {"input": [m.id for m in s.inputs], "output": [m.id for m in s.outputs]},
        "parameters": params,
        "languages": list(s.languages) if not s.languages_state else s.languages_state.id,
        "summary": s.summary,
        "base_models": list(s.base_models),
        "identifiers": [{"catalog": i.catalog, "value": i.value, "url": i.url} for i in s.identifiers],
        "derived": {
            "level_now": facts.level_now.id,
            "level_at_announcement": facts.level_at_announcement.id,
            "levels_passed": [t.id for t in facts.levels_passed],
            "gating_now": facts.gating_now.id,
            "pricing_now": facts.pricing_now.id,
            "interfaces": [t.id for t in facts.interfaces],
            "licence": facts.licence.expression if facts.licence else "not-yet-recorded",
            "guardrails_in_place": facts.guardrails_in_place,
        },
        "placements": [
            {
                "date": p.date.iso(),
                "event": p.event.id,
                "level": p.level.id,
                "channel": p.channel.id,
                "gating": p.gating.id,
                "pricing": p.pricing.id,
                "note": p.note,
                "sources": _refs(p.sources),
            }
            for p in s.placements
        ],
        "components": {
            c.type.id: {
                "status": c.status.id,
                "license": c.licence.expression if c.licence else None,
                "date": c.date.iso() if c.date else None,
                "url": c.url,
                "note": c.note,
                "sources": _refs(c.sources),
            }
            for c in s.components
        },
        "access": {a.variable.id: _stated(a.value, "value", a.state, a.sources) for a in s.access},
        "guardrails": [
            {
                "type": g.type.id,
                "status": g.status.id,
                "channels": [c.id for c in g.channels],
                "since": g.since.iso() if g.since else None,
                "until": g.until.iso() if g.until else None,
                "description": g.description,
                "sources": _refs(g.sources),
            }
            for g in s.guardrails
        ],
        "considerations": [
            {"consideration": c.consideration.id, "note": c.note, "sources": _refs(c.sources)} for c in s.considerations
        ],
        "card": {
            "developer_cards": [{"title": link.title, "url": link.url} for link in s.developer_cards],
            "sections": {c.section.id: _stated(c.text, "text", c.state, c.sources) for c in s.card_sections},
        },
        "sources": [_source(src) for src in s.sources],
        "review": {"last_reviewed": s.last_reviewed.iso(), "status": s.review_status.id},
    }


def _dumps(data: Any) -> str:
    return dumps(data) + "\n"


def system_json(record: dict[str, Any], site: SiteInfo) -> str:
    """/systems/<id>.json, from the system's `system_record`."""
    return _dumps({"data_version": site.version, **record})


def catalog_json(index: CatalogIndex, site: SiteInfo, records: list[dict[str, Any]] | None = None) -> str:
    """/data/catalog.json: every system and organization, resolved (`records`: the systems' `system_record`s,
    when the caller has them already)."""
    return _dumps(
        {
            "data_version": site.version,
            "licence": "CC-BY-4.0",
            "systems": records if records is not None else [system_record(f, site) for f in index.system_facts()],
            "organizations": [
                {
                    "id": o.id,
                    "name": o.name,
                    "kind": o.kind.id,
                    "country": o.country,
                    "website": o.website,
                    "summary": o.summary,
                }
                for o in index.catalog.organizations.values()
            ],
        }
    )


def _parameters_cell(s: System) -> Any:
    if s.parameters.count:
        return s.parameters.count
    return s.parameters.state.id if s.parameters.state else ""


def csv_row(facts: SystemFacts, site: SiteInfo) -> dict[str, Any]:
    """One row of systems.csv."""
    s = facts.system
    return {
        "id": s.id,
        "name": s.name,
        "developers": ";".join(o.id for o in s.developers),
        "organization_kinds": ";".join(o.kind.id for o in s.developers),
        "announced": s.announced.iso() if s.announced else s.announced_state.id if s.announced_state else "",
        "modalities_in": ";".join(m.id for m in s.inputs),
        "modalities_out": ";".join(m.id for m in s.outputs),
        "parameters": _parameters_cell(s),
        "level_now": facts.level_now.id,
        "review_status": s.review_status.id,
        "level_at_announcement": facts.level_at_announcement.id,
        "gating_now": facts.gating_now.id,
        "pricing_now": facts.pricing_now.id,
        "weights_status": facts.weights.status.id,
        "licence": facts.licence.expression if facts.licence else "not-yet-recorded",
        "licence_family": facts.licence.family if facts.licence else "unknown",
        "guardrails": len(s.guardrails),
        "guardrails_in_place": facts.guardrails_in_place,
        "sources": len(s.sources),
        "last_reviewed": s.last_reviewed.iso(),
        "url": site.absolute(urls.system(s.id)),
        "wikidata": _identifier_cell(s, "Wikidata"),
        "huggingface": _identifier_cell(s, "Hugging Face"),
        "epoch_ai": _identifier_cell(s, "Epoch AI"),
        "osai_index": _identifier_cell(s, "Open Source AI Index"),
        "model_openness_tool": _identifier_cell(s, "Model Openness Tool"),
    }


_FORMULA_STARTS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
"""Characters a spreadsheet reads as the start of a formula, with their full-width forms."""


def spreadsheet_safe(value: Any) -> Any:
    """A cell value no spreadsheet runs as a formula: text whose first visible character starts a formula
    (after any white space, tab or carriage return) is prefixed with an apostrophe, as OWASP advises."""
    if isinstance(value, str) and value.lstrip(" \t\r\n\u3000")[:1] in _FORMULA_STARTS:
        return "'" + value
    return value


def table_csv(columns: tuple[str, ...], rows: tuple[tuple[Any, ...], ...]) -> str:
    """A table (a chart's data) as CSV, quoted and neutralised like systems.csv."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(columns)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    return out.getvalue()


def systems_csv(index: CatalogIndex, site: SiteInfo) -> str:
    """/data/systems.csv: one row per system. Every text cell is quoted, so a carriage return or line break
    inside a name can never start a new row, and no cell is read as a formula."""
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=[c for c, _ in CSV_COLUMNS], lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC
    )
    writer.writeheader()
    for facts in index.system_facts():
        writer.writerow({key: spreadsheet_safe(value) for key, value in csv_row(facts, site).items()})
    return out.getvalue()


def catalog_bib(index: CatalogIndex, site: SiteInfo) -> str:
    """/data/catalog.bib: a BibTeX entry per system page."""
    entries = [
        cite_system(f.system, site.absolute(urls.system(f.system.id)), site).bibtex() for f in index.system_facts()
    ]
    return "\n\n".join(entries) + "\n"


def schema_files() -> dict[str, str]:
    """The JSON Schemas, served at stable URLs (/schema/<name>) for editors and other tools."""
    return {urls.schema(path.name): path.read_text(encoding="utf-8") for path in sorted(SCHEMA_DIR.glob("*.json"))}


def names_json(index: CatalogIndex) -> str:
    """/data/names.json: id, name and aliases of every system, for the 404 page's suggestions."""
    names = [{"id": s.id, "name": s.name, "aliases": list(s.aliases)} for s in index.catalog.systems]
    return dumps(names, indent=False) + "\n"


def export_files(index: CatalogIndex, site: SiteInfo) -> tuple[dict[str, str], dict[str, Callable[[], str]]]:
    """Every export by its path in the site: the catalog-wide ones as text, and one JSON file per system as
    a function that writes it (called by whoever writes the file, on any core; see `SitePlan.deferred`)."""
    records = [system_record(facts, site) for facts in index.system_facts()]
    files = {
        **schema_files(),
        urls.NAMES: names_json(index),
        urls.FEED: atom_feed(index, site),
        urls.CATALOG_JSON: catalog_json(index, site, records),
        urls.SYSTEMS_CSV: systems_csv(index, site),
        urls.CATALOG_BIB: catalog_bib(index, site),
    }
    per_system: dict[str, Callable[[], str]] = {
        urls.system_json(record["id"]): partial(system_json, record, site) for record in records
    }
    return files, per_system


def release_snapshots(histories: Histories) -> dict[str, str]:
    """Every entry as recorded in each data release, as JSON: its data then, with the release it is from."""
    return {
        urls.system_release_json(system_id, tag): _dumps({"data_release": tag, "system_id": system_id, "entry": data})
        for tag, entries in histories.releases.items()
        for system_id, data in entries.items()
    }
