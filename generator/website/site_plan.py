"""The whole site as a plan, independent of any engine: from the validated catalog documents to every page
(template and context), every export file (JSON, CSV, BibTeX, feeds, charts, embeds, release snapshots)
and every redirect, with the renderer that turns a page into HTML.

Engines only carry it out: the MkDocs plugin (generator/engines/plugin.py) feeds these pages through MkDocs and
Material, `gradient generate` (generator/engines/docs_tree.py) writes them as an ordinary docs tree that any engine
reading mkdocs.yml can build without our plugin.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.core import urls
from generator.core.dates import PartialDate, publication_date
from generator.core.derive import build_index
from generator.core.load import Document
from generator.core.model import Catalog, build_catalog
from generator.core.versioning import commit_time, data_commit, data_version, dataset_doi
from generator.website.charts import all_charts
from generator.website.embeds import embed_files, embed_pages
from generator.website.export import export_files, release_snapshots, table_csv
from generator.website.history import read_histories
from generator.website.pages import all_pages
from generator.website.redirects import redirects
from generator.website.render import Page, Renderer
from generator.website.site import SiteInfo
from generator.website.trajectory import trajectory_csv, trajectory_svg

SVG_HEADER = '<?xml version="1.0" encoding="utf-8"?>\n'


@dataclass
class SitePlan:
    """Everything the site holds, before any engine writes it."""

    site: SiteInfo
    catalog: Catalog
    pages: dict[str, Page]
    """Generated pages by URL."""
    exports: dict[str, str]
    """Files served as they are (catalog-wide data, feeds, charts), by path in the site."""
    deferred: dict[str, Callable[[], str]]
    """Files of one system each (its JSON and embed), by path, as functions that render them: at 10,000
    systems they were 400 MB of text held for the whole build and rendered on one core; the engine calls
    each when it writes the file (the MkDocs plugin in its page workers, on every core)."""
    redirects: dict[str, str]
    """Redirect pages (HTML) by the old URL they keep alive."""
    renderer: Renderer


def site_info(catalog_dir: Path, name: str, url: str, repo_url: str, version: str | None = None) -> SiteInfo:
    """Facts about this build: where the site lives and which data it is built from (git, CITATION.cff)."""
    repo = repo_url.rstrip("/")
    return SiteInfo(
        name=name,
        url=url or "http://127.0.0.1:8000/",
        repo_url=repo,
        edit_base=f"{repo}/blob/main/" if repo else "",
        version=version or data_version(catalog_dir),
        built=PartialDate.parse(publication_date(commit_time(catalog_dir)).isoformat()),
        commit=data_commit(catalog_dir),
        doi=dataset_doi(catalog_dir.parent),
    )


def plan_site(documents: dict[str, dict[str, Document]], catalog_dir: Path, site: SiteInfo) -> SitePlan:
    """The site of a validated catalog: model, derived indexes, pages, exports and redirects."""
    catalog = build_catalog(documents, catalog_dir)
    index = build_index(catalog)
    charts = all_charts(index)
    histories = read_histories(catalog_dir)
    exports, deferred = export_files(index, site)
    exports.update(release_snapshots(histories))
    for chart in charts:
        exports[urls.chart(chart.id)] = SVG_HEADER + chart.svg
        exports[urls.chart_csv(chart.id)] = table_csv(chart.columns, chart.rows)
    exports[urls.TRAJECTORY_SVG] = SVG_HEADER + trajectory_svg(index)
    exports[urls.TRAJECTORY_CSV] = trajectory_csv(index)
    licence = catalog_dir / "LICENSE"
    if licence.is_file():
        exports[urls.DATA_LICENCE] = licence.read_text(encoding="utf-8")
    renderer = Renderer(
        {
            "name": site.name,
            "url": site.url,
            "repo_url": site.repo_url,
            "version": site.version,
            "built": site.built,
            "data_licence": urls.DATA_LICENCE in exports,
        }
    )
    deferred.update(embed_files(embed_pages(index, charts, site), renderer))
    return SitePlan(
        site=site,
        catalog=catalog,
        pages={page.url: page for page in all_pages(index, site, charts, histories)},
        exports=exports,
        deferred=deferred,
        redirects={r.old_url: r.html(site.url) for r in redirects(catalog)},
        renderer=renderer,
    )
