"""Coverage audit: per system and per field, what is sourced, not disclosed, not applicable or not yet recorded.

`gradient audit` prints it (text or JSON) and fails when a claim states a fact without citing a source;
the /data/coverage/ page shows the same numbers. One pass over the typed model, nothing else.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from generator.derive import system_facts
from generator.diagnostics import CatalogError, format_diagnostics
from generator.model import Catalog, Source, System
from generator.vocab import DATA_STATES, lasting_guardrails

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
    """Sources with a recorded passage over the whole catalog, and stale live guardrails."""
    cited = sum(len(c.system.sources) for c in coverage)
    shown = sum(c.sources_with_passage for c in coverage)
    return {
        "sources": cited,
        "with_passage": shown,
        "share_with_passage": round(shown / cited, 4) if cited else 1.0,
        "stale_live_guardrails": sum(c.stale_live_guardrails for c in coverage),
        "review_due": sum(1 for c in coverage if c.review_due),
    }


def _as_json(coverage: list[SystemCoverage]) -> str:
    return json.dumps(
        {
            "totals": {state: totals(coverage)[state] for state in STATES},
            "evidence": evidence_totals(coverage),
            "systems": [
                {
                    "id": c.system.id,
                    "counts": {state: c.counts[state] for state in STATES},
                    "fields": {f.field: f.state for f in c.fields},
                    "unsourced": [f.field for f in c.unsourced],
                    "evidence": {
                        "sources": len(c.system.sources),
                        "with_passage": c.sources_with_passage,
                        "share_with_passage": round(c.share_with_passage, 4),
                        "stale_live_guardrails": c.stale_live_guardrails,
                        "review_due": c.review_due,
                        "last_reviewed": c.system.last_reviewed.iso(),
                    },
                }
                for c in coverage
            ],
        },
        indent=2,
    )


def _as_text(coverage: list[SystemCoverage]) -> str:
    width = max((len(c.system.id) for c in coverage), default=10)
    head = f"{'system':<{width}}  " + "  ".join(f"{s:>16}" for s in STATES) + f"  {'passages':>9}  review"
    lines = [head, "-" * len(head)]
    for c in coverage:
        passages = f"{c.sources_with_passage}/{len(c.system.sources)}"
        due = "due" if c.review_due else "ok"
        counts = "  ".join(f"{c.counts[s]:>16}" for s in STATES)
        lines.append(f"{c.system.id:<{width}}  {counts}  {passages:>9}  {due}")
    total = totals(coverage)
    evidence = evidence_totals(coverage)
    lines.append("-" * len(head))
    lines.append(f"{'all':<{width}}  " + "  ".join(f"{total[s]:>16}" for s in STATES))
    lines.append(
        f"sources with a passage: {evidence['with_passage']} of {evidence['sources']} "
        f"({100 * float(evidence['share_with_passage']):.1f} %); stale live guardrails: "
        f"{evidence['stale_live_guardrails']}; entries due for review: {evidence['review_due']}"
    )
    return "\n".join(lines)


def run_audit(args: argparse.Namespace) -> int:
    """`gradient audit`: print coverage; exit 1 when a claim has no source or the catalog is invalid."""
    from generator.catalog import read_catalog
    from generator.validate import catalog_root_of

    target = Path(args.catalog)
    only = target.stem if target.is_file() else None  # one entry: audited in the context of its catalog
    try:
        catalog = read_catalog(catalog_root_of(target) if only else target)
    except CatalogError as error:
        print(format_diagnostics(error.diagnostics), file=sys.stderr)
        return 1
    coverage = [c for c in catalog_coverage(catalog) if only is None or c.system.id == only]
    if only and not coverage:
        print(f"gradient audit: {target} is not a system entry of its catalog", file=sys.stderr)
        return 2
    print(_as_json(coverage) if args.format == "json" else _as_text(coverage))
    problems = [(c.system, f) for c in coverage for f in c.unsourced]
    for system, f in problems:
        print(
            f"{system.path}: {f.field}: states a fact ({f.state}) without a source; add its source id to "
            f"`sources`, or write not-yet-recorded",
            file=sys.stderr,
        )
    if problems:
        print(f"{len(problems)} claim(s) without a source", file=sys.stderr)
        return 1
    return 0
