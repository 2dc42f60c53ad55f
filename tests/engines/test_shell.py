"""Per-system pages written into a theme shell (generator/engines/shell.py) must be exactly what MkDocs' page
pipeline writes for them: the same catalog is built both ways, with real `mkdocs build`s."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURE_CATALOG, gradient_build
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.core.paths import MKDOCS_CONFIG, PROJECT_ROOT
from generator.engines.shell import Pieces, slot
from generator.website.render import compact_html


def build_site(catalog: Path, site: Path, *, shells: bool) -> Path:
    """A real MkDocs build of `catalog` with the project's mkdocs.yml, per-system pages in shells or not."""
    config = load_config(str(MKDOCS_CONFIG), site_dir=str(site))
    plugin = config.plugins["gradient"]
    plugin.config.catalog = str(catalog)
    plugin.config.shells = shells
    build(config)
    return site


def html_files(site: Path) -> dict[str, bytes]:
    """Every HTML page of a site, by path inside it."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html"))}


def assert_same_pages(catalog: Path, piped_site: Path, shelled_site: Path) -> None:
    """Every HTML page and the sitemap of the two builds are identical, and the shells wrote every system page."""
    piped, shelled = html_files(piped_site), html_files(shelled_site)
    systems = sorted(p.stem for p in (catalog / "systems").glob("*.yaml"))
    for system_id in systems:
        assert f"systems/{system_id}/index.html" in shelled
        assert f"systems/{system_id}/card/index.html" in shelled
    assert shelled.keys() == piped.keys()
    different = [path for path in piped if piped[path] != shelled[path]]
    assert different == []

    def listed(site: Path) -> list[str]:
        return sorted(re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8")))

    assert listed(shelled_site) == listed(piped_site)
    assert any(f"/systems/{systems[0]}/card/" in url for url in listed(shelled_site))


def test_shell_pages_are_byte_identical_to_the_page_pipeline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1924992000")  # 2031-01-01: after every date in the catalog
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    piped = build_site(FIXTURE_CATALOG, tmp_path / "piped", shells=False)
    assert_same_pages(FIXTURE_CATALOG, piped, build_site(FIXTURE_CATALOG, tmp_path / "shelled", shells=True))


def test_the_bundled_catalog_in_shells_matches_its_page_pipeline(
    bundled_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The session's shared build of the bundled catalog (in shells, by `gradient build`) against a build of the
    same catalog through MkDocs' page pipeline, made in the same environment."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # as for the shared build; the build sets it, undone after
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    catalog = PROJECT_ROOT / "catalog"
    assert_same_pages(catalog, build_site(catalog, tmp_path / "piped", shells=False), bundled_site)


def test_pieces_fill_every_slot_and_keep_the_text_between() -> None:
    pieces = Pieces.cut(f"<title>{slot('title')} - Site</title><p>{slot('title')}|{slot('url')}</p>")
    assert pieces.slots() == {"title", "url"}
    assert pieces.fill({"title": "A &amp; B", "url": "x"}) == "<title>A &amp; B - Site</title><p>A &amp; B|x</p>"
    with pytest.raises(KeyError):
        pieces.fill({"title": "only the title"})


def test_compact_html_keeps_one_line_break_and_leaves_preformatted_text_alone() -> None:
    html = "<p>a\n    b</p>\n\n   <pre>x\n    y</pre>  \n  <code>c\n   d</code><span>e  f</span>\n\t<CODE>g\n  h</CODE>"
    kept = "<pre>x\n    y</pre>\n<code>c\n   d</code><span>e  f</span>\n<CODE>g\n  h</CODE>"
    assert compact_html(html) == "<p>a\nb</p>\n" + kept
    assert compact_html("no line breaks  at all") == "no line breaks  at all"


def test_compact_html_collapses_runs_at_either_end_and_keeps_no_break_spaces() -> None:
    assert compact_html(" \t\n\r\n x \f\n\v\n") == "\nx\n"
    assert compact_html("a\n\u00a0b") == "a\n\u00a0b"  # a no-break space is content, not indentation


def test_built_pages_carry_no_blank_lines_outside_preformatted_text(tmp_path: Path) -> None:
    site = tmp_path / "site"
    done = gradient_build(FIXTURE_CATALOG, site)
    assert done.returncode == 0, done.stderr
    for page in ("systems/aurora/index.html", "systems/aurora/card/index.html", "systems/index.html", "index.html"):
        text = (site / page).read_text(encoding="utf-8")
        assert "\n\n" not in compact_html(text) and compact_html(text) == text, page
        bibtex = '<pre class="gr-cite__bibtex">'  # multi-line preformatted text keeps its line breaks
        assert bibtex not in text or "\n" in text.split(bibtex, 1)[1].split("</pre>", 1)[0], page
