"""A deterministic synthetic catalog for benchmarks: N systems with the shapes real entries have.

Every system has 3–8 placements, every component type, 5–15 guardrails and 5–20 sources; organizations
are shared (about one per ten systems, each system developed by one to three of them); one system in
five is built on an earlier one. The text is drawn from a fixed word list so that the search index and
page sizes look like prose. The same seed always writes the same files, and the catalog passes the
validator (the benchmark checks that before timing anything else).
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import yaml

from generator.core.dates import REVIEW_AFTER_DAYS, build_date
from generator.core.rules import open_channels
from generator.core.vocab import DATA_STATES, lasting_guardrails, vocabulary

try:  # libyaml's emitter: ~10x faster for 10,000 files, same output
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

_PROSE = (
    "model release weights access research public gated license training data evaluation safety policy "
    "developer open closed staged hosted api download community paper card benchmark language image audio "
    "video code multilingual instruction tuned base preview checkpoint parameters tokens context window "
    "filter moderation usage terms researchers academic partners commercial noncommercial restricted "
    "waitlist enterprise cloud platform app mobile web hub mirror torrent leak withdrawn replaced "
    "successor family version larger smaller distilled quantized aligned feedback human preference red "
    "team audit bias fairness misuse risk disclosure transparency documentation datasheet telemetry"
)
_NAMES = (
    "Aster Boreal Cedar Delta Ember Fjord Gale Helix Iris Juniper Kestrel Lumen Mistral Nimbus Onyx "
    "Polaris Quill Raven Sierra Tundra Umber Vega Willow Xenon Yarrow Zephyr"
)
_WORDS = tuple(_PROSE.split())
_NAME_PARTS = tuple(_NAMES.split())
_LICENCES = ("Apache-2.0", "MIT", "CC-BY-4.0", "CC-BY-NC-4.0", "openrail-m", "llama-3-community", "proprietary")
_COUNTRIES = ("US", "FR", "GB", "DE", "CN", "AE", "CA", "JP", "KR", "IL")


def _text(rng: random.Random, low: int, high: int) -> str:
    words = rng.choices(_WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def _date(rng: random.Random, year_low: int = 2018, year_high: int = 2025) -> tuple[int, int, int]:
    return rng.randint(year_low, year_high), rng.randint(1, 12), rng.randint(1, 28)


DUE_FOR_REVIEW_SHARE = 0.05
"""Share of generated entries last reviewed more than REVIEW_AFTER_DAYS before the build, as in a maintained
catalog (the bundled one has none): the rest were reviewed within that window."""


def _reviewed(rng: random.Random) -> str:
    """A last-reviewed day relative to the build date (SOURCE_DATE_EPOCH or today)."""
    due = rng.random() < DUE_FOR_REVIEW_SHARE
    age = rng.randint(REVIEW_AFTER_DAYS + 1, 3 * REVIEW_AFTER_DAYS) if due else rng.randint(0, REVIEW_AFTER_DAYS - 10)
    return (build_date() - dt.timedelta(days=age)).isoformat()


def _iso(day: tuple[int, int, int]) -> str:
    return f"{day[0]:04d}-{day[1]:02d}-{day[2]:02d}"


def organization(index: int, rng: random.Random) -> dict[str, Any]:
    """One organization entry."""
    org_id = f"org-{index:05d}"
    return {
        "id": org_id,
        "name": f"{rng.choice(_NAME_PARTS)} {rng.choice(_NAME_PARTS)} Labs {index}",
        "kind": rng.choice(vocabulary("organization-kinds").ids),
        "country": rng.choice(_COUNTRIES),
        "website": f"https://example.org/{org_id}",
        "summary": _text(rng, 8, 20),
        "sources": [
            {
                "id": "about",
                "title": "About",
                "url": f"https://example.org/{org_id}/about",
                "publisher": "Example",
                "accessed": "2025-11-01",
                "shows": [_text(rng, 6, 16)],
            }
        ],
    }


_SAME_LEVEL_EVENTS = ("channel-added", "gating-opened", "gating-closed", "licence-change", "leak")


def _event(rng: random.Random, before: str, after: str, levels: list[str]) -> str:
    """An event that means what it says for a move from `before` to `after` (see the event-types rules)."""
    if after == before:
        return rng.choice(("stage", *_SAME_LEVEL_EVENTS) if after == "staged" else _SAME_LEVEL_EVENTS)
    if levels.index(after) > levels.index(before):
        return rng.choice(("release", "level-change"))
    return "level-change"


def _placements(rng: random.Random, announced: tuple[int, int, int], source_ids: list[str]) -> list[dict[str, Any]]:
    levels = vocabulary("levels").ids
    channels = [c for c in vocabulary("channels").ids if c != "none"]
    year, month, day = announced
    placements: list[dict[str, Any]] = []
    for i in range(rng.randint(3, 8)):
        if i:  # later events follow within months, never past 2025
            later = month + rng.randint(0, 4)
            if year + (later - 1) // 12 <= 2025:
                year, month = year + (later - 1) // 12, (later - 1) % 12 + 1
        before = placements[-1]["level"] if placements else "fully-closed"
        if i == 0:
            event, level = "announcement", "fully-closed"
        else:
            level = rng.choice(levels)
            event = _event(rng, before, level, levels)
        gating = "public" if level == "fully-open" else rng.choice([*vocabulary("gating").ids, "not-yet-recorded"])
        placements.append(
            {
                "date": _iso((year, month, day)),
                "event": event,
                "level": level,
                "channel": "none" if event == "announcement" else rng.choice(channels),
                "gating": gating,
                "pricing": rng.choice([*vocabulary("pricing").ids, "not-disclosed"]),
                "note": _text(rng, 10, 30),
                "sources": rng.sample(source_ids, rng.randint(1, 3)),
            }
        )
    if rng.random() < 0.15 and len(placements) > 1:  # some systems end with a withdrawal of their last channel
        placements[-1]["event"] = "withdrawal"
    return placements


def _end_what_ended(entry: dict[str, Any]) -> None:
    """Give an end date to guardrails and query access that the placements show withdrawn, as the
    ended-means-ended rule asks of a real entry."""
    placements = entry["placements"]
    opened, withdrawn = open_channels(placements)
    last = placements[-1]["date"]
    closed = placements[-1]["level"] == "fully-closed" and bool(withdrawn)
    for guard in entry["guardrails"]:
        channels = set(guard.get("channels", []))
        gone = bool(channels) and channels <= withdrawn
        if guard["status"] in ("in-place", "announced") and (
            (closed and guard["type"] not in lasting_guardrails()) or gone
        ):
            guard.update(status="removed", since=min(guard["since"], last), until=last)
    hosted = entry["components"]["hosted-model"]
    queried = {"web-app", "mobile-app", "discord-bot", "api", "cloud-platform", "research-program"}
    ever = any(p["channel"] in queried for p in placements)
    if hosted["status"] in ("released", "partial", "gated") and (closed or (ever and not opened & queried)):
        hosted["until"] = last


def _component(rng: random.Random, type_id: str, source_ids: list[str]) -> dict[str, Any]:
    statuses = vocabulary("component-statuses").ids
    status = rng.choice(["released", "partial", "gated"]) if type_id == "weights" else rng.choice(statuses)
    component: dict[str, Any] = {"status": status}
    if status in ("released", "partial", "gated"):
        component["license"] = rng.choice(_LICENCES)
        component["date"] = _iso(_date(rng))
        component["url"] = f"https://example.org/{type_id}/{rng.randrange(10**6)}"
    if rng.random() < 0.6:
        component["note"] = _text(rng, 8, 25)
    if status not in DATA_STATES or status == "not-disclosed":
        component["sources"] = rng.sample(source_ids, rng.randint(1, 2))
    return component


def _guardrail(rng: random.Random, type_id: str, source_ids: list[str]) -> dict[str, Any]:
    status = rng.choice(vocabulary("guardrail-statuses").ids)
    guard: dict[str, Any] = {"type": type_id, "status": status}
    if rng.random() < 0.4:
        guard["channels"] = rng.sample(vocabulary("channels").ids[1:], rng.randint(1, 2))
    since = _date(rng, 2018, 2022)
    guard["since"] = _iso(since)
    if status == "removed":
        guard["until"] = _iso(_date(rng, 2023, 2025))
    guard["description"] = _text(rng, 8, 25)
    guard["sources"] = rng.sample(source_ids, rng.randint(1, 2))
    return guard


def system(index: int, rng: random.Random, org_ids: list[str], earlier: list[str]) -> dict[str, Any]:
    """One system entry; `earlier` are ids of systems it may be built on."""
    system_id = f"sys-{index:05d}"
    source_ids = [f"src-{k}" for k in range(rng.randint(5, 20))]
    announced = _date(rng, 2018, 2024)

    def refs() -> list[str]:
        return rng.sample(source_ids, rng.randint(1, 2))

    entry: dict[str, Any] = {
        "id": system_id,
        "name": f"{rng.choice(_NAME_PARTS)} {rng.choice(_NAME_PARTS)} {index}",
        "developers": rng.sample(org_ids, rng.randint(1, min(3, len(org_ids)))),
        "announced": _iso(announced),
        "modalities": {
            "input": rng.sample(vocabulary("modalities").ids, rng.randint(1, 2)),
            "output": rng.sample(vocabulary("modalities").ids, rng.randint(1, 2)),
        },
        "parameters": {"count": rng.randint(10**8, 10**12), "sources": refs()},
        "languages": rng.sample(["en", "fr", "de", "zh-Hans", "ja", "es", "ar"], rng.randint(1, 4)),
        "summary": _text(rng, 20, 45),
        "family": f"family-{index % 97}",
    }
    if earlier and rng.random() < 0.2:
        entry["base_models"] = [rng.choice(earlier)]
    entry["placements"] = _placements(rng, announced, source_ids)
    entry["components"] = {t: _component(rng, t, source_ids) for t in vocabulary("components").ids}
    entry["access"] = {
        var: rng.choice(DATA_STATES) if rng.random() < 0.3 else {"value": _text(rng, 3, 10), "sources": refs()}
        for var in rng.sample(vocabulary("access-variables").ids, rng.randint(4, 10))
    }
    entry["guardrails"] = [
        _guardrail(rng, t, source_ids) for t in rng.sample(vocabulary("guardrails").ids, rng.randint(5, 15))
    ]
    _end_what_ended(entry)
    entry["considerations"] = [
        {"consideration": c, "note": _text(rng, 10, 30), "sources": refs()}
        for c in rng.sample(vocabulary("considerations").ids, rng.randint(1, 4))
    ]
    entry["card"] = {
        "developer_cards": [{"title": f"{entry['name']} model card", "url": f"https://example.org/{system_id}/card"}],
        "sections": {
            s: {"text": _text(rng, 10, 30), "sources": refs()}
            for s in rng.sample(vocabulary("card-sections").ids, rng.randint(2, 6))
        },
    }
    entry["sources"] = [
        {
            "id": sid,
            "title": _text(rng, 4, 10).rstrip("."),
            "url": f"https://example.org/{system_id}/{sid}",
            "publisher": rng.choice(_NAME_PARTS) + " News",
            "published": _iso(_date(rng, 2018, 2024)),
            "accessed": "2025-11-01",
            "tier": "primary",
            "shows": [_text(rng, 8, 30)],
        }
        for sid in source_ids
    ]
    entry["review"] = {"last_reviewed": _reviewed(rng), "status": rng.choice(vocabulary("review-statuses").ids)}
    return entry


def write_catalog(directory: Path, systems: int, seed: int = 1) -> Path:
    """Write a catalog of `systems` systems (and about systems/10 organizations) into `directory`."""
    rng = random.Random(seed)
    org_dir, sys_dir = directory / "organizations", directory / "systems"
    org_dir.mkdir(parents=True, exist_ok=True)
    sys_dir.mkdir(parents=True, exist_ok=True)
    orgs = [organization(i, rng) for i in range(max(3, systems // 10))]
    for org in orgs:
        _dump(org, org_dir / f"{org['id']}.yaml")
    org_ids = [o["id"] for o in orgs]
    written: list[str] = []
    for i in range(systems):
        entry = system(i, rng, org_ids, written[-200:])
        _dump(entry, sys_dir / f"{entry['id']}.yaml")
        written.append(entry["id"])
    return directory


def _dump(entry: dict[str, Any], path: Path) -> None:
    path.write_text(yaml.dump(entry, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
