"""The JSON Schemas: structure from schema/*.schema.json, enums generated from the vocabularies.

`schema/vocabularies.schema.json` is generated (`gradient schema`) so that editors can resolve the
enums; validation always builds it fresh from the vocabulary files, so it can never be stale.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from generator.core.paths import SCHEMA_DIR
from generator.core.vocab import vocabularies

SCHEMA_FILES = ("common.schema.json", "system.schema.json", "organization.schema.json")
VOCABULARY_SCHEMA = "vocabularies.schema.json"
KINDS = {"systems": "system.schema.json", "organizations": "organization.schema.json"}


def vocabulary_schema() -> dict[str, Any]:
    """A schema whose `$defs` hold one enum per vocabulary, with labels for editors."""
    defs: dict[str, Any] = {}
    for name, vocab in sorted(vocabularies().items()):
        defs[name] = {
            "title": vocab.title,
            "description": f"{vocab.description} Defined in schema/vocabularies/{name}.yaml.",
            "type": "string",
            "enum": vocab.ids,
            "x-labels": {t.id: t.label for t in vocab.terms},
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Gradient vocabularies",
        "description": "Generated from schema/vocabularies/*.yaml by `gradient schema`; do not edit.",
        "$defs": defs,
    }


def vocabulary_schema_text() -> str:
    """The generated vocabulary schema as committed to schema/vocabularies.schema.json."""
    return json.dumps(vocabulary_schema(), indent=2, ensure_ascii=False) + "\n"


@cache
def schema_documents() -> dict[str, dict[str, Any]]:
    """Every schema document by file name, the vocabulary one built fresh."""
    docs = {name: json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")) for name in SCHEMA_FILES}
    docs[VOCABULARY_SCHEMA] = vocabulary_schema()
    return docs


def _whole_pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    """`pattern` as jsonschema-rs reads it: Python's `$` also matches before a final line break, so an id of
    "index\n" passed one validator and not the other. Here `$` at the end of a pattern means the very end."""
    if not isinstance(instance, str):
        return
    anchored = pattern[:-1] + r"\Z" if pattern.endswith("$") and not pattern.endswith("\\$") else pattern
    if not re.search(anchored, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


StrictValidator = validators.extend(Draft202012Validator, {"pattern": _whole_pattern})


@cache
def validator(kind: str) -> Any:
    """A compiled validator for `systems` or `organizations` entries (whole-string patterns, like
    `fast_validator`)."""
    docs = schema_documents()
    registry: Registry[Any] = Registry().with_resources(
        (name, Resource.from_contents(doc, default_specification=DRAFT202012)) for name, doc in docs.items()
    )
    return StrictValidator(docs[KINDS[kind]], registry=registry)


@cache
def fast_validator(kind: str) -> Any:
    """The same schema compiled by jsonschema-rs (Rust), about 200 times faster than `validator`.

    It only answers valid or not: a valid entry (the common case) costs a fraction of a millisecond,
    and only an invalid one goes through `validator` for the friendly messages. The test suite's
    invalid fixtures check that both agree."""
    docs = schema_documents()
    return jsonschema_rs.validator_for(docs[KINDS[kind]], retriever=lambda uri: docs[uri.rsplit("/", 1)[-1]])
