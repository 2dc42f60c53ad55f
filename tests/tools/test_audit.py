"""`gradient audit`: coverage per system and field, failing on a claim without a source."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import PROJECT_ROOT, EditFn


def audit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.tools.cli", "audit", *args],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=120,
    )


def test_fixture_catalog_passes_and_counts_every_state(catalog: Path) -> None:
    done = audit(str(catalog), "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert set(report["totals"]) == {"sourced", "not-disclosed", "not-applicable", "not-yet-recorded"}
    cirrus = next(s for s in report["systems"] if s["id"] == "cirrus")
    assert cirrus["fields"]["parameters"] == "not-disclosed"
    assert report["totals"]["sourced"] > 0 and report["totals"]["not-yet-recorded"] > 0
    assert report["organization_evidence"] == {"sources": 2, "with_passage": 2, "share_with_passage": 1.0}


def test_organization_sources_without_a_passage_lower_their_share(catalog: Path, edit: EditFn) -> None:
    edit("organizations/example-lab.yaml", ', shows: ["We are a fictional organization used by the test suite."]', "")
    report = json.loads(audit(str(catalog), "--format", "json").stdout)
    assert report["organization_evidence"]["with_passage"] == 1


def test_a_component_claim_without_a_source_fails(catalog: Path, edit: EditFn) -> None:
    edit("systems/aurora.yaml", '    date: "2021-09"\n    sources: [lab-blog]\n', '    date: "2021-09"\n')
    done = audit(str(catalog))
    assert done.returncode == 1
    assert "aurora.yaml: components.weights: states a fact (sourced) without a source" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_invalid_catalog_reports_its_errors_not_a_trace(catalog: Path, edit: EditFn) -> None:
    edit("systems/aurora.yaml", "name: Aurora", "name: [Aurora")
    done = audit(str(catalog))
    assert done.returncode == 1 and "aurora.yaml:" in done.stderr and "Traceback" not in done.stderr


def test_the_bundled_catalog_passes_the_audit() -> None:
    done = audit()
    assert done.returncode == 0, done.stderr
    *_, totals, evidence, organizations = done.stdout.splitlines()
    assert totals.startswith("all ")
    assert evidence.startswith("sources with a passage: ") and "stale live guardrails: 0" in evidence
    assert organizations.startswith("organization sources with a passage: ")


def test_entries_whose_present_state_is_not_confirmed_are_counted(catalog: Path, edit: EditFn) -> None:
    assert json.loads(audit(str(catalog), "--format", "json").stdout)["evidence"]["unconfirmed_now"] == 0
    edit("systems/cirrus.yaml", "  status: active", "  status: unconfirmed")
    report = json.loads(audit(str(catalog), "--format", "json").stdout)
    assert report["evidence"]["unconfirmed_now"] == 1
    assert "present state not confirmed: 1" in audit(str(catalog)).stdout


def test_audit_of_one_file_reports_that_entry_only(catalog: Path) -> None:
    done = audit(str(catalog / "systems" / "cirrus.yaml"), "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert [s["id"] for s in report["systems"]] == ["cirrus"]
    assert "organization_evidence" not in report
