"""Diagnostics: one problem in one catalog file, located and explained so a contributor can fix it.

Every stage that can reject input (load, validate) reports `Diagnostic`s; nothing raises a traceback
at a contributor. Formats follow compiler conventions: location first, then what is wrong, then
what to write instead.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A located error: `file:line:column: path: message; hint`."""

    file: str
    line: int
    column: int
    path: str
    message: str
    hint: str = ""
    rule: str = "schema"
    severity: str = "error"
    """`error` stops the build; `warning` (e.g. an entry due for review) is reported and published."""

    @property
    def is_error(self) -> bool:
        """True when the problem stops the catalog from being published."""
        return self.severity == "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        field = f" {self.path}:" if self.path else ""
        hint = f"; {self.hint}" if self.hint else ""
        label = "" if self.is_error else f" {self.severity}:"
        return f"{where}:{label}{field} {self.message}{hint}"

    def as_github(self) -> str:
        """A GitHub Actions workflow command, so the error shows on the changed line of a PR."""
        text = str(self).split(": ", 1)[1] if ": " in str(self) else str(self)
        return (
            f"::{'error' if self.is_error else 'warning'} "
            f"file={_escape_property(self.file)},line={self.line},col={self.column},"
            f"title={_escape_property('gradient ' + self.rule)}::{_escape_data(text)}"
        )

    def as_dict(self) -> dict[str, object]:
        """Plain data for `--format json`."""
        return asdict(self)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_diagnostics(diagnostics: list[Diagnostic], fmt: str = "text") -> str:
    """Render diagnostics as plain text, GitHub annotations or JSON."""
    ordered = sorted(diagnostics)
    if fmt == "json":
        return json.dumps([d.as_dict() for d in ordered], indent=2, ensure_ascii=False)
    if fmt == "github":
        return "\n".join(d.as_github() for d in ordered)
    return "\n".join(str(d) for d in ordered)


class CatalogError(Exception):
    """Raised when a catalog cannot be published; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics)
        count = len(self.diagnostics)
        noun = "error" if count == 1 else "errors"
        super().__init__(f"catalog has {count} {noun}:\n" + format_diagnostics(self.diagnostics))
