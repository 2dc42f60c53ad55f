"""Turn jsonschema's errors into diagnostics that say what to write instead."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from jsonschema.exceptions import ValidationError

from generator.core.diagnostics import Diagnostic
from generator.core.load import Document, JsonPath
from generator.core.vocab import DATA_STATES

_TYPE_NAMES = {
    "object": "a mapping (field: value)",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "nothing",
}

_TYPE_HINTS = {
    "object": "write its fields on the indented lines below it (`field: value`); `gradient new` shows an example",
    "array": "write a list, `[a, b]` or one `- item` per line",
    "integer": "write digits only, without quotes or separators, e.g. 1500000000",
}


def path_text(path: Iterable[str | int]) -> str:
    """`("placements", 1, "level")` -> `placements[1].level`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _python_type(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    return {dict: "a mapping", list: "a list", str: "text", int: "a number", float: "a number"}.get(
        type(value), "a value"
    )


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "...'"


def _suggest(value: Any, choices: list[str]) -> str:
    if not isinstance(value, str):
        return ""
    close = difflib.get_close_matches(value.lower(), choices, n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}? " if close else ""


def _enum_message(value: Any, title: str, choices: list[Any]) -> tuple[str, str]:
    names = [str(c) for c in choices]
    article = "an" if title[:1] in "aeiou" else "a"
    return (f"{_show(value)} is not {article} {title}", f"{_suggest(value, names)}use one of: {', '.join(names)}")


def _leaves(error: ValidationError) -> Iterator[ValidationError]:
    """For oneOf/anyOf, the errors of the branch that best fits the value's type."""
    if error.validator not in ("oneOf", "anyOf") or not error.context:
        yield error
        return
    by_branch: dict[int, list[ValidationError]] = {}
    for sub in error.context:
        by_branch.setdefault(int(sub.relative_schema_path[0]), []).append(sub)
    enums = [e for e in error.context if e.validator == "enum" and not e.relative_path]
    patterns = [e for e in error.context if e.validator == "pattern" and not e.relative_path]
    words = [str(c) for e in enums for c in e.validator_value]
    meant_shape = isinstance(error.instance, str) and (
        error.instance[:1].isdigit() or not difflib.get_close_matches(error.instance.lower(), words, n=1, cutoff=0.6)
    )
    if meant_shape and enums and patterns:
        # A value that fits neither the shape (a date) nor a word (a data state), and is not a misspelt word:
        # the shape is what was meant, so say what it looks like.
        states = ", ".join(words)
        hint = str(patterns[0].schema.get("x-hint", ""))
        yield ValidationError(
            patterns[0].message,
            validator="pattern",
            validator_value=patterns[0].validator_value,
            instance=error.instance,
            schema={**patterns[0].schema, "x-hint": f"{hint}; or, without a source, one of: {states}"},
            path=error.absolute_path,
        )
        return
    if (error.instance is None or isinstance(error.instance, str)) and enums:
        choices = [c for e in enums for c in e.validator_value]
        title = str(error.schema.get("title", "value")).lower()
        if set(choices) <= set(DATA_STATES):
            title = "data state"
        yield ValidationError(
            f"enum:{title}",
            validator="enum",
            validator_value=choices,
            instance=error.instance,
            schema={"title": title, "enum": choices},
            path=error.absolute_path,
        )
        return

    def misfit(e: ValidationError) -> bool:
        # A list of words cannot fit a number: treat it as a type mismatch so the typed branch speaks.
        wrong_enum = e.validator == "enum" and not isinstance(error.instance, (str, type(None)))
        return not e.relative_path and (e.validator == "type" or wrong_enum)

    fitting = [errs for errs in by_branch.values() if not any(misfit(e) for e in errs)]
    for errs in fitting or list(by_branch.values())[:1]:
        for sub in errs:
            yield from _leaves(sub)


def translate(error: ValidationError, doc: Document) -> list[Diagnostic]:
    """Diagnostics for one jsonschema error, located in the document."""
    out: list[Diagnostic] = []
    for leaf in _leaves(error):
        out.extend(_translate_leaf(leaf, doc))
    return out


@dataclass(frozen=True)
class _Leaf:
    """What every message below reads of one leaf error."""

    error: ValidationError
    path: JsonPath
    schema: dict[str, Any]
    value: Any
    title: str
    hint: str

    @classmethod
    def of(cls, error: ValidationError) -> _Leaf:
        schema = error.schema if isinstance(error.schema, dict) else {}
        return cls(
            error,
            tuple(error.absolute_path),
            schema,
            error.instance,
            str(schema.get("title", "value")).lower(),
            str(schema.get("x-hint", "")),
        )


def _missing_fields(leaf: _Leaf, doc: Document) -> list[Diagnostic]:
    """One diagnostic per required field the mapping lacks, saying what the field holds."""
    out = []
    for key in leaf.error.validator_value:
        if isinstance(leaf.value, dict) and key not in leaf.value:
            described = leaf.schema.get("properties", {}).get(key, {}).get("description", "")
            pos = doc.position(leaf.path)
            hint = f"add `{key}:`" + (f" ({described})" if described else "")
            out.append(
                Diagnostic(
                    doc.file, pos.line, pos.column, path_text(leaf.path), f"missing required field {key!r}", hint
                )
            )
    return out


def _unknown_fields(leaf: _Leaf, doc: Document) -> list[Diagnostic]:
    """One diagnostic per field the schema does not know, at its key, with the closest allowed name."""
    allowed = sorted(leaf.schema.get("properties", {}))
    out = []
    for key in sorted(set(leaf.value) - set(allowed)) if isinstance(leaf.value, dict) else []:
        pos = doc.position((*leaf.path, key), key=True)
        hint = f"{_suggest(key, allowed)}allowed fields here: {', '.join(allowed)}"
        out.append(
            Diagnostic(doc.file, pos.line, pos.column, path_text((*leaf.path, key)), f"unknown field {key!r}", hint)
        )
    return out


def _wrong_type(leaf: _Leaf) -> tuple[str, str]:
    bound = leaf.error.validator_value
    expected = bound if isinstance(bound, list) else [bound]
    wanted = " or ".join(_TYPE_NAMES.get(str(t), str(t)) for t in expected)
    shown = isinstance(leaf.value, (str, int, float)) and not isinstance(leaf.value, bool)
    message = f"expected {wanted}, found {_python_type(leaf.value)}" + (f" {_show(leaf.value)}" if shown else "")
    if leaf.value is None:
        return message, leaf.hint or "write a value, or not-yet-recorded if you have no source"
    if "string" in expected and isinstance(leaf.value, (int, float, bool)):
        return message, leaf.hint or "put the value in quotes"
    return message, leaf.hint or _TYPE_HINTS.get(str(expected[0]), f"write {wanted}")


def _as_jsonschema_says(leaf: _Leaf) -> tuple[str, str]:
    return leaf.error.message, leaf.hint


_MANY: dict[str, Callable[[_Leaf, Document], list[Diagnostic]]] = {
    "required": _missing_fields,
    "additionalProperties": _unknown_fields,
}
"""Validators whose one error becomes a diagnostic per field."""

_SAYS: dict[str, Callable[[_Leaf], tuple[str, str]]] = {
    "enum": lambda leaf: _enum_message(leaf.value, leaf.title, list(leaf.error.validator_value)),
    "type": _wrong_type,
    "pattern": lambda leaf: (f"{_show(leaf.value)} is not a valid {leaf.title}", leaf.hint),
    "minItems": lambda leaf: (f"needs at least {leaf.error.validator_value} item(s)", leaf.hint),
    "minLength": lambda leaf: ("must not be empty", leaf.hint or "write a value, or leave the field out"),
    "maxLength": lambda leaf: (
        f"is too long ({len(leaf.value)} characters; at most {leaf.error.validator_value})",
        "shorten it; long text belongs in the cited source",
    ),
    "uniqueItems": lambda leaf: ("lists the same item twice", "remove the duplicate"),
    "minimum": lambda leaf: (f"must be at least {leaf.error.validator_value}", leaf.hint),
}
"""The message and hint for each validator whose error is one diagnostic (else jsonschema's own message)."""


def _translate_leaf(error: ValidationError, doc: Document) -> list[Diagnostic]:
    leaf = _Leaf.of(error)
    if error.validator in _MANY:
        return _MANY[str(error.validator)](leaf, doc)
    path, at_key = leaf.path, False
    if error.validator == "enum" and "propertyNames" in error.schema_path and isinstance(leaf.value, str):
        path, at_key = (*path, leaf.value), True  # a misnamed field: point at its key
    says = _SAYS.get(str(error.validator), _as_jsonschema_says)
    message, hint = says(leaf)
    if at_key:
        message += " (field name)"
    if not hint and leaf.schema.get("description"):
        hint = f"expected: {leaf.schema['description']}"
    pos = doc.position(path, key=at_key)
    return [Diagnostic(doc.file, pos.line, pos.column, path_text(path), message, hint, "schema")]
