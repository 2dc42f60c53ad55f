"""Small pieces for the charts drawn by hand as SVG: the shared style (the site's level colours through CSS
variables, with fallbacks for a standalone file), escaped text, and a linked, titled mark.

Charts are inline in the page, so their text has the page's size and colour (dark mode included), every mark
can be a link with a title (named on hover, read out on keyboard focus), and they need no JavaScript."""

from __future__ import annotations

from markupsafe import escape

from generator.website.palette import level_colours


def style(css_class: str) -> str:
    """The chart's <style>: text, grid lines, hover and focus emphasis, and one class per level (l0–l5)."""
    levels = "".join(
        f".{css_class} .l{i}{{stroke:var(--gr-l{i},{c});fill:var(--gr-l{i},{c})}}.{css_class} path.l{i}{{fill:none}}"
        for i, c in enumerate(level_colours())
    )
    return (
        f"<style>.{css_class} text{{font:15px sans-serif;fill:var(--md-default-fg-color,#222)}}"
        f".{css_class} text.small{{font-size:13px}}"
        f".{css_class} text.in-bar{{font-size:13px;font-weight:700;fill:var(--md-default-bg-color,#fff)}}"
        f".{css_class} a{{text-decoration:none}}"
        f".{css_class} .grid{{stroke:var(--md-default-fg-color--lightest,#ddd);stroke-width:1}}"
        f".{css_class} path{{stroke-width:2;stroke-opacity:.75}}"
        f".{css_class} circle{{stroke-width:1;fill-opacity:.85}}"
        f".{css_class} a:hover *,.{css_class} a:focus *{{stroke-width:4;stroke-opacity:1}}"
        f".{css_class} a:focus{{outline:none}}"
        f"{levels}</style>"
    )


def open_svg(css_class: str, width: int, height: int, title: str, title_id: str) -> list[str]:
    """The opening of a chart: a group for assistive technology, labelled by its title."""
    return [
        f'<svg class="gr-svg-chart {css_class}" viewBox="0 0 {width} {height}" role="group" '
        f'aria-labelledby="{title_id}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{title_id}">{escape(title)}</title>',
        style(css_class),
    ]


def text(x: float, y: float, content: str, anchor: str = "middle", css: str = "") -> str:
    """A label, escaped."""
    klass = f' class="{css}"' if css else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{klass}>{escape(content)}</text>'


def linked(href: str, title: str, inner: str, data: str = "") -> str:
    """A mark that links to a page and names itself (hover title, focus for the keyboard)."""
    return f'<a href="{escape(href)}"{data}><title>{escape(title)}</title>{inner}</a>'
