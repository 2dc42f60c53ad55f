"""Coverage of the catalog: per system and per field, what is sourced, not disclosed, not applicable or not yet
recorded, and how many sources record the passage they were read for. One pass over the typed model; the
/data/coverage/ page and `gradient audit` both read it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.core.derive import system_facts
from generator.core.model import Catalog, Organization, Source, System
from generator.core.vocab import DATA_STATES, lasting_guardrails

SOURCED = "sourced"
STATES = (SOURCED, *DATA_STATES)


@dataclass(frozen=True)
class FieldCoverage:
    """The state of one field of one system, and the sources it cites."""

    field: str
    state: str
    sources: tuple[Source, ...] = ()

    @property
    def unsourced_claim(self) -> bool:
        """A fact (sourced, or withheld by the developer) stated without any source."""
        return self.state in (SOURCED, "not-disclosed") and not self.sources


@dataclass(frozen=True)
class SystemCoverage:
    """Every audited field of one system, and how checkable its evidence is."""

    system: System
    fields: tuple[FieldCoverage, ...]
    counts: Counter[str] = field(default_factory=Counter)
    sources_with_passage: int = 0
    stale_live_guardrails: int = 0
    review_due: bool = False

    @property
    def share_with_passage(self) -> float:
        """Share of the entry's sources that record the passage read in them (`shows`)."""
        return self.sources_with_passage / len(self.system.sources) if self.system.sources else 1.0

    @property
    def unsourced(self) -> list[FieldCoverage]:
        """Fields that state a fact without a source."""
        return [f for f in self.fields if f.unsourced_claim]

    @property
    def share_sourced(self) -> float:
        """Share of audited fields that carry a sourced value."""
        return self.counts[SOURCED] / len(self.fields) if self.fields else 0.0


def system_coverage(system: System) -> SystemCoverage:
    """The audit of one system: parameters, every component, access variable and card section."""
    rows = [
        FieldCoverage(
            "parameters",
            system.parameters.state.id if system.parameters.state else SOURCED,
            system.parameters.sources,
        )
    ]
    for c in system.components:
        status = c.status.id
        rows.append(FieldCoverage(f"components.{c.type.id}", status if status in DATA_STATES else SOURCED, c.sources))
    for a in system.access:
        rows.append(FieldCoverage(f"access.{a.variable.id}", a.state.id if a.state else SOURCED, a.sources))
    for s in system.card_sections:
        rows.append(FieldCoverage(f"card.{s.section.id}", s.state.id if s.state else SOURCED, s.sources))
    rows.append(
        FieldCoverage(
            "guardrails",
            SOURCED if system.guardrails else "not-yet-recorded",
            tuple(src for g in system.guardrails for src in g.sources),
        )
    )
    counts = Counter(r.state for r in rows)
    facts = system_facts(system)
    withdrawn = {c.id for c in facts.withdrawn_channels}
    closed = facts.level_now.id == "fully-closed" and bool(withdrawn)
    stale = sum(
        1
        for g in system.guardrails
        if g.is_live
        and (
            (closed and g.type.id not in lasting_guardrails())
            or (g.channels and {c.id for c in g.channels} <= withdrawn)
        )
    )
    return SystemCoverage(
        system,
        tuple(rows),
        counts,
        sources_with_passage=sum(1 for s in system.sources if s.shows),
        stale_live_guardrails=stale,
        review_due=facts.review_due,
    )


def catalog_coverage(catalog: Catalog) -> list[SystemCoverage]:
    """The audit of every system, in catalog order."""
    return [system_coverage(s) for s in catalog.systems]


def totals(coverage: list[SystemCoverage]) -> Counter[str]:
    """Field counts per state over the whole catalog."""
    total: Counter[str] = Counter()
    for item in coverage:
        total.update(item.counts)
    return total


def evidence_totals(coverage: list[SystemCoverage]) -> dict[str, float | int]:
    """Sources with a recorded passage over the whole catalog, stale live guardrails, entries due for review,
    and entries whose present state no source read confirms (review status `unconfirmed`)."""
    cited = sum(len(c.system.sources) for c in coverage)
    shown = sum(c.sources_with_passage for c in coverage)
    return {
        "sources": cited,
        "with_passage": shown,
        "share_with_passage": round(shown / cited, 4) if cited else 1.0,
        "stale_live_guardrails": sum(c.stale_live_guardrails for c in coverage),
        "review_due": sum(1 for c in coverage if c.review_due),
        "unconfirmed_now": sum(1 for c in coverage if c.system.review_status.id == "unconfirmed"),
    }


def organization_evidence(organizations: Iterable[Organization]) -> dict[str, float | int]:
    """Sources of organization entries with a recorded passage (they support kind, country and summary)."""
    sources = [s for o in organizations for s in o.sources]
    shown = sum(1 for s in sources if s.shows)
    return {
        "sources": len(sources),
        "with_passage": shown,
        "share_with_passage": round(shown / len(sources), 4) if sources else 1.0,
    }
