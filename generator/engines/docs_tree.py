"""`gradient generate`: the site plan written as an ordinary docs tree, with the config it needs, so that an
engine reading mkdocs.yml and Material-style overrides (MkDocs, ProperDocs, and Zensical as it matures)
builds the complete site with no Gradient plugin loaded.

Each generated page becomes a Markdown file whose front matter carries its title and meta (citation tags,
JSON-LD, search weights, hidden navigation) and whose body is the page's HTML, rendered by our templates:
Markdown passes block-level HTML through untouched. Exports, embeds and redirect pages are written as
static files. The search index is a separate step on the built site (`gradient search-index SITE`).
What differs from the plugin build: the table of contents of generated pages (headings inside HTML are
not seen by Markdown's toc), theme shells (every page goes through the engine), and link hardening of the
theme's own links. The docs' own Markdown pages (docs/) are copied as they are.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from generator.core import urls
from generator.core.load import load_file
from generator.core.paths import MKDOCS_CONFIG, TEMPLATE_DIR
from generator.website.site_plan import SitePlan

OVERRIDES = "overrides"
DOCS = "docs"


def engine_config(project_config: Path) -> dict[str, Any]:
    """The project's mkdocs.yml for a build without our plugin: its docs and overrides inside the tree."""
    config: dict[str, Any] = dict(load_file(project_config).data)
    config["docs_dir"] = DOCS
    config["site_dir"] = "site"
    config["theme"] = {**config["theme"], "custom_dir": OVERRIDES}
    config["plugins"] = []  # no gradient plugin; Pagefind runs on the built site instead of MkDocs' search
    return config


def page_markdown(front_matter: dict[str, Any], html: str) -> str:
    """A Markdown file: YAML front matter, then the page's HTML as one raw block."""
    meta = yaml.safe_dump(front_matter, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{meta}---\n\n{html}\n"


def write_docs_tree(plan: SitePlan, out: Path, docs_dir: Path, project_config: Path = MKDOCS_CONFIG) -> int:
    """Write the plan under `out` (mkdocs.yml, docs/, overrides/); return the number of files written."""
    if out.exists():
        shutil.rmtree(out)
    docs = out / DOCS
    shutil.copytree(docs_dir, docs)
    shutil.copytree(TEMPLATE_DIR / OVERRIDES, out / OVERRIDES)
    # Our sitemap override only adds the pages the plugin writes itself; here every page is the engine's own.
    (out / OVERRIDES / "sitemap.xml").unlink()
    written = 0
    for page in plan.pages.values():
        front = {"title": page.title, **({"description": page.description} if page.description else {})}
        front.update(page.meta or {})
        target = docs / urls.source_file(page.url)
        target.parent.mkdir(parents=True, exist_ok=True)
        html = plan.renderer.render_finished(page)
        target.write_text(page_markdown(front, html), encoding="utf-8")
        written += 1
    redirects = {old + "index.html": html for old, html in plan.redirects.items()}
    deferred = ((path, render()) for path, render in plan.deferred.items())
    for path, text in [*plan.exports.items(), *deferred, *redirects.items()]:
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written += 1
    config = yaml.safe_dump(engine_config(project_config), sort_keys=False, allow_unicode=True)
    (out / "mkdocs.yml").write_text("# Written by `gradient generate`: build with any engine that reads it.\n" + config)
    return written + 1
