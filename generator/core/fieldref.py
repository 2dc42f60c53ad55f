"""The field reference of /contribute/, read from the JSON Schemas and the vocabularies.

Nothing here is written by hand: every field, its type, whether it is required, its allowed values and
its description come from `schema/*.schema.json`, so the reference cannot drift from the validator.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from generator.core.paths import SCHEMA_DIR


@dataclass(frozen=True)
class Field:
    """One documented field: its dotted path, what it holds and where its allowed values come from."""

    path: str
    type: str
    required: bool
    description: str
    vocabulary: str | None


@cache
def _schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    return schema


def _resolve(node: dict[str, Any], current: str) -> tuple[dict[str, Any], str, str | None]:
    """Follow a $ref to its target; also returns the file it lives in and, for vocabularies, their name."""
    seen = 0
    vocab = None
    while "$ref" in node and seen < 10:
        seen += 1
        ref = node["$ref"]
        file, _, pointer = ref.partition("#")
        file = file or current
        if file == "vocabularies.schema.json":
            vocab = pointer.rsplit("/", 1)[-1]
        target: Any = _schema(file)
        for part in pointer.strip("/").split("/"):
            if part:
                target = target[part]
        merged = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        node, current = merged, file
    return node, current, vocab


def _type(node: dict[str, Any], vocab: str | None) -> str:
    if vocab:
        return "term"
    if "oneOf" in node:
        return " or ".join(sorted({_branch_type(b) for b in node["oneOf"]}))
    kind = node.get("type", "value")
    return "list" if kind == "array" else "mapping" if kind == "object" else "text" if kind == "string" else str(kind)


def _branch_type(branch: dict[str, Any]) -> str:
    resolved, _, vocab = _resolve(branch, "system.schema.json")
    return "a data state" if vocab == "data-states" else _type(resolved, vocab)


def fields(schema_name: str) -> list[Field]:
    """Every field of a schema, depth first, in the order the schema lists them."""
    out: list[Field] = []
    _walk(_schema(schema_name), schema_name, "", True, out, 0)
    return out


def _walk(node: dict[str, Any], current: str, path: str, required: bool, out: list[Field], depth: int) -> None:
    node, current, vocab = _resolve(node, current)
    kind = _type(node, vocab)
    if node.get("type") == "array" and isinstance(node.get("items"), dict):
        vocab = vocab or _resolve(node["items"], current)[2]
        kind = "list of terms" if vocab else kind
    if path:
        description = str(node.get("description") or node.get("title") or "")
        out.append(Field(path, kind, required, description, vocab))
    if depth > 6:
        return
    if node.get("type") == "array" and isinstance(node.get("items"), dict):
        items, item_file, item_vocab = _resolve(node["items"], current)
        if item_vocab is None and items.get("type") == "object":
            _walk(items, item_file, f"{path}[]", True, out, depth + 1)
        return
    for key, child in node.get("properties", {}).items():
        _walk(child, current, f"{path}.{key}" if path else key, key in node.get("required", []), out, depth + 1)
    extra = node.get("additionalProperties")
    if isinstance(extra, dict):
        key_vocab = _resolve(node.get("propertyNames", {}), current)[2]
        first = len(out)
        _walk(extra, current, f"{path}.<{key_vocab or 'id'}>", False, out, depth + 1)
        if key_vocab and first < len(out):
            out[first] = replace(out[first], vocabulary=key_vocab)
    for branch in node.get("oneOf", []):
        resolved, file, branch_vocab = _resolve(branch, current)
        if branch_vocab is None and resolved.get("type") == "object":
            for key, child in resolved.get("properties", {}).items():
                _walk(child, file, f"{path}.{key}", key in resolved.get("required", []), out, depth + 1)
