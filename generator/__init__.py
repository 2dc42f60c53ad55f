"""Gradient: a catalog of how generative AI systems are released, and the site generator for it.

Data flows one way: load -> validate -> model -> derive -> plan the site -> render -> export, and the
package is laid out by stage, each importing only from the ones above it (tests/test_architecture.py):

- `generator.core`: the catalog core. Read files with the hardened loader (load), check them against the
  JSON Schemas and the cross-file rules (schema, schema_errors, rules, validate, vocab, vocab_check), build
  the typed model (model, catalog) and what is derived from it (derive, coverage); plus the definitions every
  stage shares (paths, urls, dates, diagnostics, versioning, jsontext).
- `generator.website`: the site, engine-neutral. Which pages exist and what they show (pages, render, charts,
  svg, trajectory, citation, history), the exports (export, feed, embeds, redirects) and search, gathered by
  `site_plan.plan_site` into one SitePlan.
- `generator.engines`: the adapters that carry a SitePlan out. The MkDocs plugin with its theme shells, page
  pool, dev-server fast path and staged publishing, every use of MkDocs internals in `mkdocs_compat`, and
  `docs_tree`, the plain docs tree that engines without our plugin (Zensical) build.
- `generator.tools`: the `gradient` command line and what it runs besides builds: audit, import, scaffold,
  the interview, release, benchmark and its synthetic catalogs.
"""

__version__ = "0.1.0"
