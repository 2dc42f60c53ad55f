"""Embeds: a system's access card and each timeline chart as a small standalone page that another site can
show in an iframe. Each page carries its own styles (no theme, no script), names the data version and the
licence, links every fact back to the full page, opens links outside the frame, and asks search engines
not to index it (the canonical page is the full one)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from generator.core import urls
from generator.core.derive import CatalogIndex
from generator.website.charts import Chart
from generator.website.render import Page, Renderer
from generator.website.site import SiteInfo

TEMPLATE = "embed.html"


def embed_pages(index: CatalogIndex, charts: list[Chart], site: SiteInfo) -> list[Page]:
    """One embed page per system (its access card) and per timeline chart."""
    pages = [
        Page(
            urls.system_embed(facts.system.id),
            f"{facts.system.name}: access card",
            TEMPLATE,
            {
                "facts": facts,
                "system": facts.system,
                "canonical": site.absolute(urls.system(facts.system.id)),
                "anchor_page": "./",  # footnotes and "#guardrails" point into the full system page
                "chart": None,
            },
        )
        for facts in index.system_facts()
    ]
    pages += [
        Page(
            urls.chart_embed(chart.id),
            chart.title,
            TEMPLATE,
            {"chart": chart, "canonical": site.absolute(urls.TIMELINE) + f"#chart-{chart.id}", "anchor_page": ""},
        )
        for chart in charts
    ]
    return pages


def snippet(page_url: str, title: str, site: SiteInfo, height: int) -> str:
    """The HTML a reader pastes to show an embed page on their own site."""
    return (
        f'<iframe src="{site.absolute(page_url)}" title="{title} (Gradient)" width="100%" height="{height}" '
        'loading="lazy" style="border:0"></iframe>'
    )


def embed_files(pages: list[Page], renderer: Renderer) -> dict[str, Callable[[], str]]:
    """The embed pages as files of the site, by path, each a function that renders it when it is written."""
    return {page.url: partial(renderer.render_finished, page) for page in pages}
