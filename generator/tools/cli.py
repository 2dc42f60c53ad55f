"""The `gradient` command: validate, build, scaffold. Thin: every command calls the pipeline's stages.

Exit codes: 0 success, 1 invalid catalog or failed build, 2 usage error.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from generator.core import progress
from generator.core.diagnostics import format_diagnostics
from generator.core.load import load_file
from generator.core.paths import DEFAULT_CATALOG, INSTALLED_FROM_WHEEL, MKDOCS_CONFIG, SCHEMA_DIR
from generator.core.schema import VOCABULARY_SCHEMA, vocabulary_schema_text
from generator.core.validate import display_path, validate_paths
from generator.tools import scaffold

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _cmd_validate(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths] or [DEFAULT_CATALOG if not Path("catalog").is_dir() else Path("catalog")]
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"gradient validate: no such file or directory: {missing[0]}", file=sys.stderr)
        return 2
    with progress.shown(sys.stderr):
        result = validate_paths(paths)
    if result.diagnostics:
        print(format_diagnostics(result.diagnostics, args.format))
    if args.format == "text":
        warned = f", {len(result.warnings)} warning(s)" if result.warnings else ""
        if result.errors:
            print(f"{len(result.errors)} error(s){warned} in {result.files_checked} file(s)", file=sys.stderr)
        else:
            print(f"ok: {result.files_checked} file(s) valid{warned}")
    elif args.format == "json" and not result.diagnostics:
        print("[]")
    return 1 if result.errors else 0


def _cmd_build(args: argparse.Namespace) -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    catalog = Path(args.catalog).resolve()
    if not catalog.is_dir():
        print(f"gradient build: catalog directory not found: {args.catalog}", file=sys.stderr)
        return 2
    if args.site_dir is None and INSTALLED_FROM_WHEEL:
        args.site_dir = "site"  # mkdocs.yml's own site_dir would lie inside the installed package
    overrides = {"site_dir": str(Path(args.site_dir).resolve())} if args.site_dir else {}
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    mkdocs_log.setLevel(logging.INFO if args.verbose else logging.WARNING)
    logging.getLogger("mkdocs.plugins.gradient").setLevel(logging.INFO)  # one line per stage, always
    started = time.perf_counter()
    if args.engine in GENERATED_TREE_ENGINES:
        built = _build_generated(args.engine, catalog, args.site_dir, args.verbose)
        if built is None:
            return 1
        site = built
    elif args.engine != "mkdocs":
        built = _build_with(args.engine, catalog, Path(args.config), args.site_dir, args.verbose)
        if built is None:
            return 1
        site = built
    else:
        try:
            config = load_config(str(Path(args.config)), **overrides)
            config.plugins["gradient"].config.catalog = str(catalog)
            with progress.shown(sys.stderr, loggers=("mkdocs",)):
                build(config)
        except MkDocsException as exc:
            print(f"gradient build: {exc}", file=sys.stderr)
            return 1
        site = Path(config.site_dir)
    systems = sum(1 for p in (catalog / "systems").glob("*.yaml"))
    pages = sum(1 for _ in site.rglob("index.html"))
    print(f"built {systems} systems into {pages} pages in {time.perf_counter() - started:.1f} s: {display_path(site)}/")
    global _BUILT
    _BUILT = True
    return 0


_BUILT = False
"""Whether this process built a site: `run` then leaves without tearing the interpreter down."""


ENGINES = ("mkdocs", "properdocs", "zensical")
"""Site engines `gradient build --engine` drives: MkDocs 1.6 (the default, in process); ProperDocs, the
maintained MkDocs fork, which loads the same plugin through its `mkdocs.plugins` entry point; and Zensical,
which loads no plugin of ours and builds the tree `gradient generate` writes."""
GENERATED_TREE_ENGINES = ("zensical",)


def _engine_command(engine: str) -> Path | None:
    """The engine's console script beside this Python, or None (said on stderr) when it is not installed."""
    command = Path(sys.executable).parent / engine
    if not command.exists():
        print(f"gradient build: {engine} is not installed here; pip install {engine}", file=sys.stderr)
        return None
    return command


def _build_with(engine: str, catalog: Path, config: Path, site_dir: str | None, verbose: bool) -> Path | None:
    """Build with another engine's own command line; the site directory, or None when the build failed."""
    command = _engine_command(engine)
    if command is None:
        return None
    site = Path(site_dir).resolve() if site_dir else config.parent / "site"
    argv = [str(command), "build", "-f", str(config), "-d", str(site), *(["-v"] if verbose else ["-q"])]
    env = {**os.environ, "GRADIENT_CATALOG": str(catalog)}
    done = subprocess.run(argv, env=env, check=False)
    if done.returncode != 0:
        print(f"gradient build: {engine} build failed", file=sys.stderr)
        return None
    return site


def _cmd_import(args: argparse.Namespace) -> int:
    from generator.tools.importer import run_import

    return run_import(args)


def _cmd_audit(args: argparse.Namespace) -> int:
    from generator.tools.audit import run_audit

    return run_audit(args)


def _cmd_release(args: argparse.Namespace) -> int:
    from generator.tools.release import run_release

    return run_release(args)


def _cmd_bench(args: argparse.Namespace) -> int:
    from generator.tools.bench import run_bench

    return run_bench(args)


def _cmd_new(args: argparse.Namespace) -> int:
    if not _SLUG.match(args.id):
        print(
            f"gradient new: {args.id!r} is not a valid id; use lower-case letters, digits and single hyphens, "
            "e.g. my-model-7b",
            file=sys.stderr,
        )
        return 2
    folder = Path(args.catalog) / ("systems" if args.kind == "system" else "organizations")
    target = folder / f"{args.id}.yaml"
    if target.exists():
        print(f"gradient new: {target} already exists", file=sys.stderr)
        return 2
    if args.kind == "system" and sys.stdin.isatty() and not args.no_input:
        from generator.tools.interactive import ask_system_fields

        text = scaffold.system_entry(args.id, **ask_system_fields(args.id, Path(args.catalog)))
    elif args.kind == "system":
        text = scaffold.system_entry(args.id)
    else:
        text = scaffold.organization_entry(args.id)
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}; fill it in, then run: gradient validate {target}")
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    target = SCHEMA_DIR / VOCABULARY_SCHEMA
    text = vocabulary_schema_text()
    if args.check:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            print(f"{target.relative_to(SCHEMA_DIR.parent)} is out of date; run `gradient schema`", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target.relative_to(SCHEMA_DIR.parent)}")
    return 0


def _generate(catalog: Path, out: Path, command: str = "gradient generate") -> int:
    """Validate `catalog` and write its site as a docs tree into `out`; an exit status."""
    from generator.core.paths import PROJECT_ROOT
    from generator.core.validate import validate_catalog
    from generator.engines.docs_tree import write_docs_tree
    from generator.website.site_plan import plan_site, site_info

    if not catalog.is_dir():
        print(f"{command}: catalog directory not found: {display_path(catalog)}", file=sys.stderr)
        return 2
    result = validate_catalog(catalog)
    if result.errors:
        print(format_diagnostics(result.errors))
        print(f"{command}: {len(result.errors)} error(s); nothing written", file=sys.stderr)
        return 1
    config = load_file(MKDOCS_CONFIG).data
    site = site_info(catalog, config["site_name"], config.get("site_url", ""), config.get("repo_url", ""))
    written = write_docs_tree(plan_site(result.documents, catalog, site), out, PROJECT_ROOT / "docs")
    return 0 if written else 1


def _search_index(site: Path, command: str = "gradient search-index") -> int:
    """Index a built site with Pagefind into its pagefind/ folder; an exit status."""
    from generator.website.search import BUNDLE_DIR, SearchIndexer, SearchIndexError

    if not (site / "index.html").is_file():
        print(f"{command}: no built site at {display_path(site)} (index.html missing)", file=sys.stderr)
        return 2
    try:
        indexer = SearchIndexer()
        indexer.add_folder(site.resolve(), "**/*.html")
        indexer.write(site / BUNDLE_DIR)
    except SearchIndexError as exc:
        print(f"{command}: {exc}", file=sys.stderr)
        return 1
    return 0


def _cmd_generate(args: argparse.Namespace) -> int:
    out = Path(args.out)
    status = _generate(Path(args.catalog).resolve(), out)
    if status == 0:
        shown = display_path(out)
        print(
            f"wrote the site into {shown}/; build it with `mkdocs build -f {shown}/mkdocs.yml` (or properdocs, "
            f"or zensical), then `gradient search-index {shown}/site`"
        )
    return status


def _cmd_search_index(args: argparse.Namespace) -> int:
    site = Path(args.site)
    status = _search_index(site)
    if status == 0:
        print(f"indexed {display_path(site)}/ for search")
    return status


def _build_generated(engine: str, catalog: Path, site_dir: str | None, verbose: bool) -> Path | None:
    """Build with an engine that cannot load our plugin: generate the docs tree beside the site folder, let the
    engine build it, move its site into place and index it; the site directory, or None when it failed."""
    command = _engine_command(engine)
    if command is None:
        return None
    site = Path(site_dir or "site").resolve()
    tree = site.parent / f".{site.name}.tree"
    try:
        if _generate(catalog, tree, "gradient build") != 0:
            return None
        argv = [str(command), "build", "-f", str(tree / "mkdocs.yml")]
        done = subprocess.run(argv, cwd=tree, capture_output=not verbose, text=True, check=False)
        if done.returncode != 0:
            print(f"gradient build: {engine} build failed\n{done.stderr or ''}", file=sys.stderr)
            return None
        if site.exists():
            shutil.rmtree(site)
        shutil.move(tree / "site", site)
    finally:
        shutil.rmtree(tree, ignore_errors=True)
    return site if _search_index(site, "gradient build") == 0 else None


def make_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and docs)."""
    parser = argparse.ArgumentParser(prog="gradient", description="Validate, build and grow the Gradient catalog.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check catalog files; exit 1 when any is invalid")
    p.add_argument("paths", nargs="*", help="catalog directories or entry files (default: catalog/)")
    p.add_argument(
        "--format",
        choices=["text", "github", "json"],
        default="text",
        help="text (default), GitHub Actions annotations, or JSON",
    )
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("build", help="build the site for any catalog directory")
    p.add_argument("--catalog", default=str(DEFAULT_CATALOG), help="catalog directory (default: catalog/)")
    p.add_argument("--site-dir", help="output directory (default: from mkdocs.yml)")
    p.add_argument("--config", default=str(MKDOCS_CONFIG), help=argparse.SUPPRESS)
    p.add_argument("--verbose", action="store_true", help="show MkDocs' progress messages")
    p.add_argument("--engine", choices=ENGINES, default="mkdocs", help="site engine (default: mkdocs)")
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser("generate", help="write the site as a plain docs tree any mkdocs.yml engine can build")
    p.add_argument("--catalog", default=str(DEFAULT_CATALOG), help="catalog directory (default: catalog/)")
    p.add_argument("--out", required=True, help="folder to write (replaced if it exists)")
    p.set_defaults(func=_cmd_generate)

    p = sub.add_parser("search-index", help="index a built site for search with Pagefind (after generate)")
    p.add_argument("site", help="the built site folder")
    p.set_defaults(func=_cmd_search_index)

    p = sub.add_parser("new", help="scaffold a new, valid entry with every field explained")
    p.add_argument("kind", choices=["system", "organization"])
    p.add_argument("id", help="the new id (= file name), e.g. my-model-7b")
    p.add_argument("--catalog", default="catalog", help="catalog directory (default: catalog/)")
    p.add_argument("--no-input", action="store_true", help="never ask questions, even in a terminal")
    p.set_defaults(func=_cmd_new)

    p = sub.add_parser("import", help="draft a system entry from another source")
    p.add_argument("source", choices=["hf"], help="hf: a Hugging Face model card")
    p.add_argument("target", help="a model id (org/name) or a path to a model card README.md")
    p.add_argument("--catalog", default="catalog", help="catalog directory (default: catalog/)")
    p.add_argument("--id", help="id of the new entry (default: derived from the model name)")
    p.add_argument("--model-id", help="the Hub id (org/name) of a local README.md, for the source URL")
    p.add_argument("--developer", help="organization id of the developer (default: matched from the Hub account)")
    p.add_argument("--stdout", action="store_true", help="print the entry instead of writing it")
    p.set_defaults(func=_cmd_import)

    p = sub.add_parser("audit", help="report what is sourced, not disclosed, not applicable, not yet recorded")
    p.add_argument("catalog", nargs="?", default="catalog", help="catalog directory or one system entry file")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=_cmd_audit)

    p = sub.add_parser("bench", help="benchmark the build on a generated catalog against plain MkDocs")
    p.add_argument("--systems", type=int, default=1000, help="number of generated systems (default 1000)")
    p.add_argument("--json", action="store_true", help="emit one JSON object")
    p.add_argument("--seed", type=int, default=1, help="random seed of the generated catalog")
    p.add_argument("--keep", help="keep the generated catalog and sites in this directory")
    p.add_argument(
        "--warm", action="store_true", help="then edit one system file and validate and build again (cache warm)"
    )
    p.set_defaults(func=_cmd_bench)

    p = sub.add_parser("release", help="cut a data release: tag data-YYYY.MM.DD with notes from the catalog diff")
    from generator.tools.release import add_arguments as release_arguments

    release_arguments(p)
    p.set_defaults(func=_cmd_release)

    p = sub.add_parser("schema", help="regenerate schema/vocabularies.schema.json from the vocabularies")
    p.add_argument("--check", action="store_true", help="exit 1 if the committed file is out of date")
    p.set_defaults(func=_cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        os._exit(1)


def run() -> NoReturn:
    """The `gradient` command. After a build everything is written and closed, and freeing the build's
    millions of objects one by one only delays the prompt (9.8 s at 10,000 systems), so the process ends
    at once, unless a profiler or a coverage tracer is attached (they write their data at exit); other
    commands end as usual."""
    code = main()
    if _BUILT and sys.getprofile() is None and sys.gettrace() is None:  # a profiler or coverage writes at exit
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    run()
