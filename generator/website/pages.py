"""Which pages the site has: one `Page` per URL, each with its template and the derived data it shows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from markupsafe import Markup

from generator.core import urls
from generator.core.coverage import STATES, catalog_coverage, evidence_totals, totals
from generator.core.derive import CatalogIndex, SystemFacts, compare_examples, systems_table
from generator.core.fieldref import fields
from generator.core.rules import RULES
from generator.core.vocab import vocabularies, vocabulary
from generator.website.charts import Chart
from generator.website.citation import AUTHOR, cite_system
from generator.website.embeds import snippet
from generator.website.export import CSV_COLUMNS
from generator.website.history import Histories
from generator.website.render import Page
from generator.website.site import SiteInfo
from generator.website.trajectory import trajectory_svg

SYSTEM_PAGE_SECTIONS = (
    ("access-card", "Access card"),
    ("timeline", "Placement timeline"),
    ("components", "Components"),
    ("access", "Access"),
    ("guardrails", "Guardrail inventory"),
    ("considerations", "Considerations"),
    ("sources", "Sources"),
    ("cite", "Cite this page"),
)
"""The system page's sections, in order: (anchor, heading) for the table of contents."""


NOT_SEARCHED: dict[str, Any] = {"search": {"exclude": True}}
"""Meta of pages Pagefind leaves out: the search and compare tools, and the pages that list every system or
every event (the systems table, changes, coverage), which would otherwise answer every name query ahead of
the system's own page and grow with the catalog."""

CARD_SEARCH_WEIGHT = 0.5
"""Pagefind weight of a model card page: found by the card's text, ranked below the system's own page."""


def system_pages(facts: SystemFacts, site: SiteInfo, histories: Histories | None = None) -> Iterator[Page]:
    """The system page, its card page and its history page."""
    system = facts.system
    page_url = urls.system(system.id)
    citation = cite_system(system, site.absolute(page_url), site)
    developers = ", ".join(o.name for o in system.developers)
    context = {
        "facts": facts,
        "system": system,
        "citation": citation,
        "edit_url": site.edit_base + system.path if site.edit_base else "",
        "report_url": site.report_problem(system.name, citation.url, system.path),
        "toc": SYSTEM_PAGE_SECTIONS,
        "history": histories.of(system.id) if histories else [],
        "history_available": bool(histories and histories.available),
        "releases": histories.releases_of(system.id) if histories else [],
        "embed_snippet": snippet(urls.system_embed(system.id), f"{system.name}: access card", site, 820),
    }
    meta: dict[str, Any] = {
        "hide": ["navigation"],
        "citation_title": citation.title,
        "citation_author": AUTHOR,
        "citation_publication_date": system.last_reviewed.iso().replace("-", "/"),
        "citation_public_url": citation.url,
        **({"citation_doi": site.doi} if site.doi else {}),  # one key set for every page: shells stay shared
        "data_version": site.version,
        "jsonld": {
            "@context": "https://schema.org",
            "@type": "Dataset",
            "name": citation.title,
            "description": system.summary,
            "url": citation.url,
            "dateModified": system.last_reviewed.iso(),
            "version": citation.version_text,
            **({"identifier": f"https://doi.org/{site.doi}"} if site.doi else {}),
            "creator": {"@type": "Organization", "name": site.name},
            "about": {
                "@type": "SoftwareApplication",
                "name": system.name,
                "author": [{"@type": "Organization", "name": o.name} for o in system.developers],
            },
            "license": "https://creativecommons.org/licenses/by/4.0/",
        },
    }
    yield Page(
        page_url,
        system.name,
        "system.html",
        context,
        description=f"{system.name} by {developers}: {facts.level_now.label.lower()} {facts.as_of}, "
        f"{facts.level_at_announcement.label.lower()} at announcement.",
        meta=meta,
        shell_slug=system.id,
    )
    card_url = urls.system_card(system.id)
    card_citation = cite_system(system, site.absolute(card_url), site, suffix=" model card")
    yield Page(
        card_url,
        f"{system.name} — model card",
        "card.html",
        {
            **context,
            "citation": card_citation,
            "report_url": site.report_problem(f"{system.name} model card", card_citation.url, system.path),
            "toc": [("developer-cards", "The developer's own cards")]
            + [(section.section.id, section.section.label) for section in system.card_sections]
            + [("sources", "Sources"), ("cite", "Cite this page")],
        },
        description=f"Model card summary for {system.name}, with sources.",
        meta={
            **meta,
            "search": {"boost": CARD_SEARCH_WEIGHT},
            "citation_title": card_citation.title,
            "citation_public_url": card_citation.url,
            "jsonld": {**meta["jsonld"], "name": card_citation.title, "url": card_citation.url},
        },
        shell_slug=system.id,
    )
    yield Page(
        urls.system_history(system.id),
        f"{system.name} — history of the entry",
        "history.html",
        {
            **context,
            "toc": [("top", "History")],
            "reason": histories.reason if histories else "history was not read for this build",
        },
        description=f"Every change to the catalog entry for {system.name}, from git.",
        meta={"hide": ["navigation", "toc"], **NOT_SEARCHED},
        shell_slug=system.id,
    )


MAX_COMPARED = 4
"""How many systems the compare page shows side by side."""


def compare_page(index: CatalogIndex) -> Page:
    """/compare/?systems=a,b: the page explains itself and links examples; its script fetches each
    system's JSON twin and lays the systems side by side, with labels for every vocabulary id."""
    labels = {  # lists, not objects, so that the vocabulary order survives tojson's sorted keys
        name: {
            "terms": [[t.id, t.label, t.group or ""] for t in vocab.terms],
            "groups": [[g.id, g.label] for g in vocab.groups],
        }
        for name, vocab in vocabularies().items()
    }
    return Page(
        urls.COMPARE,
        "Compare systems",
        "compare.html",
        {
            "systems": [(s.id, s.name) for s in index.catalog.systems],
            "labels": labels,
            "examples": compare_examples(index),
            "max_compared": MAX_COMPARED,
        },
        description="Up to four systems side by side: level history, components, access and guardrails.",
        meta={"hide": ["navigation", "toc"], **NOT_SEARCHED},
    )


def catalog_citation(site: SiteInfo, url: str, title: str) -> dict[str, str]:
    """Citation meta for a page about the whole catalog (home, systems table, timeline): cited as the data
    release it shows, by the same author as every system page."""
    return {
        "citation_title": title,
        "citation_author": AUTHOR,
        "citation_publication_date": site.built.iso().replace("-", "/"),
        "citation_public_url": site.absolute(url),
        "data_version": site.version,
    }


def all_pages(
    index: CatalogIndex, site: SiteInfo, charts: list[Chart], histories: Histories | None = None
) -> list[Page]:
    """Every generated page of the site."""
    facts = index.system_facts()
    pages = [
        Page(
            urls.HOME,
            "The gradient of generative AI release",
            "home.html",
            {"index": index, "facts": facts},
            description="Where released generative AI systems sit on the gradient from fully closed to fully "
            "open, and who can use them.",
            meta={
                "hide": ["navigation", "toc"],
                **catalog_citation(site, urls.HOME, "The gradient of generative AI release"),
            },
        ),
        Page(
            urls.SYSTEMS,
            "Systems",
            "systems.html",
            {"index": index, "facts": facts, "table": systems_table(facts), "max_compared": MAX_COMPARED},
            description="Every system in the catalog, with level now and at announcement.",
            meta={"hide": ["navigation", "toc"], **NOT_SEARCHED, **catalog_citation(site, urls.SYSTEMS, "Systems")},
        ),
        compare_page(index),
        grid_page(index),
        Page(
            urls.SEARCH,
            "Search",
            "search.html",
            {"facet_labels": facet_labels(index)},
            description="Search every page of the catalog.",
            meta=NOT_SEARCHED,
        ),
    ]
    for item in facts:
        pages.extend(system_pages(item, site, histories))
    pages.extend(level_pages(index))
    pages.extend(organization_pages(index))
    pages.extend(guardrail_pages(index))
    pages.extend(catalog_pages(index, charts, site))
    return pages


def level_pages(index: CatalogIndex) -> Iterator[Page]:
    """/gradient/<level>/: the level's definition, systems at it now and those that passed through it."""
    for level in vocabulary("levels").terms:
        now = index.by_level_now[level.id]
        passed = [f for f in index.passed_through[level.id] if f.level_now.id != level.id]
        typical = Counter(g.type.id for f in now for g in f.system.guardrails if g.status.id == "in-place")
        yield Page(
            urls.level(level.id),
            level.label,
            "level.html",
            {"level": level, "now": now, "passed": passed, "typical_guardrails": typical.most_common(8)},
            description=f"{level.label}: {level.definition}",
        )


def organization_pages(index: CatalogIndex) -> Iterator[Page]:
    """/organizations/ and /organizations/<id>/: who releases what, and how that changed over time."""
    organizations = sorted(index.catalog.organizations.values(), key=lambda o: o.name.lower())
    yield Page(
        urls.ORGANIZATIONS,
        "Organizations",
        "organizations.html",
        {"organizations": organizations, "index": index},
        description="Every developer organization in the catalog, by kind, with its systems on the gradient.",
    )
    for org in organizations:
        systems = index.by_organization.get(org.id, [])
        yield Page(
            urls.organization(org.id),
            org.name,
            "organization.html",
            {"org": org, "systems": systems},
            description=f"{org.name} ({org.kind.label.lower()}): {len(systems)} system(s) on the release gradient.",
        )


def guardrail_pages(index: CatalogIndex) -> Iterator[Page]:
    """/guardrails/ and /guardrails/<type>/: the paper's safety controls and which systems have them."""
    guardrails = vocabulary("guardrails")
    yield Page(
        urls.GUARDRAILS,
        "Guardrails",
        "guardrails.html",
        {"guardrails": guardrails, "index": index},
        description="The safety controls of the release gradient, and which systems have each.",
    )
    for term in guardrails.terms:
        rows = [(f, g) for f in index.by_guardrail.get(term.id, []) for g in f.system.guardrails if g.type == term]
        yield Page(
            urls.guardrail(term.id),
            term.label,
            "guardrail.html",
            {"term": term, "group": guardrails.group_of(term), "rows": rows},
            description=f"{term.label}: {term.definition}",
        )


def facet_labels(index: CatalogIndex) -> dict[str, dict[str, str]]:
    """What readers see for each search facet value. Pages give Pagefind ids only (slugs the schema limits
    to a-z, 0-9 and hyphens), so no text a contributor wrote can reach Pagefind's filter panel, which
    inserts values as HTML; the search page swaps in these labels as plain text, in gradient order."""
    return {
        "level": {f"{rank}-{t.id}": t.label for rank, t in enumerate(vocabulary("levels").terms)},
        "modality": {t.id: t.label for t in vocabulary("modalities").terms},
        "organization": {
            o.id: o.name for o in sorted(index.catalog.organizations.values(), key=lambda o: o.name.lower())
        },
    }


def grid_page(index: CatalogIndex) -> Page:
    """/systems/grid/: the whole catalog in one dense view, systems by components, each cell a status that
    links to the first source behind it, filterable by level, modality and organization."""
    components = vocabulary("components")
    columns = [t for g in components.groups for t in components.in_group(g.id)]
    return Page(
        urls.GRID,
        "Systems by component",
        "grid.html",
        {"facts": index.system_facts(), "columns": columns, "table": systems_table(index.system_facts())},
        description="Every system against every component: released, partly released, gated, withheld, not "
        "disclosed, not applicable or not yet recorded, each with its source.",
        meta={"hide": ["navigation", "toc"], **NOT_SEARCHED},
    )


def coverage_page(index: CatalogIndex) -> Page:
    """/data/coverage/: what is sourced and what is still missing, per system and per field."""
    coverage = catalog_coverage(index.catalog)
    gaps: Counter[str] = Counter(f.field for c in coverage for f in c.fields if f.state == "not-yet-recorded")
    return Page(
        urls.COVERAGE,
        "Coverage",
        "coverage.html",
        {
            "coverage": coverage,
            "totals": totals(coverage),
            "evidence": evidence_totals(coverage),
            "states": STATES,
            "gaps": gaps.most_common(12),
        },
        description="Per system: how many fields are sourced, not disclosed, not applicable or not yet recorded.",
        meta=NOT_SEARCHED,
    )


def catalog_pages(index: CatalogIndex, charts: list[Chart], site: SiteInfo) -> list[Page]:
    """The pages about the catalog as a whole: timeline, data, contribute, changes."""
    return [
        Page(
            urls.TIMELINE,
            "Timeline",
            "timeline.html",
            {
                "charts": charts,
                "embed_snippets": {c.id: snippet(urls.chart_embed(c.id), c.title, site, 560) for c in charts},
                "index": index,
                "trajectory": Markup(trajectory_svg(index)),
                "kinds": vocabulary("organization-kinds").terms,
            },
            meta={
                "hide": ["navigation"],  # a one-page section: the charts get the width the nav column took
                **catalog_citation(site, urls.TIMELINE, "Timeline of generative AI release"),
            },
            description="How openly generative AI systems were released over time, by modality and by kind of "
            "organization; charts drawn from the catalog with their data.",
        ),
        Page(
            urls.DATA,
            "Data",
            "data.html",
            {"index": index, "csv_columns": CSV_COLUMNS},
            description="Download the whole catalog as JSON, CSV or BibTeX, under CC BY 4.0.",
        ),
        coverage_page(index),
        Page(
            urls.CONTRIBUTE,
            "Contribute",
            "contribute.html",
            {
                "system_fields": fields("system.schema.json"),
                "organization_fields": fields("organization.schema.json"),
                "rules": RULES,
            },
            description="How to add or correct an entry, and every field of an entry explained.",
        ),
        *changes_pages(index),
    ]


LATEST_CHANGES = 100
"""How many of the newest changes /changes/ lists; every change stays on its year's archive page, so no page
grows with the whole catalog's history."""


def changes_pages(index: CatalogIndex) -> Iterator[Page]:
    """/changes/ (the newest changes and the list of years) and /changes/<year>/ (every change of a year)."""
    years = [(year, len(changes)) for year, changes in index.changes_by_year.items()]
    yield Page(
        urls.CHANGES,
        "Changes",
        "changes.html",
        {"changes": index.changes[:LATEST_CHANGES], "years": years, "year": None, "total": len(index.changes)},
        description="What changed in the release of catalogued systems, newest first, with an Atom feed.",
        meta=NOT_SEARCHED,
    )
    for year, changes in index.changes_by_year.items():
        yield Page(
            urls.changes_year(year),
            f"Changes in {year}",
            "changes.html",
            {"changes": changes, "years": years, "year": year, "total": len(changes)},
            description=f"Every release event of {year} in the catalog: releases, level changes, gating "
            "changes, leaks and withdrawals.",
            meta=NOT_SEARCHED,
        )
