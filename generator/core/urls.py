"""Every URL the site publishes, defined once. Paths are relative to the site root, with trailing slash
for pages (mkdocs `use_directory_urls`)."""

from __future__ import annotations

HOME = ""
SYSTEMS = "systems/"
GUARDRAILS = "guardrails/"
TIMELINE = "timeline/"
COMPARE = "compare/"
GRID = "systems/grid/"
DATA = "data/"
CONTRIBUTE = "contribute/"
CHANGES = "changes/"
SEARCH = "search/"
ORGANIZATIONS = "organizations/"
COVERAGE = "data/coverage/"
FEED = "changes/feed.xml"
NAMES = "data/names.json"
CATALOG_JSON = "data/catalog.json"
SYSTEMS_CSV = "data/systems.csv"
CATALOG_BIB = "data/catalog.bib"
DATA_LICENCE = "data/LICENSE.txt"
TRAJECTORY_SVG = "timeline/trajectory.svg"
TRAJECTORY_CSV = "timeline/trajectory.csv"


def chart(chart_id: str) -> str:
    """A timeline chart's SVG."""
    return f"timeline/{chart_id}.svg"


def chart_csv(chart_id: str) -> str:
    """The table behind a timeline chart, as CSV."""
    return f"timeline/{chart_id}.csv"


def changes_year(year: int) -> str:
    """The archive of one year's changes."""
    return f"changes/{year}/"


def schema(name: str) -> str:
    """A published JSON Schema (system.schema.json, ...)."""
    return f"schema/{name}"


def system(system_id: str) -> str:
    """The citable page of a system."""
    return f"systems/{system_id}/"


def system_card(system_id: str) -> str:
    """The model / system card page of a system."""
    return f"systems/{system_id}/card/"


def system_history(system_id: str) -> str:
    """Every change to a system's entry, from git."""
    return f"systems/{system_id}/history/"


def system_json(system_id: str) -> str:
    """The machine-readable twin of a system page."""
    return f"systems/{system_id}.json"


def organization(org_id: str) -> str:
    """An organization's page."""
    return f"organizations/{org_id}/"


def level(level_id: str) -> str:
    """A release level's page."""
    return f"gradient/{level_id}/"


def guardrail(type_id: str) -> str:
    """A guardrail type's page."""
    return f"guardrails/{type_id}/"


def source_file(page_url: str) -> str:
    """The generated Markdown stub behind a page URL (mkdocs needs a source file per page)."""
    return page_url + "index.md"


def output_file(page_url: str) -> str:
    """The HTML file a page URL is served from ("systems/x/index.html")."""
    return page_url + "index.html"


def base_for(page_url: str) -> str:
    """Relative prefix from a page back to the site root ("../../" for systems/x/)."""
    return "../" * page_url.count("/")


def system_embed(system_id: str) -> str:
    """A system's access card as a standalone page for an iframe (beside the system page: same base)."""
    return f"systems/{system_id}/embed.html"


def chart_embed(chart_id: str) -> str:
    """A timeline chart as a standalone page for an iframe (beside the timeline page: same base)."""
    return f"timeline/{chart_id}.html"


def system_release_json(system_id: str, tag: str) -> str:
    """A system's entry as recorded in one data release (a `data-YYYY.MM.DD` tag)."""
    return f"systems/{system_id}/releases/{tag}.json"
