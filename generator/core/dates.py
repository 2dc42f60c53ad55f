"""Partial dates ("2019", "2019-02", "2019-02-14") as the catalog writes them."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to year, month or day precision; orders by its earliest possible day."""

    year: int
    month: int = 0
    day: int = 0

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse a schema-valid date string; raises ValueError for impossible dates like 2023-02-30."""
        parts = [int(p) for p in text.split("-")]
        date = cls(*parts)
        dt.date(date.year, date.month or 1, date.day or 1)  # raises ValueError when impossible
        return date

    @property
    def precision(self) -> str:
        """ "year", "month" or "day"."""
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        """The date as written in the catalog."""
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    def is_before(self, other: PartialDate) -> bool:
        """True only when self is certainly earlier, comparing at the coarser precision of the two."""
        width = min(_width(self), _width(other))
        return _key(self)[:width] < _key(other)[:width]

    def display(self) -> str:
        """Human form: "14 February 2019", "February 2019" or "2019"."""
        if self.day:
            return f"{self.day} {_MONTHS[self.month - 1]} {self.year}"
        if self.month:
            return f"{_MONTHS[self.month - 1]} {self.year}"
        return str(self.year)

    def as_date(self) -> dt.date:
        """The earliest day the partial date can mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def __str__(self) -> str:
        return self.iso()


_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _width(date: PartialDate) -> int:
    return {"year": 1, "month": 2, "day": 3}[date.precision]


def _key(date: PartialDate) -> tuple[int, int, int]:
    return (date.year, date.month, date.day)


REVIEW_AFTER_DAYS = 180
"""An entry not re-read for longer than this (counted to the data's date) is flagged as due for review."""


def build_date() -> dt.date:
    """The day the catalog is checked and built: SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    return _build_date(os.environ.get("SOURCE_DATE_EPOCH"))


@cache
def _build_date(epoch: str | None) -> dt.date:
    # Keyed by the variable, so a process that sets it (a build in a test, the dev server) never reads a
    # date cached under another value.
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def publication_date(commit_time: int | None) -> dt.date:
    """The date a built site states (citations, sitemap): SOURCE_DATE_EPOCH when set, else the time the data
    version was committed, so that two builds of one commit are identical on any day; today outside git.

    Sets SOURCE_DATE_EPOCH from the commit when unset, so that MkDocs' own dates (sitemap, page dates) agree.
    Deciding whether a catalog date lies in the future is `build_date`'s job, not this one's."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not epoch.isdigit() and commit_time is not None:
        epoch = str(commit_time)
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()
