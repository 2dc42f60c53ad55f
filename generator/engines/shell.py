"""The theme around a generated page, rendered once per kind of page and filled in per page.

Every system has two pages (its page and its model card), so their cost decides how long a build takes.
Rendered through MkDocs' page pipeline, each would render the whole Material template (header, tabs,
navigation, footer, scripts) again, although for pages of one kind at one depth everything but a few
values is the same. So MkDocs renders the theme once per kind, for a stand-in page whose page-specific
values are slot markers; the result is cut at the markers and each page is the pieces joined with its
own values. The values are the ones MkDocs' pipeline would have put there (escaped titles, the canonical
URL, the table of contents, the JSON-LD), so a page comes out as the pipeline would have written it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkPage
from mkdocs.structure.toc import get_toc

from generator.core import urls
from generator.core.jsontext import jinja_dumps
from generator.engines.mkdocs_compat import render_theme_page
from generator.website.render import Page, Renderer, compact_html, harden_links


def slot(name: str) -> str:
    """The marker a slot leaves in the rendered theme: letters and dashes only, so no filter or URL
    quoting in the theme changes it."""
    return f"x-gradient-slot-{name}-x"


def _meta_slot(key: str) -> str:
    """The slot name of a page meta key ("citation_title" -> "citationtitle": slot names have no "_")."""
    return key.replace("_", "")


_SLOT = re.compile(r"x-gradient-slot-([a-z0-9_]+)-x")
_CONTENT = f"<h1>{slot('content')}</h1>"
"""Stands in for the page content; contains "<h1" so Material adds no title of its own (our templates
write the page's <h1>)."""
_TOC_LIST = re.compile(r'(<ul class="md-nav__list" data-md-component="toc"[^>]*>)(.*?)(</ul>)', re.DOTALL)


@dataclass(frozen=True)
class Pieces:
    """A text cut at its slots: literal text at even positions, slot names at odd ones."""

    parts: tuple[str, ...]

    @classmethod
    def cut(cls, text: str) -> Pieces:
        """Split a rendered text at every slot marker."""
        return cls(tuple(_SLOT.split(text)))

    def slots(self) -> set[str]:
        """The names of the slots in the text."""
        return set(self.parts[1::2])

    def fill(self, values: Mapping[str, str]) -> str:
        """The text with every slot replaced by its value."""
        parts = list(self.parts)
        parts[1::2] = [values[name] for name in self.parts[1::2]]
        return "".join(parts)


@dataclass(frozen=True)
class Shell:
    """The theme page of one kind of generated page, ready to be filled in."""

    page: Pieces
    toc_item: Pieces
    toc_separator: str
    text_meta: tuple[str, ...]
    """Page meta keys whose (string) values the theme prints: they are filled in escaped."""
    fixed_meta: dict[str, Any]
    """Page meta the theme reads as settings (`hide`, `search`): the same for every page of the kind."""

    def fill(self, page: Page, content: str) -> str:
        """The whole HTML page of `page` with its rendered `content`."""
        meta = page.meta or {}
        if any(meta.get(key) != value for key, value in self.fixed_meta.items()):
            raise ValueError(f"{page.url}: its meta settings differ from the other {page.template} pages")
        toc = page.context["toc"]
        values = {
            "url": page.shell_slug or "",
            "content": content,
            "title": escape(page.title),
            "description": escape(page.description),
            "tocid": toc[0][0],  # the theme's "skip to content" link goes to the first heading
            "toc": self.toc_separator.join(
                self.toc_item.fill({"tocid": anchor, "tocname": escape(name)}) for anchor, name in toc
            ),
            "jsonld": htmlsafe_json_dumps(meta.get("jsonld"), dumps=jinja_dumps),
        }
        for key in self.text_meta:
            values[_meta_slot(key)] = escape(meta[key])
        return self.page.fill(values)


def shell_key(page: Page) -> tuple[str, int]:
    """Pages share a shell when they have the same template and the same depth (relative links to the
    theme's assets depend on it)."""
    return page.template, page.url.count("/")


def build_shell(prototype: Page, config: MkDocsConfig, env: Environment, nav: Navigation, files: Files) -> Shell:
    """Render the theme once for a stand-in of `prototype` (same template, meta and depth) and cut it."""
    parts = prototype.url.split("/")
    stand_in_url = "/".join(slot("url") if part == prototype.shell_slug else part for part in parts)
    file = File.generated(config, stand_in_url + "index.md", content="")
    page = MkPage(slot("title"), file, config)
    meta: dict[str, Any] = dict(prototype.meta or {})
    text_meta = tuple(k for k, v in meta.items() if isinstance(v, str))
    fixed_meta = {k: v for k, v in meta.items() if k not in text_meta and k != "jsonld"}
    for key in text_meta:
        meta[key] = slot(_meta_slot(key))
    if "jsonld" in meta:
        meta["jsonld"] = slot("jsonld")
    meta["title"], meta["description"] = slot("title"), slot("description")
    page.meta = meta
    page.content = _CONTENT
    # Two entries, so the whitespace the theme puts between entries can be cut out too.
    page.toc = get_toc([{"level": 2, "id": slot("tocid"), "name": slot("tocname"), "children": []}] * 2)
    html = render_theme_page(env, "main.html", nav, files, config, page)
    html = harden_links(html).replace(_CONTENT, slot("content")).replace(f'"{slot("jsonld")}"', slot("jsonld"))
    toc = _TOC_LIST.search(html)
    if toc is None:
        raise ValueError(f"the theme rendered no table of contents for {prototype.template}")
    entries = toc.group(2)
    first = entries[entries.index("<li") : entries.index("</li>") + len("</li>")]
    head, separator, tail = entries.split(first)
    html = html[: toc.start(2)] + head + slot("toc") + tail + html[toc.end(2) :]
    shell = Shell(Pieces.cut(html), Pieces.cut(first), separator, text_meta, fixed_meta)
    expected = {"url", "content", "title", "toc"} | {_meta_slot(k) for k in text_meta}
    missing = expected - shell.page.slots()
    if missing:
        raise ValueError(f"the theme lost slot(s) {sorted(missing)} of {prototype.template}")
    return shell


def build_shells(
    pages: Sequence[Page], config: MkDocsConfig, env: Environment, nav: Navigation, files: Files
) -> dict[tuple[str, int], Shell]:
    """One shell per kind of page among `pages`."""
    shells: dict[tuple[str, int], Shell] = {}
    for page in pages:
        key = shell_key(page)
        if key not in shells:
            shells[key] = build_shell(page, config, env, nav, files)
    return shells


class ShellRenderer:
    """Writes pages that have a shell: our template's HTML filled into the theme around it."""

    def __init__(self, shells: dict[tuple[str, int], Shell], renderer: Renderer) -> None:
        self.shells = shells
        self.renderer = renderer

    def html(self, page: Page) -> str:
        """The whole HTML page."""
        return compact_html(self.shells[shell_key(page)].fill(page, self.renderer.render(page)))

    def write(self, page: Page, site_dir: Path) -> None:
        """Render a page into its file in `site_dir`."""
        target = site_dir / urls.output_file(page.url)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(self.html(page), encoding="utf-8", errors="xmlcharrefreplace")
