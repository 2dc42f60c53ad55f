"""The trajectory chart: each system's level over time, as steps from its first placement to today.

Drawn by hand as SVG (no plotting library) so that it can live inside the page: every system is one link
to its page, with a title that names it and its levels (shown on hover, read out on keyboard focus), and
colours come from the site's level colours (CSS variables, so dark mode applies). Each band of the y axis
is one level; systems inside a band are spread by a fixed offset taken from their id, so two systems at
the same level stay apart and a build is byte for byte the same. The same data is the CSV beside it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from generator.core import urls
from generator.core.dates import build_date
from generator.core.derive import CatalogIndex, SystemFacts
from generator.core.vocab import vocabulary
from generator.website.charts import AXIS, BAND, LEFT, RIGHT, TOP, WIDTH, spread, x_for, year_axis
from generator.website.export import spreadsheet_safe
from generator.website.svg import linked, open_svg, text


@dataclass(frozen=True)
class Step:
    """One stretch of a system's trajectory: from a date (inclusive) at a level."""

    start: dt.date
    level_rank: int
    event: str


def steps(facts: SystemFacts) -> list[Step]:
    """The system's placements as steps (the first at its first placement's date)."""
    levels = vocabulary("levels")
    return [Step(p.date.as_date(), levels.index(p.level.id), p.event.id) for p in facts.system.placements]


def _y(rank: int, offset: float) -> float:
    return TOP + (5 - rank) * BAND + BAND / 2 + offset


def _path(parts: list[Step], offset: float, end: dt.date) -> list[tuple[int, str]]:
    """One `(level rank, path data)` per step, so each stretch takes its level's colour."""
    out = []
    for i, step in enumerate(parts):
        until = parts[i + 1].start if i + 1 < len(parts) else end
        x0, x1, y = x_for(step.start, end), x_for(until, end), _y(step.level_rank, offset)
        data = f"M{x0:.1f},{y:.1f}H{max(x1, x0 + 1.5):.1f}"
        if i + 1 < len(parts):
            data += f"V{_y(parts[i + 1].level_rank, offset):.1f}"
        out.append((step.level_rank, data))
    return out


def trajectory_svg(index: CatalogIndex, base: str = "../") -> str:
    """The chart as an SVG element (inline in the page, or saved as a file with its own fallback colours)."""
    end = build_date()
    levels = vocabulary("levels").terms
    height = TOP + BAND * len(levels) + AXIS
    title = "Each system's release level over time, from its first placement to today"
    out = open_svg("gr-trajectory", WIDTH, height, title, "trajectory-title")
    for rank, level in enumerate(levels):
        y = _y(rank, 0)
        out.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y + BAND / 2:.1f}" y2="{y + BAND / 2:.1f}"/>'
        )
        out.append(text(LEFT - 8, y + 4, level.label, "end"))
    out += year_axis(end, TOP, TOP + BAND * len(levels))
    for facts in sorted(index.system_facts(), key=lambda f: (f.system.first_public, f.system.id)):
        system = facts.system
        kinds = " ".join(sorted({o.kind.id for o in system.developers}))
        modalities = " ".join(m.id for m in system.outputs)
        label = f"{system.name}: {facts.level_at_announcement.label} at announcement, {facts.level_now.label} now"
        paths = "".join(
            f'<path class="l{rank}" d="{data}"/>' for rank, data in _path(steps(facts), spread(system.id, 32), end)
        )
        out.append(
            linked(base + urls.system(system.id), label, paths, f' data-kind="{kinds}" data-modality="{modalities}"')
        )
    out.append("</svg>")
    return "\n".join(out)


def trajectory_csv(index: CatalogIndex) -> str:
    """The chart's data: one row per placement of every system, as the chart draws it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(["system", "name", "date", "event", "level", "organization_kinds", "output_modalities"])
    for facts in sorted(index.system_facts(), key=lambda f: f.system.id):
        system = facts.system
        kinds = ";".join(sorted({o.kind.id for o in system.developers}))
        outputs = ";".join(m.id for m in system.outputs)
        for placement in system.placements:
            row = [system.id, system.name, placement.date.iso(), placement.event.id, placement.level.id, kinds, outputs]
            writer.writerow([spreadsheet_safe(cell) for cell in row])
    return buffer.getvalue()
