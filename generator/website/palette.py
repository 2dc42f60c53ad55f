"""The level colours, defined once in the site's stylesheet (`--gr-l0` … `--gr-l5`, light theme first) and
read from there by everything drawn outside a page's CSS (chart images, fallbacks in standalone SVG)."""

from __future__ import annotations

import re
from functools import cache

from generator.core.paths import TEMPLATE_DIR

STYLESHEET = TEMPLATE_DIR / "overrides/assets/gradient.css"


@cache
def level_colours() -> tuple[str, ...]:
    """The light theme's six level colours, fully closed first."""
    css = STYLESHEET.read_text(encoding="utf-8")
    first_block = css.split("}", 1)[0]
    found = dict(re.findall(r"--gr-l([0-5]): (#[0-9a-fA-F]{6})", first_block))
    return tuple(found[str(i)] for i in range(6))
