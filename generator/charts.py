"""Charts of the catalog drawn at build time as SVG with matplotlib, each with the table it was drawn from.

Every chart is a `Chart`: its rows are the data (shown beneath the image, readable without JavaScript or
images) and its SVG is drawn from exactly those rows, so the picture and the table cannot disagree.
Output is deterministic: fixed hash salt, no timestamps, text kept as text.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass
from typing import Any, cast

import matplotlib

matplotlib.use("svg")

import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)
from matplotlib.collections import PathCollection  # noqa: E402

from generator.derive import CatalogIndex  # noqa: E402
from generator.palette import level_colours  # noqa: E402
from generator.vocab import vocabulary  # noqa: E402

# The site's level colours (those of the access card); the charts never rely on colour alone: levels are
# also the y axis, the bar labels or the marker shapes.
LEVEL_COLOURS = level_colours()
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")

_RC = {
    "svg.hashsalt": "gradient",
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


@dataclass(frozen=True)
class Chart:
    """One chart: where its SVG lives, what it shows, and the table behind it."""

    id: str
    title: str
    description: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    svg: str


def _svg(figure: Any) -> str:
    out = io.StringIO()
    figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    plt.close(figure)
    return out.getvalue()


def _decimal_year(day: dt.date) -> float:
    return day.year + (day.timetuple().tm_yday - 1) / 366


def levels_over_time(index: CatalogIndex) -> Chart:
    """Each system's level at announcement against its announcement date, one marker shape per modality."""
    levels = vocabulary("levels")
    modalities = sorted({f.primary_modality.id for f in index.system_facts()})
    facts = sorted(index.system_facts(), key=lambda f: (f.system.first_public, f.system.id))
    rows = tuple(
        (
            f.system.name,
            f.system.first_public.iso(),
            f.primary_modality.label,
            f.level_at_announcement.label,
            f.level_now.label,
        )
        for f in facts
    )
    with plt.rc_context(cast(Any, _RC)):
        figure, axes = plt.subplots(figsize=(8, 3.8))
        for i, modality in enumerate(modalities):
            group = [f for f in facts if f.primary_modality.id == modality]
            axes.scatter(
                [_decimal_year(f.system.first_public.as_date()) for f in group],
                [f.level_at_announcement_rank + (i - len(modalities) / 2) * 0.06 for f in group],
                marker=MARKERS[i % len(MARKERS)],
                s=42,
                alpha=0.85,
                color=[LEVEL_COLOURS[f.level_at_announcement_rank] for f in group],
                edgecolors="#333333",
                linewidths=0.6,
                label=vocabulary("modalities")[modality].label,
            )
        axes.set_yticks(range(len(levels.terms)), [t.label for t in levels.terms])
        axes.set_ylim(-0.6, len(levels.terms) - 0.4)
        axes.set_xlabel("Announced")
        axes.xaxis.set_major_formatter(lambda value, _: f"{value:.0f}")
        axes.grid(axis="y", color="#dddddd", linewidth=0.6)
        legend = axes.legend(title="Output modality", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
        for handle in legend.legend_handles:  # shapes only: colour already means the level
            if isinstance(handle, PathCollection):
                handle.set_color("#777777")
        svg = _svg(figure)
    return Chart(
        "levels-over-time",
        "Release level at announcement, over time",
        "Each marker is a system: its announcement date and the level it was released at then; the marker "
        "shape is its main output modality.",
        ("System", "Announced", "Modality", "Level at announcement", "Level now"),
        rows,
        svg,
    )


def openness_by_organization_kind(index: CatalogIndex) -> Chart:
    """How many systems each kind of organization released at each level (at announcement)."""
    levels = vocabulary("levels")
    kinds = vocabulary("organization-kinds")
    counts: dict[str, Counter[str]] = {k.id: Counter() for k in kinds.terms}
    for f in index.system_facts():
        for kind in {o.kind.id for o in f.system.developers}:
            counts[kind][f.level_at_announcement.id] += 1
    present = [k for k in kinds.terms if sum(counts[k.id].values())]
    rows = tuple(
        (k.label, *(counts[k.id][level.id] for level in levels.terms), sum(counts[k.id].values())) for k in present
    )
    with plt.rc_context(cast(Any, _RC)):
        figure, axes = plt.subplots(figsize=(8, 0.5 * len(present) + 1.4))
        labels = [k.label for k in present]
        left = [0] * len(present)
        for li, level in enumerate(levels.terms):
            widths = [counts[k.id][level.id] for k in present]
            bars = axes.barh(labels, widths, left=left, color=LEVEL_COLOURS[li], edgecolor="white", label=level.label)
            axes.bar_label(
                bars,
                labels=[str(w) if w else "" for w in widths],
                label_type="center",
                color="white",
                fontsize=8,
            )
            left = [a + b for a, b in zip(left, widths, strict=True)]
        axes.invert_yaxis()
        axes.set_xlabel("Systems (a system with developers of two kinds counts for each)")
        axes.legend(title="Level at announcement", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
        svg = _svg(figure)
    return Chart(
        "openness-by-organization-kind",
        "Openness at announcement, by kind of organization",
        "Systems each kind of developer released at each level when they were announced.",
        ("Organization kind", *(t.label for t in levels.terms), "Total"),
        rows,
        svg,
    )


def language_model_sizes(index: CatalogIndex) -> Chart:
    """Parameter counts of the language models (main output: text) against their announcement date, on a
    log scale; marker shape and colour both give the level at announcement."""
    levels = vocabulary("levels")
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
    with plt.rc_context(cast(Any, _RC)):
        figure, axes = plt.subplots(figsize=(8, 3.8))
        for rank, level in enumerate(levels.terms):
            group = [f for f in sized if f.level_at_announcement_rank == rank]
            if not group:
                continue
            axes.scatter(
                [_decimal_year(f.system.first_public.as_date()) for f in group],
                [f.system.parameters.count or 0 for f in group],  # every member of `sized` has a count
                marker=MARKERS[rank % len(MARKERS)],
                s=42,
                alpha=0.85,
                color=LEVEL_COLOURS[rank],
                edgecolors="#333333",
                linewidths=0.6,
                label=level.label,
            )
        axes.set_yscale("log")
        axes.set_ylabel("Parameters (log scale)")
        axes.set_xlabel("Announced")
        axes.xaxis.set_major_formatter(lambda value, _: f"{value:.0f}")
        axes.grid(axis="y", color="#dddddd", linewidth=0.6)
        axes.legend(title="Level at announcement", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
        svg = _svg(figure)
    return Chart(
        "language-model-sizes",
        "Language models by parameter count, over time",
        f"Each marker is a language model whose size is recorded: its announcement date and parameter count "
        f"(the largest or main size); shape and colour give its level at announcement. {unsized} of the "
        f"{len(language_models)} language models in the catalog are left out because their size is not "
        "disclosed or not yet recorded.",
        ("System", "Announced", "Parameters", "Level at announcement"),
        rows,
        svg,
    )


def all_charts(index: CatalogIndex) -> list[Chart]:
    """Every chart of the timeline page."""
    return [levels_over_time(index), openness_by_organization_kind(index), language_model_sizes(index)]
