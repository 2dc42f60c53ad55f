"""How well the site's search finds what readers look for, measured in a real browser on a built site.

Usage: python benchmarks/search_quality.py SITE [SITE ...]
SITE is a built site of the bundled catalog (`gradient build --site-dir DIR`). For every system it searches
the system's name and its developers' names, and for every model-card section with text a rare word of that
section (a word on no other system's page, so that only that system's pages should match). It prints, per
site, how often the system's own page (or card page, for card words) is the first result, the mean
reciprocal rank over the first ten results, and the search bundle's size. Used to decide what the index
holds (RESULTS.md, "What the search index holds"); needs Debian's chromium and the `playwright` package.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from generator.core.vocab import vocabulary
from generator.tools.local_site import CHROMIUM, serve_site

_SEARCH = """async (queries) => {
  const pagefind = await import(new URL("/pagefind/pagefind.js", location.href).href);
  await pagefind.options({ baseUrl: "/" });
  const out = [];
  for (const q of queries) {
    const found = await pagefind.search(q);
    const urls = await Promise.all(found.results.slice(0, 10).map(async (r) => (await r.data()).url));
    out.push(urls);
  }
  return out;
}"""


def queries(site: Path) -> list[tuple[str, str]]:
    """(query, the URL that should come first): each system's name, each organization's name, each level's and
    guardrail type's label, and a rare word of each card."""
    catalog = json.loads((site / "data" / "catalog.json").read_text(encoding="utf-8"))
    systems = catalog["systems"]
    out = [(s["name"], f"/systems/{s['id']}/") for s in systems]
    out += [(o["name"], f"/organizations/{o['id']}/") for o in catalog["organizations"]]
    out += [(term.label, f"/gradient/{term.id}/") for term in vocabulary("levels").terms]
    out += [(term.label, f"/guardrails/{term.id}/") for term in vocabulary("guardrails").terms]
    words: dict[str, Counter[str]] = {}
    for s in systems:
        sections = ((s.get("card") or {}).get("sections") or {}).values()
        text = " ".join(str(sec.get("text") or "") for sec in sections if isinstance(sec, dict))
        words[s["id"]] = Counter(w.lower() for w in re.findall(r"[A-Za-z]{7,}", text))
    seen = Counter(w for counts in words.values() for w in counts)
    for sid, counts in words.items():
        rare = sorted(w for w in counts if seen[w] == 1)
        if rare:
            out.append((rare[0], f"/systems/{sid}/card/"))
    return out


def measure(site: Path, browser: Any) -> dict[str, float]:
    """Hit@1 and mean reciprocal rank of the expected URL, per query kind."""
    asked = queries(site)
    page = browser.new_page()
    server = serve_site(site)
    page.goto(f"http://127.0.0.1:{server.server_port}/search/")
    results = page.evaluate(_SEARCH, [q for q, _ in asked])
    page.close()
    server.shutdown()
    figures: dict[str, float] = {}
    kinds = {
        "system name": lambda u: u.startswith("/systems/") and not u.endswith("/card/"),
        "card word": lambda u: u.endswith("/card/"),
        "organization name": lambda u: u.startswith("/organizations/"),
        "level or guardrail label": lambda u: u.startswith(("/gradient/", "/guardrails/")),
    }
    for kind, test in kinds.items():
        ranks = [
            urls.index(expected) + 1 if expected in urls else None
            for (_, expected), urls in zip(asked, results, strict=True)
            if test(expected)
        ]
        figures[f"{kind} queries"] = len(ranks)
        figures[f"{kind} hit@1"] = round(sum(r == 1 for r in ranks) / max(len(ranks), 1), 3)
        figures[f"{kind} MRR@10"] = round(sum(1 / r for r in ranks if r) / max(len(ranks), 1), 3)
    bundle = site / "pagefind"
    figures["bundle MB"] = round(sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file()) / 1e6, 2)
    return figures


def main(sites: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        for site in sites:
            print(site, json.dumps(measure(Path(site), browser)))
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
