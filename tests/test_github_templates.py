"""Issue forms and the pull-request template: valid for GitHub, and in step with the vocabularies."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import pytest
import yaml
from conftest import PROJECT_ROOT
from jsonschema import Draft7Validator

from generator.core.vocab import vocabulary

TEMPLATES = PROJECT_ROOT / ".github" / "ISSUE_TEMPLATE"
FORMS = ["add-system.yml", "correct-fact.yml", "new-guardrail-type.yml"]


@cache
def github_schema(name: str) -> Draft7Validator:
    """SchemaStore's schema for a GitHub file, as vendored (pinned) by check-jsonschema."""
    text = (resources.files("check_jsonschema.builtin_schemas.vendor") / f"{name}.json").read_text(encoding="utf-8")
    return Draft7Validator(json.loads(text))


def form(name: str) -> dict[str, Any]:
    data = yaml.safe_load((TEMPLATES / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def errors(validator: Draft7Validator, data: object) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def test_forms_are_exactly_the_three_we_document() -> None:
    assert sorted(p.name for p in TEMPLATES.glob("*.yml")) == sorted([*FORMS, "config.yml"])


@pytest.mark.parametrize("name", FORMS)
def test_issue_form_matches_githubs_schema(name: str) -> None:
    assert errors(github_schema("github-issue-forms"), form(name)) == []


@pytest.mark.parametrize("name", FORMS)
def test_issue_form_fields_have_unique_ids_and_a_label(name: str) -> None:
    fields = [item for item in form(name)["body"] if item["type"] != "markdown"]
    ids = [item["id"] for item in fields]
    assert len(ids) == len(set(ids)), f"duplicate ids in {name}: {ids}"
    assert all(item["attributes"]["label"].strip() for item in fields)
    assert any(item.get("validations", {}).get("required") for item in fields)


def test_schema_check_rejects_a_broken_form() -> None:
    broken = form("add-system.yml")
    del broken["description"]
    broken["body"][1]["type"] = "text-field"
    assert len(errors(github_schema("github-issue-forms"), broken)) >= 2


def test_issue_template_config_matches_githubs_schema() -> None:
    assert errors(github_schema("github-issue-config"), form("config.yml")) == []


def field(name: str, field_id: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [item for item in form(name)["body"] if item.get("id") == field_id]
    [only] = found
    return only


def test_level_choices_are_the_levels_vocabulary() -> None:
    assert field("add-system.yml", "level")["attributes"]["options"] == vocabulary("levels").ids


def test_guardrail_groups_are_the_guardrails_vocabulary_groups() -> None:
    groups = [group.id for group in vocabulary("guardrails").groups]
    assert field("new-guardrail-type.yml", "group")["attributes"]["options"] == groups


def test_correction_asks_for_the_page_and_a_source() -> None:
    assert field("correct-fact.yml", "page")["validations"]["required"]
    assert field("correct-fact.yml", "source")["validations"]["required"]


def test_pull_request_template_asks_for_sources_and_a_passing_validate() -> None:
    text = (PROJECT_ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    checklist = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    assert any("cites a source" in line for line in checklist)
    assert any("`gradient validate` passes" in line for line in checklist)
