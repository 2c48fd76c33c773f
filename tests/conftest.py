"""Shared fixtures. Those prefixed `lv_` serve the loader and validator tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.check.validation import validate_document
from generator.load.forks import can_fork
from generator.load.loader import load_text
from generator.problems import Problem

LV_CASES = Path(__file__).parent / "cases"
# A fixed "today", so that stale and future-date checks do not drift with the calendar.
LV_TODAY = dt.date(2025, 7, 1)


@pytest.fixture
def lv_full_text() -> str:
    """A valid disclosure that uses every field of MODEL.md once."""
    return (LV_CASES / "valid" / "full-example.yaml").read_text(encoding="utf-8")


@pytest.fixture
def lv_check() -> Callable[..., list[Problem]]:
    """Load and validate text as disclosures/full-example.yaml; returns every problem."""

    def check(text: str, name: str = "full-example", today: dt.date = LV_TODAY) -> list[Problem]:
        return validate_document(load_text(text, f"disclosures/{name}.yaml"), today)

    return check


@pytest.fixture
def forking() -> None:
    """Skips a test of the build's forks where another test's thread keeps this process from forking
    (tests/forking.py runs it again in a new interpreter)."""
    if not can_fork():
        pytest.skip("this process runs other threads, so it does not fork")
