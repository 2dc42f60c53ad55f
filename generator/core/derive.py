"""Facts derived once from the typed catalog: level now and at announcement, interfaces, indexes.

Templates read these; they never compute. "Now" and "at announcement" come from the dated
placements and are never typed twice in the data.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from babel import Locale

from generator.core.dates import REVIEW_AFTER_DAYS, PartialDate, build_date
from generator.core.model import LICENCE_FAMILIES, Catalog, Component, Licence, Organization, Placement, Source, System
from generator.core.vocab import DATA_STATES, Term, vocabulary


@dataclass(frozen=True)
class TimelineEvent:
    """A placement as the timeline tells it: with the level the system was at just before."""

    placement: Placement
    level_before: Term | None

    @property
    def changes_level(self) -> bool:
        """True when the event moved the system to another level (never for the first event)."""
        return self.level_before is not None and self.level_before.id != self.placement.level.id


@dataclass(frozen=True)
class SystemFacts:
    """What a reader wants at a glance about one system."""

    system: System
    level_now: Term
    level_at_announcement: Term
    announcement_event: Placement
    levels_passed: tuple[Term, ...]
    gating_now: Term
    pricing_now: Term
    interfaces: tuple[Term, ...]
    weights: Component
    licence: Licence | None
    licence_sources: tuple[Source, ...]
    language_names: tuple[str, ...]
    guardrails_in_place: int
    withdrawn_channels: tuple[Term, ...]
    latest_event: Placement
    timeline: tuple[TimelineEvent, ...]
    leaks: tuple[Placement, ...] = ()
    """Leak events: shown on the access card and the timeline; they never move the level."""
    review_age_days: int = 0
    """Days between the last review and the data's date."""
    why: str = ""
    """Why the system sits at its level now, in one or two generated sentences."""

    @property
    def confirmed_now(self) -> bool:
        """True when a source read at the last review shows the system still offered (review status
        `active`); otherwise its latest recorded level is shown as such, not as its level now."""
        return self.system.review_status.id == "active"

    @property
    def now_label(self) -> str:
        """How pages name the latest recorded level: "Now" only when it is confirmed."""
        return "Now" if self.confirmed_now else "Last recorded"

    @property
    def as_of(self) -> str:
        """The words after a present-state fact ("access now"): "now" only when it is confirmed."""
        return "now" if self.confirmed_now else "when last recorded"

    @property
    def review_due(self) -> bool:
        """True when the entry has not been re-read for longer than the review interval."""
        return self.review_age_days > REVIEW_AFTER_DAYS

    @property
    def review_age_months(self) -> int:
        """The review age in whole months, as readers count."""
        return self.review_age_days * 12 // 365

    @property
    def level_now_rank(self) -> int:
        """0 (fully closed) to 5 (fully open)."""
        return vocabulary("levels").index(self.level_now.id)

    @property
    def level_at_announcement_rank(self) -> int:
        """0 (fully closed) to 5 (fully open)."""
        return vocabulary("levels").index(self.level_at_announcement.id)

    @property
    def first_developer(self) -> Organization:
        """The first developer listed, for grouping."""
        return self.system.developers[0]

    @property
    def year(self) -> int:
        """Year of announcement (or of the first recorded event)."""
        return self.system.first_public.year

    @property
    def primary_modality(self) -> Term:
        """The first output modality: how the system is grouped by modality."""
        return self.system.outputs[0]


@cache
def _english_language_names() -> dict[str, str]:
    return dict(Locale("en").languages)


def language_name(tag: str) -> str:
    """The English name of a BCP 47 tag ("zh-Hans" -> "Simplified Chinese"); the tag itself when unknown."""
    names = _english_language_names()
    return names.get(tag.replace("-", "_")) or names.get(tag.split("-")[0]) or tag


def _latest_known(placements: tuple[Placement, ...], attribute: str) -> Term:
    for placement in reversed(placements):
        value: Term = getattr(placement, attribute)
        if value.id not in DATA_STATES:
            return value
    last: Term = getattr(placements[-1], attribute)
    return last


def _placement_at(placements: tuple[Placement, ...], when: PartialDate) -> Placement:
    """The placement in force at a date: the last of those dated before it or on it (same day, or same month when
    that is all the source gives). Earlier ones are quiet deployments; a later or vaguer date is not counted."""
    current = placements[0]
    for placement in placements:
        if placement.date.iso() != when.iso() and not placement.date.is_before(when):
            break
        current = placement
    return current


def _interfaces(placements: tuple[Placement, ...]) -> tuple[tuple[Term, ...], tuple[Term, ...]]:
    """Channels open now (opened by an event and not withdrawn later), and channels withdrawn."""
    open_channels: dict[str, Term] = {}
    withdrawn: dict[str, Term] = {}
    for placement in placements:
        channel = placement.channel
        if not channel.get("interface", False) or placement.event.id == "leak":
            continue
        if placement.event.id == "withdrawal":
            open_channels.pop(channel.id, None)
            withdrawn[channel.id] = channel
        else:
            open_channels[channel.id] = channel
            withdrawn.pop(channel.id, None)
    order = vocabulary("channels").ids
    return (
        tuple(sorted(open_channels.values(), key=lambda t: order.index(t.id))),
        tuple(sorted(withdrawn.values(), key=lambda t: order.index(t.id))),
    )


_OUT = {"released", "partial", "gated"}


def _status_words(system: System, component_id: str) -> str:
    status = system.component(component_id).status
    return "not yet recorded" if status.id == "not-yet-recorded" else status.label.lower()


def why_level(system: System, level: Term, interfaces: tuple[Term, ...]) -> str:
    """One or two sentences on why the system sits at `level` now rather than the next level up or down,
    read off its components and open channels (the level definitions of the gradient paper)."""
    weights = system.component("weights").status.id
    data, code = _status_words(system, "training-data"), _status_words(system, "training-code")
    channels = ", ".join(t.label for t in interfaces) or "no open channel"
    if level.id == "fully-open":
        return (
            f"{level.label}: the weights and the means to rebuild them (training data: {data}; training code: "
            f"{code}) are available to anyone, without an approval step."
        )
    if level.id == "downloadable":
        gate = "behind an approval step" if weights == "gated" else "publicly"
        return (
            f"{level.label}: the weights can be downloaded {gate}; not fully open because the training data is "
            f"{data} and the training code is {code}."
        )
    if level.id in ("api", "hosted") and not interfaces:
        return (
            f"{level.label}: the latest record leaves it at this level, but every channel recorded for it has "
            "been withdrawn; which channel still offers it, if any, is not recorded."
        )
    if level.id == "api":
        return (
            f"{level.label}: people build on it through {channels}; not downloadable because the weights are "
            f"{_status_words(system, 'weights')}."
        )
    if level.id == "hosted":
        return (
            f"{level.label}: people can use it only through the developer's own interface ({channels}); "
            "there is no API or cloud access recorded, and the weights stay with the developer."
        )
    if level.id == "staged":
        return f"{level.label}: it is released step by step; the parts out so far are open through {channels}."
    if weights in _OUT:
        return f"{level.label}: no channel of the developer is open now."
    return f"{level.label}: nobody outside the developer can use it now ({channels})."


def system_facts(system: System) -> SystemFacts:
    """Derive the at-a-glance facts of one system."""
    placements = system.placements
    passed: list[Term] = []
    for placement in placements:
        if placement.level not in passed:
            passed.append(placement.level)
    weights = system.component("weights")
    hosted = system.component("hosted-model")
    interfaces, withdrawn = _interfaces(placements)
    return SystemFacts(
        system=system,
        level_now=placements[-1].level,
        level_at_announcement=_placement_at(placements, system.first_public).level,
        announcement_event=_placement_at(placements, system.first_public),
        levels_passed=tuple(passed),
        gating_now=_latest_known(placements, "gating"),
        pricing_now=_latest_known(placements, "pricing"),
        interfaces=interfaces,
        weights=weights,
        licence=weights.licence or hosted.licence,
        licence_sources=weights.sources if weights.licence else hosted.sources,
        language_names=tuple(language_name(tag) for tag in system.languages),
        guardrails_in_place=sum(1 for g in system.guardrails if g.is_live),
        withdrawn_channels=withdrawn,
        latest_event=placements[-1],
        timeline=tuple(TimelineEvent(p, placements[i - 1].level if i else None) for i, p in enumerate(placements)),
        leaks=tuple(p for p in placements if p.event.id == "leak"),
        review_age_days=max(0, (build_date() - system.last_reviewed.as_date()).days),
        why=why_level(system, placements[-1].level, interfaces),
    )


@dataclass(frozen=True)
class Change:
    """One dated change in the catalog, for the home page and the change feed."""

    date: PartialDate
    system: System
    placement: Placement


@dataclass
class CatalogIndex:
    """Indexes computed once per build."""

    catalog: Catalog
    facts: dict[str, SystemFacts] = field(default_factory=dict)
    by_level_now: dict[str, list[SystemFacts]] = field(default_factory=dict)
    passed_through: dict[str, list[SystemFacts]] = field(default_factory=dict)
    by_organization: dict[str, list[SystemFacts]] = field(default_factory=dict)
    by_guardrail: dict[str, list[SystemFacts]] = field(default_factory=dict)
    by_year: dict[int, list[SystemFacts]] = field(default_factory=dict)
    by_modality: dict[str, list[SystemFacts]] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    changes_by_year: dict[int, list[Change]] = field(default_factory=dict)

    def system_facts(self) -> list[SystemFacts]:
        """Facts of every system, in catalog order (by name)."""
        return [self.facts[s.id] for s in self.catalog.systems]


def build_index(catalog: Catalog) -> CatalogIndex:
    """Every derived index of a catalog."""
    index = CatalogIndex(catalog)
    levels = vocabulary("levels").ids
    index.by_level_now = {level: [] for level in levels}
    index.passed_through = {level: [] for level in levels}
    by_org: dict[str, list[SystemFacts]] = defaultdict(list)
    by_guardrail: dict[str, list[SystemFacts]] = defaultdict(list)
    by_year: dict[int, list[SystemFacts]] = defaultdict(list)
    by_modality: dict[str, list[SystemFacts]] = defaultdict(list)
    for system in catalog.systems:
        facts = system_facts(system)
        index.facts[system.id] = facts
        index.by_level_now[facts.level_now.id].append(facts)
        for level in facts.levels_passed:
            index.passed_through[level.id].append(facts)
        for org in system.developers:
            by_org[org.id].append(facts)
        for guardrail_type in {g.type.id for g in system.guardrails}:
            by_guardrail[guardrail_type].append(facts)
        by_year[facts.year].append(facts)
        by_modality[facts.primary_modality.id].append(facts)
        index.changes.extend(Change(p.date, system, p) for p in system.placements)
    index.by_organization = {k: sorted(v, key=_by_date) for k, v in sorted(by_org.items())}
    index.by_guardrail = dict(sorted(by_guardrail.items()))
    index.by_year = dict(sorted(by_year.items()))
    index.by_modality = dict(sorted(by_modality.items()))
    index.changes.sort(key=lambda c: (c.date, c.system.id), reverse=True)
    for change in index.changes:  # newest year first, newest change first within it
        index.changes_by_year.setdefault(change.date.year, []).append(change)
    return index


def _by_date(facts: SystemFacts) -> tuple[PartialDate, str]:
    return (facts.system.first_public, facts.system.id)


# --- the systems table and the compare page --------------------------------------------------------


@dataclass(frozen=True)
class FilterOption:
    """One choice of a table filter: the value kept in the URL, its label, and how many systems have it."""

    value: str
    label: str
    count: int


@dataclass(frozen=True)
class TableFilter:
    """A filter of the systems table. `key` is both the URL query key (`?level=api`) and the row attribute
    (`data-filter-level`)."""

    key: str
    label: str
    options: tuple[FilterOption, ...]


@dataclass(frozen=True)
class TableRow:
    """A row of the systems table: the system's facts and its values for each filter (a system can have
    several, e.g. two developers or two output modalities)."""

    facts: SystemFacts
    filter_values: dict[str, tuple[str, ...]]
    weights_rank: int


@dataclass(frozen=True)
class SystemsTable:
    """The /systems/ table: one row per system and the filters offered above it."""

    rows: tuple[TableRow, ...]
    filters: tuple[TableFilter, ...]


FILTER_LABELS: dict[str, str] = {
    "level": "Level now",
    "modality": "Output modality",
    "organization": "Organization",
    "licence": "Licence family",
    "year": "Year announced",
    "weights": "Weights",
}
"""The table filters, in the order they are shown, keyed by their URL query key."""


def table_filter_values(facts: SystemFacts) -> dict[str, tuple[str, ...]]:
    """A system's value(s) for each table filter."""
    return {
        "level": (facts.level_now.id,),
        "modality": tuple(m.id for m in facts.system.outputs),
        "organization": tuple(o.id for o in facts.system.developers),
        "licence": (facts.licence.family if facts.licence else "unknown",),
        "year": (str(facts.year),),
        "weights": (facts.weights.status.id,),
    }


def _option_labels(facts: list[SystemFacts]) -> dict[str, dict[str, str]]:
    """Every possible option of each filter, in display order, with its label."""
    names = {o.id: o.name for f in facts for o in f.system.developers}
    organizations = sorted(names.items(), key=lambda item: item[1].lower())
    return {
        "level": {t.id: t.label for t in vocabulary("levels").terms},
        "modality": {t.id: t.label for t in vocabulary("modalities").terms},
        "organization": dict(organizations),
        "licence": dict(LICENCE_FAMILIES),
        "year": {str(year): str(year) for year in sorted({f.year for f in facts})},
        "weights": {t.id: t.label for t in vocabulary("component-statuses").terms},
    }


def systems_table(facts: list[SystemFacts]) -> SystemsTable:
    """The rows and filters of the systems table. A filter offers only the values some system has."""
    rows = tuple(
        TableRow(f, table_filter_values(f), vocabulary("component-statuses").index(f.weights.status.id)) for f in facts
    )
    counts: dict[str, dict[str, int]] = {key: defaultdict(int) for key in FILTER_LABELS}
    for row in rows:
        for key, values in row.filter_values.items():
            for value in values:
                counts[key][value] += 1
    filters = []
    for key, options in _option_labels(facts).items():
        found = counts[key]
        present = (FilterOption(value, text, found[value]) for value, text in options.items() if found[value])
        filters.append(TableFilter(key, FILTER_LABELS[key], tuple(present)))
    return SystemsTable(rows, tuple(filters))


@dataclass(frozen=True)
class Comparison:
    """An example comparison linked from the compare page."""

    title: str
    systems: tuple[SystemFacts, ...]

    @property
    def ids(self) -> str:
        """The value of `?systems=`."""
        return ",".join(f.system.id for f in self.systems)


def compare_examples(index: CatalogIndex, limit: int = 4) -> list[Comparison]:
    """Comparisons worth showing a newcomer: in the modalities with most systems, the most closed system
    against the most open one; then the organization with most systems, its earliest against its latest."""
    examples: list[Comparison] = []
    for modality, members in sorted(index.by_modality.items(), key=lambda item: (-len(item[1]), item[0])):
        closed = min(members, key=lambda f: (f.level_now_rank, f.system.first_public, f.system.id))
        opened = max(members, key=lambda f: (f.level_now_rank, f.system.first_public, f.system.id))
        if closed.level_now_rank != opened.level_now_rank:
            label = vocabulary("modalities")[modality].label.lower()
            examples.append(Comparison(f"The most closed and the most open {label} systems", (closed, opened)))
        if len(examples) == limit - 1:
            break
    organizations = sorted(index.by_organization.items(), key=lambda item: (-len(item[1]), item[0]))
    if organizations and len(organizations[0][1]) > 1:
        org_id, members = organizations[0]
        name = index.catalog.organizations[org_id].name
        examples.append(Comparison(f"{name}'s earliest and latest systems", (members[0], members[-1])))
    return examples
