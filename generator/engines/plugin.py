"""The MkDocs plugin: loads and validates the catalog once per build and hands MkDocs its pages.

Thin on purpose: each event calls a pipeline stage (validate -> model -> derive -> pages -> render)
and keeps nothing but the results. Pages exist only in the build (`File.generated`); no Markdown
is written into the repository.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkPage
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_build_date

from generator.core import progress, urls
from generator.core.collector import collector_paused, freeze_survivors, thaw
from generator.core.diagnostics import format_diagnostics
from generator.core.jsontext import jinja_dumps
from generator.core.links import outside_links
from generator.core.paths import PROJECT_ROOT, TEMPLATE_DIR
from generator.core.validate import validate_catalog
from generator.engines.incremental import LastBuild, remember, serve_edits_first, stamps
from generator.engines.publish import StagedBuild, keep_serving_last_good_build
from generator.engines.render_pool import write_pages
from generator.engines.shell import ShellRenderer, build_shells
from generator.website.render import Page, Renderer, compact_html, harden_links
from generator.website.search import BUNDLE_DIR, SearchIndexer, SearchIndexError
from generator.website.site_plan import plan_site, site_info

log = logging.getLogger("mkdocs.plugins.gradient")

CATALOG_ENV = "GRADIENT_CATALOG"
"""Environment variable naming the catalog directory; overrides the plugin's `catalog` option."""

_DEFERRED = "<h1 data-gradient-deferred></h1>"
"""Stands in for a generated page's HTML between on_page_content and on_post_page. MkDocs renders the
content of every page before it writes the first one, so returning the real HTML there would hold
every page in memory at once (about 800 MB at 10,000 systems). It contains "<h1" because Material adds
a title to content without one; only pages whose template has its own <h1> are deferred."""


class GradientConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs' Config is untyped
    """Options under `plugins: - gradient:` in mkdocs.yml."""

    catalog = c.Type(str, default="catalog")
    """Catalog directory (holding systems/ and organizations/), relative to mkdocs.yml."""
    strict = c.Type(bool, default=True)
    """Fail the build on any catalog error. When false, invalid entries are left out with a warning."""
    data_version = c.Optional(c.Type(str))
    """Data version shown in citations; default: the git commit of the catalog."""
    shells = c.Type(bool, default=True)
    """Write the per-system pages into a theme shell rendered once per kind (generator/engines/shell.py). False
    sends them through MkDocs' page pipeline: the same HTML, several times slower; kept so that tests can
    compare the two."""


class GradientPlugin(BasePlugin[GradientConfig]):  # type: ignore[no-untyped-call]
    """Generates the catalog's pages inside a Material for MkDocs site."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.shell_pages: list[Page] = []
        self.nav: Navigation | None = None
        self.indexer: SearchIndexer | None = None
        self.doc_files: list[File] = []
        self.exports: dict[str, str] = {}
        self.deferred: dict[str, Callable[[], str]] = {}
        self.renderer: Renderer | None = None
        self.catalog_dir = PROJECT_ROOT / "catalog"
        self.redirects: dict[str, str] = {}
        self.staged: StagedBuild | None = None
        self.last_build: LastBuild | None = None
        self.clock = time.perf_counter()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Before anything is written: validate the catalog; stop the build with every error if invalid.

        The catalog's model and pages live until the build ends: the garbage collector is kept off them while
        they are made and then frozen out of its reach (generator/core/collector.py; at 10,000 systems
        derivation took 22.6 s with it, 10.2 s without, and the largest page 12 s instead of 4), until
        on_post_build or on_build_error thaws them."""
        with collector_paused():
            config = self._plan(config)
        freeze_survivors()
        return config

    def _plan(self, config: MkDocsConfig) -> MkDocsConfig:
        config_dir = Path(config.config_file_path or ".").resolve().parent
        # GRADIENT_CATALOG lets `gradient build --engine …` point another engine's CLI at a catalog.
        self.catalog_dir = (config_dir / (os.environ.get(CATALOG_ENV) or self.config.catalog)).resolve()
        config_file = Path(config.config_file_path or "mkdocs.yml")
        watched = (self.catalog_dir, TEMPLATE_DIR, PROJECT_ROOT / "schema", Path(config.docs_dir), config_file)
        files_read = stamps(watched)  # before reading any: an edit made during the build is seen later
        self.clock = time.perf_counter()
        if escaping := outside_links(Path(config.docs_dir), config_dir, shown_as="docs"):
            raise PluginError("the docs folder links outside the repository:\n" + format_diagnostics(escaping))
        result = validate_catalog(self.catalog_dir)
        self._lap(f"validated {result.files_checked} files")
        if any(d.rule == "layout" and "symbolic link" in d.message for d in result.errors):
            raise PluginError("the catalog links outside itself:\n" + format_diagnostics(result.errors))
        if not result.ok and self.config.strict:
            report = format_diagnostics(result.errors)
            raise PluginError(f"the catalog has {len(result.errors)} error(s):\n{report}")
        # Valid: from here on MkDocs writes into a staging directory, published only when the build succeeds.
        self.staged = StagedBuild.begin(Path(config.site_dir), strict=bool(config.strict))
        config.site_dir = str(self.staged.staging)
        if not result.ok:
            report = format_diagnostics(result.errors)
            log.warning("leaving out invalid catalog entries:\n%s", report)
            broken = {d.file for d in result.errors}
            for docs in result.documents.values():
                for entry_id in [i for i, doc in docs.items() if doc.file in broken]:
                    del docs[entry_id]
            _drop_unresolved(result.documents)
        site = site_info(
            self.catalog_dir, config.site_name, config.site_url or "", config.repo_url or "", self.config.data_version
        )
        plan = plan_site(result.documents, self.catalog_dir, site)
        self.pages, self.exports, self.deferred, self.redirects, self.renderer = (
            plan.pages,
            plan.exports,
            plan.deferred,
            plan.redirects,
            plan.renderer,
        )
        self.shell_pages = [page for page in self.pages.values() if page.shell_slug and self.config.shells]
        if result.ok and self.config.shells:
            self.last_build = LastBuild(
                self.catalog_dir, Path(), watched, files_read, result.documents, plan.catalog.organizations, site
            )
        self._lap(f"derived {len(self.pages)} pages and {len(self.exports) + len(self.deferred)} exports")
        return config

    def _lap(self, done: str) -> None:
        """Log a build stage's duration (shown by `gradient build --verbose` and `mkdocs serve`)."""
        now = time.perf_counter()
        log.info("%s in %.1f s", done, now - self.clock)
        self.clock = now

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add one in-memory source file per generated page but the per-system ones, which are written
        into their theme shell (on_env); system pages stay out of the navigation."""
        in_shells = {page.url for page in self.shell_pages}
        for page in self.pages.values():
            src = urls.source_file(page.url)
            existing = files.get_file_from_path(src)
            if existing is not None:
                raise PluginError(f"docs/{src} collides with a generated page; remove or rename it")
            if page.url in in_shells:
                continue
            inclusion = (
                InclusionLevel.NOT_IN_NAV
                if page.url.startswith("systems/") and page.url != urls.SYSTEMS
                else InclusionLevel.UNDEFINED
            )
            files.append(File.generated(config, src, content="", inclusion=inclusion))
        for path in [*self.exports, *self.deferred]:  # the deferred are written with the per-system pages (on_env)
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"docs/{path} collides with a generated export; remove or rename it")
        for path, text in self.exports.items():
            files.append(File.generated(config, path, content=text))
        for old_url, html in self.redirects.items():
            if old_url in self.pages or files.get_file_from_path(old_url + "index.md") is not None:
                raise PluginError(f"the former id behind /{old_url} is a page again; ids are never reused")
            files.append(File.generated(config, old_url + "index.html", content=html))
        return files

    def _page_for(self, page: MkPage) -> Page | None:
        return self.pages.get(page.url) if page.file.generated_by else None

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Keep the navigation: the theme shells of the per-system pages show it."""
        self.nav = nav
        return nav

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        """The theme's `|tojson` (the JSON-LD of every page) written by orjson, like our own templates'.
        Then, before MkDocs renders its own pages, write the per-system pages into their theme shell
        (rendered once per kind) and start Pagefind on them, which indexes them while MkDocs goes on."""
        env.policies["json.dumps_function"] = jinja_dumps
        assert self.nav is not None and self.renderer is not None
        shells = ShellRenderer(build_shells(self.shell_pages, config, env, self.nav, files), self.renderer)
        if self.last_build is not None:
            self.last_build.pages = shells
        self.doc_files = [f for f in files.documentation_pages() if f.dest_uri.endswith(".html")]
        site_dir = Path(config.site_dir)
        # Before Pagefind's threads start: the workers are forked.
        write_pages(shells, self.shell_pages, site_dir, files=self.deferred)
        try:
            self.indexer = SearchIndexer()
            if self.shell_pages:  # Pagefind reads them on both cores while MkDocs renders its own pages
                self.indexer.add_folder(site_dir, SHELL_PAGES_GLOB)
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from exc
        self._lap(f"wrote {len(self.shell_pages)} system and card pages")
        progress.current().begin("MkDocs writing pages", len(self.doc_files))
        return env

    def on_template_context(self, context: Any, template_name: str, config: MkDocsConfig) -> Any:
        """The sitemap lists the per-system pages too (MkDocs lists only the pages it built itself)."""
        if template_name == "sitemap.xml":
            base = config.site_url or ""
            context["shell_page_urls"] = [base + page.url for page in self.shell_pages] if base else []
            context["build_date"] = get_build_date()
        return context

    def on_page_markdown(self, markdown: str, page: MkPage, **kwargs: Any) -> str:
        """Give generated pages their title and description; their body comes from templates."""
        ours = self._page_for(page)
        if ours is None:
            return markdown
        page.meta.update(ours.meta or {})
        # The theme prints title and description without escaping them; catalog text must arrive escaped.
        page.meta["title"] = escape(ours.title)
        page.meta["description"] = escape(ours.description)
        return ""

    def on_page_content(self, html: str, page: MkPage, **kwargs: Any) -> str:
        """Render generated pages from the typed model with Jinja (no Markdown round trip)."""
        ours = self._page_for(page)
        if ours is None or self.renderer is None:
            return html
        page.toc = get_toc(
            [
                {"level": 2, "id": anchor, "name": escape(name), "children": []}
                for anchor, name in ours.context.get("toc", [])
            ]
        )
        if self.renderer.has_title(ours):
            return _DEFERRED  # rendered in on_post_page, when MkDocs writes this page
        return self.renderer.render(ours)

    def on_post_page(self, output: str, page: MkPage, config: MkDocsConfig) -> str:
        """Just before MkDocs writes a page: put a generated page's HTML in place of its stand-in, then give
        links to other sites rel="noopener noreferrer" (generated or Markdown pages alike)."""
        progress.current().advance()
        ours = self._page_for(page)
        if ours is not None and self.renderer is not None and _DEFERRED in output:
            output = output.replace(_DEFERRED, self.renderer.render(ours), 1)
        return compact_html(harden_links(output))

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        """Theme pages such as 404.html: the same link hardening as every other page."""
        return compact_html(harden_links(output_content))

    @event_priority(-100)  # after every other plugin has written its files
    def on_post_build(self, config: MkDocsConfig) -> None:
        """MkDocs has written its pages: add them to the search index and write it (Pagefind), then swap the
        build in for the previous one. A failed index discards the build like any other error."""
        site_dir = Path(config.site_dir)
        assert self.indexer is not None  # on any failure, on_build_error stops it
        try:
            self.indexer.add_files(site_dir, [f.dest_uri for f in self.doc_files if _searched(f)])
            self._lap(f"MkDocs wrote {len(self.doc_files)} pages")
            progress.current().begin("indexing the site for search")
            self.indexer.write(site_dir / BUNDLE_DIR)
            progress.current().end()
            self.indexer = None
            self._lap("indexed the site for search")
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from exc
        thaw()
        if self.staged is not None:
            config.site_dir = str(self.staged.target)
            published = self.staged.publish()
            self.staged = None
            if self.last_build is not None and published:
                self.last_build.site_dir = Path(config.site_dir)
            remember(self.last_build if published else None)

    def on_build_error(self, error: Exception) -> None:
        """Any failure after validation: drop the unfinished build; the previous site stays as it was."""
        thaw()
        if self.indexer is not None:
            self.indexer.close()
            self.indexer = None
        if self.staged is not None:
            self.staged.discard()
            self.staged = None

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when a catalog file, a vocabulary, a schema or a template changes; after an edit to system
        files, serve their pages first (generator/engines/incremental.py); keep serving the last good build while
        an edit is invalid."""
        for path in (self.catalog_dir, TEMPLATE_DIR, PROJECT_ROOT / "schema"):
            server.watch(str(path))
        server.builder = keep_serving_last_good_build(serve_edits_first(server.builder, server))
        return server


SHELL_PAGES_GLOB = "systems/*/{index.html,card/index.html}"
"""The searched per-system pages, for Pagefind (its globs take alternatives in braces): not the history pages
or embeds beside them, which it would read only to find nothing to index; the systems table
(systems/index.html) is MkDocs' own page."""


def _searched(file: File) -> bool:
    """Whether a page MkDocs wrote goes to Pagefind: not when its meta says `search: {exclude: true}`
    (Pagefind would read it only to find nothing to index)."""
    meta = file.page.meta if file.page is not None else {}
    search = meta.get("search")
    return not (isinstance(search, dict) and search.get("exclude"))


def _drop_unresolved(documents: dict[str, dict[str, Any]]) -> None:
    """Non-strict builds: leave out systems whose developers or base models did not validate."""
    orgs = documents["organizations"]
    systems = documents["systems"]
    changed = True
    while changed:
        changed = False
        for sid, doc in list(systems.items()):
            if any(o not in orgs for o in doc.data["developers"]) or any(
                b not in systems for b in doc.data.get("base_models", [])
            ):
                del systems[sid]
                changed = True
