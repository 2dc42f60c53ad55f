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
import hashlib
import io
from dataclasses import dataclass

from markupsafe import escape

from generator import urls
from generator.dates import build_date
from generator.derive import CatalogIndex, SystemFacts
from generator.export import spreadsheet_safe
from generator.palette import level_colours
from generator.vocab import vocabulary

WIDTH, BAND, LEFT, RIGHT, TOP, AXIS = 880, 52, 150, 12, 10, 32
START_YEAR = 2018


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


def _x(day: dt.date, end: dt.date) -> float:
    start = dt.date(START_YEAR, 1, 1)
    span = max((end - start).days, 1)
    clamped = min(max(day, start), end)
    return LEFT + (WIDTH - LEFT - RIGHT) * (clamped - start).days / span


def _y(rank: int, offset: float) -> float:
    return TOP + (5 - rank) * BAND + BAND / 2 + offset


def _offset(system_id: str) -> float:
    """A fixed spread inside a band (-16 to +16), from the id: stable from build to build."""
    return int(hashlib.sha1(system_id.encode()).hexdigest()[:4], 16) / 0xFFFF * 32 - 16


def _path(parts: list[Step], offset: float, end: dt.date) -> list[tuple[int, str]]:
    """One `(level rank, path data)` per step, so each stretch takes its level's colour."""
    out = []
    for i, step in enumerate(parts):
        until = parts[i + 1].start if i + 1 < len(parts) else end
        x0, x1, y = _x(step.start, end), _x(until, end), _y(step.level_rank, offset)
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
    out = [
        f'<svg class="gr-trajectory" viewBox="0 0 {WIDTH} {height}" role="group" aria-labelledby="trajectory-title" '
        'xmlns="http://www.w3.org/2000/svg">',
        '<title id="trajectory-title">Each system\'s release level over time, from its first placement to today'
        "</title>",
        "<style>.gr-trajectory text{font:15px sans-serif;fill:var(--md-default-fg-color,#222)}"
        ".gr-trajectory .grid{stroke:var(--md-default-fg-color--lightest,#ddd);stroke-width:1}"
        ".gr-trajectory path{fill:none;stroke-width:2;stroke-opacity:.75}"
        ".gr-trajectory a:hover path,.gr-trajectory a:focus path{stroke-width:4;stroke-opacity:1}"
        + "".join(f".gr-trajectory .l{i}{{stroke:var(--gr-l{i},{colour})}}" for i, colour in enumerate(level_colours()))
        + "</style>",
    ]
    for rank, level in enumerate(levels):
        y = _y(rank, 0)
        out.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y + BAND / 2:.1f}" y2="{y + BAND / 2:.1f}"/>'
        )
        out.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">{escape(level.label)}</text>')
    for year in range(START_YEAR, end.year + 1):
        x = _x(dt.date(year, 1, 1), end)
        out.append(f'<line class="grid" x1="{x:.1f}" x2="{x:.1f}" y1="{TOP}" y2="{TOP + BAND * len(levels)}"/>')
        out.append(f'<text x="{x:.1f}" y="{height - 8}" text-anchor="middle">{year}</text>')
    for facts in sorted(index.system_facts(), key=lambda f: (f.system.first_public, f.system.id)):
        system = facts.system
        kinds = " ".join(sorted({o.kind.id for o in system.developers}))
        modalities = " ".join(m.id for m in system.outputs)
        label = f"{system.name}: {facts.level_at_announcement.label} at announcement, {facts.level_now.label} now"
        out.append(
            f'<a href="{escape(base + urls.system(system.id))}" data-kind="{kinds}" data-modality="{modalities}">'
            f"<title>{escape(label)}</title>"
        )
        for rank, data in _path(steps(facts), _offset(system.id), end):
            out.append(f'<path class="l{rank}" d="{data}"/>')
        out.append("</a>")
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
