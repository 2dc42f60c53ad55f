"""Cross-file rules: what JSON Schema cannot check. Each rule states its reason in its docstring;
the contributor guide lists them from here.

Rules run on entries that already passed the schema, so they can rely on types and shapes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from license_expression import ExpressionError, LicenseSymbol, Licensing, get_spdx_licensing

from generator.core import urls
from generator.core.dates import REVIEW_AFTER_DAYS, PartialDate, build_date
from generator.core.diagnostics import Diagnostic
from generator.core.load import Document, JsonPath
from generator.core.schema_errors import path_text
from generator.core.vocab import DATA_STATES, Term, lasting_guardrails, opening_events, vocabulary


@dataclass
class Corpus:
    """The schema-valid documents of a catalog, by kind and id, plus every id seen in any file (so that an
    entry with a schema error does not also cause "not in the catalog" errors in the entries citing it)."""

    systems: dict[str, Document]
    organizations: dict[str, Document]
    system_ids: set[str] = field(default_factory=set)
    organization_ids: set[str] = field(default_factory=set)
    focus: frozenset[str] | None = None
    """Files (as `Document.file`) whose own checks run; None checks every entry. Lookups across files
    always see the whole corpus: `mkdocs serve` checks an edited file against the rest this way."""


Rule = Callable[[Corpus], Iterator[Diagnostic]]


@dataclass(frozen=True)
class RuleInfo:
    """A rule's id, its reason (the docstring's first paragraph) and its check."""

    id: str
    reason: str
    check: Rule
    per_file: bool = False
    """True when what the rule says of a file depends on that file alone (besides the code, schemas,
    vocabularies and the build date), never on other files: its findings can be kept with the file's cached
    checks for the day (generator/core/check_cache.py)."""


RULES: list[RuleInfo] = []


def rule(rule_id: str, *, per_file: bool = False) -> Callable[[Rule], Rule]:
    """Register a rule under an id; its docstring is the reason shown to contributors."""

    def register(check: Rule) -> Rule:
        reason = " ".join((check.__doc__ or "").split("\n\n")[0].split())
        RULES.append(RuleInfo(rule_id, reason, check, per_file))
        return check

    return register


def _diag(doc: Document, path: JsonPath, message: str, hint: str, rule_id: str, *, key: bool = False) -> Diagnostic:
    pos = doc.position(path, key=key)
    return Diagnostic(doc.file, pos.line, pos.column, path_text(path), message, hint, rule_id)


def _systems(corpus: Corpus) -> Iterator[Document]:
    """The system entries whose own checks run (see `Corpus.focus`)."""
    focus = corpus.focus
    return iter(corpus.systems.values()) if focus is None else (d for d in corpus.systems.values() if d.file in focus)


def _all_docs(corpus: Corpus) -> Iterator[tuple[str, Document]]:
    focus = corpus.focus
    yield from (("systems", d) for d in _systems(corpus))
    yield from (("organizations", d) for d in corpus.organizations.values() if focus is None or d.file in focus)


def _walk(value: Any, path: JsonPath = ()) -> list[tuple[JsonPath, Any]]:
    """Every (path, value) of a document, parents before children, in file order.

    A loop with a stack rather than recursive generators: the rules walk every value of every file,
    and at 10,000 files the generator chain was a third of validation time."""
    found: list[tuple[JsonPath, Any]] = []
    stack: list[tuple[JsonPath, Any]] = [(path, value)]
    while stack:
        here, item = stack.pop()
        found.append((here, item))
        if isinstance(item, dict):
            stack += [((*here, key), child) for key, child in reversed(item.items())]
        elif isinstance(item, list):
            stack += [((*here, index), item[index]) for index in range(len(item) - 1, -1, -1)]
    return found


_TEXT_CACHE: dict[int, tuple[Any, list[tuple[JsonPath, str]]]] = {}


def _texts(doc: Document) -> list[tuple[JsonPath, str]]:
    """Every string of a document with its path: walked once per `check_rules` run and shared by the
    rules that read text (sources, dates, invisible characters). The cache holds the data it was made
    from, so an id can never be reused for other data while the entry lives."""
    cached = _TEXT_CACHE.get(id(doc.data))
    if cached is not None and cached[0] is doc.data:
        return cached[1]
    texts = [(path, value) for path, value in _walk(doc.data) if isinstance(value, str)]
    _TEXT_CACHE[id(doc.data)] = (doc.data, texts)
    return texts


@rule("id-matches-file", per_file=True)
def id_matches_file(corpus: Corpus) -> Iterator[Diagnostic]:
    """An entry's id must equal its file name, so that the URL, the file and the id can never disagree."""
    for _, doc in _all_docs(corpus):
        stem = doc.file.rsplit("/", 1)[-1].removesuffix(".yaml")
        if doc.data["id"] != stem:
            yield _diag(
                doc,
                ("id",),
                f"id {doc.data['id']!r} does not match the file name {stem!r}",
                f"write `id: {stem}` or rename the file to {doc.data['id']}.yaml",
                "id-matches-file",
            )


SITE_PAGES_UNDER_SYSTEMS = frozenset({urls.GRID.split("/")[1]})
"""Pages the site itself publishes under /systems/ (the grid): no system may take their names."""

_RESERVED_IDS = (
    frozenset(
        {"con", "prn", "aux", "nul", "index"} | {f"{device}{n}" for device in ("com", "lpt") for n in range(1, 10)}
    )
    | SITE_PAGES_UNDER_SYSTEMS
)


@rule("reserved-ids", per_file=True)
def reserved_ids(corpus: Corpus) -> Iterator[Diagnostic]:
    """An id cannot be a name that file systems or the site reserve: Windows cannot check out a file named
    con.yaml or nul.yaml, and `index` is how MkDocs names a folder's own page."""
    for _, doc in _all_docs(corpus):
        if doc.data["id"] in _RESERVED_IDS:
            yield _diag(
                doc,
                ("id",),
                f"{doc.data['id']!r} is a reserved name and cannot be an id",
                f"add a word, e.g. `id: {doc.data['id']}-model`, and rename the file to match",
                "reserved-ids",
            )


@rule("known-organizations")
def known_organizations(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every developer must be an organization in the catalog, so its page and kind can be shown."""
    for doc in _systems(corpus):
        for i, org in enumerate(doc.data["developers"]):
            if org not in corpus.organizations and org not in corpus.organization_ids:
                yield _diag(
                    doc,
                    ("developers", i),
                    f"organization {org!r} is not in the catalog",
                    f"add catalog/organizations/{org}.yaml (`gradient new organization {org}`) or fix the id",
                    "known-organizations",
                )


@rule("known-systems")
def known_systems(corpus: Corpus) -> Iterator[Diagnostic]:
    """Base models must be systems in the catalog, so that lineage links resolve."""
    for doc in _systems(corpus):
        for i, base in enumerate(doc.data.get("base_models", [])):
            if base not in corpus.systems and base not in corpus.system_ids:
                yield _diag(
                    doc,
                    ("base_models", i),
                    f"system {base!r} is not in the catalog",
                    "add that system first, or remove it from base_models",
                    "known-systems",
                )


@rule("renames-unique")
def renames_unique(corpus: Corpus) -> Iterator[Diagnostic]:
    """A former id keeps redirecting to its new page, so it must not be reused by another entry."""
    claimed: dict[str, str] = {}
    for sid, doc in corpus.systems.items():
        for i, old in enumerate(doc.data.get("renamed_from", [])):
            if old in corpus.systems or old in claimed:
                other = claimed.get(old, old)
                yield _diag(
                    doc,
                    ("renamed_from", i),
                    f"former id {old!r} is also used by {other!r}",
                    "ids are never reused; pick the entry that really had this id",
                    "renames-unique",
                )
            claimed[old] = sid


@rule("sources-resolve", per_file=True)
def sources_resolve(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every cited source id must be in the file's own `sources` list, so each claim leads to a document."""
    for _, doc in _all_docs(corpus):
        known = {s["id"] for s in doc.data.get("sources", [])}
        for path, value in _texts(doc):
            is_citation = (
                len(path) >= 2 and path[-2] == "sources" and isinstance(path[-1], int) and path[0] != "sources"
            )
            if is_citation and isinstance(value, str) and value not in known:
                yield _diag(
                    doc,
                    path,
                    f"source {value!r} is not in this file's sources",
                    f"add it under `sources:` or use one of: {', '.join(sorted(known)) or '(none yet)'}",
                    "sources-resolve",
                )


@rule("sources-unique", per_file=True)
def sources_unique(corpus: Corpus) -> Iterator[Diagnostic]:
    """Source ids and URLs are unique within a file, so a footnote number means one document."""
    for _, doc in _all_docs(corpus):
        seen_ids: set[str] = set()
        seen_urls: dict[str, str] = {}
        for i, source in enumerate(doc.data.get("sources", [])):
            if source["id"] in seen_ids:
                yield _diag(
                    doc,
                    ("sources", i, "id"),
                    f"source id {source['id']!r} is used twice",
                    "give each source its own id",
                    "sources-unique",
                )
            seen_ids.add(source["id"])
            url = source["url"].rstrip("/")
            if url in seen_urls:
                yield _diag(
                    doc,
                    ("sources", i, "url"),
                    f"URL already cited as source {seen_urls[url]!r}",
                    f"cite {seen_urls[url]!r} instead of adding the document twice",
                    "sources-unique",
                )
            seen_urls.setdefault(url, source["id"])


_DATE_FIELDS = {"announced", "date", "published", "accessed", "since", "until", "last_reviewed"}


@rule("real-dates", per_file=True)
def real_dates(corpus: Corpus) -> Iterator[Diagnostic]:
    """Dates must exist on the calendar and not lie after the build date: a claim cannot cite the future."""
    today = build_date()
    for _, doc in _all_docs(corpus):
        for path, value in _texts(doc):
            if path and path[-1] in _DATE_FIELDS and isinstance(value, str) and value not in DATA_STATES:
                try:
                    date = PartialDate.parse(value)
                except ValueError:
                    yield _diag(doc, path, f"{value!r} is not a real date", "check the day and month", "real-dates")
                    continue
                if date.as_date() > today:
                    yield _diag(
                        doc,
                        path,
                        f"{value!r} is in the future (build date {today.isoformat()})",
                        "record events once they have happened",
                        "real-dates",
                    )


def _date(value: str) -> PartialDate | None:
    try:
        return PartialDate.parse(value)
    except ValueError:
        return None


@rule("placements-in-order", per_file=True)
def placements_in_order(corpus: Corpus) -> Iterator[Diagnostic]:
    """Placements are listed oldest first, because "now" is read off the last event; only a quiet
    deployment (a release, leak or level change) may precede the announcement, never an announcement."""
    for doc in _systems(corpus):
        placements = doc.data["placements"]
        announced = _date(doc.data["announced"])
        for i, placement in enumerate(placements):
            when = _date(placement["date"])
            if announced and when and when.is_before(announced) and placement["event"] == "announcement":
                yield _diag(
                    doc,
                    ("placements", i, "date"),
                    f"an announcement dated {when} is before `announced` ({announced})",
                    "set `announced` to the date of the announcement, or fix the placement's date",
                    "placements-in-order",
                )
        for i in range(1, len(placements)):
            earlier, later = _date(placements[i - 1]["date"]), _date(placements[i]["date"])
            if earlier and later and later.is_before(earlier):
                yield _diag(
                    doc,
                    ("placements", i, "date"),
                    f"placement dated {later} comes after one dated {earlier}",
                    "list placements oldest first",
                    "placements-in-order",
                )


@rule("withdrawal-last", per_file=True)
def withdrawal_last(corpus: Corpus) -> Iterator[Diagnostic]:
    """A withdrawal ends a channel's story: the same channel cannot be withdrawn again unless an event in
    between reopened it. (Different channels may close one after another, e.g. a demo, then an API.)"""
    for doc in _systems(corpus):
        placements = doc.data["placements"]
        closed: set[str] = set()
        for i, placement in enumerate(placements):
            channel = placement.get("channel")
            if placement["event"] != "withdrawal":
                closed.discard(channel)
                continue
            if channel in closed:
                yield _diag(
                    doc,
                    ("placements", i, "channel"),
                    f"channel '{channel}' is withdrawn twice with nothing reopening it in between",
                    "merge the two withdrawals into one event, or record the event that reopened access",
                    "withdrawal-last",
                )
            closed.add(channel)
        if placements[0]["event"] == "withdrawal":
            yield _diag(
                doc,
                ("placements", 0, "event"),
                "the first placement cannot be a withdrawal",
                "start with the announcement or release",
                "withdrawal-last",
            )


@rule("openings-never-lower-the-level", per_file=True)
def openings_never_lower_the_level(corpus: Corpus) -> Iterator[Diagnostic]:
    """`level` is the system's level after the event, not the level of the channel: a release, leak or gating
    opening adds access, so it cannot leave the system less open than before (an API launched beside
    downloadable weights leaves the system downloadable)."""
    order = vocabulary("levels").ids
    openings = opening_events()
    for doc in _systems(corpus):
        placements = doc.data["placements"]
        for i in range(1, len(placements)):
            before, after = placements[i - 1]["level"], placements[i]["level"]
            if placements[i]["event"] in openings and order.index(after) < order.index(before):
                yield _diag(
                    doc,
                    ("placements", i, "level"),
                    f"a {placements[i]['event']} cannot lower the system's level from {before} to {after}",
                    f"write `level: {before}` (the level after the event, for the whole system), or use "
                    "`event: level-change` / `withdrawal` if access was really taken away",
                    "openings-never-lower-the-level",
                )


_WEIGHT_LEVELS = {"downloadable", "fully-open"}
_WEIGHTS_OUT = {"released", "partial", "gated"}


@rule("level-matches-weights", per_file=True)
def level_matches_weights(corpus: Corpus) -> Iterator[Diagnostic]:
    """A system placed at downloadable or fully open must have its weights recorded as released, partial or
    gated: the two levels are defined by weights leaving the developer."""
    for doc in _systems(corpus):
        weights = doc.data["components"].get("weights", {}).get("status", "not-yet-recorded")
        for i, placement in enumerate(doc.data["placements"]):
            if placement["level"] in _WEIGHT_LEVELS and weights not in _WEIGHTS_OUT:
                yield _diag(
                    doc,
                    ("placements", i, "level"),
                    f"level {placement['level']!r} needs weights, but components.weights.status is {weights!r}",
                    "record the weights under components (released, partial or gated) or choose a lower level",
                    "level-matches-weights",
                )
                break


@rule("fully-open-is-public", per_file=True)
def fully_open_is_public(corpus: Corpus) -> Iterator[Diagnostic]:
    """A fully open system cannot be gated: fully open means every component is available to anyone."""
    for doc in _systems(corpus):
        for i, placement in enumerate(doc.data["placements"]):
            if placement["level"] == "fully-open" and placement["gating"] == "gated":
                yield _diag(
                    doc,
                    ("placements", i, "gating"),
                    "a fully open placement cannot be gated",
                    "use level downloadable for gated weights",
                    "fully-open-is-public",
                )


@cache
def _licensing() -> Licensing:
    """SPDX licences plus our named AI licences, so expressions like `Apache-2.0 AND qwen-license` parse."""
    spdx = get_spdx_licensing()
    named = [LicenseSymbol(term_id) for term_id in vocabulary("licences").ids]
    return Licensing([*spdx.known_symbols.values(), *named])


@cache
def licence_problem(expression: str) -> str | None:
    """None when `expression` is a named AI licence, a data state or a valid SPDX expression; else why not."""
    if expression in vocabulary("licences") or expression in DATA_STATES:
        return None
    try:
        info = _licensing().validate(expression, strict=True)
    except ExpressionError as exc:
        return str(exc)
    if info.errors:
        return "; ".join(info.errors)
    return None


@rule("known-licences", per_file=True)
def known_licences(corpus: Corpus) -> Iterator[Diagnostic]:
    """Licences are SPDX expressions or named AI licences, so that they link to their text and group into
    families on the site."""
    named = ", ".join(vocabulary("licences").ids)
    for doc in _systems(corpus):
        for key, component in doc.data["components"].items():
            expression = component.get("license")
            if expression is not None and (problem := licence_problem(expression)):
                yield _diag(
                    doc,
                    ("components", key, "license"),
                    f"{expression!r} is not a known licence ({problem})",
                    f"use an SPDX expression such as Apache-2.0 or MIT, or a named licence: {named}",
                    "known-licences",
                )


@rule("guardrail-dates", per_file=True)
def guardrail_dates(corpus: Corpus) -> Iterator[Diagnostic]:
    """A guardrail cannot end before it starts, and only a removed guardrail has an end."""
    for doc in _systems(corpus):
        for i, guard in enumerate(doc.data.get("guardrails", [])):
            since, until = _date(guard.get("since", "")), _date(guard.get("until", ""))
            if since and until and until.is_before(since):
                yield _diag(
                    doc,
                    ("guardrails", i, "until"),
                    f"ends ({until}) before it starts ({since})",
                    "swap or fix the dates",
                    "guardrail-dates",
                )
            if "until" in guard and guard["status"] != "removed":
                yield _diag(
                    doc,
                    ("guardrails", i, "until"),
                    f"has an end date but status is {guard['status']!r}",
                    "set `status: removed`, or drop `until`",
                    "guardrail-dates",
                )


_INVISIBLE = re.compile(
    "[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u0000-\u0008\u000b\u000c\u000e-\u001f"
    "\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\uffa0\ufff9-\ufffb"
    "\ufdd0-\ufdef\ufffe\uffff\U000e0000-\U000e007f]"
)
"""Characters that hide or change what text shows: zero-width and bidirectional marks, C0 and C1 controls,
the soft hyphen, fillers that render as nothing, interlinear annotations, tag characters and noncharacters."""

_SINGLE_LINE_KEYS = {"name", "title", "publisher", "label", "aliases", "country"}
_LINE_BREAKS = re.compile("[\t\r\n\u0085\u2028\u2029]")


def _single_line(path: JsonPath) -> bool:
    """Names, titles and publishers are one line: they go into CSV cells, BibTeX fields and page titles."""
    keys = [part for part in path if isinstance(part, str)]
    return bool(keys) and keys[-1] in _SINGLE_LINE_KEYS


@rule("visible-text", per_file=True)
def visible_text(corpus: Corpus) -> Iterator[Diagnostic]:
    """Text must not hide characters (bidirectional overrides, zero-width or control characters): they make
    a name or URL read differently from what it is."""
    for _, doc in _all_docs(corpus):
        for path, value in _texts(doc):
            if not isinstance(value, str):
                continue
            if match := _INVISIBLE.search(value):
                yield _diag(
                    doc,
                    path,
                    f"contains the invisible character U+{ord(match.group()):04X}",
                    "retype the text without it",
                    "visible-text",
                )
            elif (match := _LINE_BREAKS.search(value)) and _single_line(path):
                yield _diag(
                    doc,
                    path,
                    f"contains a line break or tab (U+{ord(match.group()):04X}) in a one-line field",
                    "write it on one line, with plain spaces",
                    "visible-text",
                )


_FORMULA_START = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")


@rule("spreadsheet-safe-names", per_file=True)
def spreadsheet_safe_names(corpus: Corpus) -> Iterator[Diagnostic]:
    """A name cannot begin with =, +, - or @ (or their full-width forms, after any white space): names go
    into systems.csv, and a spreadsheet would run such a cell as a formula on the reader's machine."""
    for _, doc in _all_docs(corpus):
        names = [(("name",), doc.data["name"])] + [
            (("aliases", i), a) for i, a in enumerate(doc.data.get("aliases", []))
        ]
        for path, name in names:
            visible = name.lstrip(" \t\r\n\u3000")
            if visible.startswith(_FORMULA_START):
                yield _diag(
                    doc,
                    path,
                    f"{name[:40]!r} begins with {visible[0]!r}, which spreadsheets read as a formula",
                    "start the name with its first letter or digit",
                    "spreadsheet-safe-names",
                )


ORGANIZATION_PLACEHOLDERS = {
    "website": "replace-with-the-real",
    "summary": "One neutral sentence about",
}
"""Text `gradient new organization` writes for the contributor to replace (see generator/tools/scaffold.py)."""


@rule("organizations-filled-in", per_file=True)
def organizations_filled_in(corpus: Corpus) -> Iterator[Diagnostic]:
    """An organization entry says who the developer is, with a source: a scaffold's placeholder website or
    summary, or an empty source list, would publish a page that says nothing true."""
    focus = corpus.focus
    for doc in corpus.organizations.values():
        if focus is not None and doc.file not in focus:
            continue
        for key, marker in ORGANIZATION_PLACEHOLDERS.items():
            if marker in str(doc.data.get(key, "")):
                yield _diag(
                    doc, (key,), f"{key} is still the placeholder of `gradient new organization`",
                    f"write the organization's real {key}, from a source you list under `sources`",
                    "organizations-filled-in",
                )  # fmt: skip
        if not doc.data.get("sources"):
            yield _diag(
                doc, ("sources",), "no source says who this organization is",
                "add its own about page or a press profile under `sources`, with `shows`",
                "organizations-filled-in",
            )  # fmt: skip


# Truth rules: the present tense, the meaning of events, and the evidence behind each claim.


def open_channels(placements: list[dict[str, Any]]) -> tuple[set[str], set[str]]:
    """(channels open after the last placement, channels that were opened and later withdrawn).

    A channel opens with any event on it other than a withdrawal, an announcement or a leak (a leak is
    not the developer's channel), and closes with a withdrawal."""
    opened: set[str] = set()
    closed: set[str] = set()
    for placement in placements:
        channel, event = placement["channel"], placement["event"]
        if channel == "none" or event in ("announcement", "leak"):
            continue
        if event == "withdrawal":
            opened.discard(channel)
            closed.add(channel)
        else:
            opened.add(channel)
            closed.discard(channel)
    return opened, closed


_LIVE_GUARDRAIL = {"in-place", "announced"}
_LIVE_COMPONENT = {"released", "partial", "gated"}
_QUERY_CHANNELS = {"web-app", "mobile-app", "discord-bot", "api", "cloud-platform", "research-program"}


def _withdrawal_date(placements: list[dict[str, Any]], channels: set[str] | None = None) -> str:
    dates = [
        p["date"] for p in placements if p["event"] == "withdrawal" and (channels is None or p["channel"] in channels)
    ]
    return dates[-1] if dates else "YYYY-MM-DD"


@rule("ended-means-ended", per_file=True)
def ended_means_ended(corpus: Corpus) -> Iterator[Diagnostic]:
    """Nothing is live on a channel the placements show withdrawn, or on a system that is fully closed now:
    a guardrail "in place" on a shut API, or query access "released" after the last app closed, tells
    readers something false about today. Such a record carries the day it ended (`until`)."""
    for doc in _systems(corpus):
        placements = doc.data["placements"]
        opened, withdrawn = open_channels(placements)
        # A never-released system's documentation or risk policy is not stale; one whose channels all closed is.
        closed_now = placements[-1]["level"] == "fully-closed" and bool(withdrawn)
        for i, guard in enumerate(doc.data.get("guardrails", [])):
            if guard["status"] not in _LIVE_GUARDRAIL or "until" in guard:
                continue
            channels = set(guard.get("channels", []))
            gone = bool(channels) and channels <= withdrawn
            if (closed_now and guard["type"] not in lasting_guardrails()) or gone:
                where = "the system is fully closed now" if closed_now else f"{', '.join(sorted(channels))} withdrawn"
                yield _diag(
                    doc,
                    ("guardrails", i, "status"),
                    f"guardrail is {guard['status']} but {where}",
                    f'write `status: removed` and `until: "{_withdrawal_date(placements, channels or None)}"` '
                    "(the day the channel closed), or record the channel that still carries it",
                    "ended-means-ended",
                )
        hosted = doc.data["components"].get("hosted-model", {})
        ever_queried = any(p["channel"] in _QUERY_CHANNELS for p in placements)
        no_query_now = ever_queried and not (opened & _QUERY_CHANNELS)
        if hosted.get("status") in _LIVE_COMPONENT and "until" not in hosted and (closed_now or no_query_now):
            yield _diag(
                doc,
                ("components", "hosted-model", "status"),
                f"query access is {hosted['status']} but every app and API channel is withdrawn",
                f'add `until: "{_withdrawal_date(placements, _QUERY_CHANNELS)}"` (the day the last one closed)',
                "ended-means-ended",
            )


@rule("events-mean-what-they-say", per_file=True)
def events_mean_what_they_say(corpus: Corpus) -> Iterator[Diagnostic]:
    """Each event says one thing. An announcement gives no outside access, so it leaves the level where it
    was (fully closed when it comes first); a level change changes the level; and a leak is not the
    developer's release decision, which is what the gradient places, so it leaves the level where it was."""
    for doc in _systems(corpus):
        previous = "fully-closed"
        for i, placement in enumerate(doc.data["placements"]):
            event, level = placement["event"], placement["level"]
            if event == "announcement" and level != previous:
                yield _diag(
                    doc,
                    ("placements", i, "event"),
                    f"an announcement cannot move the level from {previous} to {level}: it gives no outside access",
                    "write `event: release` if access started that day, or keep the announcement at "
                    f"`level: {previous}` and record the release as its own event",
                    "events-mean-what-they-say",
                )
            elif event == "level-change" and level == previous:
                yield _diag(
                    doc,
                    ("placements", i, "event"),
                    f"a level change that keeps the level ({level})",
                    "use the event that names what happened: channel-added for a new channel at the same level, "
                    "gating-opened, gating-closed, licence-change or withdrawal",
                    "events-mean-what-they-say",
                )
            elif event == "leak" and level != previous:
                yield _diag(
                    doc,
                    ("placements", i, "level"),
                    f"a leak cannot move the level from {previous} to {level}",
                    f"write `level: {previous}`: the gradient places the developer's decision; the leak is shown "
                    "as its own event",
                    "events-mean-what-they-say",
                )
            previous = level


def _cited_by_claims(data: dict[str, Any]) -> dict[str, JsonPath]:
    """Source ids cited by a placement (level, gating) or a component (status, licence), with the first
    place that cites each."""
    cited: dict[str, JsonPath] = {}
    for i, placement in enumerate(data["placements"]):
        for source_id in placement["sources"]:
            cited.setdefault(source_id, ("placements", i, "sources"))
    for key, component in data["components"].items():
        for source_id in component.get("sources", []):
            cited.setdefault(source_id, ("components", key, "sources"))
    return cited


EVIDENCE_RULE_SINCE = PartialDate.parse("2026-12-05")
"""Sources read from this day on must record their passages; those read earlier are flagged until re-read."""


@rule("evidence-shown", per_file=True)
def evidence_shown(corpus: Corpus) -> Iterator[Diagnostic]:
    """A source that supports a level, gating, a licence or a component status records the passage read
    in it (`shows`), so that a reader or reviewer can check the claim without trusting us; and a source
    that can no longer be read is never a placement's only support."""
    for doc in _systems(corpus):
        sources = {s["id"]: (i, s) for i, s in enumerate(doc.data["sources"])}
        for source_id, cited_at in _cited_by_claims(doc.data).items():
            found = sources.get(source_id)
            if found and "shows" not in found[1]:
                diagnostic = _diag(
                    doc,
                    ("sources", found[0], "id"),
                    f"source {source_id!r} supports {path_text(cited_at)} but records no passage",
                    'add `shows: ["<a passage of at most 300 characters, copied word for word>"]`, '
                    "or cite a source you have read",
                    "evidence-shown",
                )
                read = _date(found[1]["accessed"])
                if read and read.is_before(EVIDENCE_RULE_SINCE):
                    # Read before passages were recorded: flagged for re-reading, not refused.
                    diagnostic = replace(diagnostic, severity="warning")
                yield diagnostic
        for i, placement in enumerate(doc.data["placements"]):
            cited = [sources[s][1] for s in placement["sources"] if s in sources]
            if cited and all("unavailable" in s for s in cited):
                yield _diag(
                    doc,
                    ("placements", i, "sources"),
                    "every source of this placement is marked unavailable",
                    "add a source that can still be read (an archived copy, press from the time)",
                    "evidence-shown",
                )


@cache
def _unaccepted_hosts() -> dict[str, Term]:
    return {term.id: term for term in vocabulary("source-hosts").terms}


def _unaccepted_host(url: str) -> Term | None:
    """The `source-hosts` term whose host (or a subdomain of it) serves `url`, if any."""
    labels = (urlsplit(url).hostname or "").lower().split(".")
    hosts = _unaccepted_hosts()
    return next((hosts[h] for i in range(len(labels)) if (h := ".".join(labels[i:])) in hosts), None)


@rule("source-host-accepted", per_file=True)
def source_host_accepted(corpus: Corpus) -> Iterator[Diagnostic]:
    """A claim rests on the developer's own document or reputable press at its original address: wikis,
    aggregators, web archives and proxies hold summaries or copies (schema/vocabularies/source-hosts.yaml
    lists them with the reason for each). An archived copy belongs in `archived`, beside the original."""
    for _, doc in _all_docs(corpus):
        for i, source in enumerate(doc.data.get("sources", [])):
            term = _unaccepted_host(source["url"])
            if term is not None:
                yield _diag(
                    doc,
                    ("sources", i, "url"),
                    f"source {source['id']!r} is on {term.label} ({term.id}), which is not a source",
                    term.definition[0].lower() + term.definition[1:],
                    "source-host-accepted",
                )


@rule("organization-evidence-shown", per_file=True)
def organization_evidence_shown(corpus: Corpus) -> Iterator[Diagnostic]:
    """An organization's kind, country and summary rest on its sources, so each of them records the
    passage read in it, as a system's sources do."""
    focus = corpus.focus
    for doc in corpus.organizations.values():
        if focus is not None and doc.file not in focus:
            continue
        for i, source in enumerate(doc.data.get("sources", [])):
            if "shows" in source:
                continue
            diagnostic = _diag(
                doc,
                ("sources", i, "id"),
                f"source {source['id']!r} records no passage",
                'add `shows: ["<a passage of at most 300 characters, copied word for word>"]`, '
                "or cite a source you have read",
                "organization-evidence-shown",
            )
            read = _date(source["accessed"])
            if read and read.is_before(EVIDENCE_RULE_SINCE):
                diagnostic = replace(diagnostic, severity="warning")
            yield diagnostic


@rule("review-due", per_file=True)
def review_due(corpus: Corpus) -> Iterator[Diagnostic]:
    """An entry not re-read for more than 180 days (counted to the data's date) may describe a present
    that has changed: withdrawn APIs, new licences. It is flagged, not refused."""
    today = build_date()
    for doc in _systems(corpus):
        reviewed = _date(doc.data["review"]["last_reviewed"])
        if reviewed and (age := (today - reviewed.as_date()).days) > REVIEW_AFTER_DAYS:
            yield replace(
                _diag(
                    doc,
                    ("review", "last_reviewed"),
                    f"last reviewed {age} days ago",
                    "re-read the entry's sources, check its present tense, then update `last_reviewed`",
                    "review-due",
                ),
                severity="warning",
            )


PER_FILE_RULES = frozenset(info.id for info in RULES if info.per_file)


def check_rules(
    corpus: Corpus, *, schema_invalid: bool = False, per_file_only_in: frozenset[str] | None = None
) -> list[Diagnostic]:
    """Run every registered rule. With `schema_invalid`, the focused entries may break the schema: a rule
    that cannot read their shape is skipped (its turn comes once the schema errors are fixed). With
    `per_file_only_in`, the per-file rules speak only of those files (the others' findings are known)."""
    found: list[Diagnostic] = []
    scoped = corpus if per_file_only_in is None else replace(corpus, focus=per_file_only_in)
    try:
        for info in RULES:
            try:
                if info.per_file and per_file_only_in is not None:
                    found += (d for d in info.check(scoped) if d.file in per_file_only_in)
                else:
                    found += info.check(corpus)
            except (AttributeError, KeyError, TypeError, ValueError, IndexError):
                if not schema_invalid:
                    raise
        return found
    finally:
        _TEXT_CACHE.clear()
