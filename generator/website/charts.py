"""The timeline's charts, drawn by hand as inline SVG, each with the table it was drawn from.

Every chart is a `Chart`: its rows are the data (shown beneath it, readable without JavaScript), and its
SVG is drawn from the same facts, so the picture and the table cannot disagree. Each mark is a link with a
title (a system's page, or a level's page for a bar), coloured by level through the site's CSS variables,
so the charts follow the access card's colours and dark mode. Output is deterministic.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

from generator.core import urls
from generator.core.dates import build_date
from generator.core.derive import CatalogIndex, SystemFacts
from generator.core.vocab import vocabulary
from generator.website.svg import linked, open_svg, text

WIDTH, LEFT, RIGHT, TOP, AXIS = 880, 150, 12, 10, 34
BAND = 52
START_YEAR = 2018
BASE = "../"
"""Links inside a chart are relative to /timeline/, where the page and the SVG files both live."""


@dataclass(frozen=True)
class Chart:
    """One chart: where its SVG lives, what it shows, and the table behind it."""

    id: str
    title: str
    description: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    svg: str


def x_for(day: dt.date, end: dt.date) -> float:
    """Where a day falls on the shared time axis, from 1 January of START_YEAR to `end`."""
    start = dt.date(START_YEAR, 1, 1)
    clamped = min(max(day, start), end)
    return LEFT + (WIDTH - LEFT - RIGHT) * (clamped - start).days / max((end - start).days, 1)


def spread(key: str, width: float) -> float:
    """A fixed offset in [-width/2, width/2] from a key, so marks on one line stay apart build after build."""
    return int(hashlib.sha1(key.encode()).hexdigest()[:4], 16) / 0xFFFF * width - width / 2


def year_axis(end: dt.date, top: float, bottom: float) -> list[str]:
    """A grid line and a label for each year of the time axis."""
    out = []
    for year in range(START_YEAR, end.year + 1):
        x = x_for(dt.date(year, 1, 1), end)
        out.append(f'<line class="grid" x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{bottom}"/>')
        out.append(text(x, bottom + 22, str(year)))
    return out


def _legend(y: float, left: float) -> list[str]:
    """One swatch and short label per level, on one line."""
    out, x = [], float(left)
    for rank, level in enumerate(vocabulary("levels").terms):
        out.append(f'<rect class="l{rank}" x="{x:.1f}" y="{y - 12}" width="14" height="14"/>')
        out.append(text(x + 18, y, level.get("short") or level.label, "start", "small"))
        x += 110
    return out


def _system_link(f: SystemFacts, title: str, inner: str) -> str:
    return linked(BASE + urls.system(f.system.id), title, inner)


def levels_over_time(index: CatalogIndex) -> Chart:
    """Each system's level at announcement against its announcement date."""
    levels = vocabulary("levels").terms
    end = build_date()
    facts = sorted(index.system_facts(), key=lambda f: (f.system.first_public, f.system.id))
    rows = tuple(
        (f.system.name, f.system.first_public.iso(), f.primary_modality.label, f.level_at_announcement.label,
         f.level_now.label)
        for f in facts
    )  # fmt: skip
    height = TOP + BAND * len(levels) + AXIS
    out = open_svg("gr-chart-levels", WIDTH, height, "Release level at announcement, over time", "chart-levels-svg")
    for rank, level in enumerate(levels):
        y = TOP + (len(levels) - 1 - rank) * BAND + BAND / 2
        out.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y + BAND / 2:.1f}" y2="{y + BAND / 2:.1f}"/>'
        )
        out.append(text(LEFT - 8, y + 5, level.label, "end"))
    out += year_axis(end, TOP, TOP + BAND * len(levels))
    for f in facts:
        rank = f.level_at_announcement_rank
        x = x_for(f.system.first_public.as_date(), end)
        y = TOP + (len(levels) - 1 - rank) * BAND + BAND / 2 + spread(f.system.id, BAND - 16)
        title = (f"{f.system.name}, announced {f.system.first_public.iso()}: {f.level_at_announcement.label} at "
                 f"announcement, {f.level_now.label} now ({f.primary_modality.label})")  # fmt: skip
        out.append(_system_link(f, title, f'<circle class="l{rank}" cx="{x:.1f}" cy="{y:.1f}" r="6"/>'))
    out.append("</svg>")
    return Chart(
        "levels-over-time",
        "Release level at announcement, over time",
        "Each dot is a system: its announcement date and the level it was released at then. Hover or focus a "
        "dot to name it; follow it to the system's page.",
        ("System", "Announced", "Modality", "Level at announcement", "Level now"),
        rows,
        "\n".join(out),
    )


def openness_by_organization_kind(index: CatalogIndex) -> Chart:
    """How many systems each kind of organization released at each level (at announcement)."""
    levels = vocabulary("levels").terms
    kinds = vocabulary("organization-kinds")
    counts: dict[str, Counter[str]] = {k.id: Counter() for k in kinds.terms}
    for f in index.system_facts():
        for kind_id in {o.kind.id for o in f.system.developers}:
            counts[kind_id][f.level_at_announcement.id] += 1
    present = [k for k in kinds.terms if sum(counts[k.id].values())]
    rows = tuple((k.label, *(counts[k.id][level.id] for level in levels), sum(counts[k.id].values())) for k in present)
    bar, gap, legend = 34, 12, 40
    left = 230  # "Collective or open science" fits
    height = TOP + len(present) * (bar + gap) + legend
    widest = max((sum(counts[k.id].values()) for k in present), default=1)
    scale = (WIDTH - left - RIGHT - 40) / widest
    out = open_svg(
        "gr-chart-kinds", WIDTH, height, "Openness at announcement, by kind of organization", "chart-kinds-svg"
    )
    for row, kind in enumerate(present):
        y = TOP + row * (bar + gap)
        out.append(text(left - 8, y + bar / 2 + 5, kind.label, "end"))
        x = float(left)
        for rank, level in enumerate(levels):
            n = counts[kind.id][level.id]
            if not n:
                continue
            width = n * scale
            label = text(x + width / 2, y + bar / 2 + 5, str(n), css="in-bar") if width >= 18 else ""
            rect = f'<rect class="l{rank}" x="{x:.1f}" y="{y}" width="{width:.1f}" height="{bar}"/>'
            title = f"{kind.label}: {n} system{'s' if n != 1 else ''} at {level.label} when announced"
            out.append(linked(BASE + urls.level(level.id), title, rect + label))
            x += width
        out.append(text(x + 6, y + bar / 2 + 5, str(sum(counts[kind.id].values())), "start", "small"))
    out += _legend(height - legend + 24, left)
    out.append("</svg>")
    return Chart(
        "openness-by-organization-kind",
        "Openness at announcement, by kind of organization",
        "Systems each kind of developer released at each level when they were announced (a system with "
        "developers of two kinds counts for each). Each segment links to its level's page.",
        ("Organization kind", *(t.label for t in levels), "Total"),
        rows,
        "\n".join(out),
    )


def language_model_sizes(index: CatalogIndex) -> Chart:
    """Parameter counts of the language models (main output: text) against their announcement date, on a
    log scale, coloured by level at announcement."""
    end = build_date()
    language_models = [f for f in index.system_facts() if f.primary_modality.id == "text"]
    sized = sorted(
        (f for f in language_models if f.system.parameters.count),
        key=lambda f: (f.system.first_public, f.system.id),
    )
    unsized = len(language_models) - len(sized)
    rows = tuple(
        (f.system.name, f.system.first_public.iso(), f"{f.system.parameters.count:,}", f.level_at_announcement.label)
        for f in sized
    )
    height = 360
    low, high = 8, 13  # 10^8 to 10^13 parameters
    plot_top, plot_bottom = TOP, height - AXIS - 30

    def y(count: int) -> float:
        share = (math.log10(count) - low) / (high - low)
        return plot_bottom - min(max(share, 0.0), 1.0) * (plot_bottom - plot_top)

    out = open_svg("gr-chart-sizes", WIDTH, height, "Language models by parameter count, over time", "chart-sizes-svg")
    names = {8: "100 million", 9: "1 billion", 10: "10 billion", 11: "100 billion", 12: "1 trillion", 13: "10 trillion"}
    for power, name in names.items():
        out.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(10**power):.1f}" y2="{y(10**power):.1f}"/>'
        )
        out.append(text(LEFT - 8, y(10**power) + 5, name, "end"))
    out += year_axis(end, plot_top, plot_bottom)
    for f in sized:
        count = f.system.parameters.count or 1
        x = x_for(f.system.first_public.as_date(), end)
        title = (f"{f.system.name}, announced {f.system.first_public.iso()}: {count:,} parameters, "
                 f"{f.level_at_announcement.label} at announcement")  # fmt: skip
        mark = f'<circle class="l{f.level_at_announcement_rank}" cx="{x:.1f}" cy="{y(count):.1f}" r="6"/>'
        out.append(_system_link(f, title, mark))
    out += _legend(height - 8, LEFT)
    out.append("</svg>")
    return Chart(
        "language-model-sizes",
        "Language models by parameter count, over time",
        f"Each dot is a language model whose size is recorded: its announcement date and parameter count "
        f"(the largest or main size), coloured by its level at announcement. {unsized} of the "
        f"{len(language_models)} language models in the catalog are left out because their size is not "
        "disclosed or not yet recorded.",
        ("System", "Announced", "Parameters", "Level at announcement"),
        rows,
        "\n".join(out),
    )


def all_charts(index: CatalogIndex) -> list[Chart]:
    """Every chart of the timeline page (the trajectory chart is drawn by generator/website/trajectory.py)."""
    return [levels_over_time(index), openness_by_organization_kind(index), language_model_sizes(index)]
