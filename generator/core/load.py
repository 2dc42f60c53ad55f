"""Load catalog YAML safely, keeping the line and column of every node.

Rules (each one a defence against a careless or hostile file):
- files over `MAX_FILE_BYTES` are rejected before they are read;
- text must be UTF-8 (a byte-order mark is tolerated and dropped);
- anchors, aliases and explicit tags (`!!python/object`, ...) are rejected: catalog data never needs
  them, and aliases are how "billion laughs" files exhaust memory;
- nesting deeper than `MAX_DEPTH`, or more than `MAX_VALUES` values, is rejected from the event stream,
  before the tree below it is built (so a file under the size cap still cannot make validation slow);
- scalars follow the YAML 1.2 core schema: `NO`, `on`, `yes` stay strings, `2023-01` stays a string,
  dates are never turned into `datetime` objects, `1:20` is not a sexagesimal number;
- duplicate keys are errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.core.diagnostics import Diagnostic

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 24
MAX_NUMBER_DIGITS = 30  # the largest count is a parameter count; Python refuses ints over 4,300 digits
MAX_VALUES = 5_000  # the largest real entries hold about 500; validation time grows with the count

JsonPath = tuple[str | int, ...]

_Parser: Any = getattr(yaml, "CParser", None)
_BaseLoader: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


@dataclass(frozen=True)
class Position:
    """1-based line and column in a file."""

    line: int
    column: int


@dataclass
class Document:
    """One parsed catalog file: its data and where each value and key sits in the text."""

    file: str
    data: Any
    positions: dict[JsonPath, Position] = field(default_factory=dict)
    key_positions: dict[JsonPath, Position] = field(default_factory=dict)
    origin: Path | None = None
    """The file to parse again for positions; set by `load_file`, which records none at first."""

    def position(self, path: JsonPath, *, key: bool = False) -> Position:
        """Position of the value (or, with `key`, of the key) at `path`, else its nearest parent's."""
        if self.origin is not None:  # positions are needed only for messages: parse again, once
            located = parse(read_text(self.origin, self.file), self.file)
            self.positions, self.key_positions, self.origin = located.positions, located.key_positions, None
        if key and path in self.key_positions:
            return self.key_positions[path]
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, Position(1, 1))


class LoadError(Exception):
    """A file that cannot be parsed; carries one diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


def _error(file: str, line: int, column: int, message: str, hint: str = "") -> LoadError:
    return LoadError(Diagnostic(file, line, column, "", message, hint, rule="yaml"))


def _mark(node_or_token: Any) -> Position:
    mark = node_or_token.start_mark
    return Position(mark.line + 1, mark.column + 1)


def read_text(path: Path, display: str) -> str:
    """Read a catalog file as text, enforcing the size cap and UTF-8."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _error(
            display,
            1,
            1,
            f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit",
            "a catalog entry should be a few kilobytes; move long text to a linked source",
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _error(
            display, line, column, f"file is not UTF-8 (byte 0x{raw[exc.start]:02x})", "save the file as UTF-8"
        ) from None
    return text.removeprefix("\ufeff")


def _scalar(value: str, style: str | None) -> Any:
    if style:  # quoted or block scalar: always a string (plain style is None or "")
        return value
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.fullmatch(value):
        return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
    if _FLOAT.fullmatch(value) and any(c.isdigit() for c in value):
        return float(value)
    return value


_VALUE_EVENTS = (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)
_NO_KEY = object()
_NO_ALIASES = ("YAML anchors and aliases (&name, *name) are not allowed", "write the value out in full")


class _Frame:
    """An open mapping or sequence while events stream in."""

    __slots__ = ("container", "path", "key")

    def __init__(self, container: dict[str, Any] | list[Any], path: JsonPath) -> None:
        self.container = container
        self.path = path
        self.key: Any = _NO_KEY  # in a mapping: the key waiting for its value


class _PositionsNeeded(Exception):
    """A duplicate key was found while positions were not recorded: parse again with them."""


def _build(
    text: str, display: str, record: bool = True
) -> tuple[bool, Any, dict[JsonPath, Position], dict[JsonPath, Position]]:
    """One pass over libyaml's event stream: check every event, then place its value with its position.

    Anchors, aliases, tags and deep nesting are rejected as they stream in, before any more of the
    tree is built; duplicate keys are rejected where the second one appears. Without `record`, no
    position is kept (a valid catalog never needs them, and they are most of a document's memory).
    Returns (whether there was a document, its data, value positions, key positions)."""
    positions: dict[JsonPath, Position] = {}
    key_positions: dict[JsonPath, Position] = {}
    stack: list[_Frame] = []
    root: Any = None
    found = False
    documents = 0
    count = 0
    events: Any = yaml.parse(text, Loader=_BaseLoader)
    for event in events:
        kind = type(event)
        if kind in _VALUE_EVENTS:
            mark = event.start_mark
            pos = Position(mark.line + 1, mark.column + 1)
            count += 1
            if count > MAX_VALUES:
                raise _error(
                    display,
                    pos.line,
                    pos.column,
                    f"the file holds more than {MAX_VALUES:,} values",
                    "a catalog entry holds a few hundred; check for generated or repeated content",
                )
            if event.anchor is not None:
                raise _error(display, pos.line, pos.column, *_NO_ALIASES)
            if event.tag is not None:
                raise _error(
                    display,
                    pos.line,
                    pos.column,
                    "YAML tags (such as !!python/object or !!str) are not allowed",
                    "remove the tag; quote the value if it must be a string",
                )
            frame = stack[-1] if stack else None
            if frame is not None and type(frame.container) is dict:
                if frame.key is _NO_KEY:  # this event is a key
                    if kind is not yaml.ScalarEvent:
                        raise _error(
                            display, pos.line, pos.column, "a mapping key must be a plain word", "write `field: value`"
                        )
                    key = event.value
                    if key in frame.container:
                        if not record:
                            raise _PositionsNeeded
                        first = key_positions[(*frame.path, key)]
                        raise _error(
                            display,
                            pos.line,
                            pos.column,
                            f"duplicate key {key!r} (first at line {first.line})",
                            "keep one of the two; YAML would silently drop the first",
                        )
                    if record:
                        key_positions[(*frame.path, key)] = pos
                    frame.key = key
                    continue
                path: JsonPath = (*frame.path, frame.key)
            elif frame is not None:
                path = (*frame.path, len(frame.container))
            else:
                path = ()
            if record:
                positions[path] = pos
            value: Any
            if kind is yaml.ScalarEvent:
                if len(event.value) > MAX_NUMBER_DIGITS and not event.style and _INT.fullmatch(event.value):
                    raise _error(
                        display,
                        pos.line,
                        pos.column,
                        f"a number of {len(event.value):,} digits is too large",
                        "write a count of at most 18 digits; quote the value if it is text",
                    )
                value = _scalar(event.value, event.style)
            else:
                if len(stack) >= MAX_DEPTH:
                    raise _error(
                        display,
                        pos.line,
                        pos.column,
                        f"nesting is deeper than {MAX_DEPTH} levels",
                        "catalog entries are at most a few levels deep; flatten this structure",
                    )
                value = {} if kind is yaml.MappingStartEvent else []
            if frame is None:
                root, found = value, True
            elif type(frame.container) is dict:
                frame.container[frame.key] = value
                frame.key = _NO_KEY
            else:
                frame.container.append(value)  # type: ignore[union-attr]
            if kind is not yaml.ScalarEvent:
                stack.append(_Frame(value, path))
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            stack.pop()
        elif kind is yaml.AliasEvent:
            pos = _mark(event)
            raise _error(display, pos.line, pos.column, *_NO_ALIASES)
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                pos = _mark(event)
                raise _error(
                    display,
                    pos.line,
                    pos.column,
                    "YAML syntax error: a file holds one entry, but found another document",
                    "remove the `---` line and what follows, or move it to its own file",
                )
    return found, root, positions, key_positions


def _line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def parse(text: str, display: str, *, positions: bool = True) -> Document:
    """Parse YAML text into a `Document`; raises `LoadError` with a located diagnostic.

    With `positions=False` the document records no positions (it is then up to the caller to set
    `origin` so that they can be found when a message needs them)."""
    try:
        try:
            found, data, values, keys = _build(text, display, record=positions)
        except _PositionsNeeded:
            found, data, values, keys = _build(text, display, record=True)
    except yaml.reader.ReaderError as exc:
        line, column = _line_column(text, exc.position)
        raise _error(
            display,
            line,
            column,
            f"the file contains the control character U+{ord(text[exc.position]):04X}",
            "delete it; catalog text is printable characters, spaces, tabs and line breaks",
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "invalid YAML"
        if mark and 0 <= mark.index < len(text) and text[mark.index] == "\t":
            problem = "a tab character where YAML expects spaces"
        raise _error(
            display,
            line,
            column,
            f"YAML syntax error: {problem}",
            "check indentation (spaces, not tabs) and quote values containing ': ' or '#'",
        ) from None
    except yaml.YAMLError as exc:
        raise _error(display, 1, 1, f"YAML syntax error: {' '.join(str(exc).split())}", "fix the YAML syntax") from None
    if not found:
        raise _error(display, 1, 1, "file is empty", "start the entry with `id: <file name>`; see `gradient new`")
    return Document(display, data, values, keys)


def load_file(path: Path, display: str | None = None) -> Document:
    """Read and parse one catalog file; `display` is the path shown in messages."""
    shown = display or path.as_posix()
    doc = parse(read_text(path, shown), shown, positions=False)
    doc.origin = path
    return doc
