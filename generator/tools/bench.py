"""`gradient bench`: time validation and the full build on a generated catalog, against plain MkDocs.

One run: write a seeded synthetic catalog of N systems (generator/tools/synthetic.py) and validate it; build
it with our pipeline (`gradient build`: MkDocs, our plugin, Pagefind, exports) in a fresh process;
then build the baseline, a plain mkdocs-material site with one Markdown page per system (the same text,
`not_in_nav`, Material's built-in lunr search on), in a fresh process too. Each build's peak memory is
the largest sum of resident memory over its whole process tree (sampled from /proc), so the Pagefind
binary counts with the Python process that started it. Timings are wall clock on this machine; the
test suite runs the harness only to check that it works, never to judge a timing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from generator.core import progress
from generator.core.diagnostics import format_diagnostics
from generator.core.load import load_file
from generator.core.paths import MKDOCS_CONFIG, PROJECT_ROOT
from generator.core.rules import SITE_PAGES_UNDER_SYSTEMS
from generator.core.validate import validate_catalog
from generator.tools.local_site import CHROMIUM, serve_site
from generator.tools.synthetic import write_catalog

_SAMPLE_SECONDS = 0.1
_COMPRESSIBLE = (".js", ".css", ".json", ".html")


@dataclass
class BenchResult:
    """One benchmark run; the field names are the keys of `gradient bench --json`."""

    systems: int
    validate_s: float
    build_s: float
    baseline_build_s: float
    ratio: float
    peak_rss_mb: float
    baseline_peak_rss_mb: float
    median_page_kb: float
    max_page_kb: float
    site_mb: float
    search_first_query_kb: float | None
    system_pages: int
    baseline_system_pages: int
    baseline_median_page_kb: float
    baseline_site_mb: float
    search_query: str
    validate_cpu_s: float
    build_cpu_s: float
    baseline_build_cpu_s: float
    cpu_ratio: float
    stages: dict[str, float] = field(default_factory=dict)
    """Seconds per stage of our build, as its stage lines report them ("validated 1100 files": 2.0)."""
    peak_pss_mb: float = 0.0
    """Peak proportional set size of our build's process tree: shared pages counted once (see `Run`)."""
    baseline_peak_pss_mb: float = 0.0
    validate_ms_per_file: float = 0.0
    """Cold validation (no cache), wall milliseconds per file."""
    warm_validate_ms_per_file: float | None = None
    """With `--warm`: validation after one system file was edited, the others read from the cache."""
    warm_build_s: float | None = None
    """With `--warm`: a second full `gradient build` after that edit."""
    warm_stages: dict[str, float] = field(default_factory=dict)
    peak_rss_parts_mb: dict[str, float] = field(default_factory=dict)
    """How our build's peak divided: its main process, Pagefind, and the forked workers (`Run.peak_parts_mb`)."""


# -- measuring a build ---------------------------------------------------------------------------


def _tree_pids(root_pid: int) -> list[int]:
    """A process and all its descendants (those still running)."""
    found, todo = [], [root_pid]
    while todo:
        pid = todo.pop()
        try:
            for task in os.scandir(f"/proc/{pid}/task"):
                with open(f"{task.path}/children", encoding="ascii") as children:
                    todo.extend(int(child) for child in children.read().split())
        except (OSError, ValueError):
            continue
        found.append(pid)
    return found


def _tree_rss_parts(root_pid: int) -> dict[str, int]:
    """Resident memory of a process and all its descendants, read from /proc, by part: the process itself
    ("main"), the search indexer ("pagefind") and every other descendant ("workers": forked page and
    validation workers). Pages that forked workers share with their parent count once per process, so the
    sum overstates memory in use (see `_tree_pss_bytes`)."""
    page = os.sysconf("SC_PAGE_SIZE")
    parts: dict[str, int] = {}
    for pid in _tree_pids(root_pid):
        try:
            with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
                rss = int(statm.read().split()[1]) * page
            with open(f"/proc/{pid}/comm", encoding="utf-8") as comm:
                name = comm.read().strip()
        except (OSError, ValueError, IndexError):
            continue
        part = "main" if pid == root_pid else "pagefind" if name.startswith("pagefind") else "workers"
        parts[part] = parts.get(part, 0) + rss
    return parts


def _tree_pss_bytes(root_pid: int) -> int:
    """Proportional set size of a process tree: each shared page split between the processes sharing it, so
    the sum is the memory the tree really holds (Linux's smaps_rollup)."""
    total = 0
    for pid in _tree_pids(root_pid):
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
                total += next(int(line.split()[1]) * 1024 for line in rollup if line.startswith("Pss:"))
        except (OSError, ValueError, IndexError, StopIteration):
            continue
    return total


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Run(NamedTuple):
    """What `timed_run` measured."""

    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    """The largest sum of resident memory over the process tree."""
    peak_pss_mb: float
    """The largest proportional set size of the tree (sampled every `_PSS_EVERY` samples: reading it costs more)."""
    log: str
    """What the command wrote to standard error."""
    peak_parts_mb: dict[str, float]
    """At the moment of `peak_rss_mb`, how it divided between the tree's parts (`_tree_rss_parts`)."""


_PSS_EVERY = 5


def timed_run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run a command to completion and measure it (see `Run`).

    CPU seconds (user + system, the command and every process it waited for) are what a busy machine
    disturbs least; wall time is what a contributor waits."""
    peak = 0
    cpu_before = _children_cpu_s()
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.append(process.communicate()[1]), daemon=True)
    reader.start()
    samples = peak_pss = 0
    peak_parts: dict[str, int] = {}
    while process.poll() is None:
        parts = _tree_rss_parts(process.pid)
        if sum(parts.values()) > peak:
            peak, peak_parts = sum(parts.values()), parts
        if samples % _PSS_EVERY == 0:
            peak_pss = max(peak_pss, _tree_pss_bytes(process.pid))
        samples += 1
        time.sleep(_SAMPLE_SECONDS)
    reader.join()
    elapsed = time.perf_counter() - start
    cpu = _children_cpu_s() - cpu_before
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed (exit {process.returncode}):\n{''.join(output)[-4000:]}")
    parts_mb = {part: round(size / 2**20, 1) for part, size in sorted(peak_parts.items())}
    return Run(elapsed, cpu, peak / 2**20, peak_pss / 2**20, "".join(output), parts_mb)


_STAGE_LINE = re.compile(r"^(?:INFO - )?(.+?) in ([0-9.]+) s$", re.MULTILINE)


def stage_timings(log: str) -> dict[str, float]:
    """The stage lines of `gradient build` ("INFO - wrote 3000 system and card pages in 3.2 s") by stage."""
    return {name: float(seconds) for name, seconds in _STAGE_LINE.findall(log) if not name.startswith("built ")}


# -- the baseline: plain mkdocs-material over Markdown ---------------------------------------------


def _cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def system_markdown(entry: dict[str, Any]) -> str:
    """A system entry written by hand as Markdown: the text our system page shows, in the same order."""
    lines = [f"# {entry['name']}", "", ", ".join(entry["developers"]) + f" · announced {entry['announced']}", ""]
    lines += [entry["summary"], "", "## Placement timeline", ""]
    for p in entry["placements"]:
        lines.append(f"- **{p['date']}** {p['event']} · {p['level']} · {p['channel']} · {p['gating']} · {p['pricing']}")
        if p.get("note"):
            lines.append(f"  {p['note']}")
    lines += ["", "## Components", "", "| Component | Status | Licence | Date | Detail |", "|---|---|---|---|---|"]
    for name, c in entry["components"].items():
        row = (name, c["status"], c.get("license", "—"), c.get("date", "—"), c.get("note", ""))
        lines.append("| " + " | ".join(_cell(v) for v in row) + " |")
    lines += ["", "## Access", ""]
    for name, a in entry.get("access", {}).items():
        lines.append(f"- **{name}**: {a['value'] if isinstance(a, dict) else a}")
    lines += ["", "## Guardrail inventory", "", "| Guardrail | Status | Since | What it does |", "|---|---|---|---|"]
    for g in entry.get("guardrails", []):
        lines.append("| " + " | ".join(_cell(g.get(k, "—")) for k in ("type", "status", "since", "description")) + " |")
    lines += ["", "## Considerations", ""]
    for c in entry.get("considerations", []):
        lines.append(f"- **{c['consideration']}**: {c['note']}")
    lines += ["", "## Sources", ""]
    for i, s in enumerate(entry["sources"], 1):
        lines.append(f"{i}. [{s['title']}]({s['url']}), {s['publisher']}, accessed {s['accessed']}")
    return "\n".join(lines) + "\n"


def write_baseline(catalog: Path, project: Path) -> Path:
    """A plain mkdocs-material project with one Markdown page per system; returns its mkdocs.yml."""
    docs = project / "docs"
    (docs / "systems").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Systems\n\nEvery system has its own page.\n", encoding="utf-8")
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in sorted((catalog / "systems").glob("*.yaml")):
        entry = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        (docs / "systems" / f"{entry['id']}.md").write_text(system_markdown(entry), encoding="utf-8")
    config = {
        "site_name": "Baseline",
        "site_url": "https://example.org/baseline/",
        "theme": {"name": "material", "font": False, "features": ["navigation.tabs", "navigation.top"]},
        "plugins": ["search"],
        "markdown_extensions": ["admonition", "attr_list", "tables", {"toc": {"permalink": True}}],
        "nav": [{"Systems": "index.md"}],
        "not_in_nav": "/systems/\n",
    }
    config_file = project / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return config_file


# -- what the built sites weigh --------------------------------------------------------------------


def _kb(size: int) -> float:
    return round(size / 1024, 1)


def page_sizes(site: Path) -> list[int]:
    """Byte sizes of every HTML page of a built site."""
    return [p.stat().st_size for p in site.rglob("*.html")]


def directory_mb(site: Path) -> float:
    """Total size of a directory tree in MB."""
    return round(sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20, 1)


def system_page_count(site: Path) -> int:
    """Number of system pages, systems/<id>/index.html (our card pages sit one level deeper)."""
    return sum(1 for p in (site / "systems").glob("*/index.html") if p.parent.name not in SITE_PAGES_UNDER_SYSTEMS)


def transfer_bytes(path: Path) -> int:
    """Bytes a browser downloads for a static file from a host that gzips text (as GitHub Pages does).

    Pagefind's index, fragments and wasm are already compressed and travel as they are."""
    data = path.read_bytes()
    return len(gzip.compress(data, 9, mtime=0)) if path.suffix in _COMPRESSIBLE else len(data)


def search_first_query_bytes(site: Path, query: str) -> int | None:
    """Bytes of Pagefind files a real browser fetches to show the first results for `query` on the
    search page (its interface, library, wasm, metadata, index chunks and result fragments).
    None when no browser can be driven (Debian's chromium and Playwright)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path(CHROMIUM).exists():
        return None
    import urllib.parse

    server = serve_site(site)
    base = f"http://127.0.0.1:{server.server_port}/"
    fetched: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.on("requestfinished", lambda request: fetched.append(request.url))
            page.goto(base + "search/?q=" + urllib.parse.quote(query))
            page.wait_for_selector(".pagefind-ui__result-link", timeout=120_000)
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
    paths = {urllib.parse.urlparse(url).path for url in fetched if "/pagefind/" in url}
    return sum(transfer_bytes(site / p.lstrip("/")) for p in paths)


# -- the run ---------------------------------------------------------------------------------------


def edit_one_system(catalog: Path, systems: int) -> Path:
    """Change the summary of the system in the middle of a generated catalog, as a contributor's edit would."""
    path = catalog / "systems" / f"sys-{systems // 2:05d}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("summary: ", "summary: Edited. ", 1), encoding="utf-8")
    return path


def bench(systems: int, seed: int, work: Path, *, log: Any = None, warm: bool = False) -> BenchResult:
    """Generate, validate and build a catalog of `systems` systems in `work`; build the baseline too."""

    def say(message: str) -> None:
        if log is not None:
            print(message, file=log, flush=True)

    catalog = write_catalog(work / "catalog", systems, seed)
    say(f"wrote {systems} systems into {catalog}")

    start, cpu_start = time.perf_counter(), time.process_time() + _children_cpu_s()
    result = validate_catalog(catalog, cached=False)  # big catalogs in worker processes (children); cold
    validate_s, validate_cpu_s = time.perf_counter() - start, time.process_time() + _children_cpu_s() - cpu_start
    if not result.ok:
        raise RuntimeError("the generated catalog is invalid:\n" + format_diagnostics(result.diagnostics[:20]))
    result_files = result.files_checked
    del result  # the builds run in their own processes; this one need not hold the catalog meanwhile
    say(f"validated in {validate_s:.2f} s")

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    site = work / "site"
    command = [sys.executable, "-m", "generator.tools.cli", "build", "--catalog", str(catalog), "--site-dir", str(site)]
    command += ["--config", str(MKDOCS_CONFIG)]
    progress.current().begin("building the site")
    ours = timed_run(command, PROJECT_ROOT, env)
    build_s, build_cpu_s, peak_rss, build_log = ours.wall_s, ours.cpu_s, ours.peak_rss_mb, ours.log
    progress.current().end()
    say(f"built in {build_s:.2f} s, peak RSS {peak_rss:.0f} MB")

    baseline_config = write_baseline(catalog, work / "baseline")
    baseline_site = work / "baseline-site"
    baseline_command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(baseline_config)]
    progress.current().begin("building the baseline")
    theirs = timed_run([*baseline_command, "-d", str(baseline_site)], work / "baseline", env)
    baseline_s, baseline_cpu_s, baseline_rss = theirs.wall_s, theirs.cpu_s, theirs.peak_rss_mb
    progress.current().end()
    say(f"baseline built in {baseline_s:.2f} s, peak RSS {baseline_rss:.0f} MB")

    warm_validate_ms = warm_build_s = None
    warm_log = ""
    if warm:  # the build above left its validation cache beside the catalog
        edit_one_system(catalog, systems)
        start = time.perf_counter()
        if not validate_catalog(catalog).ok:
            raise RuntimeError("the edited catalog is invalid")
        warm_validate_ms = (time.perf_counter() - start) * 1000 / result_files
        say(f"validated after one edit in {warm_validate_ms:.2f} ms per file")
        progress.current().begin("building the site again after one edit")
        again = timed_run(command, PROJECT_ROOT, env)
        warm_build_s, warm_log = again.wall_s, again.log
        progress.current().end()
        say(f"built again in {warm_build_s:.2f} s")

    our_pages, their_pages = page_sizes(site), page_sizes(baseline_site)
    query = load_file(catalog / "systems" / f"sys-{systems // 2:05d}.yaml").data["name"]
    first_query = search_first_query_bytes(site, query)
    return BenchResult(
        systems=systems,
        validate_s=round(validate_s, 2),
        build_s=round(build_s, 2),
        baseline_build_s=round(baseline_s, 2),
        ratio=round(build_s / baseline_s, 3),
        peak_rss_mb=round(peak_rss, 1),
        peak_pss_mb=round(ours.peak_pss_mb, 1),
        baseline_peak_pss_mb=round(theirs.peak_pss_mb, 1),
        baseline_peak_rss_mb=round(baseline_rss, 1),
        median_page_kb=_kb(int(statistics.median(our_pages))),
        max_page_kb=_kb(max(our_pages)),
        site_mb=directory_mb(site),
        search_first_query_kb=None if first_query is None else _kb(first_query),
        system_pages=system_page_count(site),
        baseline_system_pages=system_page_count(baseline_site),
        baseline_median_page_kb=_kb(int(statistics.median(their_pages))),
        baseline_site_mb=directory_mb(baseline_site),
        search_query=query,
        validate_cpu_s=round(validate_cpu_s, 2),
        build_cpu_s=round(build_cpu_s, 2),
        baseline_build_cpu_s=round(baseline_cpu_s, 2),
        cpu_ratio=round(build_cpu_s / baseline_cpu_s, 3),
        stages=stage_timings(build_log),
        validate_ms_per_file=round(validate_s * 1000 / result_files, 3),
        warm_validate_ms_per_file=None if warm_validate_ms is None else round(warm_validate_ms, 3),
        warm_build_s=None if warm_build_s is None else round(warm_build_s, 2),
        warm_stages=stage_timings(warm_log) if warm_log else {},
        peak_rss_parts_mb=ours.peak_parts_mb,
    )


def run_bench(args: argparse.Namespace) -> int:
    """The `gradient bench` command."""
    if args.systems < 1:
        print("gradient bench: --systems must be at least 1", file=sys.stderr)
        return 2
    keep = Path(args.keep) if args.keep else None
    work = keep or Path(tempfile.mkdtemp(prefix="gradient-bench-"))
    if keep is not None and keep.exists() and any(keep.iterdir()):
        print(f"gradient bench: {keep} is not empty", file=sys.stderr)
        return 2
    try:
        with progress.shown(sys.stderr):
            result = bench(args.systems, args.seed, work, log=sys.stderr, warm=args.warm)
    except RuntimeError as exc:
        print(f"gradient bench: {exc}", file=sys.stderr)
        return 1
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(asdict(result), indent=2))
    else:
        for key, value in asdict(result).items():
            print(f"{key:>24}: {value}")
    return 0
