"""Validation: JSON Schema errors and cross-file rules, each with a failing and a passing example,
reported as `file:line:column: path: message; hint`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EditFn

from generator.core.rules import RULES
from generator.core.validate import validate_catalog


def messages(catalog: Path) -> list[str]:
    return [str(d) for d in validate_catalog(catalog).diagnostics]


def test_fixture_catalog_is_valid(catalog: Path) -> None:
    result = validate_catalog(catalog)
    assert result.ok, result.diagnostics
    assert set(result.documents["systems"]) == {"aurora", "borealis", "cirrus"}


def test_unknown_level_names_file_line_column_and_the_allowed_levels(catalog: Path, edit: EditFn) -> None:
    edit("systems/aurora.yaml", "level: downloadable", "level: open")
    [message] = messages(catalog)
    assert message.endswith(
        "systems/aurora.yaml:26:12: placements[1].level: 'open' is not a release level; "
        "use one of: fully-closed, staged, hosted, api, downloadable, fully-open"
    )


def test_close_misspelling_gets_a_suggestion(catalog: Path, edit: EditFn) -> None:
    edit("systems/aurora.yaml", "level: downloadable", "level: downloadble")
    assert "did you mean 'downloadable'?" in messages(catalog)[0]


def test_all_errors_of_all_files_in_one_run(catalog: Path, edit: EditFn) -> None:
    edit("systems/aurora.yaml", "level: downloadable", "level: open")
    edit("systems/aurora.yaml", "pricing: free\n    note: All", "pricing: gratis\n    note: All")
    edit("systems/cirrus.yaml", "status: withheld", "status: secret")
    found = messages(catalog)
    assert len(found) == 3
    assert sum("aurora.yaml" in m for m in found) == 2


def test_unknown_field_is_located_at_the_key_with_a_suggestion(catalog: Path, edit: EditFn) -> None:
    edit("systems/aurora.yaml", "summary:", "sumary: x\nsummary:")
    found = messages(catalog)
    assert any(":13:1: sumary: unknown field 'sumary'; did you mean 'summary'?" in m for m in found)


def test_missing_required_field_says_what_to_add(catalog: Path, edit: EditFn) -> None:
    edit("systems/aurora.yaml", "name: Aurora\n", "")
    [message] = messages(catalog)
    assert "missing required field 'name'; add `name:`" in message


def test_unquoted_number_where_text_belongs_says_to_quote(catalog: Path, edit: EditFn) -> None:
    edit("systems/aurora.yaml", 'announced: "2021-03-02"', "announced: 2021")
    [message] = messages(catalog)
    assert 'announced: expected text, found a number 2021; write "YYYY"' in message


def test_empty_value_asks_for_a_value_or_a_state(catalog: Path, edit: EditFn) -> None:
    edit("systems/cirrus.yaml", "parameters: {state: not-disclosed, sources: [cirrus-paper]}", "parameters:")
    [message] = messages(catalog)
    assert "parameters" in message and "not-disclosed" in message


def test_wrong_component_name_is_reported_at_the_key(catalog: Path, edit: EditFn) -> None:
    edit("systems/aurora.yaml", "  weights:\n    status: released", "  wieghts:\n    status: released")
    found = messages(catalog)
    assert any("'wieghts' is not a component (field name); did you mean 'weights'?" in m for m in found)


def test_data_states_are_distinct_values_not_empty_strings(catalog: Path, edit: EditFn) -> None:
    edit("systems/cirrus.yaml", "parameters: {state: not-disclosed, sources: [cirrus-paper]}", 'parameters: ""')
    [message] = messages(catalog)
    assert message.endswith(
        "systems/cirrus.yaml:9:13: parameters: '' is not a data state; "
        "use one of: not-disclosed, not-applicable, not-yet-recorded"
    )


def test_javascript_url_is_rejected(catalog: Path, edit: EditFn) -> None:
    edit(
        "systems/aurora.yaml",
        "url: https://example.org/lab/aurora-paper\n    sources",
        "url: javascript:alert(1)\n    sources",
    )
    [message] = messages(catalog)
    assert "components.technical-paper.url: 'javascript:alert(1)' is not a valid url" in message


# --- cross-file rules: one failing and one passing example each ------------------------------------

_CIRRUS_SHUT = """    sources: [cirrus-api]
  - date: "2025-01-15"
    event: withdrawal
    level: fully-closed
    channel: api
    gating: not-applicable
    pricing: not-applicable
"""

RULE_CASES = {
    "id-matches-file": ("systems/aurora.yaml", "id: aurora", "id: aurora-2"),
    "spreadsheet-safe-names": ("systems/aurora.yaml", "name: Aurora", "name: '=HYPERLINK(\"https://evil.example\")'"),
    "reserved-ids": ("systems/aurora.yaml", "id: aurora", "id: nul"),
    "known-organizations": ("systems/aurora.yaml", "developers: [example-lab]", "developers: [nobody]"),
    "known-systems": ("systems/borealis.yaml", "base_models: [aurora]", "base_models: [missing]"),
    "renames-unique": (
        "systems/borealis.yaml",
        "base_models: [aurora]",
        "base_models: [aurora]\nrenamed_from: [cirrus]",
    ),
    "sources-resolve": (
        "systems/aurora.yaml",
        "sources: [lab-blog]\n  training-data",
        "sources: [lab-blgo]\n  training-data",
    ),
    "sources-unique": (
        "systems/aurora.yaml",
        "url: https://example.org/lab/blog/aurora-all-sizes",
        "url: https://example.org/lab/aurora-paper",
    ),
    "real-dates": ("systems/aurora.yaml", 'announced: "2021-03-02"\n', 'announced: "2021-02-30"\n'),
    "placements-in-order": (
        "systems/aurora.yaml",
        'date: "2021-09"\n    event: level-change',
        'date: "2020-09"\n    event: level-change',
    ),
    "withdrawal-last": ("systems/borealis.yaml", "event: release", "event: withdrawal"),
    "openings-never-lower-the-level": (
        "systems/borealis.yaml",
        "event: withdrawal\n    level: fully-open",
        "event: release\n    level: hosted",
    ),
    "level-matches-weights": (
        "systems/aurora.yaml",
        "status: released\n    license: Apache-2.0",
        "status: withheld\n    license: Apache-2.0",
    ),
    "fully-open-is-public": (
        "systems/borealis.yaml",
        "gating: public\n    pricing: free\n    sources: [collective-post]",
        "gating: gated\n    pricing: free\n    sources: [collective-post]",
    ),
    "known-licences": ("systems/aurora.yaml", "license: Apache-2.0", "license: Apache-2"),
    "guardrail-dates": ("systems/aurora.yaml", 'until: "2021-09"', 'until: "2021-01"'),
    "visible-text": ("systems/aurora.yaml", "name: Aurora", "name: Aur\u202eora"),
    "ended-means-ended": (
        "systems/cirrus.yaml",
        "    note: Waitlisted API.\n",
        "    note: Waitlisted API.\n" + _CIRRUS_SHUT,
    ),
    "events-mean-what-they-say": (
        "systems/cirrus.yaml",
        "event: announcement\n    level: fully-closed",
        "event: announcement\n    level: api",
    ),
    "evidence-shown": (
        "systems/cirrus.yaml",
        '    shows: ["Developers can now join the waitlist for the paid Cirrus API."]\n',
        "",
    ),
    "review-due": ("systems/aurora.yaml", 'last_reviewed: "2026-11-01"', 'last_reviewed: "2020-01-01"'),
    "source-host-accepted": (
        "organizations/example-lab.yaml",
        'url: "https://example.org/about"',
        'url: "https://en.wikipedia.org/wiki/Example_Lab"',
    ),
    "organization-evidence-shown": (
        "organizations/example-lab.yaml",
        ', shows: ["We are a fictional organization used by the test suite."]',
        "",
    ),
    "organizations-filled-in": (
        "organizations/example-lab.yaml",
        "website: https://example.org/lab",
        "website: https://example.org/replace-with-the-real-website",
    ),
}


def test_every_rule_has_a_case_and_a_reason() -> None:
    assert {r.id for r in RULES} == set(RULE_CASES)
    assert all(len(r.reason) > 30 for r in RULES)


@pytest.mark.parametrize("rule_id", sorted(RULE_CASES))
def test_rule_fails_on_its_broken_example(rule_id: str, catalog: Path, edit: EditFn) -> None:
    file, old, new = RULE_CASES[rule_id]
    assert validate_catalog(catalog).ok  # the passing example
    edit(file, old, new)
    result = validate_catalog(catalog)
    rules = {d.rule for d in result.diagnostics}
    assert rule_id in rules, [str(d) for d in result.diagnostics]
    broken = [d for d in result.diagnostics if d.rule == rule_id][0]
    assert broken.file.endswith(file) and broken.line > 0 and broken.hint


@pytest.mark.parametrize(
    ("url", "refused"),
    [
        ("https://en.wikipedia.org/wiki/GPT-2", True),
        ("https://web.archive.org/web/2019/https://openai.com/blog/better-language-models/", True),
        ("https://openai-com.translate.goog/index/gpt-2/", True),
        ("https://notwikipedia.org/gpt-2", False),
        ("https://openai.com/index/better-language-models/", False),
    ],
)
def test_source_hosts_match_whole_domains(url: str, refused: bool, catalog: Path, edit: EditFn) -> None:
    edit("organizations/example-lab.yaml", 'url: "https://example.org/about"', f'url: "{url}"')
    found = [d for d in validate_catalog(catalog).diagnostics if d.rule == "source-host-accepted"]
    assert bool(found) is refused
    if refused:
        assert "archived" in found[0].hint or "cite" in found[0].hint


def test_organization_source_read_since_the_rule_must_show_a_passage(catalog: Path, edit: EditFn) -> None:
    edit("organizations/example-lab.yaml", ', shows: ["We are a fictional organization used by the test suite."]', "")
    edit("organizations/example-lab.yaml", 'accessed: "2026-11-01"', 'accessed: "2026-12-05"')
    [found] = [d for d in validate_catalog(catalog).diagnostics if d.rule == "organization-evidence-shown"]
    assert found.severity == "error" and "records no passage" in found.message


def test_future_date_is_rejected(catalog: Path, edit: EditFn) -> None:
    edit("systems/aurora.yaml", 'accessed: "2026-11-01"', 'accessed: "2999-01-01"')
    assert any("in the future" in m for m in messages(catalog))


def test_partial_dates_in_the_same_month_are_in_order(catalog: Path, edit: EditFn) -> None:
    edit("systems/aurora.yaml", 'date: "2021-09"\n    event: level-change', 'date: "2021-03"\n    event: level-change')
    assert validate_catalog(catalog).ok


def test_duplicate_ids_across_files(catalog: Path) -> None:
    text = (catalog / "systems/aurora.yaml").read_text()
    (catalog / "systems/aurora-copy.yaml").write_text(text)
    found = messages(catalog)
    assert any("id 'aurora' is already used by" in m for m in found)


def test_spdx_expressions_and_named_licences_combine(catalog: Path, edit: EditFn) -> None:
    edit("systems/aurora.yaml", "license: Apache-2.0", "license: Apache-2.0 AND llama-2-community")
    assert validate_catalog(catalog).ok


_SECOND_WITHDRAWAL = """    note: The demo was taken down after three days; the weights remain.
    sources: [press]
  - date: "2022-06-01"
    event: withdrawal
    level: fully-open
    channel: {channel}
    gating: public
    pricing: free
    sources: [press]
"""


def test_same_channel_cannot_be_withdrawn_twice(catalog: Path, edit: EditFn) -> None:
    old = "    note: The demo was taken down after three days; the weights remain.\n    sources: [press]\n"
    edit("systems/borealis.yaml", old, _SECOND_WITHDRAWAL.format(channel="web-app"))
    assert any("withdrawn twice" in m for m in messages(catalog))


def test_different_channels_can_close_one_after_another(catalog: Path, edit: EditFn) -> None:
    old = "    note: The demo was taken down after three days; the weights remain.\n    sources: [press]\n"
    edit("systems/borealis.yaml", old, _SECOND_WITHDRAWAL.format(channel="api"))
    assert validate_catalog(catalog).ok, messages(catalog)


_COMPARE_WORKERS = """
import json, sys
import json
import subprocess
import sys
from pathlib import Path
from generator.core.validate import validate_catalog
results = [validate_catalog(Path(sys.argv[1]), workers=n) for n in (1, 2)]
print(json.dumps([
    {"diagnostics": [d.as_dict() for d in r.diagnostics],
     "documents": {k: {i: d.data for i, d in docs.items()} for k, docs in r.documents.items()},
     "files": r.files_checked}
    for r in results
]))
"""


def test_validation_in_worker_processes_finds_exactly_what_one_process_finds(catalog: Path, edit: EditFn) -> None:
    edit("systems/aurora.yaml", "name: Aurora", "name: Aurora\nnmae: typo")
    (catalog / "systems" / "broken.yaml").write_text("id: broken\nname: [unclosed\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _COMPARE_WORKERS, str(catalog)], capture_output=True, text=True, cwd=catalog.parent
    )
    assert done.returncode == 0, done.stderr
    one, two = json.loads(done.stdout)
    assert one == two
    assert {d["file"] for d in one["diagnostics"]} >= {"catalog/systems/aurora.yaml", "catalog/systems/broken.yaml"}
    assert one["documents"]["systems"] and one["files"] == len(list(catalog.rglob("*.yaml")))


def test_rules_focused_on_some_files_check_only_those_but_look_up_the_whole_catalog(catalog: Path) -> None:
    from generator.core.rules import Corpus, check_rules

    documents = validate_catalog(catalog).documents
    systems, organizations = documents["systems"], documents["organizations"]
    aurora = systems["aurora"]
    others = frozenset(d.file for sid, d in systems.items() if sid != "aurora")
    aurora.data["name"] = "=Aurora"

    def found(focus: frozenset[str] | None) -> list[str]:
        corpus = Corpus(systems, organizations, set(systems), set(organizations), focus=focus)
        return [d.rule for d in check_rules(corpus)]

    assert found(None) == ["spreadsheet-safe-names"]
    # no known-organizations error: aurora's developers are found among the organizations not in focus
    assert found(frozenset({aurora.file})) == ["spreadsheet-safe-names"]
    assert found(others) == []


# --- the truth rules: what passes as well as what fails ---------------------------------------------


def test_a_guardrail_with_an_end_date_may_outlive_its_channel(catalog: Path, edit: EditFn) -> None:
    edit("systems/cirrus.yaml", "    note: Waitlisted API.\n", "    note: Waitlisted API.\n" + _CIRRUS_SHUT)
    edit(
        "systems/cirrus.yaml",
        "status: in-place\n    channels: [api]",
        'status: removed\n    until: "2025-01-15"\n    channels: [api]',
    )
    edit(
        "systems/cirrus.yaml",
        "status: gated\n    sources: [cirrus-api]",
        'status: gated\n    until: "2025-01-15"\n    sources: [cirrus-api]',
    )
    result = validate_catalog(catalog)
    assert result.ok, [str(d) for d in result.diagnostics]


def test_query_access_released_after_the_last_api_closed_is_refused(catalog: Path, edit: EditFn) -> None:
    edit("systems/cirrus.yaml", "    note: Waitlisted API.\n", "    note: Waitlisted API.\n" + _CIRRUS_SHUT)
    found = [str(d) for d in validate_catalog(catalog).diagnostics if d.rule == "ended-means-ended"]
    assert any("components.hosted-model.status: query access is gated" in m and "2025-01-15" in m for m in found)
    assert any("guardrails[0].status: guardrail is in-place but the system is fully closed now" in m for m in found)


def test_a_leak_leaves_the_level_where_it_was(catalog: Path, edit: EditFn) -> None:
    leak = (
        '    sources: [cirrus-api]\n  - date: "2024-03"\n    event: leak\n    level: {level}\n    channel: torrent\n'
        "    gating: public\n    pricing: free\n"
    )
    edit("systems/cirrus.yaml", "    note: Waitlisted API.\n", "    note: Waitlisted API.\n" + leak.format(level="api"))
    assert validate_catalog(catalog).ok
    edit("systems/cirrus.yaml", "event: leak\n    level: api", "event: leak\n    level: downloadable")
    found = [str(d) for d in validate_catalog(catalog).diagnostics if d.rule == "events-mean-what-they-say"]
    assert any("a leak cannot move the level from api to downloadable" in m for m in found)


def test_a_level_change_must_change_the_level(catalog: Path, edit: EditFn) -> None:
    extra = (
        '    sources: [cirrus-api]\n  - date: "2024-02"\n    event: {event}\n    level: api\n'
        "    channel: cloud-platform\n    gating: public\n    pricing: paid\n"
    )
    edit(
        "systems/cirrus.yaml",
        "    note: Waitlisted API.\n",
        "    note: Waitlisted API.\n" + extra.format(event="level-change"),
    )
    found = [str(d) for d in validate_catalog(catalog).diagnostics]
    assert any(
        "a level change that keeps the level (api); use the event that names what happened: channel-added" in m
        for m in found
    )
    edit("systems/cirrus.yaml", "event: level-change", "event: channel-added")
    assert validate_catalog(catalog).ok


def test_an_unreadable_source_cannot_be_a_placements_only_support(catalog: Path, edit: EditFn) -> None:
    edit(
        "systems/cirrus.yaml",
        '    published: "2024-01-15"\n',
        '    published: "2024-01-15"\n    unavailable: "The page was taken down in 2025."\n',
    )
    found = [str(d) for d in validate_catalog(catalog).diagnostics]
    assert any("placements[1].sources: every source of this placement is marked unavailable" in m for m in found)


def test_an_entry_due_for_review_warns_but_stays_valid(catalog: Path, edit: EditFn) -> None:
    edit("systems/aurora.yaml", 'last_reviewed: "2026-11-01"', 'last_reviewed: "2020-01-01"')
    result = validate_catalog(catalog)
    assert result.ok and not result.errors
    [warning] = result.warnings
    assert "warning: review.last_reviewed: last reviewed" in str(warning)
    run = subprocess.run(
        [sys.executable, "-m", "generator.tools.cli", "validate", str(catalog)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0 and "1 warning(s)" in run.stdout


def test_vocabulary_files_are_checked_as_strictly_as_entries(tmp_path: Path) -> None:
    from generator.core.paths import VOCABULARY_DIR
    from generator.core.vocab_check import check_vocabulary_file

    text = (VOCABULARY_DIR / "organization-kinds.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "organization-kinds.yaml"
    broken.write_text(text.replace('"A young company funded by venture capital."', "A young, venture-funded company."))
    found = [str(d) for d in check_vocabulary_file(broken)]
    assert any("terms[1].definition: 'A young' is not a valid value; write a full sentence" in m for m in found)
    assert any("unknown field 'venture-funded company.'" in m for m in found)
    assert not check_vocabulary_file(VOCABULARY_DIR / "organization-kinds.yaml")


def test_schema_and_rule_errors_of_one_file_come_in_one_run(catalog: Path, edit: EditFn) -> None:
    """A contributor sees every problem of a file at once: the rule finding (a formula-like name) is reported
    beside the schema error (an unknown field) instead of after it is fixed."""
    edit("systems/aurora.yaml", "name: Aurora", "name: =Aurora\nnmae: typo")
    found = messages(catalog)
    assert any("nmae: unknown field 'nmae'" in m for m in found)
    assert any("name: '=Aurora' begins with '='" in m for m in found)
    assert len(found) == 2


def test_a_rule_is_not_repeated_on_a_field_the_schema_reported(catalog: Path, edit: EditFn) -> None:
    edit("systems/aurora.yaml", "level: downloadable", "level: open")
    assert len(messages(catalog)) == 1


# --- the per-file cache (generator/core/check_cache.py) -------------------------------------------------------


def _cache_of(catalog: Path) -> Path:
    from generator.core.check_cache import cache_file

    return cache_file(catalog)


def _mark_cached_entry(catalog: Path, stamp: str | None = None) -> None:
    """Plant a diagnostic in aurora's cached result, keeping its content hash: it shows only if the cache is used."""
    cached = json.loads(_cache_of(catalog).read_text(encoding="utf-8"))
    [name] = [n for n in cached["entries"] if n.endswith("systems/aurora.yaml")]
    marker = {"file": name, "line": 1, "column": 1, "path": "", "message": "from the cache", "hint": "", "rule": "t"}
    cached["entries"][name][1] = [{**marker, "severity": "warning"}]
    if stamp is not None:
        cached["stamp"] = stamp
    _cache_of(catalog).write_text(json.dumps(cached), encoding="utf-8")


def test_a_second_validation_takes_unchanged_files_from_the_cache(catalog: Path) -> None:
    first = messages(catalog)
    assert _cache_of(catalog).is_file()
    _mark_cached_entry(catalog)
    second = messages(catalog)
    assert any("from the cache" in m for m in second) and set(first) <= set(second)


def test_an_edited_file_is_checked_again(catalog: Path, edit: EditFn) -> None:
    validate_catalog(catalog)
    _mark_cached_entry(catalog)
    edit("systems/aurora.yaml", "level: downloadable", "level: open")
    found = messages(catalog)
    assert not any("from the cache" in m for m in found)
    assert any("'open' is not a release level" in m for m in found)


@pytest.mark.parametrize("damage", ["stamp", "garbage"])
def test_a_cache_from_other_code_or_unreadable_is_ignored_whole(catalog: Path, damage: str) -> None:
    first = messages(catalog)
    if damage == "stamp":
        _mark_cached_entry(catalog, stamp="made-by-other-code")
    else:
        _cache_of(catalog).write_bytes(b"\x00not json")
    assert messages(catalog) == first
    assert validate_catalog(catalog, cached=False).ok


def test_the_cache_lies_beside_the_catalog_unless_a_folder_is_named(
    catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GRADIENT_CACHE_DIR")
    validate_catalog(catalog)
    [cached] = (catalog.parent / ".gradient-cache").glob("validate-catalog-*.json")
    assert json.loads(cached.read_text(encoding="utf-8"))["entries"]


def _plant_rule_finding(catalog: Path, day: str) -> None:
    """Put a finding of a per-file rule into aurora's cached entry for build date `day`."""
    cached = json.loads(_cache_of(catalog).read_text(encoding="utf-8"))
    [name] = [n for n in cached["entries"] if n.endswith("systems/aurora.yaml")]
    marker = {"file": name, "line": 1, "column": 1, "path": "", "message": "a kept finding", "hint": ""}
    cached["entries"][name][3:] = [[{**marker, "rule": "visible-text", "severity": "warning"}], day]
    _cache_of(catalog).write_text(json.dumps(cached), encoding="utf-8")


def test_per_file_rule_findings_are_kept_for_the_day_they_were_found(catalog: Path) -> None:
    from generator.core.dates import build_date

    validate_catalog(catalog)
    _plant_rule_finding(catalog, build_date().isoformat())
    assert any("a kept finding" in m for m in messages(catalog))
    _plant_rule_finding(catalog, "2001-01-01")  # another day: review-due and future dates may differ
    assert not any("a kept finding" in m for m in messages(catalog))


def test_rules_across_files_still_see_an_unchanged_file_when_another_changes(catalog: Path, edit: EditFn) -> None:
    assert validate_catalog(catalog).ok  # every file cached, rule findings included
    edit("organizations/example-lab.yaml", "id: example-lab", "id: example-lab-renamed")
    found = [d for d in validate_catalog(catalog).diagnostics if d.rule == "known-organizations"]
    assert any(d.file.endswith("systems/aurora.yaml") for d in found)  # aurora's bytes did not change
