"""Redirect pages for renamed systems: a system that declares `renamed_from: [old-id]` keeps its old
URLs alive, so citations of /systems/<old-id>/ (and its card page) still lead to the entry.

The pages are plain HTML (meta refresh, canonical link, and a visible link for readers without
automatic redirects); the plugin adds them to the build as generated files."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from html import escape

from generator.core import urls
from generator.core.model import Catalog


@dataclass(frozen=True)
class Redirect:
    """A page at `old_url` that sends readers to `new_url` (both relative to the site root)."""

    old_url: str
    new_url: str
    title: str

    @property
    def source_file(self) -> str:
        """The file that serves the old URL."""
        return self.old_url + "index.html"

    def html(self, site_url: str) -> str:
        """The redirect page; the target is relative, so the page works wherever the site is served."""
        relative = urls.base_for(self.old_url) + self.new_url
        canonical = site_url.rstrip("/") + "/" + self.new_url
        target, title = escape(relative), escape(self.title)
        return (
            "<!doctype html>\n"
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{title} has moved</title>\n"
            f'<link rel="canonical" href="{escape(canonical)}">\n'
            f'<meta name="robots" content="noindex">\n'
            f'<meta http-equiv="refresh" content="0; url={target}">\n'
            "</head>\n<body>\n"
            f'<p>{title} has moved to <a href="{target}">its new page</a>.</p>\n'
            "</body>\n</html>\n"
        )


def redirects(catalog: Catalog) -> Iterator[Redirect]:
    """One redirect per former id of every system, for its page and its card page."""
    for system in catalog.systems:
        for old_id in system.renamed_from:
            yield Redirect(urls.system(old_id), urls.system(system.id), system.name)
            yield Redirect(urls.system_card(old_id), urls.system_card(system.id), f"{system.name} — model card")
