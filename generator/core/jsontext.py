"""JSON text for the exports and the pages, written by orjson.

The standard library's encoder falls back to pure Python as soon as output is indented, and the
exports (catalog.json, one JSON per system, CSL-JSON on every page) are indented for people to read:
orjson writes the same documents about ten times faster.
"""

from __future__ import annotations

from typing import Any

import orjson


def dumps(data: Any, *, indent: bool = True, sort_keys: bool = False) -> str:
    """`data` as JSON text (UTF-8 characters as they are, not \\u escapes), indented by two spaces unless
    `indent` is false, when it is as compact as JSON allows."""
    option = (orjson.OPT_INDENT_2 if indent else 0) | (orjson.OPT_SORT_KEYS if sort_keys else 0)
    return orjson.dumps(data, option=option).decode("utf-8")


def jinja_dumps(data: Any, **kwargs: Any) -> str:
    """Jinja's `json.dumps_function` policy (used by `|tojson`): compact, keys sorted as Jinja's default
    asks. Jinja escapes <, >, & and ' in the result itself before it reaches the page."""
    return dumps(data, indent=False, sort_keys=bool(kwargs.get("sort_keys", True)))
