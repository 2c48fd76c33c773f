"""A file's problems are bounded: the first `MAX_PER_FILE` listed, the rest counted in one more.

A 5 MB file can repeat one mistake a million times; kept, those problems cost 350 MB a file,
and a pull request of sixteen such files took 5.9 GB to validate.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

from generator.check import hints
from generator.check.checks import semantic_problems
from generator.check.validation import validate_document, validate_paths
from generator.load.loader import Loaded, load_text
from generator.problems import MAX_PER_FILE, TOO_MANY, Bounded, Problem, as_json

TODAY = dt.date(2025, 7, 1)
REPEATS = 3 * MAX_PER_FILE


def test_a_file_of_duplicate_keys_lists_the_first_and_counts_the_rest() -> None:
    doc = load_text("k: 1\n" * REPEATS, "disclosures/d.yaml")
    assert len(doc.problems) == MAX_PER_FILE + 1
    assert {p.code for p in doc.problems[:-1]} == {"duplicate-key"}
    last = doc.problems[-1]
    # The first not listed is the 1,001st duplicate, on line 1,002.
    assert (last.code, last.level, last.line, last.column) == (TOO_MANY, "error", MAX_PER_FILE + 2, 1)
    assert last.message.startswith(f"{REPEATS - 1 - MAX_PER_FILE:,} more problems in this file")


def test_why_a_file_is_not_read_is_listed_past_the_limit() -> None:
    doc = load_text("k: 1\n" * REPEATS + "j: [" * 50 + "]" * 50 + "\n", "disclosures/d.yaml")
    assert doc.data is None
    assert "too-deep" in {p.code for p in doc.problems}


def test_validation_keeps_a_bounded_number_of_problems_per_file(tmp_path: Path) -> None:
    folder = tmp_path / "disclosures"
    folder.mkdir()
    for i in range(4):
        (folder / f"d{i}.yaml").write_text("k: 1\n" * REPEATS, encoding="utf-8")
    result = validate_paths([folder], TODAY, workers=1)
    assert len(result.problems) == 4 * (MAX_PER_FILE + 1)
    assert not result.ok
    rows = json.loads(as_json(result.problems))
    assert sum(row["code"] == TOO_MANY for row in rows) == 4


def _many(doc: Loaded, today: dt.date) -> Iterator[Problem]:
    for i in range(REPEATS):
        yield doc.problem([], "hidden-character", f"problem {i}", level="warning")


def _then_an_error(doc: Loaded, today: dt.date) -> Iterator[Problem]:
    yield doc.problem([], "id-mismatch", "an error")


def test_semantic_checks_past_the_limit_are_counted_not_kept() -> None:
    doc = load_text("a: 1\n", "disclosures/d.yaml")
    warnings = semantic_problems(doc, TODAY, (_many,))
    assert len(warnings) == MAX_PER_FILE + 1
    assert (warnings[-1].level, warnings[-1].message.split()[0]) == ("warning", f"{REPEATS - MAX_PER_FILE:,}")
    # An error among those not listed keeps the file in error.
    assert semantic_problems(doc, TODAY, (_many, _then_an_error))[-1].level == "error"


def test_semantic_checks_count_on_from_the_problems_already_found() -> None:
    found = Bounded()
    found.extend(load_text("k: 1\n" * 11, "disclosures/d.yaml").problems)
    listed = semantic_problems(load_text("a: 1\n", "disclosures/d.yaml"), TODAY, (_many,), found=found)
    assert len(listed) == MAX_PER_FILE + 1
    assert listed[-1].message.startswith(f"{REPEATS + 10 - MAX_PER_FILE:,} more problems")


def test_a_file_of_countries_no_list_knows_is_checked_at_once(monkeypatch) -> None:
    """Each was looked for as a typo of one of 4,928 country names, 50 ms each: 1,000 such countries held
    validate for 50 s. The first few still get the country they are a typo of."""
    looked = []
    near = hints.near
    monkeypatch.setattr(hints, "near", lambda text: looked.append(text) or near(text))
    rows = "".join(f"  - {{id: s{i}, name: S{i}, country: Qzxland{i}, relationship: supplier}}\n" for i in range(300))
    text = ("schema_version: '1.0'\ncompany: {id: d, name: D}\ndisclosure: {period: {start: 2024-01-01, end: "
            "2024-12-31}, published: 2025-01-01}\nsuppliers:\n  - {id: p, name: P, country: Phillipines, "
            f"relationship: supplier}}\n{rows}")
    countries = [p for p in validate_document(load_text(text, "disclosures/d.yaml"), TODAY)
                 if p.code == "invalid-country"]
    assert len(countries) == 301 and "Write its code: 'PH'" in countries[0].message
    assert len(looked) < len(countries) // 10
