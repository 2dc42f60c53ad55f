"""Coverage audit: per system and per field, what is sourced, not disclosed, not applicable or not yet recorded.

`gradient audit` prints it (text or JSON) and fails when a claim states a fact without citing a source;
the /data/coverage/ page shows the same numbers. One pass over the typed model, nothing else.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from generator.core.coverage import (
    STATES,
    SystemCoverage,
    catalog_coverage,
    evidence_totals,
    organization_evidence,
    totals,
)
from generator.core.diagnostics import CatalogError, format_diagnostics


def _as_json(coverage: list[SystemCoverage], organizations: dict[str, float | int] | None) -> str:
    return json.dumps(
        {
            "totals": {state: totals(coverage)[state] for state in STATES},
            "evidence": evidence_totals(coverage),
            **({"organization_evidence": organizations} if organizations is not None else {}),
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


def _as_text(coverage: list[SystemCoverage], organizations: dict[str, float | int] | None) -> str:
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
        f"{evidence['stale_live_guardrails']}; entries due for review: {evidence['review_due']}; present state not "
        f"confirmed: {evidence['unconfirmed_now']}"
    )
    if organizations is not None:
        lines.append(
            f"organization sources with a passage: {organizations['with_passage']} of {organizations['sources']} "
            f"({100 * float(organizations['share_with_passage']):.1f} %)"
        )
    return "\n".join(lines)


def run_audit(args: argparse.Namespace) -> int:
    """`gradient audit`: print coverage; exit 1 when a claim has no source or the catalog is invalid."""
    from generator.core.catalog import read_catalog
    from generator.core.validate import catalog_root_of

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
    organizations = None if only else organization_evidence(catalog.organizations.values())
    print(_as_json(coverage, organizations) if args.format == "json" else _as_text(coverage, organizations))
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
