"""Dates: the build date a process reads."""

from __future__ import annotations

from datetime import date

import pytest

from generator.core.dates import build_date


def test_the_build_date_follows_source_date_epoch_each_time_it_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """A process that builds twice (a test run, the dev server) must not keep the first build's date."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1924992000")
    assert build_date() == date(2031, 1, 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_date() == date(2023, 11, 14)
